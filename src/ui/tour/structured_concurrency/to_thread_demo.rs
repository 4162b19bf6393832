//! The `to_thread` demo: a button, the two rows it measured (work on the page, work on a
//! worker) and the engine's verdict.

use super::use_to_thread::use_to_thread;
use crate::ui::tour::demo_code::{demo_code, DemoCodeProps};
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::run_bar::run_bar;
use engine::chapters::ch8::{to_thread_reading, WORK_MS};
use engine::lag::LagStats;
use yew::prelude::*;

const PYTHON: &str = r#"import time
import anyio
from anyio import to_thread

def blocking_work():
    # Stands for work that blocks without needing the GIL
    # (I/O, many C calls). Pure-Python CPU work in a thread
    # still shares the GIL with the loop: see the GIL page.
    time.sleep(0.5)

async def heartbeat(count):
    while True:
        await anyio.sleep(0.01)
        count["ticks"] += 1

async def main():
    count = {"ticks": 0}
    async with anyio.create_task_group() as tg:
        tg.start_soon(heartbeat, count)
        blocking_work()  # on the loop: it stands still
        print("on the loop:", count["ticks"], "ticks")
        count["ticks"] = 0
        await to_thread.run_sync(blocking_work)
        print("handed to a thread:", count["ticks"], "ticks")
        tg.cancel_scope.cancel()

anyio.run(main)"#;

const RUST: &str = r#"// On the page: the event loop stands still.
let beat = Heartbeat::start();   // a 10 ms timer, re-armed
busy_for(500.0, 1);              // blocking CPU work
let on_page = beat.stop();

// Handed to a Web Worker: the page only awaits.
let scenario = cpu_bound(1, 500.0);  // the same work
let beat = Heartbeat::start();
lab.pool.run(&scenario, 1, rounds_per_ms, None)
    .finished()
    .await;
let on_worker = beat.stop();
// engine::chapters::ch8::to_thread_reading judges both."#;

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
    let onclick = run.reform(|_: MouseEvent| ());
    html! {
        <div class="card ch8-to-thread" data-demo="to-thread">
            <h3>{ "Blocking work on the page, or handed to a worker (8_7)" }</h3>
            <p>
                { format!("{WORK_MS:.0} ms of blocking CPU work, first on the page's own thread, then on a Web Worker while the page awaits the answer. A heartbeat timer asks to run every 10 ms on the page's event loop: count its ticks and how late the latest one was.") }
            </p>
            { demo_code(&DemoCodeProps { class: None, python_caption: "Python (AnyIO)", python: PYTHON, rust: RUST }) }
            { run_bar(&session, false, onclick, None) }
            if let Some(r) = &session.result {
                <div class="table-wrap" tabindex="0" role="region" aria-label="The event loop's ticks, scrollable">
                <table class="ch8-ticks">
                    <caption>{ "The page's event loop during the work" }</caption>
                    <thead><tr><th scope="col">{ "Work done" }</th><th scope="col">{ "Ticks" }</th><th scope="col">{ "Worst lag" }</th><th scope="col">{ "Took" }</th></tr></thead>
                    <tbody>
                        { row("on the page", "page", &r.handoff.on_page, r.handoff.page_wall_ms) }
                        { row("on a worker (to_thread)", "worker", &r.handoff.on_worker, r.handoff.worker_wall_ms) }
                    </tbody>
                </table>
                </div>
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
