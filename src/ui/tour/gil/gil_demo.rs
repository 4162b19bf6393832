//! Page 4's demo: a real global lock ("GIL") in shared memory, taken by every worker before each
//! slice of CPU work and handed over every switch interval, released during waits. The same
//! tasks run on one worker (the baseline), on N workers under the lock, and on N workers freely.

use super::use_gil_runs::{use_gil_runs, GilRequest, ROUNDS};
use crate::ui::shared::lab::{use_lab, waiting_note, Activity};
use crate::ui::shared::run_session::verdict_note;
use crate::ui::shared::timeline::Timeline;
use crate::ui::tour::lesson_seen::Seen;
use engine::fields;
use engine::tour::{speedup_reading, Workload};
use engine::words::plural;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`GilDemo`].
#[derive(Properties, PartialEq)]
pub struct GilDemoProps {
    /// Called with measured facts for the "What you just saw" box.
    pub on_seen: Callback<Seen>,
}

/// The GIL demo: fields for workers and switch interval, two workloads, results and timelines.
#[component]
pub fn GilDemo(props: &GilDemoProps) -> Html {
    let lab = use_lab();
    let max = lab.env.cores.max(1);
    // What the reader typed; `None` until they type, shown as the default for this machine.
    let workers_typed = use_state(|| None::<String>);
    let workers_text = (*workers_typed).clone().unwrap_or_else(|| max.min(2).to_string());
    let switch_text = use_state(|| "5".to_string());
    let (session, start) = use_gil_runs(props.on_seen.clone());
    let workers = fields::whole(&workers_text, 1, max);
    let switch_ms = fields::millis(&switch_text, 0.5, 100.0);
    let isolation = lab.env.shared_memory.clone();

    let on_workers = {
        let typed = workers_typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(Some(e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let on_switch = {
        let state = switch_text.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let run = |workload: Workload| {
        let (start, workers, switch_ms) = (start.clone(), workers.clone(), switch_ms.clone());
        Callback::from(move |_: MouseEvent| {
            if let (Ok(workers), Ok(switch_ms)) = (workers.clone(), switch_ms.clone()) {
                start.emit(GilRequest { workload, workers, switch_ms });
            }
        })
    };
    let disabled = session.busy() || workers.is_err() || switch_ms.is_err() || isolation.is_err();
    let field = |id: &'static str,
                 label: &'static str,
                 text: String,
                 oninput: Callback<InputEvent>,
                 parsed: Result<String, String>| {
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <input id={id} type="text" inputmode="decimal" value={text} oninput={oninput}
                    aria-invalid={parsed.is_err().to_string()} aria-describedby={format!("{id}-msg")} />
                <span id={format!("{id}-msg")} class={if parsed.is_err() { "error" } else { "muted" }}>
                    { parsed.unwrap_or_else(|e| e) }
                </span>
            </div>
        }
    };

    html! {
        <div class="gil-demo">
            if let Err(why) = &isolation {
                <p class="muted" role="note">{ format!("The lock lives in shared memory, which is off here: {why}. Serve the page with the two headers in the README to run this demo.") }</p>
            } else {
                <div class="gil-fields">
                    { field("gil-workers", "Workers", workers_text, on_workers, workers.clone().map(|_| format!("1 to {max} (this machine's logical cores)"))) }
                    { field("gil-switch", "Switch interval (ms)", (*switch_text).clone(), on_switch, switch_ms.clone().map(|_| "CPython's default is 5 ms".to_string())) }
                </div>
                <div class="nb-buttons">
                    <button class="primary" onclick={run(Workload::CpuBound)} disabled={disabled}>{ "Run CPU-bound tasks" }</button>
                    <button onclick={run(Workload::IoBound)} disabled={disabled}>{ "Run I/O-bound tasks" }</button>
                </div>
            }
            if session.activity == Activity::Waiting { { waiting_note() } }
            if session.activity == Activity::Running {
                <p class="muted" aria-live="polite">{ format!("Running on one worker, with the GIL and without, in {ROUNDS} interleaved rounds: {}…", session.stage.unwrap_or("starting")) }</p>
            }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e }</p> }
            if let Some(o) = &session.result {
                <table class="nb-results" aria-label="GIL results">
                    <caption>{ format!("{}: {}, switch interval {} ms, median of {ROUNDS} interleaved rounds", o.workload.label(), plural(o.workers as usize, "task", "tasks"), o.switch_ms) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Run" }</th><th scope="col">{ "Wall time (median)" }</th>
                        <th scope="col">{ "Spread" }</th>
                        <th scope="col">{ "Speedup" }</th><th scope="col">{ "Checksums" }</th>
                    </tr></thead>
                    <tbody>
                        { for o.runs.iter().zip(&o.comparison.readings).enumerate().map(|(i, (r, m))| html! {
                            <tr data-testid={format!("gil-row-{i}")}>
                                <th scope="row">{ r.title }</th>
                                <td>{ format!("{:.0} ms", m.spread.median) }</td>
                                <td>{ format!("{:.0}–{:.0} ms", m.spread.min, m.spread.max) }</td>
                                <td data-testid="gil-speedup">{ speedup_reading(o.comparison.readings[0].spread.median, m.spread.median, 2) }</td>
                                <td>{ if r.checksums_ok { "match ✓" } else { "MISMATCH ✗" } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                { verdict_note(&o.comparison, &o.conditions) }
                <p class="muted">{ "On the timelines, “ready but waiting” under the GIL is a worker waiting for the lock: only one worker runs at a time, however many cores there are." }</p>
                { for o.runs.iter().map(|r| html! {
                    <figure class="tw-timeline">
                        <figcaption>{ r.title }</figcaption>
                        <Timeline log={r.log.clone()} upto_ms={r.log.end_ms()}
                            axis_end_ms={Some(o.runs.iter().map(|r| r.log.end_ms()).fold(0.0, f64::max))}
                            label={AttrValue::from(format!("GIL timeline: {}", r.title))} />
                    </figure>
                }) }
            }
        </div>
    }
}
