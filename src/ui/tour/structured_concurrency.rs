//! Chapter 8's page: an orphaned task against a task group, a closing channel beside
//! chapter 5's consumer that never ends, and blocking work handed to a worker.

pub mod channel_demo;
pub mod channel_run;
pub mod to_thread_demo;
pub mod use_to_thread;

use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::preset_demo::PresetDemo;
use crate::ui::tour::structured_concurrency::channel_demo::ChannelDemo;
use crate::ui::tour::structured_concurrency::to_thread_demo::ToThreadDemo;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn StructuredConcurrencyPage() -> Html {
    let (seen, on_seen) = use_seen();
    html! {
        <LessonFrame slug={Slug::StructuredConcurrency} claims={super::chapter_claims::section(Slug::StructuredConcurrency)} seen={Some(seen)}>
            <h3 class="ch8-sub">{ "An orphan, then a group" }</h3>
            <div class="ch8-side">
                <PresetDemo preset="8_1-orphan" on_seen={on_seen.clone()} />
                <PresetDemo preset="8_2-group-waits" on_seen={on_seen.clone()} />
            </div>
            <h3 class="ch8-sub">{ "A consumer that never ends, and one that does" }</h3>
            <p>{ "Left, chapter 5's queue: the consumer loops on get() and never learns that nothing more is coming, so the run's end cancels it. Right, a channel of capacity 0 that the producer closes: the consumer's loop ends by itself, and Done! prints last." }</p>
            <div class="ch8-side">
                <PresetDemo preset="5_5-queue" on_seen={on_seen.clone()} />
                <ChannelDemo on_seen={on_seen.clone()} />
            </div>
            <ToThreadDemo on_seen={on_seen.clone()} />
        </LessonFrame>
    }
}
