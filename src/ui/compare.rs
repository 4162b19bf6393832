//! The comparison page (`/compare`): the same scenario run three ways — sequentially on the
//! main thread, concurrently on the event loop, in parallel on real Web Workers — with the
//! measured numbers side by side, a speedup chart for 1 … hardwareConcurrency workers, and the
//! data-transfer panel.
//!
//! The page holds what the reader picked (scenario via use_scenario_choice.rs, Workers field,
//! panic test); its hooks start the pool (use_compare_pool.rs) and run the comparison and the sweep (use_comparison.rs); its
//! cards render them (scenario_picker.rs, pool_settings.rs, compare_results.rs, run_lanes.rs,
//! speedup_sweep.rs).

pub mod compare_results;
pub mod event_log;
pub mod pool_settings;
pub mod run_lanes;
pub mod scenario_picker;
pub mod speedup_chart;
pub mod speedup_sweep;
pub mod use_compare_pool;
pub mod use_comparison;
pub mod use_scenario_choice;

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::transfer_panel::TransferPanel;
use compare_results::compare_results;
use pool_settings::{pool_settings, PoolSettingsProps};
use run_lanes::run_lanes;
use scenario_picker::{scenario_picker, ScenarioPickerProps};
use speedup_sweep::{speedup_sweep, SpeedupSweepProps};
use use_compare_pool::use_compare_pool;
use use_comparison::use_comparison;
use use_scenario_choice::use_scenario_choice;
use yew::prelude::*;

/// The comparison page.
#[component]
pub fn Compare() -> Html {
    let max = use_lab().env.cores;
    let choice = use_scenario_choice();
    let workers_text = use_state(|| max.to_string());
    let panic_next = use_state(|| false);
    let pool = use_compare_pool(max);
    let runs = use_comparison();

    let scenario = choice.scenario.clone();
    let workers = engine::fields::workers(&workers_text, max);

    let on_workers = {
        let (workers_text, pool) = (workers_text.clone(), pool.clone());
        Callback::from(move |text: String| {
            workers_text.set(text.clone());
            if let Ok(n) = engine::fields::workers(&text, max) {
                pool.resize(n);
            }
        })
    };
    let on_panic = {
        let panic_next = panic_next.clone();
        Callback::from(move |on: bool| panic_next.set(on))
    };
    let on_compare = {
        let (runs, pool, panic_next) = (runs.clone(), pool.clone(), panic_next.clone());
        let (scenario, workers, key) = (scenario.clone(), workers.clone(), choice.picked.clone());
        Callback::from(move |()| {
            if let Ok(n) = workers {
                runs.compare(&pool, (*scenario).clone(), key.clone(), n, panic_next.clone());
            }
        })
    };
    let on_sweep = {
        let (runs, pool, scenario) = (runs.clone(), pool.clone(), scenario.clone());
        Callback::from(move |()| runs.sweep(&pool, (*scenario).clone(), max))
    };
    let on_stop = {
        let runs = runs.clone();
        Callback::from(move |()| runs.stop())
    };

    let busy = runs.busy();
    let ready = pool.status().is_some() && busy.is_none();
    let results = runs.results();

    html! {
        <div class="compare-page">
            <header>
                <h1>{ "Concurrency vs parallelism" }</h1>
                <p class="lede">{ "The same tasks three ways: one after another on the main thread, taking turns on the event loop, and at the same time on real Web Workers. Every number is measured in your browser." }</p>
            </header>
            if let Some(e) = pool.error() { <p class="error" role="alert">{ e }</p> }
            { scenario_picker(&ScenarioPickerProps { presets: choice.presets.clone(), picked: AttrValue::from(choice.picked.clone()), saved: choice.saved,
                scenario: scenario.clone(), busy: busy.clone(), can_run: ready && workers.is_ok(),
                on_pick: choice.on_pick.clone(), on_compare, on_stop }) }
            { pool_settings(&PoolSettingsProps { workers_text: AttrValue::from((*workers_text).clone()), max, error: workers.clone().err().map(AttrValue::from),
                on_workers, panic_next: *panic_next, on_panic, status: pool.status(), busy: busy.is_some() }) }
            <section class="card" aria-labelledby="results-h">
                <h2 id="results-h">{ "Results side by side" }</h2>
                { compare_results(&results) }
            </section>
            { run_lanes(&results) }
            { speedup_sweep(&SpeedupSweepProps { scenario, max, walls_ms: runs.sweep_walls(), ready, on_sweep }) }
            <TransferPanel />
        </div>
    }
}
