//! The timeline: one SVG swimlane per task (running / awaiting / ready-but-waiting), a lane per
//! thread showing which task holds it, a time axis, hover details and zoom. Reusable: the
//! comparison page stacks several, sharing one time axis through `axis_end_ms`.
//!
//! It keeps an incremental [`Tracker`] so a growing log costs only its new events per frame,
//! draws only the task rows scrolled into view, and pools segments narrower than a pixel, so a
//! run of 10,000 tasks draws as fast as one of ten.

use crate::web::log_view::LogView;
use engine::logview;
use engine::metrics::{Segment, SegmentKind};
use engine::timeline::{bars, segment_at, tick_label, ticks, Bar, BarCache, Scale, Tracker};
use engine::{Lane, TaskId};
use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Height of one lane, px.
const ROW_H: f64 = 18.0;
/// Width of the label column, px.
const LABEL_W: f64 = 120.0;
/// Height of the time axis, px.
const AXIS_H: f64 = 22.0;
/// Task rows visible before the list scrolls.
const VISIBLE_ROWS: usize = 14;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The run's events (complete, or growing during a live run); an `Rc<EventLog>` will do.
    pub log: LogView,
    /// Draw open states up to this time (ms since the run started): "now" for a live run.
    pub upto_ms: f64,
    /// End of the time axis, shared by stacked timelines; default: `upto_ms`.
    #[prop_or_default]
    pub axis_end_ms: Option<f64>,
    /// Changes when a new run starts, so the timeline starts over even if the log looks alike.
    #[prop_or_default]
    pub run: u64,
    /// A tracker of this log that its owner feeds (so a live page feeds one tracker a little
    /// every frame, and the timeline does not feed its own all at once when it renders). It
    /// must be fed at least up to the events of `log`. Default: the timeline keeps its own.
    #[prop_or_default]
    pub tracker: Option<SharedTracker>,
    /// Accessible name of the figure.
    #[prop_or(AttrValue::Static("Timeline"))]
    pub label: AttrValue,
}

/// A [`Tracker`] shared by its owner with a [`Timeline`]; compares by identity.
#[derive(Clone, Debug, Default)]
pub struct SharedTracker(pub Rc<RefCell<Tracker>>);

impl PartialEq for SharedTracker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn kind_class(k: SegmentKind) -> &'static str {
    match k {
        SegmentKind::Running => "k-run",
        SegmentKind::Awaiting => "k-await",
        SegmentKind::ReadyWaiting => "k-ready",
    }
}

/// What a state means, on the page's event loop or (`on_workers`) on a pool's workers. On a
/// worker a task holds its worker from start to end, so "ready but waiting" there is not
/// another task holding the thread: it is the hand-off from the page to the worker that took
/// the task, or a timer of the worker's that fired late.
fn kind_text(k: SegmentKind, on_workers: bool) -> &'static str {
    match (k, on_workers) {
        (SegmentKind::Running, false) => "running (holds the thread)",
        (SegmentKind::Running, true) => "running on its worker",
        (SegmentKind::Awaiting, false) => "awaiting a timer",
        (SegmentKind::Awaiting, true) => "awaiting a timer (its worker waits with it)",
        (SegmentKind::ReadyWaiting, false) => "ready but waiting for the thread",
        (SegmentKind::ReadyWaiting, true) => {
            "ready but not yet running on its worker (the hand-off to the worker, or a late timer)"
        }
    }
}

/// The legend's line for each state; see [`kind_text`].
fn legend_text(k: SegmentKind, on_workers: bool) -> &'static str {
    match (k, on_workers) {
        (SegmentKind::ReadyWaiting, false) => "ready but waiting: another task holds the thread",
        (SegmentKind::ReadyWaiting, true) => {
            "ready but waiting: taken by a worker, not yet running on it (a task still queued for a free worker has no bar until one takes it)"
        }
        _ => kind_text(k, on_workers),
    }
}

