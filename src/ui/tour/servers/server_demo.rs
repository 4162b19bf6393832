//! Chapter 7's demo: the same burst of slow requests served by one event loop and by 1, cores,
//! 2 × cores and 4 × cores blocking workers; throughput (median and spread over rounds, beside
//! the engine's model) and latency percentiles for each, and the verdicts on claims 7_1 and 7_2.

use super::use_server_runs::{use_server_runs, Outcome, ServerRequest, ROUNDS};
use crate::ui::shared::lab::{use_lab, waiting_note, Activity};
use crate::ui::tour::lesson_seen::Seen;
use engine::chapters::ch7::{plan_error, sweep};
use engine::fields;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`ServerDemo`].
#[derive(Properties, PartialEq)]
pub struct ServerDemoProps {
    /// Called with measured facts for the "What you just saw" box.
    pub on_seen: Callback<Seen>,
}

/// Two request shapes the reader can load with one click: (label, requests, work, I/O).
const SHAPES: [(&str, &str, &str, &str); 2] = [
    ("I/O-heavy: 2 ms work, 100 ms I/O", "24", "2", "100"),
    ("CPU-heavy: 40 ms work, 5 ms I/O", "16", "40", "5"),
];

fn field(
    id: &'static str,
    label: &'static str,
    text: &str,
    oninput: Callback<InputEvent>,
    parsed: Result<String, String>,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            <input id={id} type="text" inputmode="decimal" value={text.to_string()} oninput={oninput}
                aria-invalid={parsed.is_err().to_string()} aria-describedby={format!("{id}-msg")} />
            <span id={format!("{id}-msg")} class={if parsed.is_err() { "error" } else { "muted" }}>
                { parsed.unwrap_or_else(|e| e) }
            </span>
        </div>
    }
}

/// A verdict's style: shown when the claim held, a warning otherwise or when it could not tell.
fn verdict_class(holds: Option<bool>) -> &'static str {
    if holds == Some(true) {
        "verdict-shows"
    } else {
        "verdict-noise"
    }
}

fn holds_attr(holds: Option<bool>) -> &'static str {
    match holds {
        Some(true) => "true",
        Some(false) => "false",
        None => "unknown",
    }
}

