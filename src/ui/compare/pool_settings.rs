//! The worker pool's settings and state: how many workers, their start-up times, the
//! calibration of "1 unit ≈ 1 ms" on the page and in a worker, and the panic test control.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the pool and the calibration measured.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PoolStatus {
    /// Workers alive.
    pub size: u32,
    /// Time until all workers of the last start or resize were ready, ms.
    pub warm_ms: f64,
    /// Each worker's start-up, ms.
    pub startups_ms: Vec<f64>,
    /// Hash-chain rounds per ms on the page (1 unit = this many rounds).
    pub page_rounds_per_ms: u64,
    /// Hash-chain rounds per ms measured in worker 1.
    pub worker_rounds_per_ms: Option<u64>,
    /// Mean round trip of a small message to worker 1, ms.
    pub ping_ms: Option<f64>,
}

/// What [`pool_settings`] draws.
pub struct PoolSettingsProps {
    /// The worker-count field's text, exactly as typed.
    pub workers_text: AttrValue,
    /// Most workers allowed (`navigator.hardwareConcurrency`).
    pub max: u32,
    /// What is wrong with the field, if anything.
    pub error: Option<AttrValue>,
    /// The reader typed in the field.
    pub on_workers: Callback<String>,
    /// Whether worker 1 will panic on its next task.
    pub panic_next: bool,
    /// The reader toggled the panic control.
    pub on_panic: Callback<bool>,
    /// The pool's measured state (`None` while starting).
    pub status: Option<PoolStatus>,
    /// Controls are disabled while a run goes on.
    pub busy: bool,
}

/// The pool's settings card.
pub fn pool_settings(props: &PoolSettingsProps) -> Html {
    let on_input = {
        let cb = props.on_workers.clone();
        Callback::from(move |e: InputEvent| cb.emit(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_panic = {
        let cb = props.on_panic.clone();
        Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let status = match &props.status {
        None => html! { <p class="muted" role="status">{ "Starting the workers and calibrating…" }</p> },
        Some(s) => {
            let worker_ms_per_unit = s.worker_rounds_per_ms.map(|w| s.page_rounds_per_ms as f64 / w as f64);
            html! {
                <dl class="pool-status" data-testid="pool-status">
                    <dt>{ "Workers ready" }</dt><dd data-testid="pool-size">{ s.size }</dd>
                    <dt>{ "Warm start (all ready)" }</dt><dd data-testid="pool-warm">{ format!("{:.0} ms", s.warm_ms) }</dd>
                    <dt>{ "Each worker's start-up" }</dt>
                    <dd>{ s.startups_ms.iter().map(|m| format!("{m:.0} ms")).collect::<Vec<_>>().join(" · ") }</dd>
                    <dt>{ "1 unit of work" }</dt>
                    <dd data-testid="calibration">
                        { format!("{} rounds of the hash chain ≈ 1.00 ms on the page", s.page_rounds_per_ms) }
                        { worker_ms_per_unit.map(|m| format!(", {m:.2} ms in a worker")).unwrap_or_default() }
                    </dd>
                    if let Some(p) = s.ping_ms {
                        <dt>{ "Small message round trip" }</dt><dd data-testid="ping">{ format!("{:.3} ms", p) }</dd>
                    }
                </dl>
            }
        }
    };
    html! {
        <section class="card pool-settings" aria-labelledby="pool-h">
            <h2 id="pool-h">{ "The worker pool" }</h2>
            <p class="muted">{ "Real Web Workers, started once and reused. Start-up is measured here and never counted in a run's time." }</p>
            <div class="field">
                <label for="workers">{ format!("Workers (1–{})", props.max) }</label>
                <input id="workers" type="number" min="1" max={props.max.to_string()} value={props.workers_text.clone()}
                       oninput={on_input} disabled={props.busy} aria-invalid={props.error.is_some().to_string()}
                       aria-describedby="workers-error" />
                <span id="workers-error" class="field-error" role="alert">{ props.error.clone().unwrap_or_default() }</span>
            </div>
            <details class="advanced" open={props.panic_next}>
                <summary>{ "Fault injection (advanced)" }</summary>
                <p class="muted small">{ "See how the pool recovers: the worker's panic fails its task with the reason, and a fresh worker replaces it." }</p>
                <div class="field">
                    <input id="panic-next" type="checkbox" checked={props.panic_next} onchange={on_panic} disabled={props.busy} />
                    <label for="panic-next">{ "Make worker 1 panic on its next task" }</label>
                </div>
            </details>
            { status }
        </section>
    }
}
