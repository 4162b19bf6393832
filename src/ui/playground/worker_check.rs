//! Proves the worker path end to end: a real Web Worker computes a checksum, the page computes
//! the same one, and both are shown side by side. The check is a run session (`run_now`: its
//! own worker, no turn on the page's lab).

use crate::ui::shared::run_session::{run_now, use_run_session};
use crate::web::{busy, clock, worker_client::WorkerClient};
use engine::protocol::{FromWorker, ToWorker};
use yew::prelude::*;

/// Units of work the check asks for (1 unit ≈ 1 ms on this machine, after calibration).
const UNITS: u64 = 50;
const SEED: u64 = 42;

/// What the check found: both checksums, the worker's start-up, and the time of the work on
/// each side (ms).
struct Checked {
    worker: u64,
    page: u64,
    startup_ms: f64,
    worker_ms: f64,
    page_ms: f64,
}

/// A button that starts a worker, asks it for a checksum and checks the answer.
#[component]
pub fn WorkerCheck() -> Html {
    let session = use_run_session::<Checked>();
    let onclick = {
        let session = session.dispatcher();
        Callback::from(move |_| run_now(session.clone(), None, |_| check()))
    };
    let body = match (&session.result, &session.error) {
        _ if session.busy() => html! { <p>{ "Starting a worker and computing…" }</p> },
        (_, Some(e)) => html! { <p class="error" role="alert">{ e }</p> },
        (None, None) => html! { <p class="muted">{ "Not asked yet." }</p> },
        (Some(c), None) => {
            let Checked { worker, page, startup_ms, worker_ms, page_ms } = &**c;
            let ok = worker == page;
            html! {
                <dl class={classes!("worker-result", if ok { "ok" } else { "bad" })}>
                    <dt>{ "Worker's checksum" }</dt><dd data-testid="worker-checksum">{ worker }</dd>
                    <dt>{ "Page's checksum" }</dt><dd data-testid="page-checksum">{ page }</dd>
                    <dt>{ "Verdict" }</dt>
                    <dd data-testid="checksum-verdict">{ if ok { "match ✓" } else { "MISMATCH ✗" } }</dd>
                    <dt>{ "Worker start-up" }</dt><dd>{ format!("{startup_ms:.1} ms") }</dd>
                    <dt>{ format!("{UNITS} units of work") }</dt>
                    <dd>{ format!("{worker_ms:.1} ms in the worker, {page_ms:.1} ms on the page") }</dd>
                </dl>
            }
        }
    };
    html! {
        <section class="card" aria-labelledby="worker-h">
            <h2 id="worker-h">{ "A real Web Worker" }</h2>
            <p>{ "A worker is a separate thread with its own memory, like a process: the page sends it a message, it computes, it answers with a message." }</p>
            <button onclick={onclick} disabled={session.busy()}>{ "Ask the worker for a checksum" }</button>
            { body }
        </section>
    }
}

async fn check() -> Result<Checked, String> {
    let rounds_per_unit = busy::calibrate(20.0);
    let client = WorkerClient::spawn().await?;
    let id = client.next_id();
    let req = ToWorker::Checksum { id, seed: SEED, units: UNITS, rounds_per_unit };
    let answer = client.request(id, &req).await?;
    let t = clock::now();
    let page = engine::work::checksum(SEED, UNITS, rounds_per_unit);
    let page_ms = clock::now() - t;
    match answer {
        FromWorker::Checksum { value, elapsed_ms, .. } => {
            Ok(Checked { worker: value, page, startup_ms: client.startup_ms, worker_ms: elapsed_ms, page_ms })
        }
        FromWorker::Error { message, .. } => Err(message),
        _ => Err("unexpected message from the worker".into()),
    }
}
