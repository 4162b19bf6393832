//! Reusable pieces of the pages, one component per file.

pub mod code_view;
pub mod compare_results;
pub mod coroutine_source;
pub mod event_log;
pub mod event_loop_queues;
pub mod event_loop_snippet;
pub mod lag_meter;
pub mod lesson_animation;
pub mod lesson_code_pair;
pub mod lesson_frame;
pub mod lesson_seen;
pub mod live_log;
pub mod metrics_panel;
pub mod pool_settings;
pub mod progress_bar;
pub mod scenario_editor;
pub mod speedup_chart;
pub mod task_editor;
pub mod timeline;
pub mod tour_gil;
pub mod tour_overwrite;
pub mod tour_race;
pub mod tour_three_ways;
pub mod transfer_panel;
pub mod worker_check;
