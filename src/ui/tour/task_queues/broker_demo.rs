//! Chapter 9's demo: the reader sets the concurrency (consumers, each with a Web Worker) and
//! each example's settings, runs one of the four examples against a broker in the page, and sees
//! the engine's verdict, the broker's log and, for the periodic job, the measured intervals.

use super::use_broker_runs::{use_broker_runs, BrokerOutcome, BrokerRequest, Demo, JOB_MS, POLL_MS};
use crate::ui::shared::lab::{use_lab, waiting_note, Activity};
use crate::ui::tour::lesson_seen::Seen;
use engine::chapters::ch9::{
    every_tolerance_ms, parse_every, parse_retry, parse_workers, Every, RetryPolicy,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`BrokerDemo`].
#[derive(Properties, PartialEq)]
pub struct BrokerDemoProps {
    /// Where the measured facts go.
    pub on_seen: Callback<Seen>,
}

/// The demo's fields as typed (kept as typed, valid or not).
#[derive(Clone, PartialEq)]
struct Texts {
    workers: String,
    fails: String,
    retries: String,
    delay: String,
    every: String,
    times: String,
}

/// One of the demo's fields: `pick` chooses which text it shows and edits.
fn field<T>(
    id: &'static str,
    label: &'static str,
    texts: &UseStateHandle<Texts>,
    pick: fn(&mut Texts) -> &mut String,
    parsed: &Result<T, String>,
    hint: &str,
) -> Html {
    let oninput = {
        let texts = texts.clone();
        Callback::from(move |e: InputEvent| {
            let mut t = (*texts).clone();
            *pick(&mut t) = e.target_unchecked_into::<HtmlInputElement>().value();
            texts.set(t);
        })
    };
    let value = pick(&mut (**texts).clone()).clone();
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            <input id={id} type="text" inputmode="decimal" value={value} oninput={oninput}
                aria-invalid={parsed.is_err().to_string()} aria-describedby={format!("{id}-msg")} />
            <span id={format!("{id}-msg")} class={if parsed.is_err() { "error" } else { "muted" }}>
                { parsed.as_ref().map(|_| hint.to_string()).unwrap_or_else(|e| e.clone()) }
            </span>
        </div>
    }
}

/// A finished example: the engine's verdict, the measured intervals of a periodic job, and the
/// broker's log.
fn result_view(o: &BrokerOutcome) -> Html {
    html! {
            <div class="tq-result" data-testid={format!("tq-result-{}", o.request.demo.key())}
                data-at={format!("{:.3}", o.finished_ms)}>
                <p class={if o.holds { "holds" } else { "fails" }} data-testid="tq-verdict" data-holds={o.holds.to_string()}>
                    { if o.holds { "✓ " } else { "✗ " } }{ format!("{}: {}", o.request.demo.title(), o.value) }
                </p>
                if let Some(v) = &o.every {
                    <table class="tq-intervals" aria-label="Measured intervals">
                        <caption>{ format!("Intervals between starts, asked {:.0} ms (a run counts as on time within {:.0} ms)", o.request.every.period_ms, every_tolerance_ms(o.request.every.period_ms)) }</caption>
                        <thead><tr><th scope="col">{ "Run" }</th><th scope="col">{ "Interval" }</th><th scope="col">{ "Late after due" }</th></tr></thead>
                        <tbody>
                            { for v.intervals_ms.iter().zip(&v.late_ms).enumerate().map(|(k, (d, l))| html! {
                                <tr><th scope="row">{ k + 1 }</th><td data-testid="tq-interval">{ format!("{d:.0} ms") }</td><td>{ format!("{l:.1} ms") }</td></tr>
                            }) }
                        </tbody>
                    </table>
                }
                <table class="tq-log" aria-label="Broker log">
                    <caption>{ format!("The broker's log ({}, ms from the start)", engine::words::plural(o.request.workers as usize, "worker", "workers")) }</caption>
                    <thead><tr><th scope="col">{ "Time" }</th><th scope="col">{ "What happened" }</th></tr></thead>
                    <tbody>
                        { for o.broker.log.iter().map(|l| html! {
                            <tr><td>{ format!("{:.0}", l.t_ms) }</td><td>{ l.text.clone() }</td></tr>
                        }) }
                    </tbody>
                </table>
            </div>
    }
}

