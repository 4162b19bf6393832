//! The run's timeline, metrics and log. Each follows a live run through its own feed
//! ([`LiveView`]): a live update renders these views, one per animation frame, and not the page
//! around them.

use super::live_view::LiveView;
use super::run_view::{shown, LiveFeeds, RunView};
use crate::ui::shared::resource_lanes::ResourceLanes;
use crate::ui::shared::resource_metrics::ResourceMetrics;
use crate::ui::shared::{live_log::LiveLog, metrics_panel::MetricsPanel, timeline::Timeline};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`RunViews`].
#[derive(Properties, PartialEq)]
pub struct RunViewsProps {
    /// The run as each view shows it.
    pub feeds: LiveFeeds,
    /// Whether the run is (was) on the worker pool.
    pub parallel: bool,
    /// Sequential wall time over this run's, when both ran this scenario.
    pub speedup: Option<f64>,
    /// What the speedup compares, when that needs saying.
    pub speedup_note: Option<AttrValue>,
}

/// Timeline, metrics and log of the current (or last) run.
#[component]
pub fn RunViews(props: &RunViewsProps) -> Html {
    // Made once (or when what they close over changes), so a view's props stay equal and the
    // view renders only for its own feed.
    let timeline = use_callback((), |v: Rc<RunView>, _| {
        let (log, axis_end, tracker) = shown(&v);
        html! {
            <>
                <Timeline log={log.clone()} upto_ms={v.now_ms} axis_end_ms={axis_end} run={v.run} tracker={tracker} label="Timeline of the run" />
                <ResourceLanes log={log} upto_ms={v.now_ms} axis_end_ms={axis_end} />
            </>
        }
    });
    let metrics = use_callback(
        (props.speedup, props.speedup_note.clone()),
        |v: Rc<RunView>, (speedup, note)| {
            let log = shown(&v).0;
            let events = log.len();
            html! {
                <>
                    <MetricsPanel metrics={v.metrics.clone()} names={v.names.clone()} lag={v.lag} speedup={*speedup}
                        speedup_note={note.clone()} events={events} />
                    // Only runs with resources or task structure read the log for these (a big classic
                    // run's updates stay as cheap as they are).
                    if v.scenario.as_ref().is_some_and(|s| s.uses_sync()) {
                        <ResourceMetrics log={log} upto_ms={v.now_ms} />
                    }
                </>
            }
        },
    );
    let log = use_callback((), |v: Rc<RunView>, _| html! { <LiveLog log={shown(&v).0} run={v.run} /> });
    let feeds = &props.feeds;
    html! {
        <>
            <section class="card" aria-labelledby="timeline-h">
                <h2 id="timeline-h">{ "3 · Timeline" }</h2>
                <p class="muted small">{ if props.parallel {
                    "Each lane is a task; the lanes on top show which task holds each worker's thread. Hover over a bar, or tap it on a touch screen, for details."
                } else {
                    "Each lane is a task; the top lane shows which task holds the main thread. Hover over a bar, or tap it on a touch screen, for details."
                } }</p>
                <LiveView feed={feeds.timeline.clone()} render={timeline} />
            </section>

            <div class="two-col">
                <section class="card" aria-labelledby="metrics-h">
                    <h2 id="metrics-h">{ "4 · Metrics" }</h2>
                    <LiveView feed={feeds.numbers.clone()} render={metrics} />
                </section>
                <section class="card" aria-labelledby="log-h">
                    <h2 id="log-h">{ "5 · Live log" }</h2>
                    <LiveView feed={feeds.log.clone()} render={log} />
                </section>
            </div>
        </>
    }
}
