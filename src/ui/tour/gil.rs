//! Page 4: the GIL, as a real lock in shared memory over real workers.

pub mod gil_demo;

use crate::ui::tour::gil::gil_demo::GilDemo;
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The GIL lesson with its demo.
#[component]
pub fn GilPage() -> Html {
    let (seen, on_seen) = use_seen();
    html! {
        <LessonFrame slug="gil" demo_title="One lock, many cores" seen={Some(seen)}>
            <p>{ "Each worker is a real thread on its own core. Before each slice of CPU work it takes one global lock in shared memory (Atomics.wait / Atomics.notify) and hands it over after the switch interval; a wait releases it. That is how CPython's GIL schedules threads." }</p>
            <GilDemo on_seen={on_seen} />
        </LessonFrame>
    }
}
