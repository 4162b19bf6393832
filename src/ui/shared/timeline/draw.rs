//! The timeline's SVG drawing: its geometry, the time axis, the lanes of who holds each thread,
//! and the task rows.

use engine::metrics::SegmentKind;
use engine::timeline::{tick_label, Bar, Scale};
use engine::{Lane, TaskId};
use std::fmt::Write;
use yew::prelude::*;

/// Height of one lane, px.
pub const ROW_H: f64 = 18.0;
/// Width of the label column, px.
pub const LABEL_W: f64 = 120.0;
/// Height of the time axis, px.
pub const AXIS_H: f64 = 22.0;
/// Task rows visible before the list scrolls.
pub const VISIBLE_ROWS: usize = 14;
/// Exact segments in view above which task rows draw them as paths (see [`rects`]).
pub const MAX_EXACT_RECTS: usize = 150;

fn kind_class(k: SegmentKind) -> &'static str {
    match k {
        SegmentKind::Running => "k-run",
        SegmentKind::Awaiting => "k-await",
        SegmentKind::ReadyWaiting => "k-ready",
    }
}

/// A thread lane's label.
pub fn lane_label(l: Lane) -> String {
    match l {
        Lane::EventLoop => "main thread".to_string(),
        Lane::Worker(k) => format!("worker {}", k + 1),
    }
}

fn short(name: &str) -> String {
    if name.chars().count() > 15 {
        format!("{}…", name.chars().take(14).collect::<String>())
    } else {
        name.to_string()
    }
}

/// Draws a lane's bars: each exact segment as its own rect (hoverable, countable), or with
/// `exact_as_paths` as one path per state and colour, and the pooled pixel columns as one path
/// per colour, so a lane costs a handful of DOM nodes however many tiny segments a big run
/// pools into it.
fn rects(bs: &[Bar], y: f64, task_colour: bool, exact_as_paths: bool) -> Html {
    let (top, h) = (y + 3.0, ROW_H - 6.0);
    let class_of = |b: &Bar, agg: bool| {
        let kind = if task_colour { "k-run" } else { kind_class(b.kind) };
        classes!("seg", kind, format!("task-{}", b.task.0 % 8), agg.then_some("agg"))
    };
    // Paths by (pooled, kind, task colour) → class and path data.
    let mut paths: Vec<((bool, &'static str, u32), Classes, String)> = Vec::new();
    let mut exact: Vec<Html> = Vec::new();
    for b in bs {
        let agg = b.count > 1;
        if agg || exact_as_paths {
            let key = (agg, if task_colour { "k-run" } else { kind_class(b.kind) }, b.task.0 % 8);
            let i = match paths.iter().position(|(k, _, _)| *k == key) {
                Some(i) => i,
                None => {
                    paths.push((key, class_of(b, agg), String::new()));
                    paths.len() - 1
                }
            };
            let w = b.w.max(0.5);
            let _ = write!(paths[i].2, "M{:.2} {top:.1}h{w:.2}v{h:.1}h-{w:.2}z", LABEL_W + b.x);
        } else {
            exact.push(html! {
                <rect class={class_of(b, false)} x={format!("{:.2}", LABEL_W + b.x)} y={format!("{top:.1}")}
                    width={format!("{:.2}", b.w.max(0.5))} height={format!("{h:.1}")} />
            });
        }
    }
    html! {
        <>
            { for exact }
            { for paths.into_iter().map(|(_, class, d)| html! { <path class={class} d={d} /> }) }
        </>
    }
}

/// The task rows in view: each task's label and bars. Past [`MAX_EXACT_RECTS`] exact segments
/// in view (a big run), each row's exact segments are drawn as one path per state instead of
/// one rect each: the same pixels, a tenth of the DOM nodes for a live update to diff, patch
/// and lay out.
pub fn task_rows(row_bars: &[(usize, Vec<Bar>)], name: impl Fn(TaskId) -> String) -> Html {
    let exact_in_view = row_bars.iter().flat_map(|(_, bs)| bs).filter(|b| b.count == 1).count();
    let exact_as_paths = exact_in_view > MAX_EXACT_RECTS;
    html! {
        { for row_bars.iter().map(|(i, bs)| {
            let y = *i as f64 * ROW_H;
            html! {
                <g class="row">
                    <text class="lane-label" x="4" y={format!("{:.1}", y + ROW_H - 5.0)}>{ short(&name(TaskId(*i as u32))) }</text>
                    { rects(bs, y, false, exact_as_paths) }
                </g>
            }
        }) }
    }
}

/// The time axis's ticks, their lines reaching down to `top_h`.
pub fn axis(ticks: &[f64], scale: &Scale, top_h: f64, plot_w: f64) -> Html {
    html! {
        { for ticks.iter().map(|&tk| {
            let x = LABEL_W + scale.x(tk);
            html! {
                <g class="tick">
                    <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={AXIS_H.to_string()} y2={top_h.to_string()} />
                    <text x={format!("{x:.1}")} y="14"
                        text-anchor={if x > LABEL_W + plot_w - 24.0 { "end" } else { "middle" }}>{ tick_label(tk) }</text>
                </g>
            }
        }) }
    }
}

/// The lanes of who holds each thread, under the axis.
pub fn holder_rows(lanes: &[Lane], holder_bars: &[Vec<Bar>], plot_w: f64) -> Html {
    html! {
        { for lanes.iter().zip(holder_bars).enumerate().map(|(k, (lane, bs))| {
            let y = AXIS_H + k as f64 * ROW_H;
            html! {
                <g class="row holder">
                    <text class="lane-label strong" x="4" y={format!("{:.1}", y + ROW_H - 5.0)}>{ lane_label(*lane) }</text>
                    <rect class="lane-bg" x={LABEL_W.to_string()} y={format!("{:.1}", y + 2.0)} width={format!("{plot_w:.1}")} height={(ROW_H - 4.0).to_string()} />
                    { rects(bs, y, true, false) }
                </g>
            }
        }) }
    }
}

/// The grid's vertical lines behind the task rows.
pub fn grid(ticks: &[f64], scale: &Scale) -> Html {
    html! {
        { for ticks.iter().map(|&tk| {
            let x = LABEL_W + scale.x(tk);
            html! { <line class="grid" x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1="0" y2="100%" /> }
        }) }
    }
}
