//! Metrics of a run, in the spirit of tokio-console: numbers per run and per task.

use engine::lag::LagStats;
use engine::logview;
use engine::metrics::{Metrics, Outcome};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Rows of the per-task table listed at most (the rest are summarised).
pub const MAX_ROWS: usize = 100;
/// Height of one table row, px (the CSS gives `.task-table tbody tr.row` exactly this height).
const ROW_H: f64 = 26.0;
/// Height of the table's scrolling box, px (`.table-wrap`'s max-height, 18rem).
const VIEW_H: f64 = 288.0;

/// Props of [`MetricsPanel`].
#[derive(Properties, PartialEq)]
pub struct MetricsPanelProps {
    /// The run's metrics so far.
    pub metrics: Rc<Metrics>,
    /// Task names, by task id.
    pub names: Rc<Vec<String>>,
    /// Heartbeat lateness during the run, when measured.
    pub lag: Option<LagStats>,
    /// Sequential wall time over this run's (or, after a sequential run, the concurrent run's)
    /// wall time, when both ran this scenario.
    pub speedup: Option<f64>,
    /// What the speedup compares, when that needs saying (e.g. timed work against units).
    #[prop_or_default]
    pub speedup_note: Option<AttrValue>,
    /// The number of events recorded.
    pub events: usize,
}

fn ms(x: f64) -> String {
    format!("{x:.1} ms")
}

/// The run's numbers, then a per-task table.
#[component]
pub fn MetricsPanel(props: &MetricsPanelProps) -> Html {
    let t_body = crate::web::clock::now();
    let scroll = use_state(|| 0.0f64);
    let on_scroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            let el: Element = e.target_unchecked_into();
            scroll.set(f64::from(el.scroll_top()));
        })
    };
    let m = &props.metrics;
    let worst_lag = props.lag.map_or("—".to_string(), |l| ms(l.worst_ms));
    let speedup = props.speedup.map_or("run both modes to compare".to_string(), |s| format!("{s:.2}×"));
    let stat = |label: &str, value: String, hint: &str, id: &str| {
        html! {
            <div class="stat" title={hint.to_string()}>
                <dt>{ label.to_string() }</dt>
                <dd data-testid={id.to_string()} class={classes!(value.starts_with(char::is_alphabetic).then_some("na"))}>{ value }</dd>
            </div>
        }
    };
    let outcome = |o: Option<Outcome>| match o {
        Some(Outcome::Finished) => "finished",
        Some(Outcome::Failed) => "failed",
        Some(Outcome::Cancelled) => "cancelled",
        None => "running",
    };
    let n = m.tasks.len();
    // Only the rows in view are in the DOM: a live run rewrites every number at each update,
    // and a hundred rows of them cost the browser more layout than everything else on the page.
    let listed = n.min(MAX_ROWS);
    let win = logview::window(listed, ROW_H, *scroll, VIEW_H, 4);
    let out = html! {
        <div class="metrics">
            <p class="summary" data-testid="run-summary">
                { format!(
                    "Wall time {:.1} ms · CPU work summed over the tasks {:.1} ms · peak concurrency {} · {} events",
                    m.wall_ms, m.total_busy_ms(), m.peak_concurrency, props.events
                ) }
            </p>
            <dl class="stats">
                { stat("Wall time", ms(m.wall_ms), "from the first event to the last", "metric-wall") }
                { stat("Sum of work", ms(m.total_busy_ms()), "time tasks held the thread, summed", "metric-work") }
                { stat("Ready but waiting", ms(m.total_scheduled_ms()), "time tasks could have run but the thread was busy, summed", "metric-scheduled") }
                { stat("Peak concurrency", m.peak_concurrency.to_string(), "most tasks in flight at once", "metric-peak") }
                { stat("Worst event-loop lag", worst_lag, "how late a 10 ms heartbeat timer fired at worst", "metric-lag") }
                { stat("Speedup vs sequential", speedup, "sequential wall time ÷ this run's wall time, same scenario", "metric-speedup") }
            </dl>
            if let Some(note) = props.speedup_note.clone() {
                <p class="muted small speedup-note" data-testid="speedup-note">{ note }</p>
            }
            <div class="table-wrap" tabindex="0" role="region" aria-label="Per-task metrics, scrollable" onscroll={on_scroll}>
                <table class="task-table" aria-label="Per-task metrics">
                    <thead><tr>
                        <th scope="col">{ "Task" }</th>
                        <th scope="col" title="times the executor polled the task">{ "Polls" }</th>
                        <th scope="col" title="holding the thread">{ "Busy" }</th>
                        <th scope="col" title="awaiting a timer">{ "Idle" }</th>
                        <th scope="col" title="ready, but another task held the thread">{ "Scheduled" }</th>
                        <th scope="col">{ "Total" }</th>
                        <th scope="col">{ "State" }</th>
                    </tr></thead>
                    <tbody>
                        if win.pad_top > 0.0 {
                            <tr class="spacer" aria-hidden="true" style={format!("height:{}px", win.pad_top)}></tr>
                        }
                        { for m.tasks.iter().enumerate().take(win.end).skip(win.first).map(|(i, t)| html! {
                            <tr class="row" key={i}>
                                <th scope="row"><span class={classes!("swatch", format!("task-{}", i % 8))}></span>
                                    { props.names.get(i).cloned().unwrap_or_default() }</th>
                                <td>{ t.polls }</td>
                                <td>{ ms(t.busy_ms) }</td>
                                <td>{ ms(t.idle_ms) }</td>
                                <td class={classes!((t.scheduled_ms >= 1.0).then_some("hot"))}>{ ms(t.scheduled_ms) }</td>
                                <td>{ ms(t.total_ms) }</td>
                                <td>{ outcome(t.outcome) }</td>
                            </tr>
                        }) }
                        if win.pad_bottom > 0.0 {
                            <tr class="spacer" aria-hidden="true" style={format!("height:{}px", win.pad_bottom)}></tr>
                        }
                    </tbody>
                </table>
            </div>
            if n > MAX_ROWS {
                <p class="muted">{ format!("Showing the first {MAX_ROWS} of {n} tasks; the totals above count all of them.") }</p>
            }
        </div>
    };
    crate::web::frame::measure("metrics:body", t_body);
    out
}
