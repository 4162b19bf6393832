//! Page 4: the GIL, as a real lock in shared memory over real workers.

pub mod gil_demo;
pub mod use_gil_runs;

use crate::ui::tour::gil::gil_demo::GilDemo;
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The GIL lesson with its demo.
#[component]
pub fn GilPage() -> Html {
    let (seen, on_seen) = use_seen();
    html! {
        <LessonFrame slug={Slug::Gil} demo_title="One lock, many cores" seen={Some(seen)}>
            <p>{ "Each worker is a real thread on its own core. Before each slice of CPU work it takes one global lock in shared memory (Atomics.wait / Atomics.notify) and hands it over after the switch interval; a wait releases it. That is how CPython's GIL schedules threads. Only workers may block in Atomics.wait: on the page's own thread Chromium and Firefox both refuse it with an error, so only the workers take this lock." }</p>
            <GilDemo on_seen={on_seen} />
        </LessonFrame>
    }
}
