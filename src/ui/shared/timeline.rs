//! The timeline: one SVG swimlane per task (running / awaiting / ready-but-waiting), a lane per
//! thread showing which task holds it, a time axis, hover details and zoom. Reusable: the
//! comparison page stacks several, sharing one time axis through `axis_end_ms`.
//!
//! It keeps an incremental [`Tracker`] so a growing log costs only its new events per frame
//! (timeline/use_tracker.rs), draws only the task rows scrolled into view, and pools segments
//! narrower than a pixel (timeline/draw.rs), so a run of 10,000 tasks draws as fast as one of
//! ten. The toolbar, the pointer's zoom and hover, the legend and the table in words are in
//! timeline/.

pub mod draw;
pub mod legend;
pub mod pointer;
pub mod text_table;
pub mod toolbar;
pub mod use_tracker;
pub mod words;

use crate::web::log_view::LogView;
use draw::{axis, grid, holder_rows, task_rows, AXIS_H, LABEL_W, ROW_H, VISIBLE_ROWS};
use engine::logview;
use engine::timeline::{bars, tick_label, ticks, Bar, Scale, Tracker};
use engine::{Lane, TaskId};
use legend::legend;
use pointer::{use_pointer, Drawn};
use std::cell::RefCell;
use std::rc::Rc;
use text_table::text_table;
use toolbar::{toolbar, ToolbarProps};
use use_tracker::{use_holder_bars, use_tracker};
use web_sys::Element;
use yew::prelude::*;

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

/// The timeline's figure element and its width after every render (set only when it changed).
#[hook]
fn use_figure_width() -> (NodeRef, f64) {
    let figure = use_node_ref();
    let width = use_state(|| 800.0f64);
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
    (figure, *width)
}

/// What the reader did to the timeline's view: how far the task rows are scrolled, and whether
/// the table in words is open (it is built only then: a live run redraws every frame).
#[derive(Clone, Copy, Default, PartialEq)]
struct ViewState {
    scroll: f64,
    table_open: bool,
}

/// A change to [`ViewState`].
enum ViewAction {
    Scrolled(f64),
    Table(bool),
}

impl Reducible for ViewState {
    type Action = ViewAction;
    fn reduce(self: Rc<Self>, action: ViewAction) -> Rc<Self> {
        Rc::new(match action {
            ViewAction::Scrolled(scroll) => ViewState { scroll, ..*self },
            ViewAction::Table(table_open) => ViewState { table_open, ..*self },
        })
    }
}

