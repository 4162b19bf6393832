//! One lane per resource, drawn under the task lanes: who holds a lock or semaphore (one row per
//! holder at once, coloured by task), how many tasks wait for it, and its level over time —
//! items in a queue, an event's set and clear, a counter's value, arrivals at a barrier — with
//! ticks at each put, get, write, set or pass. The numbers come from
//! [`engine::resource_lanes::LanesTracker`], fed only the events the log added since the last
//! render; a lane with many holds, or a step function with many steps, is drawn pooled per pixel,
//! so a render draws a few thousand path commands at most however long the run.

use super::use_log_tracker::use_log_tracker;
use crate::web::log_view::LogView;
use engine::resource_lanes::{LanesTracker, Level, ResourceLane};
use engine::sync::{Op, ResourceKind};
use engine::timeline::{tick_label, Scale};
use std::fmt::Write;
use web_sys::Element;
use yew::prelude::*;

/// Width of the label column, px (the timeline's, so the time axes line up).
const LABEL_W: f64 = 120.0;
/// Height of one row of a lane, px.
const ROW_H: f64 = 14.0;
/// Gap between lanes, px.
const GAP: f64 = 8.0;
/// Most hold rows drawn per lane (a bigger semaphore's further holders share the last row).
const MAX_HOLD_ROWS: u32 = 6;
/// Spans up to which each one is its own element with a tooltip (above: one path per colour).
const MAX_EXACT: usize = 150;
/// Above `MAX_EXACT`, holds narrower than this (px) are pooled with their neighbours in the row.
const POOL_BELOW_PX: f64 = 2.0;

/// Props of [`ResourceLanes`].
#[derive(Properties, PartialEq)]
pub struct ResourceLanesProps {
    /// The run's events (complete, or growing during a live run).
    pub log: LogView,
    /// Draw open holds and waits up to this time, ms since the run started.
    pub upto_ms: f64,
    /// End of the time axis (the timeline's); default: `upto_ms`.
    #[prop_or_default]
    pub axis_end_ms: Option<f64>,
}

fn kind_text(k: ResourceKind) -> String {
    match k {
        ResourceKind::Semaphore { permits } => format!("semaphore({permits})"),
        ResourceKind::Barrier { parties } => format!("barrier({parties})"),
        ResourceKind::Queue { capacity } => format!("queue({capacity})"),
        other => other.noun().to_string(),
    }
}

fn short(name: &str) -> String {
    if name.chars().count() > 14 {
        format!("{}…", name.chars().take(13).collect::<String>())
    } else {
        name.to_string()
    }
}

/// A step function (time, value) as a filled path from the baseline `y0` up to `h` at `max`.
/// Steps closer than a pixel are pooled: the pixel column is drawn at the highest value reached
/// in it (a peak never disappears), then at the last; so the path has at most a few commands per
/// column however many steps (a 10,000-task run's waiting count has about 20,000).
fn step_path(points: &[(f64, i64)], scale: &Scale, upto: f64, y0: f64, h: f64, max: i64) -> String {
    let mut d = String::new();
    if points.is_empty() || max <= 0 {
        return d;
    }
    let x = |t: f64| LABEL_W + scale.x(t);
    let y = |v: i64| y0 - h * (v.max(0) as f64 / max as f64);
    let _ = write!(d, "M{:.1},{y0:.1}", x(points[0].0));
    let mut i = 0;
    while i < points.len() {
        let (t, v) = points[i];
        let col = x(t).floor();
        let (mut j, mut hi) = (i, v);
        while j + 1 < points.len() && x(points[j + 1].0).floor() == col {
            j += 1;
            hi = hi.max(points[j].1);
        }
        if j == i {
            let _ = write!(d, "H{:.1}V{:.1}", x(t), y(v));
        } else {
            let _ = write!(d, "H{:.1}V{:.1}H{:.1}V{:.1}", x(t), y(hi), col + 1.0, y(points[j].1));
        }
        i = j + 1;
    }
    let _ = write!(d, "H{:.1}V{y0:.1}Z", x(upto.max(points[points.len() - 1].0)));
    d
}

/// A rectangle's subpath.
fn rect_path(d: &mut String, x0: f64, y: f64, w: f64) {
    let _ = write!(d, "M{x0:.1},{y:.1}h{w:.1}v{:.1}h{:.1}Z", ROW_H - 2.0, -w);
}

