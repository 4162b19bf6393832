//! Widgets and hooks that two or more features use, one per file.

pub mod claims_table;
pub mod code_view;
pub mod lab;
pub mod live_log;
pub mod metrics_panel;
pub mod resource_lanes;
pub mod resource_metrics;
pub mod run_session;
pub mod timeline;
pub mod transfer_panel;
pub mod use_feed;
pub mod use_log_tracker;
