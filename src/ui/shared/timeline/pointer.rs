//! The timeline's mouse: hover details of what is under the pointer, dragging across a range to
//! zoom into it, the zoom buttons' steps, and the drawn selection while dragging. Zooming resets
//! when a new run starts.

use super::draw::{lane_label, AXIS_H, LABEL_W, ROW_H};
use super::words::kind_text;
use crate::web::log_view::LogView;
use engine::metrics::Segment;
use engine::timeline::{segment_at, Scale, Tracker};
use engine::{Lane, TaskId};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// What one render of the timeline draws, as the pointer's handlers need it.
#[derive(Clone)]
pub struct Drawn {
    /// Time to x of the plot.
    pub scale: Scale,
    /// Width of the plot, px.
    pub plot_w: f64,
    /// End of the whole time axis, ms.
    pub end: f64,
    /// The thread lanes on top.
    pub lanes: Vec<Lane>,
    /// Task rows.
    pub n: usize,
    /// Open states are drawn up to this time, ms.
    pub upto: f64,
    /// Whether the lanes are a pool's workers.
    pub on_workers: bool,
    /// The run's events.
    pub log: LogView,
    /// The run's tracker.
    pub tracker: Rc<RefCell<Tracker>>,
}

/// A mouse position inside the SVG `svg`, in plot pixels. (Yew delegates events to the body,
/// so the event's `current_target` is not the SVG: measure against the node itself.)
fn local(e: &MouseEvent, svg: &NodeRef) -> Option<(f64, f64)> {
    let el: Element = svg.cast()?;
    let r = el.get_bounding_client_rect();
    Some((f64::from(e.client_x()) - r.left() - LABEL_W, f64::from(e.client_y()) - r.top()))
}

/// What is at time `t` in thread lane `lane` or task row `task`, in words.
fn describe(d: &Drawn, t: f64, lane: Option<usize>, task: Option<usize>, tr: &Tracker) -> Option<String> {
    let fmt = |s: &Segment, what: String| {
        format!("{what}: {:.1} → {:.1} ms ({:.1} ms)", s.start_ms, s.end_ms, s.len_ms())
    };
    if let Some(k) = lane {
        let l = *d.lanes.get(k)?;
        let s = segment_at(tr.closed_holders(l), t)
            .copied()
            .or_else(|| tr.open_holder(l, d.upto).filter(|s| s.start_ms <= t && t < s.end_ms))?;
        return Some(fmt(&s, format!("{} held by {}", lane_label(l), d.log.read().name(s.task))));
    }
    let i = task?;
    let segs = tr.task_segments(TaskId(i as u32), d.upto);
    let s = segment_at(&segs, t)?;
    Some(fmt(s, format!("{}: {}", d.log.read().name(s.task), kind_text(s.kind, d.on_workers))))
}

/// The pointer's state: the zoomed range, the range being dragged and the hover text.
#[derive(Clone)]
pub struct Pointer {
    /// The range shown when zoomed in, ms.
    pub zoom: UseStateHandle<Option<(f64, f64)>>,
    /// The drag's start and current x, plot px.
    drag: UseStateHandle<Option<(f64, f64)>>,
    /// The hover text and where (client px).
    pub hover: UseStateHandle<Option<(f64, f64, String)>>,
}

/// The pointer's state, the zoom reset for each new `run`.
#[hook]
pub fn use_pointer(run: u64) -> Pointer {
    let p = Pointer { zoom: use_state(|| None), drag: use_state(|| None), hover: use_state(|| None) };
    {
        let zoom = p.zoom.clone();
        use_effect_with(run, move |_| zoom.set(None));
    }
    p
}

impl Pointer {
    /// Hover (and a drag's extent) over the top lanes (`top`) or the task rows, in `svg`.
    pub fn on_move(&self, d: &Drawn, svg: NodeRef, top: bool) -> Callback<MouseEvent> {
        let (hover, drag, d) = (self.hover.clone(), self.drag.clone(), d.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((x, y)) = local(&e, &svg) else { return };
            if let Some((a, _)) = *drag {
                drag.set(Some((a, x)));
            }
            let t = d.scale.t(x);
            let (lane, task) = if top {
                let k = ((y - AXIS_H) / ROW_H).floor();
                ((k >= 0.0 && (k as usize) < d.lanes.len()).then_some(k as usize), None)
            } else {
                let i = (y / ROW_H).floor();
                (None, (i >= 0.0 && (i as usize) < d.n).then_some(i as usize))
            };
            let text = if x < 0.0 { None } else { describe(&d, t, lane, task, &d.tracker.borrow()) };
            hover.set(text.map(|s| (f64::from(e.client_x()), f64::from(e.client_y()), s)));
        })
    }

    /// Starts a drag in `svg`.
    pub fn on_down(&self, svg: NodeRef) -> Callback<MouseEvent> {
        let drag = self.drag.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((x, _)) = local(&e, &svg) {
                if x >= 0.0 {
                    e.prevent_default();
                    drag.set(Some((x, x)));
                }
            }
        })
    }

    /// Ends a drag: a range of 4 px or more is zoomed into.
    pub fn on_up(&self, d: &Drawn) -> Callback<MouseEvent> {
        let (drag, zoom, scale, plot_w) = (self.drag.clone(), self.zoom.clone(), d.scale, d.plot_w);
        Callback::from(move |_: MouseEvent| {
            if let Some((a, b)) = *drag {
                if (a - b).abs() >= 4.0 {
                    let (l, r) = (scale.t(a.min(b).max(0.0)), scale.t(a.max(b).min(plot_w)));
                    zoom.set(Some((l, r)));
                }
            }
            drag.set(None);
        })
    }

    /// The pointer left: no hover, no drag.
    pub fn on_leave(&self) -> Callback<MouseEvent> {
        let (hover, drag) = (self.hover.clone(), self.drag.clone());
        Callback::from(move |_: MouseEvent| {
            hover.set(None);
            drag.set(None);
        })
    }

    /// Zooms the range shown by a factor around its middle, within 0 … `end`.
    pub fn on_zoom(&self, end: f64) -> Callback<f64> {
        let zoom = self.zoom.clone();
        Callback::from(move |factor: f64| {
            let (a, b) = zoom.unwrap_or((0.0, end));
            let mid = (a + b) / 2.0;
            let half = ((b - a) / 2.0 * factor).max(0.01);
            let (l, r) = ((mid - half).max(0.0), (mid + half).min(end));
            zoom.set(if l <= 0.0 && r >= end { None } else { Some((l, r)) });
        })
    }

    /// Shows the whole run.
    pub fn on_reset(&self) -> Callback<()> {
        let zoom = self.zoom.clone();
        Callback::from(move |()| zoom.set(None))
    }

    /// The range being dragged, drawn over the plot of width `plot_w`.
    pub fn selection(&self, plot_w: f64) -> Option<Html> {
        self.drag.map(|(a, b)| {
            let (l, r) = (a.min(b).max(0.0), a.max(b).min(plot_w));
            html! { <rect class="selection" x={format!("{:.1}", LABEL_W + l)} y="0" width={format!("{:.1}", (r - l).max(0.0))} height="100%" /> }
        })
    }
}
