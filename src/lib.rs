//! Async Playground: see asynchronous programming happen in your browser.
//!
//! Layers (see `ARCHITECTURE.md`): the plain-Rust `engine` crate decides and measures; [`web`]
//! turns real browser happenings (timers, workers, the clock) into engine events; [`ui`] renders.

pub mod ui;
pub mod web;
