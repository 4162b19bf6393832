//! The comparison's three runs on one time axis: a timeline per run, each with its event log.

use super::event_log::EventLogView;
use crate::ui::shared::timeline::Timeline;
use crate::web::compare::StageResult;
use yew::prelude::*;

/// What [`run_lanes`] draws.
pub struct RunLanesProps {
    /// One task after another on the main thread.
    pub sequential: Option<StageResult>,
    /// All tasks spawned on the event loop.
    pub concurrent: Option<StageResult>,
    /// Tasks spread over the workers.
    pub parallel: Option<StageResult>,
}

/// One run's timeline and log, on the shared axis ending at `axis` ms.
fn lanes(title: &'static str, r: &Option<StageResult>, axis: f64) -> Option<Html> {
    r.as_ref().map(|r| {
        html! {
            <figure class="run-lanes">
                <figcaption>{ format!("{title} — {:.0} ms", r.measured.wall_ms) }</figcaption>
                <Timeline log={r.log.clone()} upto_ms={r.log.events.iter().map(|e| e.t_ms).fold(0.0, f64::max)}
                    axis_end_ms={Some(axis)} label={AttrValue::from(format!("{title} timeline"))} />
                <details>
                    <summary>{ format!("Event log ({} events)", r.log.events.len()) }</summary>
                    <EventLogView log={r.log.clone()} />
                </details>
            </figure>
        }
    })
}

/// "The three runs on one time axis".
pub fn run_lanes(props: &RunLanesProps) -> Html {
    let axis = [&props.sequential, &props.concurrent, &props.parallel]
        .iter()
        .filter_map(|r| r.as_ref().map(|r| r.measured.wall_ms))
        .fold(0.0, f64::max);
    html! {
        <section class="card" aria-labelledby="timelines-h">
            <h2 id="timelines-h">{ "The three runs on one time axis" }</h2>
            // One timeline per run, all three on the same time axis (`axis`, ms).
            <div class="timeline-slot" data-slot="timeline">
                { for lanes("Sequential (main thread)", &props.sequential, axis) }
                { for lanes("Concurrent (event loop)", &props.concurrent, axis) }
                { for lanes("Parallel (workers)", &props.parallel, axis) }
                if props.sequential.is_none() { <p class="muted">{ "Run the comparison to see the timelines." }</p> }
            </div>
        </section>
    }
}
