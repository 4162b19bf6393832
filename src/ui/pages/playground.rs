//! The event-loop playground: pick a preset, pick a mode, run it on the real event loop, read the log.

use crate::ui::components::{event_log::EventLogView, worker_check::WorkerCheck};
use crate::web::runner::{Mode, Run};
use engine::{metrics, presets, EventLog};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The playground page.
#[component]
pub fn Playground() -> Html {
    let all = presets::all();
    let preset_id = use_state(|| all[0].id.to_string());
    let mode = use_state(|| Mode::Concurrent);
    let running = use_state(|| false);
    let log = use_state(|| Rc::new(EventLog::default()));

    let preset = presets::by_id(&preset_id).unwrap_or_else(|| all[0].clone());

    let on_preset = {
        let preset_id = preset_id.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                preset_id.set(sel.value());
            }
        })
    };
    let set_mode = |m: Mode| {
        let mode = mode.clone();
        Callback::from(move |_| mode.set(m))
    };
    let on_run = {
        let (running, log, scenario, mode) = (running.clone(), log.clone(), preset.scenario.clone(), *mode);
        Callback::from(move |_| {
            running.set(true);
            let run = Run::start(&scenario, mode);
            let (running, log) = (running.clone(), log.clone());
            wasm_bindgen_futures::spawn_local(async move {
                log.set(Rc::new(run.finished().await));
                running.set(false);
            });
        })
    };

    let summary = (!log.events.is_empty()).then(|| {
        let end = log.events.last().map(|e| e.t_ms).unwrap_or(0.0);
        let m = metrics::compute(&log, end);
        html! {
            <p class="summary" data-testid="run-summary">
                { format!(
                    "Wall time {:.1} ms · CPU work {:.1} ms · peak concurrency {} · {} events",
                    m.wall_ms, m.total_busy_ms(), m.peak_concurrency, log.events.len()
                ) }
            </p>
        }
    });

    html! {
        <>
            <header>
                <h1>{ "Async Playground" }</h1>
                <p class="lede">{ "Tasks run for real on this page's event loop: real timers, real CPU work, measured with performance.now()." }</p>
            </header>
            <section class="card" aria-labelledby="run-h">
                <h2 id="run-h">{ "Run a scenario" }</h2>
                <label for="preset">{ "Preset" }</label>
                <select id="preset" onchange={on_preset}>
                    { for all.iter().map(|p| html! {
                        <option value={p.id} selected={p.id == preset.id}>{ p.title }</option>
                    }) }
                </select>
                <p class="muted">{ preset.description }</p>
                <fieldset>
                    <legend>{ "Mode" }</legend>
                    <label>
                        <input type="radio" name="mode" checked={*mode == Mode::Concurrent} onchange={set_mode(Mode::Concurrent)} />
                        { " Concurrent (spawn all, like asyncio.gather)" }
                    </label>
                    <label>
                        <input type="radio" name="mode" checked={*mode == Mode::Sequential} onchange={set_mode(Mode::Sequential)} />
                        { " Sequential (await one after another)" }
                    </label>
                </fieldset>
                <button class="primary" onclick={on_run} disabled={*running}>{ if *running { "Running…" } else { "Run" } }</button>
                { for summary }
                <EventLogView log={(*log).clone()} />
            </section>
            <WorkerCheck />
        </>
    }
}
