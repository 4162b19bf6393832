//! Chapter 6's tour page: task groups in brief, eager task start measured (the executor turns it
//! saves, counted, and the time), and a queue's shutdown run as presets.

pub mod eager_demo;
pub mod use_eager_runs;

use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::newer_asyncio::eager_demo::EagerDemo;
use crate::ui::tour::preset_demo::PresetDemo;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn NewerAsyncioPage() -> Html {
    let (seen, on_seen) = use_seen();

    html! {
        <LessonFrame slug={Slug::NewerAsyncio} claims={super::chapter_claims::section(Slug::NewerAsyncio)} demo_title="Eager start, and a queue that shuts down" seen={Some(seen)}>
            <p>{ "The first demo creates the tasks for real on this page's event loop, both ways, and counts every turn the executor spends on them: a turn is one poll of a task the executor was handed. Polling a task inline where it is created is not a turn." }</p>
            <EagerDemo on_seen={on_seen.clone()} />
            <PresetDemo preset="6_4-shutdown" on_seen={on_seen.clone()} />
            <PresetDemo preset="6_4-getters" on_seen={on_seen} />
        </LessonFrame>
    }
}
