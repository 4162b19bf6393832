//! Metrics per resource — operations, how many had to wait, total and worst wait, wake-ups, and
//! the peak its lane reached (most holders at once, most items queued, a counter's final value) —
//! and the tasks that failed or were cancelled, with the message or cause. Counted by trackers
//! fed only the events the log added since the last render ([`engine::metrics::ResourceTally`],
//! and [`engine::resource_lanes::LanesTracker`] for the peaks).

use super::use_log_tracker::use_log_tracker;
use crate::web::log_view::LogView;
use engine::metrics::{Ending, ResourceTally};
use engine::resource_lanes::LanesTracker;
use engine::sync::Cause;
use yew::prelude::*;

/// Props of [`ResourceMetrics`].
#[derive(Properties, PartialEq)]
pub struct ResourceMetricsProps {
    /// The run's events (complete, or growing during a live run).
    pub log: LogView,
    /// Milliseconds since the run started, as of the log.
    pub upto_ms: f64,
}

/// Tasks listed at most among the failed and cancelled.
const MAX_ENDINGS: usize = 20;

fn ms(x: f64) -> String {
    format!("{x:.1} ms")
}

/// The resources' table and the tasks' endings (nothing for a run without either).
#[component]
pub fn ResourceMetrics(props: &ResourceMetricsProps) -> Html {
    let t_compute = crate::web::clock::now();
    let tracker = use_log_tracker::<(LanesTracker, ResourceTally)>(&props.log);
    let mut tracker = tracker.borrow_mut();
    let (lanes, tally) = &mut *tracker;
    let lanes = lanes.lanes(props.upto_ms);
    let metrics = tally.resources();
    let ended: Vec<(usize, &Ending)> = tally
        .endings()
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.as_ref().map(|e| (i, e)))
        // Stop's cancellations are in the per-task table already.
        .filter(|(_, e)| !matches!(e, Ending::Cancelled { cause: None, .. }))
        .collect();
    // Their cost per live update (User Timing, read by the benchmarks).
    crate::web::frame::measure("resource-metrics:compute", t_compute);
    let log = props.log.read();
    if log.resources.is_empty() && ended.is_empty() {
        return html! {};
    }
    let name = |i: usize| log.task_names.get(i).cloned().unwrap_or_else(|| format!("#{}", i + 1));
    let ending = |e: &Ending| match e {
        Ending::Failed(msg) => format!("failed: {msg}"),
        Ending::Cancelled { cause, step } => {
            let at = step.map(|s| format!(" at step {}", s + 1)).unwrap_or_default();
            let why = match cause {
                Some(Cause::Task(t)) => format!(" by {}", name(t.0 as usize)),
                Some(Cause::GroupFailure(t)) => {
                    format!(" because {} failed in its group", name(t.0 as usize))
                }
                Some(Cause::RunEnd) => " when the run ended".to_string(),
                Some(Cause::Timeout { .. }) => " by a timeout".to_string(),
                None => " by Stop".to_string(),
            };
            format!("cancelled{why}{at}")
        }
    };
    html! {
        <div class="resource-metrics" data-testid="resource-metrics">
            if !log.resources.is_empty() {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Per-resource metrics, scrollable">
                    <table class="task-table resource-table" aria-label="Per-resource metrics">
                        <thead><tr>
                            <th scope="col">{ "Resource" }</th>
                            <th scope="col" title="acquisitions, passes, items put or got, reads and writes">{ "Operations" }</th>
                            <th scope="col" title="operations that had to wait first">{ "Waited" }</th>
                            <th scope="col" title="time tasks spent waiting for it: in all, and the longest single wait">{ "Wait, total / worst" }</th>
                            <th scope="col">{ "Peak" }</th>
                            <th scope="col" title="waiters another task's release, set, put, get or arrival let go">{ "Wake-ups" }</th>
                        </tr></thead>
                        <tbody>
                            { for lanes.iter().zip(metrics).map(|(l, m)| html! {
                                <tr class="row" data-name={l.name.clone()}>
                                    <th scope="row">{ format!("{} ({})", l.name, l.kind.noun()) }</th>
                                    <td>{ m.acquisitions }</td>
                                    <td>{ format!("{} ({:.0}%)", m.contended, 100.0 * m.contention()) }</td>
                                    <td>{ format!("{} / {}", ms(m.total_wait_ms), ms(m.worst_wait_ms)) }</td>
                                    <td data-testid="resource-peak-cell">{ format!("{}: {}", l.level_kind.peak_label(), l.peak()) }</td>
                                    <td>{ m.wakeups }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if !ended.is_empty() {
                <ul class="endings" data-testid="task-endings" aria-label="Tasks that failed or were cancelled">
                    { for ended.iter().take(MAX_ENDINGS).map(|(i, e)| html! {
                        <li class={classes!(matches!(e, Ending::Failed(_)).then_some("failed"))}>
                            <strong>{ name(*i) }</strong>{ " " }{ ending(e) }
                        </li>
                    }) }
                    if ended.len() > MAX_ENDINGS { <li>{ format!("… and {} more", ended.len() - MAX_ENDINGS) }</li> }
                </ul>
            }
        </div>
    }
}
