//! The chapter-1 tour: the tour map, the frame every lesson page shares, and one folder per
//! lesson holding its page, its demo components and their hooks.

pub mod concurrency_parallelism;
pub mod coroutines;
pub mod event_loops;
pub mod gil;
pub mod home;
pub mod lesson;
pub mod lesson_code_pair;
pub mod lesson_frame;
pub mod lesson_seen;
pub mod lessons;
pub mod nonblocking;
pub mod thread_vs_process;
pub mod use_seen;
