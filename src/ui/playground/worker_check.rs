//! Proves the worker path end to end: a real Web Worker computes a checksum, the page computes
//! the same one, and both are shown side by side.

use crate::web::{busy, clock, worker_client::WorkerClient};
use engine::protocol::{FromWorker, ToWorker};
use yew::prelude::*;

/// Units of work the check asks for (1 unit ≈ 1 ms on this machine, after calibration).
const UNITS: u64 = 50;
const SEED: u64 = 42;

/// What the check found.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Running,
    Done { worker: u64, page: u64, startup_ms: f64, worker_ms: f64, page_ms: f64 },
    Failed(String),
}

/// A button that starts a worker, asks it for a checksum and checks the answer.
#[component]
pub fn WorkerCheck() -> Html {
    let status = use_state(|| Status::Idle);
    let onclick = {
        let status = status.clone();
        Callback::from(move |_| {
            let status = status.clone();
            status.set(Status::Running);
            wasm_bindgen_futures::spawn_local(async move {
                status.set(check().await.unwrap_or_else(Status::Failed));
            });
        })
    };
    let body = match &*status {
        Status::Idle => html! { <p class="muted">{ "Not asked yet." }</p> },
        Status::Running => html! { <p>{ "Starting a worker and computing…" }</p> },
        Status::Done { worker, page, startup_ms, worker_ms, page_ms } => {
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
        Status::Failed(e) => html! { <p class="error" role="alert">{ e }</p> },
    };
    html! {
        <section class="card" aria-labelledby="worker-h">
            <h2 id="worker-h">{ "A real Web Worker" }</h2>
            <p>{ "A worker is a separate thread with its own memory, like a process: the page sends it a message, it computes, it answers with a message." }</p>
            <button onclick={onclick} disabled={*status == Status::Running}>{ "Ask the worker for a checksum" }</button>
            { body }
        </section>
    }
}

async fn check() -> Result<Status, String> {
    let rounds_per_unit = busy::calibrate(20.0);
    let client = WorkerClient::spawn().await?;
    let id = client.next_id();
    let req = ToWorker::Checksum { id, seed: SEED, units: UNITS, rounds_per_unit };
    let answer = client.request(id, &req).await?;
    let t = clock::now();
    let page = engine::work::checksum(SEED, UNITS, rounds_per_unit);
    let page_ms = clock::now() - t;
    match answer {
        FromWorker::Checksum { value, elapsed_ms, .. } => Ok(Status::Done {
            worker: value,
            page,
            startup_ms: client.startup_ms,
            worker_ms: elapsed_ms,
            page_ms,
        }),
        FromWorker::Error { message, .. } => Err(message),
        _ => Err("unexpected message from the worker".into()),
    }
}