fn op_word(op: Op) -> &'static str {
    match op {
        Op::Put => "put",
        Op::Get => "get",
        Op::Write => "write",
        Op::Read => "read",
        Op::Set => "set",
        Op::Clear => "clear",
        Op::Wait => "pass",
        Op::Shutdown => "shutdown",
        _ => "",
    }
}

/// Draws one lane at `y`; returns its height and its SVG.
fn lane(l: &ResourceLane, names: &[String], scale: &Scale, upto: f64, y: f64) -> (f64, Html) {
    let name =
        |t: engine::TaskId| names.get(t.0 as usize).cloned().unwrap_or_else(|| format!("#{}", t.0 + 1));
    let holders = l.level_kind == Level::Holders;
    let hold_rows = if holders { l.hold_rows.clamp(1, MAX_HOLD_ROWS) } else { 0 };
    let level_rows = if holders { 0.0 } else { 1.0 };
    let top = y + 14.0;
    let waits_y = top + (f64::from(hold_rows) + level_rows) * ROW_H;
    let height = 14.0 + (f64::from(hold_rows) + level_rows + 1.0) * ROW_H;
    let x = |t: f64| LABEL_W + scale.x(t);
    let label = format!("{} · {}", short(&l.name), kind_text(l.kind));
    let peak = format!("{}: {}", l.level_kind.peak_label(), l.peak());
    let holds = if l.holds.len() <= MAX_EXACT {
        html! { <>{ for l.holds.iter().map(|h| {
            let row = h.row.min(hold_rows.saturating_sub(1));
            let (x0, x1) = (x(h.start_ms), x(h.end_ms.min(upto).max(h.start_ms)));
            html! {
                <rect class={classes!("hold", format!("task-{}", h.task.0 % 8), h.open.then_some("open"))}
                    x={format!("{x0:.1}")} y={format!("{:.1}", top + f64::from(row) * ROW_H + 1.0)}
                    width={format!("{:.1}", (x1 - x0).max(1.0))} height={format!("{:.1}", ROW_H - 2.0)}>
                    <title>{ format!("{} holds {} from {} to {}{}", name(h.task), l.name, tick_label(h.start_ms),
                        tick_label(h.end_ms.min(upto)), if h.open { " (still held)" } else { "" }) }</title>
                </rect>
            }
        }) }</> }
    } else {
        // One path per task colour for the holds at least `POOL_BELOW_PX` wide, and one for the
        // narrower ones, pooled with their neighbours into a run per row: a handful of elements
        // and at most a few subpaths per pixel of a row, however many holds.
        let mut paths = vec![String::new(); 9];
        let mut runs: Vec<Option<(f64, f64)>> = vec![None; hold_rows as usize];
        let row_y = |row: u32| top + f64::from(row) * ROW_H + 1.0;
        for h in &l.holds {
            let row = h.row.min(hold_rows.saturating_sub(1));
            let (x0, x1) = (x(h.start_ms), x(h.end_ms.min(upto).max(h.start_ms)));
            if x1 - x0 >= POOL_BELOW_PX {
                rect_path(&mut paths[(h.task.0 % 8) as usize], x0, row_y(row), x1 - x0);
                continue;
            }
            let x1 = x1.max(x0 + 1.0);
            match &mut runs[row as usize] {
                Some(run) if x0 <= run.1 + 1.0 => run.1 = run.1.max(x1),
                run => {
                    if let Some((a, b)) = run.replace((x0, x1)) {
                        rect_path(&mut paths[8], a, row_y(row), b - a);
                    }
                }
            }
        }
        for (row, run) in runs.into_iter().enumerate() {
            if let Some((a, b)) = run {
                rect_path(&mut paths[8], a, row_y(row as u32), b - a);
            }
        }
        html! { <>{ for paths.into_iter().enumerate().filter(|(_, d)| !d.is_empty()).map(|(k, d)| html! {
            <path class={classes!("hold", if k < 8 { format!("task-{k}") } else { "pooled".to_string() })} d={d} />
        }) }</> }
    };
    let level = (!holders).then(|| {
        let y0 = top + ROW_H - 1.0;
        let max = match l.level_kind {
            Level::Set => 1,
            Level::Value => l.level_max(),
            _ => l.max_level,
        };
        let marks = l.marks.len() <= MAX_EXACT * 4;
        html! {
            <>
                <path class={classes!("level", format!("level-{}", l.kind.noun()))} d={step_path(&l.level, scale, upto, y0, ROW_H - 3.0, max)} />
                if marks {
                    { for l.marks.iter().map(|m| {
                        let mx = x(m.t_ms);
                        let value = m.value.map(|v| format!(" {v}")).unwrap_or_default();
                        html! {
                            <line class={classes!("mark", op_word(m.op))} x1={format!("{mx:.1}")} x2={format!("{mx:.1}")}
                                y1={format!("{:.1}", top)} y2={format!("{:.1}", top + ROW_H)}>
                                <title>{ format!("{} {}{value} at {}", name(m.task), op_word(m.op), tick_label(m.t_ms)) }</title>
                            </line>
                        }
                    }) }
                }
            </>
        }
    });
    let max_waiting = l.peak_waiting();
    let waiting = step_path(&l.waiting, scale, upto, waits_y + ROW_H - 1.0, ROW_H - 3.0, max_waiting);
    let out = html! {
        <g class={classes!("resource-lane", l.kind.noun())} data-testid="resource-lane" data-name={l.name.clone()}
            aria-label={l.summary()} role="group">
            <text class="res-name" x="4" y={format!("{:.1}", y + 11.0)}>{ label }{ " — " }
                <tspan class="res-peak" data-testid="resource-peak">{ peak }</tspan></text>
            if holders {
                <text class="res-row" x="4" y={format!("{:.1}", top + 10.0)}>{ "held by" }</text>
                <rect class="res-bg" x={format!("{LABEL_W:.1}")} y={format!("{top:.1}")}
                    width={format!("{:.1}", scale.x(upto).max(0.0))} height={format!("{:.1}", f64::from(hold_rows) * ROW_H)} />
                { holds }
            } else {
                <text class="res-row" x="4" y={format!("{:.1}", top + 10.0)}>{ match l.level_kind {
                    Level::Depth => "items",
                    Level::Set => "set",
                    Level::Value => "value",
                    _ => "arrived",
                } }</text>
                { level.unwrap_or_default() }
            }
            <text class="res-row" x="4" y={format!("{:.1}", waits_y + 10.0)}>{ format!("waiting (≤ {max_waiting})") }</text>
            <path class="waiting" d={waiting} />
        </g>
    };
    (height, out)
}

