//! Chapter 4 (synchronisation): the race a lock prevents, a semaphore whose permits the reader
//! chooses, a barrier's phases, an event, and a condition (our own example).

pub mod barrier_demo;
pub mod semaphore_demo;

use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::preset_demo::PresetDemo;
use crate::ui::tour::synchronisation::barrier_demo::BarrierDemo;
use crate::ui::tour::synchronisation::semaphore_demo::SemaphoreDemo;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn SynchronisationPage() -> Html {
    let (seen, on_seen) = use_seen();

    html! {
        <LessonFrame slug={Slug::Synchronisation} claims={super::chapter_claims::section(Slug::Synchronisation)} seen={Some(seen)}>
            <div class="ch4-demos">
                <PresetDemo preset="4_1-race" on_seen={on_seen.clone()} />
                <PresetDemo preset="4_2-locked" on_seen={on_seen.clone()} />
                <SemaphoreDemo on_seen={on_seen.clone()} />
                <BarrierDemo on_seen={on_seen.clone()} />
                <PresetDemo preset="4_5-event" on_seen={on_seen.clone()} />
                <PresetDemo preset={engine::chapters::ch4::CONDITION} on_seen={on_seen.clone()} />
            </div>
        </LessonFrame>
    }
}
