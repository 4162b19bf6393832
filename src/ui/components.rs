//! Reusable pieces of the pages, one component per file.

pub mod coroutine_source;
pub mod event_log;
pub mod event_loop_queues;
pub mod event_loop_snippet;
pub mod lag_meter;
pub mod lesson_animation;
pub mod lesson_code_pair;
pub mod lesson_frame;
pub mod lesson_seen;
pub mod worker_check;
