//! The tour page of the tutorial's chapter: its lesson text, code pair, demos and claims.

use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::preset_demo::PresetDemo;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn StructuredConcurrencyPage() -> Html {
    let (seen, on_seen) = use_seen();

    html! {
        <LessonFrame slug={Slug::StructuredConcurrency} seen={Some(seen)}>
            <PresetDemo preset="8_2-group-waits" on_seen={on_seen.clone()} />
        </LessonFrame>
    }
}
