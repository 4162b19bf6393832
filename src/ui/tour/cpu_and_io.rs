//! The tour page of the tutorial's chapter: its lesson text, code pair, demos and claims.

use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn CpuAndIoPage() -> Html {
    let (seen, on_seen) = use_seen();
    let _ = &on_seen;
    html! {
        <LessonFrame slug={Slug::CpuAndIo} seen={Some(seen)}>
            <p class="muted">{ "The demo for this chapter is being built." }</p>
        </LessonFrame>
    }
}
