//! The comparison's three runs on one time axis: a timeline per run, each with its event log.

use super::event_log::EventLogView;
use super::use_comparison::Results;
use crate::ui::shared::timeline::Timeline;
use crate::web::compare::StageResult;
use yew::prelude::*;

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
pub fn run_lanes(results: &Results) -> Html {
    let axis = [&results.sequential, &results.concurrent, &results.parallel]
        .iter()
        .filter_map(|r| r.as_ref().map(|r| r.measured.wall_ms))
        .fold(0.0, f64::max);
    html! {
        <section class="card" aria-labelledby="timelines-h">
            <h2 id="timelines-h">{ "The three runs on one time axis" }</h2>
            // One timeline per run, all three on the same time axis (`axis`, ms).
            <div class="timeline-slot" data-slot="timeline">
                { for lanes("Sequential (main thread)", &results.sequential, axis) }
                { for lanes("Concurrent (event loop)", &results.concurrent, axis) }
                { for lanes("Parallel (workers)", &results.parallel, axis) }
                if results.sequential.is_none() { <p class="muted">{ "Run the comparison to see the timelines." }</p> }
            </div>
        </section>
    }
}
