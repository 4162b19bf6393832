//! Browser glue: the clock, the event-loop runner, Web Workers. Thin: it records, it decides
//! nothing (the engine does).

pub mod busy;
pub mod clock;
pub mod frame;
pub mod heartbeat;
pub mod runner;
pub mod storage;
pub mod worker_client;
pub mod worker_main;