/// The resources' lanes of one run (nothing for a run without resources).
#[component]
pub fn ResourceLanes(props: &ResourceLanesProps) -> Html {
    let width = use_state(|| 800.0f64);
    let figure = use_node_ref();
    {
        let (figure, width) = (figure.clone(), width.clone());
        use_effect(move || {
            if let Some(el) = figure.cast::<Element>() {
                let w = f64::from(el.client_width());
                if w > 0.0 && (w - *width).abs() >= 1.0 {
                    width.set(w);
                }
            }
        });
    }
    let t_lanes = crate::web::clock::now();
    let tracker = use_log_tracker::<LanesTracker>(&props.log);
    let log = props.log.read();
    if log.resources.is_empty() {
        return html! {};
    }
    let upto = props.upto_ms.max(0.0);
    let end = props.axis_end_ms.unwrap_or(upto).max(upto).max(1.0);
    let scale = Scale::new(0.0, end, (*width - LABEL_W - 8.0).max(100.0));
    let mut tracker = tracker.borrow_mut();
    let lanes = tracker.lanes(upto);
    let mut y = 0.0;
    let drawn: Vec<Html> = lanes
        .iter()
        .map(|l| {
            let (h, html) = lane(l, &log.task_names, &scale, upto, y);
            y += h + GAP;
            html
        })
        .collect();
    // The lanes' cost per live update, new events read and lanes drawn (User Timing, read by the
    // benchmarks).
    crate::web::frame::measure("lanes:compute", t_lanes);
    html! {
        <figure class="resource-lanes" data-testid="resource-lanes" ref={figure}
            aria-label="Resources over time: who holds each, who waits, and its level">
            <svg width="100%" height={format!("{:.0}", y.max(ROW_H))} role="img"
                aria-label={lanes.iter().map(ResourceLane::summary).collect::<Vec<_>>().join(". ")}>
                { for drawn }
            </svg>
            <ul class="sr-only">
                { for lanes.iter().map(|l| html! { <li>{ l.summary() }</li> }) }
            </ul>
        </figure>
    }
}
