//! One CPython run as the page shows it, under the button that started it: the download's
//! progress bar until CPython is ready, what the program printed as it printed it, its
//! traceback, how long it took, and the CPython and Rust timelines on one time axis.

use crate::ui::shared::timeline::Timeline;
use crate::web::log_view::{LogView, SharedLog};
use engine::python::megabytes;
use engine::python_session::{PyRun, PyStatus, RustRun};
use std::rc::Rc;
use yew::prelude::*;

/// Seconds with three decimals.
pub fn seconds(ms: f64) -> String {
    format!("{:.3} s", ms / 1000.0)
}

/// The view of `run` (its program runs now if `mine`); `dom` prefixes element ids, `what` names
/// the program in the timelines' labels.
pub fn run_view(
    run: &PyRun<Rc<SharedLog>>,
    status: &PyStatus,
    mine: bool,
    dom: &str,
    what: &str,
    now_ms: f64,
) -> Html {
    let py_ms = run.elapsed_ms(now_ms);
    let axis = run.axis_ms(now_ms);
    html! {
        <>
            if mine && run.t0.is_none() {
                if let PyStatus::Loading { loaded, total } = status {
                    <div class="progress-row" aria-live="polite">
                        <label for={format!("{dom}-dl")}>{ "Downloading CPython" }</label>
                        <progress id={format!("{dom}-dl")} max={total.to_string()} value={loaded.to_string()}></progress>
                        <span class="progress-text" data-testid="py-run-progress">{ format!("{} of {}", megabytes(*loaded as u64), megabytes(*total as u64)) }</span>
                    </div>
                } else {
                    <p class="muted" aria-live="polite">{ "Starting CPython…" }</p>
                }
            }
            <pre class="py-output" data-testid="py-output" aria-label="Output" tabindex="0">
                { for run.lines.iter().map(|(t, s, l)| html! {
                    <span class={classes!("py-line", (s == "err").then_some("error"))}>{ format!("{:>8.3} s  {l}\n", t / 1000.0) }</span>
                }) }
            </pre>
            if let Some(e) = &run.error {
                <pre class="py-traceback error" role="alert" data-testid="py-traceback">{ e.clone() }</pre>
            }
            if run.done() && run.error.is_none() {
                <p class="muted" data-testid="py-done">{ format!("Finished in {} (CPython's run, from its first line to its last).", seconds(py_ms)) }</p>
            }
            if run.t0.is_some() {
                <Timeline log={LogView::of_shared(&run.log)} upto_ms={py_ms} axis_end_ms={Some(axis)} run={run.gen} label={AttrValue::from(format!("CPython timeline of {what}"))} />
            }
            if let RustRun::Done(log) = &run.rust {
                <p class="muted">{ "The same behaviour in Rust, on this page's event loop:" }</p>
                <Timeline log={log.clone()} upto_ms={run.rust.end_ms().unwrap_or(0.0)} axis_end_ms={Some(axis)} run={run.gen} label={AttrValue::from(format!("Rust timeline of {what}"))} />
            }
        </>
    }
}
