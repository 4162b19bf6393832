//! Reusable pieces of the pages, one component per file.

pub mod compare_lanes;
pub mod compare_results;
pub mod event_log;
pub mod pool_settings;
pub mod speedup_chart;
pub mod transfer_panel;
pub mod worker_check;
