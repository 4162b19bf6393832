//! The `to_thread` demo: a button, the two rows it measured (work on the page, work on a
//! worker) and the engine's verdict.

use super::use_to_thread::use_to_thread;
use crate::ui::shared::lab::{waiting_note, Activity};
use crate::ui::tour::lesson_seen::Seen;
use engine::chapters::ch8::{to_thread_reading, WORK_MS};
use engine::lag::LagStats;
use yew::prelude::*;

/// Props of [`ToThreadDemo`].
#[derive(Properties, PartialEq)]
pub struct ToThreadDemoProps {
    /// Where the measured facts go.
    #[prop_or_default]
    pub on_seen: Callback<Seen>,
}

fn row(label: &'static str, key: &'static str, lag: &LagStats, wall_ms: f64) -> Html {
    html! {
        <tr data-where={key}>
            <th scope="row">{ label }</th>
            <td class="num" data-ticks={lag.samples.to_string()}>{ lag.samples }</td>
            <td class="num" data-worst={format!("{:.1}", lag.worst_ms)}>{ format!("{:.0} ms", lag.worst_ms) }</td>
            <td class="num">{ format!("{wall_ms:.0} ms") }</td>
        </tr>
    }
}

/// Runs the same blocking work on the page and on a worker and shows the event loop's ticks.
#[component]
pub fn ToThreadDemo(props: &ToThreadDemoProps) -> Html {
    let (session, run) = use_to_thread(props.on_seen.clone());
    let busy = session.busy();
    let onclick = run.reform(|_: MouseEvent| ());
    html! {
        <div class="card ch8-to-thread" data-demo="to-thread">
            <h3>{ "Blocking work on the page, or handed to a worker (8_7)" }</h3>
            <p>
                { format!("{WORK_MS:.0} ms of blocking CPU work, first on the page's own thread, then on a Web Worker while the page awaits the answer. A heartbeat timer asks to run every 10 ms on the page's event loop: count its ticks and how late the latest one was.") }
            </p>
            <p class="demo-actions">
                <button class="button primary" disabled={busy} {onclick}>
                    { if busy { "Running…" } else { "Run it" } }
                </button>
            </p>
            if session.activity == Activity::Waiting { { waiting_note() } }
            if let Some(e) = &session.error { <p class="field-error">{ e.clone() }</p> }
            if let Some(r) = &session.result {
                <table class="ch8-ticks">
                    <caption>{ "The page's event loop during the work" }</caption>
                    <thead><tr><th scope="col">{ "Work done" }</th><th scope="col">{ "Ticks" }</th><th scope="col">{ "Worst lag" }</th><th scope="col">{ "Took" }</th></tr></thead>
                    <tbody>
                        { row("on the page", "page", &r.handoff.on_page, r.handoff.page_wall_ms) }
                        { row("on a worker (to_thread)", "worker", &r.handoff.on_worker, r.handoff.worker_wall_ms) }
                    </tbody>
                </table>
                { {
                    let (value, holds) = to_thread_reading(&r.handoff);
                    let holds = holds && r.checksum_ok;
                    html! {
                        <p class={classes!("ch8-verdict", if holds { "holds" } else { "fails" })} data-holds={holds.to_string()} aria-live="polite">
                            { if holds { "✓ " } else { "✗ " } }{ value }
                            if !r.checksum_ok { { " (the worker's checksum did not match)" } }
                        </p>
                    }
                } }
            }
        </div>
    }
}
