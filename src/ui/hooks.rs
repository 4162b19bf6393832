//! Custom hooks, one per file.

pub mod use_feed;
pub mod use_seen;
