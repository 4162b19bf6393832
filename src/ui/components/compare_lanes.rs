//! A compact per-lane bar view of one run: one row per lane (the event loop, or each worker),
//! a bar wherever a task held that lane's thread, all runs drawn on the same time axis.
//! A stand-in until the shared timeline component is wired in (see the slot in the page).

use engine::metrics::{segments, SegmentKind};
use engine::{EventLog, Lane};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`CompareLanes`].
#[derive(Properties, PartialEq)]
pub struct CompareLanesProps {
    /// The run's log.
    pub log: Rc<EventLog>,
    /// The time axis' length, ms (the longest of the runs compared, so bars line up).
    pub axis_ms: f64,
    /// What the run was, for the accessible name ("Sequential", …).
    pub title: AttrValue,
}

const ROW: f64 = 18.0;
const LABEL: f64 = 80.0;
// Wide enough that the labels stay small when the drawing is stretched to the card's width.
const WIDTH: f64 = 1000.0;

/// Draws which task held each lane, and when.
#[component]
pub fn CompareLanes(props: &CompareLanesProps) -> Html {
    let log = &props.log;
    let end = log.events.iter().map(|e| e.t_ms).fold(0.0, f64::max);
    let segs = segments(log, end);
    let mut lanes: Vec<Lane> = segs.iter().map(|s| s.lane).collect();
    lanes.sort();
    lanes.dedup();
    if lanes.is_empty() {
        lanes.push(Lane::EventLoop);
    }
    let axis = props.axis_ms.max(end).max(1.0);
    let x = |t: f64| LABEL + (t / axis) * (WIDTH - LABEL);
    let height = ROW * lanes.len() as f64 + 16.0;
    let row_of = |l: Lane| lanes.iter().position(|x| *x == l).unwrap_or(0) as f64;
    html! {
        <svg class="compare-lanes" viewBox={format!("0 0 {WIDTH} {height}")} role="img"
             aria-label={format!("{}: which task held each lane over {:.0} ms", props.title, end)}>
            { for lanes.iter().enumerate().map(|(i, l)| html! {
                <text x="0" y={format!("{}", i as f64 * ROW + 13.0)} class="lane-label">{ l.to_string() }</text>
            }) }
            { for segs.iter().filter(|s| s.kind != SegmentKind::ReadyWaiting).map(|s| {
                let y = row_of(s.lane) * ROW + if s.kind == SegmentKind::Running { 2.0 } else { 8.0 };
                let h = if s.kind == SegmentKind::Running { ROW - 4.0 } else { 2.0 };
                let w = (x(s.end_ms) - x(s.start_ms)).max(0.5);
                html! {
                    <rect x={format!("{:.2}", x(s.start_ms))} y={format!("{y}")} width={format!("{w:.2}")} height={format!("{h}")}
                          class={classes!("lane-bar", format!("t{}", s.task.0 % 8), (s.kind == SegmentKind::Awaiting).then_some("awaiting"))}>
                        <title>{ format!("{} {} {:.1}–{:.1} ms", log.name(s.task), if s.kind == SegmentKind::Running { "runs" } else { "awaits" }, s.start_ms, s.end_ms) }</title>
                    </rect>
                }
            }) }
            <line x1={format!("{LABEL}")} x2={format!("{WIDTH}")} y1={format!("{}", height - 14.0)} y2={format!("{}", height - 14.0)} class="axis" />
            <text x={format!("{LABEL}")} y={format!("{}", height - 2.0)} class="tick">{ "0 ms" }</text>
            <text x={format!("{WIDTH}")} y={format!("{}", height - 2.0)} class="tick end">{ format!("{axis:.0} ms") }</text>
        </svg>
    }
}
