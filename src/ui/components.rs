//! Reusable pieces of the pages, one component per file.

pub mod code_view;
pub mod event_log;
pub mod live_log;
pub mod metrics_panel;
pub mod progress_bar;
pub mod scenario_editor;
pub mod task_editor;
pub mod timeline;
pub mod worker_check;