fn results(o: &Outcome) -> Html {
    let best = o.readings.iter().map(|r| r.median_rps().max(r.model_rps)).fold(1.0, f64::max);
    let bar = |v: f64, class: &'static str| {
        html! { <span class={classes!("srv-bar", class)} style={format!("width: {:.1}%", 100.0 * v / best)} aria-hidden="true"></span> }
    };
    html! {
        <>
            <div class="srv-table-wrap" tabindex="0" role="region" aria-label="Server results, scrollable">
            <table class="nb-results srv-results" aria-label="Server results" data-testid="srv-results">
                <caption>{ format!("{} requests arriving at once, each {} ms of CPU work then {} ms of I/O, on {} logical {}; median of {ROUNDS} interleaved rounds",
                    o.req.requests, o.req.work_ms, o.req.io_ms, o.cores, if o.cores == 1 { "core" } else { "cores" }) }</caption>
                <thead><tr>
                    <th scope="col">{ "Server" }</th><th scope="col">{ "Throughput (median)" }</th>
                    <th scope="col">{ "Spread over rounds" }</th><th scope="col">{ "Model" }</th>
                    <th scope="col">{ "p50" }</th><th scope="col">{ "p95" }</th><th scope="col">{ "p99" }</th>
                </tr></thead>
                <tbody>
                    { for o.readings.iter().map(|r| {
                        let s = r.spread();
                        let lat = r.latency();
                        let (name, testid) = match r.workers {
                            None => ("One event loop".to_string(), "srv-loop".to_string()),
                            Some(k) => (format!("{k} blocking {}", if k == 1 { "worker" } else { "workers" }), format!("srv-k-{k}")),
                        };
                        html! {
                            <tr data-testid={testid} data-rps={format!("{:.3}", r.median_rps())} data-model={format!("{:.3}", r.model_rps)}>
                                <th scope="row">{ name }</th>
                                <td class="srv-rps">
                                    <span>{ format!("{:.0} req/s", r.median_rps()) }</span>
                                    <span class="srv-bars">{ bar(r.median_rps(), "srv-measured") }{ bar(r.model_rps, "srv-model") }</span>
                                </td>
                                <td>{ s.map(|s| format!("{:.0}–{:.0} req/s", s.min, s.max)).unwrap_or_default() }</td>
                                <td>{ format!("{:.0} req/s", r.model_rps) }</td>
                                <td>{ lat.map(|l| format!("{:.0} ms", l.p50)).unwrap_or_default() }</td>
                                <td>{ lat.map(|l| format!("{:.0} ms", l.p95)).unwrap_or_default() }</td>
                                <td>{ lat.map(|l| format!("{:.0} ms", l.p99)).unwrap_or_default() }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <p class="muted">{ "Bars: the upper one measured, the lower one the model. Latency is from the moment all requests arrived to each response, over every request of every round." }</p>
            <p class="muted" data-testid="srv-work">{ format!("The model takes each request's CPU work as {} ms (this page's calibration); inside the workers it took {:.1} ms on average, by their own clocks.", o.req.work_ms, o.measured_work_ms) }</p>
            if let Some(why) = &o.no_sync {
                <p class="muted" role="note">{ format!("Only the event loop ran: the blocking workers need shared memory, which is off here ({why}).") }</p>
            }
            if let Some(c) = &o.async_claim {
                <p class={classes!("verdict", verdict_class(c.holds))} role="note"
                    data-testid="srv-async-claim" data-ratio={format!("{:.3}", c.ratio)} data-holds={holds_attr(c.holds)}>
                    { format!("Event loop against {} blocking {} (one per core): {}. ", o.cores, if o.cores == 1 { "worker" } else { "workers" }, c.words) }
                    { match c.holds {
                        Some(true) => "Even its slowest round beat their fastest: one thread awaiting every request at once outdid a thread per core blocked on each.",
                        Some(false) => "It did not clearly outdo them: with CPU-heavy requests its one thread, one core, is the limit.",
                        None => "Its rounds and theirs overlap, so this run cannot tell: the machine was busy with other work. Run again.",
                    } }
                </p>
            }
            if let Some(p) = &o.per_core {
                <p class={classes!("verdict", verdict_class(p.holds))} role="note"
                    data-testid="srv-per-core" data-knee={p.knee.to_string()} data-holds={holds_attr(p.holds)}>
                    { format!("“2–4 workers per core” {}.", p.words) }
                </p>
            }
        </>
    }
}

/// The server demo: fields for the requests, two request shapes, the run and its results.
#[component]
pub fn ServerDemo(props: &ServerDemoProps) -> Html {
    let lab = use_lab();
    let requests_text = use_state(|| SHAPES[0].1.to_string());
    let work_text = use_state(|| SHAPES[0].2.to_string());
    let io_text = use_state(|| SHAPES[0].3.to_string());
    let (session, start) = use_server_runs(props.on_seen.clone());
    let requests = fields::whole(&requests_text, 1, 400);
    let work_ms = fields::millis(&work_text, 0.1, 200.0);
    let io_ms = fields::millis(&io_text, 0.0, 2000.0);
    let plan = match (&requests, &work_ms, &io_ms) {
        (Ok(n), Ok(w), Ok(d)) => plan_error(*n, *w, *d).map_or(Ok(()), Err),
        _ => Ok(()),
    };
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let shape = |i: usize| {
        let (n, w, d) = (requests_text.clone(), work_text.clone(), io_text.clone());
        Callback::from(move |_: MouseEvent| {
            n.set(SHAPES[i].1.to_string());
            w.set(SHAPES[i].2.to_string());
            d.set(SHAPES[i].3.to_string());
        })
    };
    let run = {
        let start = start.clone();
        let (n, w, d, plan) = (requests.clone(), work_ms.clone(), io_ms.clone(), plan.clone());
        Callback::from(move |_: MouseEvent| {
            if let (Ok(requests), Ok(work_ms), Ok(io_ms), Ok(())) =
                (n.clone(), w.clone(), d.clone(), plan.clone())
            {
                start.emit(ServerRequest { requests, work_ms, io_ms });
            }
        })
    };
    let invalid = requests.is_err() || work_ms.is_err() || io_ms.is_err() || plan.is_err();
    let cores = lab.env.cores.max(1);
    let ks: Vec<String> = sweep(cores).iter().map(u32::to_string).collect();
    html! {
        <div class="srv-demo">
            if let Err(why) = &lab.env.shared_memory {
                <p class="muted" role="note">{ format!("Shared memory is off here ({why}), so the blocking workers cannot block in Atomics.wait: only the event loop will run. Serve the page with the two headers in the README to run both.") }</p>
            }
            <div class="srv-fields">
                { field("srv-requests", "Requests at once (N)", &requests_text, input(&requests_text), requests.clone().map(|_| "1 to 400".to_string())) }
                { field("srv-work", "CPU work per request (ms)", &work_text, input(&work_text), work_ms.clone().map(|_| "0.1 to 200 ms".to_string())) }
                { field("srv-io", "I/O per request (D, ms)", &io_text, input(&io_text), io_ms.clone().map(|_| "0 to 2000 ms".to_string())) }
            </div>
            if let Err(e) = &plan { <p class="error" role="alert" data-testid="srv-plan-error">{ e }</p> }
            <p class="muted">{ format!("Blocking workers tried (K): {} — 1, the cores, 2 × and 4 × the cores of this machine.", ks.join(", ")) }</p>
            <div class="nb-buttons">
                <button onclick={shape(0)} disabled={session.busy()}>{ SHAPES[0].0 }</button>
                <button onclick={shape(1)} disabled={session.busy()}>{ SHAPES[1].0 }</button>
                <button class="primary" onclick={run} disabled={session.busy() || invalid}>{ "Run the servers" }</button>
            </div>
            if session.activity == Activity::Waiting { { waiting_note() } }
            if session.activity == Activity::Running {
                <p class="muted" aria-live="polite">{ format!("Serving the requests, {ROUNDS} interleaved rounds: {}…", session.stage.unwrap_or("starting")) }</p>
            }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e }</p> }
            if let Some(o) = &session.result { { results(o) } }
        </div>
    }
}
