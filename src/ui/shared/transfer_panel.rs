//! The data-transfer panel: send a buffer of the reader's size to a worker and back, once by
//! copy (structured clone) and once by transfer, and show both measured round trips.

use crate::web::transfer::{parse_mib, round_trip, RoundTrip};
use crate::web::worker_client::WorkerClient;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Running,
    Done { copy: RoundTrip, moved: RoundTrip },
    Failed(String),
}

/// The transfer panel. It uses a worker of its own, started on first use, so it never waits
/// for (or disturbs) a comparison run on the pool.
#[component]
pub fn TransferPanel() -> Html {
    let text = use_state(|| "16".to_string());
    let state = use_state(|| State::Idle);
    let worker: Rc<RefCell<Option<Rc<WorkerClient>>>> = use_mut_ref(|| None);
    let parsed = parse_mib(&text);
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_run = {
        let (state, worker, parsed) = (state.clone(), worker.clone(), parsed.clone());
        Callback::from(move |_| {
            let Ok(mib) = parsed else { return };
            let (state, worker) = (state.clone(), worker.clone());
            state.set(State::Running);
            wasm_bindgen_futures::spawn_local(async move {
                let result = async {
                    let existing = worker.borrow().clone();
                    let w = match existing {
                        Some(w) if w.dead_reason().is_none() => w,
                        _ => {
                            let w = Rc::new(WorkerClient::spawn().await?);
                            *worker.borrow_mut() = Some(w.clone());
                            w
                        }
                    };
                    let bytes = (mib * 1024.0 * 1024.0).round() as u64;
                    let copy = round_trip(&w, bytes, false).await?;
                    let moved = round_trip(&w, bytes, true).await?;
                    Ok::<_, String>(State::Done { copy, moved })
                }
                .await;
                state.set(result.unwrap_or_else(State::Failed));
            });
        })
    };
    let row = |label: &str, key: &str, r: &RoundTrip| {
        html! {
            <tr>
                <th scope="row">{ label }</th>
                <td data-testid={format!("{key}-ms")}>{ format!("{:.1} ms", r.ms) }</td>
                <td>{ format!("{} bytes", r.left_behind) }</td>
                <td>{ if r.intact { "yes ✓" } else { "NO ✗" } }</td>
            </tr>
        }
    };
    let body = match &*state {
        State::Idle => html! { <p class="muted">{ "Not measured yet." }</p> },
        State::Running => html! { <p role="status">{ "Sending…" }</p> },
        State::Failed(e) => html! { <p class="error" role="alert">{ e }</p> },
        State::Done { copy, moved } => html! {
            <>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Transfer round trips, scrollable">
                    <table class="numbers" aria-label="Transfer round trips">
                        <thead><tr><th scope="col">{ "Sent by" }</th><th scope="col">{ "Round trip" }</th>
                            <th scope="col">{ "Page's buffer right after sending" }</th><th scope="col">{ "Came back intact" }</th></tr></thead>
                        <tbody>
                            { row("copy (structured clone)", "copy", copy) }
                            { row("transfer (moved)", "transfer", moved) }
                        </tbody>
                    </table>
                </div>
                <p data-testid="transfer-summary">{ format!(
                    "{:.1} MiB: copying took {:.1} ms there and back, transferring {:.1} ms. A copy duplicates the bytes; \
                     a transfer moves them (the page's buffer is left with {} bytes until the worker sends it back).",
                    copy.bytes as f64 / 1048576.0, copy.ms, moved.ms, moved.left_behind
                ) }</p>
            </>
        },
    };
    html! {
        <section class="card transfer-panel" aria-labelledby="transfer-h">
            <h2 id="transfer-h">{ "Sending data to a worker" }</h2>
            <p>{ "A worker has its own memory, like a process: data reaches it by message. A message is copied, unless the buffer is transferred — then it moves, and the sender can no longer read it." }</p>
            <div class="field">
                <label for="transfer-size">{ "Buffer size (MiB)" }</label>
                <input id="transfer-size" type="text" inputmode="decimal" value={(*text).clone()} oninput={on_input}
                       aria-invalid={parsed.is_err().to_string()} aria-describedby="transfer-size-error" />
                <span id="transfer-size-error" class="field-error" role="alert">{ parsed.clone().err().unwrap_or_default() }</span>
            </div>
            <button onclick={on_run} disabled={parsed.is_err() || *state == State::Running}>{ "Send to a worker and back" }</button>
            { body }
        </section>
    }
}
