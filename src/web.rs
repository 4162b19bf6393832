//! Browser glue: the clock, the event-loop runner, Web Workers. Thin: it records, it decides
//! nothing (the engine does).

pub mod busy;
pub mod clock;
pub mod compare;
pub mod lag_meter;
pub mod pool;
pub mod runner;
pub mod shared_memory;
pub mod transfer;
pub mod worker_client;
pub mod worker_main;
