//! The app's routes: every page is linkable.

use crate::ui::tour::lessons::Slug;
use yew_router::prelude::*;

/// One variant per page.
#[derive(Clone, Debug, Routable, PartialEq)]
pub enum Route {
    /// The tour map.
    #[at("/")]
    Home,
    /// The event-loop playground: edit tasks, run them, watch them interleave.
    #[at("/playground")]
    Playground,
    /// Sequential vs concurrent vs parallel on real Web Workers, side by side.
    #[at("/compare")]
    Compare,
    /// The tutorial's asyncio examples run in CPython (Pyodide) beside the Rust.
    #[at("/python")]
    Python,
    /// Why a task is stuck: a live wait-for graph, deadlock detection, step and rewind.
    #[at("/stuck")]
    Stuck,
    /// Every claim of the tutorial beside what this browser measured.
    #[at("/claims")]
    Claims,
    /// One page of the tour: `/learn/nonblocking`, `/learn/event-loops`, …
    #[at("/learn/:slug")]
    Learn {
        /// Which lesson (an unknown slug matches no route and shows the not-found page).
        slug: Slug,
    },
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}
