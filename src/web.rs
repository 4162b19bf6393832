//! Browser glue: the clock, the event-loop runner, Web Workers. Thin: it records, it decides
//! nothing (the engine does).

pub mod busy;
pub mod clock;
pub mod coroutine;
pub mod event_loop_probe;
pub mod lag;
pub mod runner;
pub mod worker_client;
pub mod worker_main;
