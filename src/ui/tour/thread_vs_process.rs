//! Page 2: thread vs process. A Web Worker is process-like — its own memory, copied messages —
//! unless memory is shared through a `SharedArrayBuffer`, which makes it thread-like, races
//! included.

pub mod overwrite;
pub mod race;

use crate::ui::shared::transfer_panel::TransferPanel;
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::thread_vs_process::overwrite::OverwriteDemo;
use crate::ui::tour::thread_vs_process::race::RaceDemo;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The thread-vs-process lesson with its three demos.
#[component]
pub fn ThreadVsProcessPage() -> Html {
    let (seen, on_seen) = use_seen();
    html! {
        <LessonFrame slug="thread-vs-process" demo_title="Own memory, or shared memory?" seen={Some(seen)}>
            <OverwriteDemo on_seen={on_seen.clone()} />
            <TransferPanel />
            <RaceDemo on_seen={on_seen} />
        </LessonFrame>
    }
}
