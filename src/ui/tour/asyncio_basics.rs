//! Chapter 2 (asyncio basics): a future never polled runs nothing, tasks started together
//! overlap, a task group waits for its longest task, and a timeout cancels what it wraps.

pub mod unawaited_demo;

use crate::ui::tour::asyncio_basics::unawaited_demo::UnawaitedDemo;
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::preset_demo::PresetDemo;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn AsyncioBasicsPage() -> Html {
    let (seen, on_seen) = use_seen();

    html! {
        <LessonFrame slug={Slug::AsyncioBasics} claims={super::chapter_claims::section(Slug::AsyncioBasics)} seen={Some(seen)}>
            <div class="ch2-demos">
                <UnawaitedDemo on_seen={on_seen.clone()} />
                <PresetDemo preset={engine::chapters::ch2::TWO_TASKS} on_seen={on_seen.clone()} />
                <PresetDemo preset="2_7-task-group" on_seen={on_seen.clone()} />
                <PresetDemo preset="2_8-timeout" on_seen={on_seen.clone()} />
            </div>
        </LessonFrame>
    }
}
