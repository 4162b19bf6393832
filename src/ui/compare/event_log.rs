//! The raw event log: one line per event.

use engine::EventLog;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`EventLogView`].
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// The log to show.
    pub log: Rc<EventLog>,
}

/// Shows every event of a run as `time  task  what happened`.
#[component]
pub fn EventLogView(props: &EventLogProps) -> Html {
    let log = &props.log;
    if log.events.is_empty() {
        return html! { <p class="muted">{ "No events yet: press Run." }</p> };
    }
    html! {
        <ol class="event-log" aria-label="Event log">
            { for log.events.iter().map(|e| html! {
                <li class={classes!("ev", format!("task-{}", e.task.0 % 8))}>{ log.line(e) }</li>
            }) }
        </ol>
    }
}