fn lane_label(l: Lane) -> String {
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

/// Exact segments in view above which task rows draw them as paths (see [`rects`]).
const MAX_EXACT_RECTS: usize = 150;

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

/// Task rows the text table lists before it says how many it left out.
const TABLE_TASKS: usize = 100;
/// Segments listed per task in the text table.
const TABLE_SEGMENTS: usize = 24;

fn kind_word(k: SegmentKind) -> &'static str {
    match k {
        SegmentKind::Running => "running",
        SegmentKind::Awaiting => "awaiting",
        SegmentKind::ReadyWaiting => "ready, waiting",
    }
}

/// The timeline in words, for screen readers and for anyone who prefers numbers to colours:
/// per task, the time in each state and its segments in order.
fn text_table(tr: &Tracker, log: &engine::EventLog, upto: f64) -> Html {
    let n = tr.n_tasks();
    let rows = (0..n.min(TABLE_TASKS)).map(|i| {
        let segs = tr.task_segments(TaskId(i as u32), upto);
        let total = |k: SegmentKind| segs.iter().filter(|s| s.kind == k).map(Segment::len_ms).sum::<f64>();
        let mut list: Vec<String> = segs
            .iter()
            .take(TABLE_SEGMENTS)
            .map(|s| format!("{} {:.1}–{:.1} ms", kind_word(s.kind), s.start_ms, s.end_ms))
            .collect();
        if segs.len() > TABLE_SEGMENTS {
            list.push(format!("and {} more", segs.len() - TABLE_SEGMENTS));
        }
        html! {
            <tr>
                <th scope="row">{ log.name(TaskId(i as u32)) }</th>
                <td>{ format!("{:.1}", total(SegmentKind::Running)) }</td>
                <td>{ format!("{:.1}", total(SegmentKind::Awaiting)) }</td>
                <td>{ format!("{:.1}", total(SegmentKind::ReadyWaiting)) }</td>
                <td class="tl-segs">{ list.join("; ") }</td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Timeline as a table, scrollable">
            <table class="task-table" aria-label="Timeline as a table">
                <thead><tr>
                    <th scope="col">{ "Task" }</th><th scope="col">{ "Running (ms)" }</th>
                    <th scope="col">{ "Awaiting (ms)" }</th><th scope="col">{ "Ready, waiting (ms)" }</th>
                    <th scope="col">{ "Segments in order" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if n > TABLE_TASKS {
                <p class="muted small">{ format!("The first {TABLE_TASKS} of {n} tasks.") }</p>
            }
        </div>
    }
}

/// A mouse position inside the SVG `svg`, in plot pixels. (Yew delegates events to the body,
/// so the event's `current_target` is not the SVG: measure against the node itself.)
fn local(e: &MouseEvent, svg: &NodeRef) -> Option<(f64, f64)> {
    let el: Element = svg.cast()?;
    let r = el.get_bounding_client_rect();
    Some((f64::from(e.client_x()) - r.left() - LABEL_W, f64::from(e.client_y()) - r.top()))
}

/// The timeline of one run.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let t_body = crate::web::clock::now();
    let log = props.log.read();
    // The run's tracker (the owner's, or our own fed here), and per lane the pooled "who holds
    // it" bars kept between renders while the tracker stays the same.
    let own = use_mut_ref(|| (u64::MAX, SharedTracker::default()));
    let caches = use_mut_ref(|| (SharedTracker::default(), Vec::<(Lane, BarCache)>::new()));
    // The last event fed: if the new log does not carry it at the same place, it is another log.
    let last_fed = use_mut_ref(|| None::<engine::Event>);
    let tracker = match &props.tracker {
        Some(t) => t.0.clone(),
        None => {
            let mut own = own.borrow_mut();
            let mut last = last_fed.borrow_mut();
            let (n, events) = (log.task_names.len(), log.events());
            let fed = own.1 .0.borrow().consumed();
            let same_log = fed == 0 || (events.len() >= fed && events.get(fed - 1) == last.as_ref());
            if own.0 != props.run || own.1 .0.borrow().n_tasks() != n || !same_log {
                *own = (props.run, SharedTracker(Rc::new(RefCell::new(Tracker::new(n)))));
            }
            own.1 .0.borrow_mut().feed(events);
            *last = events.last().cloned();
            own.1 .0.clone()
        }
    };
    {
        let mut c = caches.borrow_mut();
        if !Rc::ptr_eq(&c.0 .0, &tracker) {
            *c = (SharedTracker(tracker.clone()), Vec::new());
        }
    }
    let width = use_state(|| 800.0f64);
    let zoom = use_state(|| None::<(f64, f64)>);
    let drag = use_state(|| None::<(f64, f64)>);
    let hover = use_state(|| None::<(f64, f64, String)>);
    let scroll = use_state(|| 0.0f64);
    // The text table is built only while its <details> is open: a live run redraws every frame.
    let table_open = use_state(|| false);
    let figure = use_node_ref();
    let top_svg = use_node_ref();
    let rows_svg = use_node_ref();
    {
        // Measure the drawing width after every render; set it only when it changed.
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
    // Zooming resets when a new run starts.
    {
        let zoom = zoom.clone();
        use_effect_with(props.run, move |_| zoom.set(None));
    }

    let t = tracker.borrow();
    let tr = &*t;
    let upto = props.upto_ms.max(0.0);
    let end = props.axis_end_ms.unwrap_or(upto).max(upto).max(1.0);
    let (t0, t1) = zoom.unwrap_or((0.0, end));
    let plot_w = (*width - LABEL_W - 8.0).max(100.0);
    let scale = Scale::new(t0, t1, plot_w);
    let n = tr.n_tasks();
    let mut lanes = tr.lanes();
    if lanes.is_empty() {
        lanes.push(Lane::EventLoop);
    }
    // Closed holder segments are borrowed, not copied, and pooled once: a big run has hundreds
    // of thousands, and a frame only pools the ones new since the last (while the scale stays).
    let mut caches = caches.borrow_mut();
    let caches = &mut caches.1;
    let holder_bars: Vec<Vec<Bar>> = lanes
        .iter()
        .map(|l| {
            let i = match caches.iter().position(|(cl, _)| cl == l) {
                Some(i) => i,
                None => {
                    caches.push((*l, BarCache::new()));
                    caches.len() - 1
                }
            };
            let mut b = caches[i].1.bars(tr.closed_holders(*l), &scale, 1.0);
            if let Some(open) = tr.open_holder(*l, upto) {
                b.extend(bars(&[open], &scale, 1.0));
            }
            b
        })
        .collect();
    let top_h = AXIS_H + lanes.len() as f64 * ROW_H + 6.0;

    let win = logview::window(n, ROW_H, *scroll, VISIBLE_ROWS as f64 * ROW_H, 4);
    let rows_h = n as f64 * ROW_H;
    let row_bars: Vec<(usize, Vec<Bar>)> = (win.first..win.end)
        .map(|i| (i, bars(&tr.task_segments(TaskId(i as u32), upto), &scale, 1.0)))
        .collect();
    // Past MAX_EXACT_RECTS exact segments in view (a big run), each row's exact segments are
    // drawn as one path per state instead of one rect each: the same pixels, a tenth of the DOM nodes
    // for a live update to diff, patch and lay out.
    let exact_in_view = row_bars.iter().flat_map(|(_, bs)| bs).filter(|b| b.count == 1).count();
    let exact_as_paths = exact_in_view > MAX_EXACT_RECTS;
    let task_rows: Html = html! {
        { for row_bars.iter().map(|(i, bs)| {
            let y = *i as f64 * ROW_H;
            html! {
                <g class="row">
                    <text class="lane-label" x="4" y={format!("{:.1}", y + ROW_H - 5.0)}>{ short(&log.name(TaskId(*i as u32))) }</text>
                    { rects(bs, y, false, exact_as_paths) }
                </g>
            }
        }) }
    };

    let tick_list = ticks(t0, t1, ((plot_w / 110.0).floor() as usize).clamp(2, 12));
    let axis: Html = html! {
        { for tick_list.iter().map(|&tk| {
            let x = LABEL_W + scale.x(tk);
            html! {
                <g class="tick">
                    <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={AXIS_H.to_string()} y2={top_h.to_string()} />
                    <text x={format!("{x:.1}")} y="14"
                        text-anchor={if x > LABEL_W + plot_w - 24.0 { "end" } else { "middle" }}>{ tick_label(tk) }</text>
                </g>
            }
        }) }
    };
    let holder_rows: Html = html! {
        { for lanes.iter().zip(&holder_bars).enumerate().map(|(k, (lane, bs))| {
            let y = AXIS_H + k as f64 * ROW_H;
            html! {
                <g class="row holder">
                    <text class="lane-label strong" x="4" y={format!("{:.1}", y + ROW_H - 5.0)}>{ lane_label(*lane) }</text>
                    <rect class="lane-bg" x={LABEL_W.to_string()} y={format!("{:.1}", y + 2.0)} width={format!("{plot_w:.1}")} height={(ROW_H - 4.0).to_string()} />
                    { rects(bs, y, true, false) }
                </g>
            }
        }) }
    };
    let now_x = LABEL_W + scale.x(upto);
    let selection = drag.map(|(a, b)| {
        let (l, r) = (a.min(b).max(0.0), a.max(b).min(plot_w));
        html! { <rect class="selection" x={format!("{:.1}", LABEL_W + l)} y="0" width={format!("{:.1}", (r - l).max(0.0))} height="100%" /> }
    });

    // A pool's run (worker lanes) is worded as such: its lanes are workers, not the event loop.
    let on_workers = lanes.iter().any(|l| matches!(l, Lane::Worker(_)));
    // Hover: find what is under the mouse in the top lanes or in a task row.
    let describe = {
        let lanes = lanes.clone();
        let log = props.log.clone();
        move |t: f64, lane: Option<usize>, task: Option<usize>, tr: &Tracker| -> Option<String> {
            let fmt = |s: &Segment, what: String| {
                format!("{what}: {:.1} → {:.1} ms ({:.1} ms)", s.start_ms, s.end_ms, s.len_ms())
            };
            if let Some(k) = lane {
                let l = *lanes.get(k)?;
                let s = segment_at(tr.closed_holders(l), t)
                    .copied()
                    .or_else(|| tr.open_holder(l, upto).filter(|s| s.start_ms <= t && t < s.end_ms))?;
                return Some(fmt(&s, format!("{} held by {}", lane_label(l), log.read().name(s.task))));
            }
            let i = task?;
            let segs = tr.task_segments(TaskId(i as u32), upto);
            let s = segment_at(&segs, t)?;
            Some(fmt(s, format!("{}: {}", log.read().name(s.task), kind_text(s.kind, on_workers))))
        }
    };
    let on_move = |top: bool| {
        let (hover, drag, tracker, describe) =
            (hover.clone(), drag.clone(), tracker.clone(), describe.clone());
        let lanes_n = lanes.len();
        let svg = if top { top_svg.clone() } else { rows_svg.clone() };
        Callback::from(move |e: MouseEvent| {
            let Some((x, y)) = local(&e, &svg) else { return };
            if let Some((a, _)) = *drag {
                drag.set(Some((a, x)));
            }
            let t = scale.t(x);
            let (lane, task) = if top {
                let k = ((y - AXIS_H) / ROW_H).floor();
                ((k >= 0.0 && (k as usize) < lanes_n).then_some(k as usize), None)
            } else {
                let i = (y / ROW_H).floor();
                (None, (i >= 0.0 && (i as usize) < n).then_some(i as usize))
            };
            let text = if x < 0.0 { None } else { describe(t, lane, task, &tracker.borrow()) };
            hover.set(text.map(|s| (f64::from(e.client_x()), f64::from(e.client_y()), s)));
        })
    };
    let on_down = |svg: NodeRef| {
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((x, _)) = local(&e, &svg) {
                if x >= 0.0 {
                    e.prevent_default();
                    drag.set(Some((x, x)));
                }
            }
        })
    };
    let on_up = {
        let (drag, zoom) = (drag.clone(), zoom.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((a, b)) = *drag {
                if (a - b).abs() >= 4.0 {
                    let (l, r) = (scale.t(a.min(b).max(0.0)), scale.t(a.max(b).min(plot_w)));
                    zoom.set(Some((l, r)));
                }
            }
            drag.set(None);
        })
    };
    let on_leave = {
        let (hover, drag) = (hover.clone(), drag.clone());
        Callback::from(move |_: MouseEvent| {
            hover.set(None);
            drag.set(None);
        })
    };
    let zoom_by = |factor: f64| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| {
            let (a, b) = zoom.unwrap_or((0.0, end));
            let mid = (a + b) / 2.0;
            let half = ((b - a) / 2.0 * factor).max(0.01);
            let (l, r) = ((mid - half).max(0.0), (mid + half).min(end));
            zoom.set(if l <= 0.0 && r >= end { None } else { Some((l, r)) });
        })
    };
    let reset = {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.set(None))
    };
    let on_scroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            let el: Element = e.target_unchecked_into();
            scroll.set(f64::from(el.scroll_top()));
        })
    };

    let on_table_toggle = {
        let table_open = table_open.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            table_open.set(el.open());
        })
    };

    let out = html! {
        <figure class="timeline" aria-label={props.label.clone()} data-testid="timeline" ref={figure}>
            <div class="tl-toolbar">
                <span class="muted tl-range">{ format!("Showing {} → {}", tick_label((t0 * 10.0).round() / 10.0), tick_label((t1 * 10.0).round() / 10.0)) }</span>
                <button onclick={zoom_by(0.5)}>{ "Zoom in" }</button>
                <button onclick={zoom_by(2.0)} disabled={zoom.is_none()}>{ "Zoom out" }</button>
                <button onclick={reset} disabled={zoom.is_none()}>{ "Reset zoom" }</button>
                <span class="muted hint">{ "Drag across the timeline to zoom into a range." }</span>
            </div>
            <svg class="tl-top" width="100%" height={top_h.to_string()} role="img"
                aria-label="Who holds each thread, over time"
                ref={top_svg.clone()} onmousemove={on_move(true)} onmousedown={on_down(top_svg.clone())} onmouseup={on_up.clone()} onmouseleave={on_leave.clone()}>
                { axis }
                { holder_rows }
                if upto < t1 && upto > t0 { <line class="now" x1={format!("{now_x:.1}")} x2={format!("{now_x:.1}")} y1="0" y2="100%" /> }
                { selection.clone() }
            </svg>
            <div class="tl-rows" onscroll={on_scroll}
                style={format!("max-height:{}px", VISIBLE_ROWS as f64 * ROW_H + 2.0)}>
                <svg width="100%" height={rows_h.max(ROW_H).to_string()} role="img"
                    aria-label={format!("Swimlanes of {n} tasks over {}: running (solid), awaiting (dashed outline) and \
                        ready but waiting (thick outline); “Timeline as a table” below lists them in words", tick_label(upto))}
                    ref={rows_svg.clone()} onmousemove={on_move(false)} onmousedown={on_down(rows_svg.clone())} onmouseup={on_up} onmouseleave={on_leave}>
                    { for tick_list.iter().map(|&tk| {
                        let x = LABEL_W + scale.x(tk);
                        html! { <line class="grid" x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1="0" y2="100%" /> }
                    }) }
                    { task_rows }
                    if upto < t1 && upto > t0 { <line class="now" x1={format!("{now_x:.1}")} x2={format!("{now_x:.1}")} y1="0" y2="100%" /> }
                    { selection }
                </svg>
            </div>
            <div class="legend">
                <span><i class="sw k-run"></i>{ legend_text(SegmentKind::Running, on_workers) }</span>
                <span><i class="sw k-await"></i>{ legend_text(SegmentKind::Awaiting, on_workers) }</span>
                <span><i class="sw k-ready"></i>{ legend_text(SegmentKind::ReadyWaiting, on_workers) }</span>
            </div>
            <details class="tl-table" ontoggle={on_table_toggle}>
                <summary>{ "Timeline as a table" }</summary>
                if *table_open { { text_table(tr, &props.log.read(), upto) } }
            </details>
            if let Some((x, y, text)) = &*hover {
                <div class="tl-tip" role="status" style={format!("left:{}px;top:{}px", x + 12.0, y + 12.0)}>{ text.clone() }</div>
            }
        </figure>
    };
    crate::web::frame::measure("timeline:body", t_body);
    out
}
