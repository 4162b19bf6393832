//! Async Playground: see asynchronous programming happen in your browser.
//!
//! Layers (see `ARCHITECTURE.md` at the repository root, which also maps the ui's feature folders
//! and the path of a run): the plain-Rust `engine` crate decides and measures; [`web`] turns real
//! browser happenings (timers, workers, the clock) into engine events; [`ui`] renders.

pub mod ui;
pub mod web;
