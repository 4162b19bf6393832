//! Chapter 7's page: servers, synchronous workers against one event loop, measured on real Web
//! Workers with the "2–4 workers per core" rule of thumb put to the test.

pub mod server_demo;
pub mod use_server_runs;

use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::servers::server_demo::ServerDemo;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn ServersPage() -> Html {
    let (seen, on_seen) = use_seen();
    html! {
        <LessonFrame slug={Slug::Servers} claims={super::chapter_claims::section(Slug::Servers)} demo_title="A burst of slow requests, two kinds of server" seen={Some(seen)}>
            <p>{ "Each request does a little CPU work and then waits for its I/O. A blocking worker is a real Web Worker whose thread sleeps in Atomics.wait for the I/O, so it serves one request at a time, taking the next from a queue in shared memory. The event loop is one worker that starts every request at once and awaits each one's I/O as a timer, so the waits overlap. The same requests go to the event loop and to 1, cores, 2 × cores and 4 × cores blocking workers, round after round." }</p>
            <ServerDemo on_seen={on_seen} />
        </LessonFrame>
    }
}
