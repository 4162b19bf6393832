//! Chapter 9's tour page: a broker in the page, consumers with Web Workers, and the tutorial's
//! delay, countdown, retry and periodic examples run and measured.

pub mod broker_demo;
pub mod use_broker_runs;

use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::task_queues::broker_demo::BrokerDemo;
use crate::ui::tour::use_seen::use_seen;
use yew::prelude::*;

/// The chapter's page.
#[component]
pub fn TaskQueuesPage() -> Html {
    let (seen, on_seen) = use_seen();
    html! {
        <LessonFrame slug={Slug::TaskQueues} claims={super::chapter_claims::section(Slug::TaskQueues)} demo_title="A broker and its workers" seen={Some(seen)}>
            <p>{ "Celery and APScheduler need a broker (Redis, RabbitMQ) or a long-running process, which a browser tab does not have. So the broker here is a small one written for this page: a queue of jobs with their earliest start times, retry policies and states, handed out to workers as they ask. Its rules are plain Rust in the engine, tested on their own; the page drives it with real timers." }</p>
            <BrokerDemo on_seen={on_seen} />
        </LessonFrame>
    }
}
