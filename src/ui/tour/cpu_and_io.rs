//! Chapter 3's page: CPU-bound and I/O-bound work. Three demos: simulated requests gathered or
//! awaited in turn on the page's event loop; CPU-bound jobs on a pool of workers; and the cost
//! of starting a fresh worker against a warm one (the browser's fork against spawn).

pub mod fork_spawn_demo;
pub mod number_field;
pub mod pool_demo;
pub mod requests_demo;
pub mod use_fork_spawn;
pub mod use_pool_runs;
pub mod use_requests;

use crate::ui::tour::cpu_and_io::fork_spawn_demo::ForkSpawnDemo;
use crate::ui::tour::cpu_and_io::pool_demo::PoolDemo;
use crate::ui::tour::cpu_and_io::requests_demo::RequestsDemo;
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn CpuAndIoPage() -> Html {
    let (seen, on_seen) = use_seen();
    html! {
        <LessonFrame slug={Slug::CpuAndIo} claims={super::chapter_claims::section(Slug::CpuAndIo)} demo_title="Waiting, computing, starting" seen={Some(seen)}>
            <RequestsDemo on_seen={on_seen.clone()} />
            <PoolDemo on_seen={on_seen.clone()} />
            <ForkSpawnDemo on_seen={on_seen} />
        </LessonFrame>
    }
}
