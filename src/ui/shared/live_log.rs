//! The live log: one line per event, a colour per task, a filter by task, pause/resume of
//! autoscroll. Virtualised (only the rows in view are in the DOM) and capped at
//! [`LOG_CAP`] lines with a visible notice, so 100,000 lines stay smooth.

use crate::web::log_view::LogView;
use engine::logview::{self, LogIndex, LOG_CAP};
use engine::TaskId;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

/// Height of one line, px (the CSS gives `.log-row` exactly this height).
const ROW_H: f64 = 20.0;
/// Height of the scrolling viewport, px.
const VIEW_H: f64 = 360.0;
/// Tasks listed in the filter; past this, a run's later tasks can't be picked one by one.
const MAX_FILTER_TASKS: usize = 200;

/// Props of [`LiveLog`].
#[derive(Properties, PartialEq)]
pub struct LiveLogProps {
    /// The run's events so far (a growing run's view, or a finished `Rc<EventLog>`).
    pub log: LogView,
    /// Changes when a new run starts.
    #[prop_or_default]
    pub run: u64,
    /// Id of the task filter (unique on the page: a replay shows a second log).
    #[prop_or(AttrValue::Static("log-filter"))]
    pub filter_id: AttrValue,
    /// Accessible name of the list of lines.
    #[prop_or(AttrValue::Static("Event log"))]
    pub list_label: AttrValue,
}

/// The log's index of lines (which events it lists, under the filter), fed as the log grows.
struct FedIndex {
    /// The run and the index of its lines.
    run: u64,
    index: LogIndex,
    /// How many events were fed and the last of them: if the new log does not carry it at the
    /// same place, it is another log and the index starts over.
    fed: usize,
    last: Option<engine::Event>,
}

impl FedIndex {
    fn new() -> Self {
        FedIndex { run: u64::MAX, index: LogIndex::new(None, LOG_CAP), fed: 0, last: None }
    }

    /// Feeds the events of `run` not fed yet, starting over for another run, log or filter.
    fn update(&mut self, run: u64, filter: Option<TaskId>, events: &[engine::Event]) {
        let same_log =
            self.fed == 0 || (events.len() >= self.fed && events.get(self.fed - 1) == self.last.as_ref());
        if self.run != run || self.index.filter != filter || !same_log {
            self.run = run;
            self.index = LogIndex::new(filter, LOG_CAP);
        }
        self.index.feed(events);
        self.fed = events.len();
        self.last = events.last().cloned();
    }
}

/// The live, virtualised event log.
#[component]
pub fn LiveLog(props: &LiveLogProps) -> Html {
    let t_body = crate::web::clock::now();
    let log = props.log.read();
    let filter = use_state(|| None::<TaskId>);
    let follow = use_state(|| true);
    let scroll = use_state(|| 0.0f64);
    let fed = use_mut_ref(FedIndex::new);
    fed.borrow_mut().update(props.run, *filter, log.events());
    let viewport = use_node_ref();
    let fed = fed.borrow();
    let ix = &fed.index;
    let total = ix.rows.len();
    let content_h = total as f64 * ROW_H;
    // While following, draw the last rows (the effect below scrolls the viewport to them).
    let scroll_px = if *follow { (content_h - VIEW_H).max(0.0) } else { *scroll };
    let win = logview::window(total, ROW_H, scroll_px, VIEW_H, 5);
    {
        let (viewport, follow) = (viewport.clone(), *follow);
        use_effect(move || {
            if follow {
                if let Some(el) = viewport.cast::<Element>() {
                    el.set_scroll_top(el.scroll_height());
                }
            }
        });
    }
    let on_scroll = {
        let (scroll, follow) = (scroll.clone(), follow.clone());
        Callback::from(move |e: Event| {
            let el: Element = e.target_unchecked_into();
            let top = f64::from(el.scroll_top());
            scroll.set(top);
            // Scrolling up by hand pauses autoscroll; it resumes with the button.
            let at_bottom = top + f64::from(el.client_height()) >= f64::from(el.scroll_height()) - ROW_H;
            if !at_bottom && *follow {
                follow.set(false);
            }
        })
    };
    let toggle = {
        let follow = follow.clone();
        Callback::from(move |_| follow.set(!*follow))
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            filter.set(sel.value().parse::<u32>().ok().map(TaskId));
        })
    };
    let n_tasks = log.task_names.len();
    let out = html! {
        <div class="live-log">
            <div class="log-toolbar">
                <label for={props.filter_id.clone()}>{ "Show task" }</label>
                <select id={props.filter_id.clone()} onchange={on_filter}>
                    <option value="all" selected={filter.is_none()}>{ "All tasks" }</option>
                    { for log.task_names.iter().enumerate().take(MAX_FILTER_TASKS).map(|(i, name)| html! {
                        <option value={i.to_string()} selected={*filter == Some(TaskId(i as u32))}>{ format!("{} (#{})", name, i + 1) }</option>
                    }) }
                </select>
                <button onclick={toggle} aria-pressed={(!*follow).to_string()}>
                    { if *follow { "Pause autoscroll" } else { "Resume autoscroll" } }
                </button>
                <span class="muted" data-testid="log-count">{ format!("{} lines", total) }</span>
            </div>
            if n_tasks > MAX_FILTER_TASKS {
                <p class="muted small">{ format!("The filter lists the first {MAX_FILTER_TASKS} of {n_tasks} tasks.") }</p>
            }
            if ix.capped() {
                <p class="notice" role="status" data-testid="log-cap">
                    { format!("The log keeps the first {} lines: {} later events are not listed here (the timeline and metrics still count them).", LOG_CAP, ix.dropped) }
                </p>
            }
            <div class="log-viewport" ref={viewport} onscroll={on_scroll} style={format!("height:{VIEW_H}px")} tabindex="0">
                if total == 0 {
                    <p class="muted empty">{ "No events yet: press Run." }</p>
                } else {
                    <ol class="event-log" aria-label={props.list_label.clone()} style={format!("padding-top:{}px;padding-bottom:{}px", win.pad_top, win.pad_bottom)}>
                        { for ix.rows[win.first..win.end].iter().map(|&i| {
                            let e = &log.events[i as usize];
                            html! {
                                <li class={classes!("log-row", format!("task-{}", e.task.0 % 8), e.kind.is_terminal().then_some("end"))}>
                                    // The spaces between the spans are not drawn (flex items)
                                    // but make the line read as words to a screen reader.
                                    <span class="t">{ format!("{:>9.1} ms", e.t_ms) }</span>{ " " }
                                    <span class="who">{ log.name(e.task) }</span>{ " " }
                                    <span class="what">{ log.describe(e) }</span>
                                </li>
                            }
                        }) }
                    </ol>
                }
            </div>
        </div>
    };
    crate::web::frame::measure("log:body", t_body);
    out
}
