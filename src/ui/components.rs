//! Reusable pieces of the pages, one component per file.

pub mod event_log;
pub mod worker_check;