/// The timeline of one run.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let t_body = crate::web::clock::now();
    let log = props.log.read();
    let tracker = use_tracker(&props.log, props.run, props.tracker.clone());
    let holder_cache = use_holder_bars(&tracker);
    let (figure, width) = use_figure_width();
    let pointer = use_pointer(props.run);
    let view = use_reducer(ViewState::default);
    // The two drawings the pointer zooms and hovers: who holds the threads, and the task rows.
    let svgs = use_memo((), |_| (NodeRef::default(), NodeRef::default()));
    let (top_svg, rows_svg) = (*svgs).clone();

    let t = tracker.borrow();
    let tr = &*t;
    let upto = props.upto_ms.max(0.0);
    let end = props.axis_end_ms.unwrap_or(upto).max(upto).max(1.0);
    let (t0, t1) = pointer.zoom.unwrap_or((0.0, end));
    let plot_w = (width - LABEL_W - 8.0).max(100.0);
    let scale = Scale::new(t0, t1, plot_w);
    let n = tr.n_tasks();
    let mut lanes = tr.lanes();
    if lanes.is_empty() {
        lanes.push(Lane::EventLoop);
    }
    let holder_bars = holder_cache.bars(tr, &lanes, &scale, upto);
    let top_h = AXIS_H + lanes.len() as f64 * ROW_H + 6.0;

    let win = logview::window(n, ROW_H, view.scroll, VISIBLE_ROWS as f64 * ROW_H, 4);
    let rows_h = n as f64 * ROW_H;
    let row_bars: Vec<(usize, Vec<Bar>)> = (win.first..win.end)
        .map(|i| (i, bars(&tr.task_segments(TaskId(i as u32), upto), &scale, 1.0)))
        .collect();
    let tick_list = ticks(t0, t1, ((plot_w / 110.0).floor() as usize).clamp(2, 12));
    let now_x = LABEL_W + scale.x(upto);
    let now_line = (upto < t1 && upto > t0)
        .then(|| html! { <line class="now" x1={format!("{now_x:.1}")} x2={format!("{now_x:.1}")} y1="0" y2="100%" /> });
    let selection = pointer.selection(plot_w);

    // A pool's run (worker lanes) is worded as such: its lanes are workers, not the event loop.
    let on_workers = lanes.iter().any(|l| matches!(l, Lane::Worker(_)));
    let drawn = Drawn {
        scale,
        plot_w,
        end,
        lanes: lanes.clone(),
        n,
        upto,
        on_workers,
        log: props.log.clone(),
        tracker: tracker.clone(),
    };
    let on_up = pointer.on_up(&drawn);
    let on_leave = pointer.on_leave();
    let on_scroll = view.dispatcher().to_callback().reform(|e: Event| {
        ViewAction::Scrolled(f64::from(e.target_unchecked_into::<Element>().scroll_top()))
    });
    let on_table_toggle = view.dispatcher().to_callback().reform(|e: Event| {
        ViewAction::Table(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open())
    });

    let out = html! {
        <figure class="timeline" aria-label={props.label.clone()} data-testid="timeline" ref={figure}>
            { toolbar(&ToolbarProps { t0, t1, zoomed: pointer.zoom.is_some(), on_zoom: pointer.on_zoom(end), on_reset: pointer.on_reset() }) }
            <svg class="tl-top" width="100%" height={top_h.to_string()} role="img"
                aria-label="Who holds each thread, over time"
                ref={top_svg.clone()} onmousemove={pointer.on_move(&drawn, top_svg.clone(), true)}
                onmousedown={pointer.on_down(top_svg.clone())} onmouseup={on_up.clone()} onmouseleave={on_leave.clone()}>
                { axis(&tick_list, &scale, top_h, plot_w) }
                { holder_rows(&lanes, &holder_bars, plot_w) }
                { now_line.clone() }
                { selection.clone() }
            </svg>
            <div class="tl-rows" onscroll={on_scroll} tabindex="0" role="region" aria-label="Task rows, scrollable"
                style={format!("max-height:{}px", VISIBLE_ROWS as f64 * ROW_H + 2.0)}>
                <svg width="100%" height={rows_h.max(ROW_H).to_string()} role="img"
                    aria-label={format!("Swimlanes of {n} tasks over {}: running (solid), awaiting (dashed outline) and \
                        ready but waiting (thick outline); “Timeline as a table” below lists them in words", tick_label(upto))}
                    ref={rows_svg.clone()} onmousemove={pointer.on_move(&drawn, rows_svg.clone(), false)}
                    onmousedown={pointer.on_down(rows_svg.clone())} onmouseup={on_up} onmouseleave={on_leave}>
                    { grid(&tick_list, &scale) }
                    { task_rows(&row_bars, |id| log.name(id)) }
                    { now_line }
                    { selection }
                </svg>
            </div>
            { legend(on_workers) }
            <details class="tl-table" ontoggle={on_table_toggle}>
                <summary>{ "Timeline as a table" }</summary>
                if view.table_open { { text_table(tr, &props.log.read(), upto) } }
            </details>
            if let Some((x, y, text)) = &*pointer.hover {
                <div class="tl-tip" role="status" style={format!("left:{}px;top:{}px", x + 12.0, y + 12.0)}>{ text.clone() }</div>
            }
        </figure>
    };
    crate::web::frame::measure("timeline:body", t_body);
    out
}