/// The broker demo.
#[component]
pub fn BrokerDemo(props: &BrokerDemoProps) -> Html {
    let lab = use_lab();
    let cores = lab.env.cores.max(1);
    // Two workers by default, fewer on a one-core machine.
    let texts = use_state(move || Texts {
        workers: cores.min(2).to_string(),
        fails: "2".into(),
        retries: "3".into(),
        delay: "500".into(),
        every: "1".into(),
        times: "3".into(),
    });
    let (session, start) = use_broker_runs(props.on_seen.clone());

    let workers = parse_workers(&texts.workers, cores);
    let (fails, retries, delay) = parse_retry(&texts.fails, &texts.retries, &texts.delay);
    let (every_s, times) = parse_every(&texts.every, &texts.times);
    let busy = session.busy();
    let request = |demo: Demo| -> Option<BrokerRequest> {
        let workers = workers.clone().ok()?;
        let retry = match demo {
            Demo::Retry => (
                fails.clone().ok()?,
                RetryPolicy { max_retries: retries.clone().ok()?, delay_ms: delay.clone().ok()? },
            ),
            _ => (0, RetryPolicy { max_retries: 0, delay_ms: 0.0 }),
        };
        let every = match demo {
            Demo::Every => Every { period_ms: every_s.clone().ok()? * 1000.0, times: times.clone().ok()? },
            _ => Every { period_ms: 1000.0, times: 1 },
        };
        Some(BrokerRequest { demo, workers, retry, every })
    };
    let button = |demo: Demo, text: &'static str| {
        let req = request(demo);
        let start = start.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(r) = req {
                start.emit(r);
            }
        });
        html! { <button class="button" disabled={busy || req.is_none()} onclick={onclick}>{ text }</button> }
    };

    html! {
        <div class="tq-demo card">
            <div class="tq-fields">
                { field("tq-workers", "Workers (concurrency)", &texts, |t| &mut t.workers, &workers, &format!("1 to {} (this machine's logical cores)", cores.min(engine::chapters::ch9::MAX_WORKERS))) }
            </div>
            <div class="tq-examples">
                <section class="tq-example" aria-labelledby="tq-delay-h">
                    <h3 id="tq-delay-h">{ "delay, then ready()" }</h3>
                    <p>{ "Sends add(4, 4), asks ready() at once, then every 20 ms until the result is in." }</p>
                    { button(Demo::Delay, "Send add(4, 4)") }
                </section>
                <section class="tq-example" aria-labelledby="tq-countdown-h">
                    <h3 id="tq-countdown-h">{ "A 2 s countdown" }</h3>
                    <p>{ "Sends add(4, 4) with countdown=2: the broker hands it to no worker before 2 s." }</p>
                    { button(Demo::Countdown, "Send with a 2 s countdown") }
                </section>
                <section class="tq-example" aria-labelledby="tq-retry-h">
                    <h3 id="tq-retry-h">{ "Retries" }</h3>
                    { field("tq-fails", "Attempts that fail first", &texts, |t| &mut t.fails, &fails, "0 to 5") }
                    { field("tq-retries", "Max retries", &texts, |t| &mut t.retries, &retries, "0 to 5") }
                    { field("tq-delay", "Retry delay (ms)", &texts, |t| &mut t.delay, &delay, "100 to 5000 ms") }
                    { button(Demo::Retry, "Send a flaky job") }
                </section>
                <section class="tq-example" aria-labelledby="tq-every-h">
                    <h3 id="tq-every-h">{ "A job every N seconds" }</h3>
                    { field("tq-every", "Every (seconds)", &texts, |t| &mut t.every, &every_s, "0.5 to 10 s") }
                    { field("tq-times", "Runs", &texts, |t| &mut t.times, &times, "2 to 10") }
                    { button(Demo::Every, "Start the schedule") }
                </section>
            </div>
            if session.activity == Activity::Waiting { { waiting_note() } }
            if session.activity == Activity::Running {
                <p class="muted" aria-live="polite">{ format!("Running: {}…", session.stage.unwrap_or("starting")) }</p>
            }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e.clone() }</p> }
            if let Some(o) = &session.result { { result_view(o) } }
            <p class="muted">{ format!("The broker lives in this page. Each worker is a consumer on the page's event loop paired with one of the lab's Web Workers: it asks the broker for a due job every {POLL_MS} ms when idle, and its Web Worker does the job's CPU work ({JOB_MS} ms of hashing). The sum itself is computed on the page when the Web Worker answers.") }</p>
        </div>
    }
}
