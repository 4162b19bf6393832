//! Page 4: the GIL, as a real lock in shared memory over real workers.

use crate::ui::components::lesson_frame::LessonFrame;
use crate::ui::components::lesson_seen::Seen;
use crate::ui::components::tour_gil::GilDemo;
use crate::ui::pages::lessons::thread_vs_process::upsert;
use yew::prelude::*;

/// The GIL lesson with its demo.
#[component]
pub fn GilPage() -> Html {
    let seen = use_state(Vec::<Seen>::new);
    let on_seen = {
        let seen = seen.clone();
        Callback::from(move |fact: Seen| seen.set(upsert(&seen, fact)))
    };
    html! {
        <LessonFrame slug="gil" demo_title="One lock, many cores" seen={Some((*seen).clone())}>
            <p>{ "Each worker is a real thread on its own core. Before each slice of CPU work it takes one global lock in shared memory (Atomics.wait / Atomics.notify) and hands it over after the switch interval; a wait releases it. That is how CPython's GIL schedules threads." }</p>
            <GilDemo on_seen={on_seen} />
        </LessonFrame>
    }
}
