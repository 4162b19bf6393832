//! The tour (chapter 1's six pages, then a page for each of chapters 2–9): the tour map, the
//! frame every lesson page shares, and one folder per lesson holding its page, its demo
//! components and their hooks.

pub mod advanced_asyncio;
pub mod asyncio_basics;
pub mod chapter_claims;
pub mod concurrency_parallelism;
pub mod coroutines;
pub mod cpu_and_io;
pub mod demo_code;
pub mod event_loops;
pub mod gil;
pub mod home;
pub mod lesson_frame;
pub mod lesson_seen;
pub mod lessons;
pub mod newer_asyncio;
pub mod nonblocking;
pub mod preset_demo;
pub mod run_bar;
pub mod servers;
pub mod structured_concurrency;
pub mod synchronisation;
pub mod task_queues;
pub mod thread_vs_process;
pub mod use_seen;
