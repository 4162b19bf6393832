//! Page 2: thread vs process. A Web Worker is process-like — its own memory, copied messages —
//! unless memory is shared through a `SharedArrayBuffer`, which makes it thread-like, races
//! included.

use crate::ui::components::lesson_frame::LessonFrame;
use crate::ui::components::lesson_seen::Seen;
use crate::ui::components::tour_overwrite::OverwriteDemo;
use crate::ui::components::tour_race::RaceDemo;
use crate::ui::components::transfer_panel::TransferPanel;
use yew::prelude::*;

/// Keeps the latest fact per label, in the order first seen.
pub fn upsert(seen: &[Seen], fact: Seen) -> Vec<Seen> {
    let mut all = seen.to_vec();
    match all.iter_mut().find(|s| s.label == fact.label) {
        Some(s) => *s = fact,
        None => all.push(fact),
    }
    all
}

/// The thread-vs-process lesson with its three demos.
#[component]
pub fn ThreadVsProcessPage() -> Html {
    let seen = use_state(Vec::<Seen>::new);
    let on_seen = {
        let seen = seen.clone();
        Callback::from(move |fact: Seen| seen.set(upsert(&seen, fact)))
    };
    html! {
        <LessonFrame slug="thread-vs-process" demo_title="Own memory, or shared memory?" seen={Some((*seen).clone())}>
            <OverwriteDemo on_seen={on_seen.clone()} />
            <TransferPanel />
            <RaceDemo on_seen={on_seen} />
        </LessonFrame>
    }
}
