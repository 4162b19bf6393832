//! The plain-Rust core of Async Playground.
//!
//! Everything here is deterministic and runs natively under `cargo test`: no clock, no browser.
//! Times are milliseconds passed in by the caller (the web layer reads `performance.now()`).
//! The crate must never depend on yew, web-sys, js-sys, gloo or wasm-bindgen.

pub mod calibration;
pub mod chapters;
pub mod claims;
pub mod codegen;
pub mod codegen_shared;
pub mod codegen_sync;
pub mod deadlock_presets;
pub mod event;
pub mod event_loop_asyncio;
pub mod event_loop_model;
pub mod export;
pub mod fields;
pub mod inspect;
pub mod lag;
pub mod logview;
pub mod measure;
pub mod metrics;
pub mod model;
pub mod pacing;
pub mod parallel;
pub mod permalink;
pub mod pool;
pub mod presets;
pub mod protocol;
pub mod python;
pub mod python_examples;
pub mod python_session;
pub mod replay;
pub mod resource_lanes;
pub mod run_mode;
pub mod saved;
pub mod scenario;
pub mod shared_sync;
pub mod sort;
pub mod sync;
pub mod sync_presets;
pub mod timeline;
pub mod tour;
pub mod waitfor;
pub mod words;
pub mod work;

pub use event::{Event, EventKind, EventLog, Lane, TaskId};
pub use metrics::{Metrics, Segment, SegmentKind, TaskMetrics};
pub use run_mode::RunMode;
pub use scenario::{DraftEdit, Scenario, ScenarioDraft, Step, StepDraft, StepKindDraft, TaskDraft, TaskSpec};
