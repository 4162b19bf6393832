//! Chapter 5's page: failures, the loop's exception handler, cancellation, done callbacks, a
//! queue and a bare future, each run for real on the page's event loop.

pub mod runs;
pub mod snippets;
pub mod tasks;
pub mod trace_demo;

use crate::ui::tour::advanced_asyncio::trace_demo::TraceDemo;
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::preset_demo::PresetDemo;
use crate::ui::tour::use_seen::use_seen;
use engine::chapters::ch5::Demo;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn AdvancedAsyncioPage() -> Html {
    let (seen, on_seen) = use_seen();
    let demo = |d: Demo| html! { <TraceDemo demo={d} on_seen={on_seen.clone()} /> };
    html! {
        <LessonFrame slug={Slug::AdvancedAsyncio} claims={super::chapter_claims::section(Slug::AdvancedAsyncio)} seen={Some(seen)}>
            <p>{ "Each demo runs on this page's own event loop (the browser's), with a small asyncio written in Rust: tasks that keep their status, done callbacks, cancellation by dropping, and an exception handler. The times in each log are measured as it runs." }</p>
            { demo(Demo::Failure) }
            { demo(Demo::Handler) }
            { demo(Demo::Cancel) }
            { demo(Demo::Callbacks) }
            <PresetDemo preset="5_5-queue" on_seen={on_seen.clone()} />
            { demo(Demo::Future) }
        </LessonFrame>
    }
}
