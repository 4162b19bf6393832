//! The comparison page (`/compare`): the same scenario run three ways — sequentially on the
//! main thread, concurrently on the event loop, in parallel on real Web Workers — with the
//! measured numbers side by side, a speedup chart for 1 … hardwareConcurrency workers, and the
//! data-transfer panel.
//!
//! The page holds what the reader picked (scenario, Workers field, panic test); its hooks start
//! the pool (use_compare_pool.rs) and run the comparison and the sweep (use_comparison.rs); its
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

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::transfer_panel::TransferPanel;
use crate::web::storage;
use compare_results::CompareResults;
use engine::parallel::compare_presets;
use engine::Scenario;
use pool_settings::PoolSettings;
use run_lanes::RunLanes;
use scenario_picker::{ScenarioPicker, SAVED_ID};
use speedup_sweep::SpeedupSweep;
use std::rc::Rc;
use use_compare_pool::use_compare_pool;
use use_comparison::use_comparison;
use yew::prelude::*;

/// The scenario the reader left in the playground, if it is there and valid.
fn saved_scenario() -> Option<Scenario> {
    let text = storage::load(storage::PLAYGROUND_DRAFT)?;
    engine::saved::decode_draft_entry(&text).ok()?.value.validate().ok()
}

/// The comparison page.
#[component]
pub fn Compare() -> Html {
    let max = use_lab().env.cores;
    // The playground's scenario, read from storage after the first render.
    let saved = use_state(|| None::<Scenario>);
    {
        let saved = saved.clone();
        use_effect_with((), move |_| saved.set(saved_scenario()));
    }
    let presets = use_memo((), |_| compare_presets());
    let preset_id = use_state(|| presets[0].id.to_string());
    let workers_text = use_state(|| max.to_string());
    let panic_next = use_state(|| false);
    let pool = use_compare_pool(max);
    let runs = use_comparison();

    let scenario = Rc::new(if *preset_id == SAVED_ID {
        (*saved).clone().unwrap_or_else(|| presets[0].scenario.clone())
    } else {
        presets.iter().find(|p| p.id == *preset_id).unwrap_or(&presets[0]).scenario.clone()
    });
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
    let on_pick = {
        let preset_id = preset_id.clone();
        Callback::from(move |id: String| preset_id.set(id))
    };
    let on_compare = {
        let (runs, pool, panic_next) = (runs.clone(), pool.clone(), panic_next.clone());
        let (scenario, workers, key) = (scenario.clone(), workers.clone(), (*preset_id).clone());
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

    let busy = (*runs.busy).clone();
    let ready = pool.status().is_some() && busy.is_none();
    let results = &*runs.results;

    html! {
        <div class="compare-page">
            <header>
                <h1>{ "Concurrency vs parallelism" }</h1>
                <p class="lede">{ "The same tasks three ways: one after another on the main thread, taking turns on the event loop, and at the same time on real Web Workers. Every number is measured in your browser." }</p>
            </header>
            if let Some(e) = pool.error() { <p class="error" role="alert">{ e }</p> }
            <ScenarioPicker presets={presets.clone()} picked={AttrValue::from((*preset_id).clone())} saved={saved.is_some()}
                scenario={scenario.clone()} busy={busy.clone()} can_run={ready && workers.is_ok()}
                on_pick={on_pick} on_compare={on_compare} on_stop={on_stop} />
            <PoolSettings workers_text={(*workers_text).clone()} max={max} error={workers.clone().err().map(AttrValue::from)}
                          on_workers={on_workers} panic_next={*panic_next} on_panic={on_panic}
                          status={pool.status()} busy={busy.is_some()} />
            <section class="card" aria-labelledby="results-h">
                <h2 id="results-h">{ "Results side by side" }</h2>
                <CompareResults sequential={results.sequential.clone()} concurrent={results.concurrent.clone()}
                                parallel={results.parallel.clone()} workers={results.workers.max(1)} check={results.check.clone()}
                                replaced={results.replaced.clone()} explanation={results.explanation.clone()}
                                stopped={results.stopped} />
            </section>
            <RunLanes sequential={results.sequential.clone()} concurrent={results.concurrent.clone()} parallel={results.parallel.clone()} />
            <SpeedupSweep scenario={scenario} max={max} walls_ms={(*runs.sweep).clone()} ready={ready} on_sweep={on_sweep} />
            <TransferPanel />
        </div>
    }
}
