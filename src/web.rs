//! Browser glue: the clock, the event-loop runner, Web Workers. Thin: it records, it decides
//! nothing (the engine does).

pub mod bundle;
pub mod busy;
pub mod claims;
pub mod clock;
pub mod compare;
pub mod coroutine;
pub mod download;
pub mod env;
pub mod event_loop_probe;
pub mod frame;
pub mod heartbeat;
pub mod lab;
pub mod lag;
pub mod log_view;
pub mod panic_banner;
pub mod pool;
pub mod python;
pub mod runner;
pub mod share;
pub mod shared_memory;
pub mod shared_sync;
pub mod storage;
pub mod sync;
pub mod sync_bench;
pub mod transfer;
pub mod watch;
pub mod worker_client;
pub mod worker_main;
