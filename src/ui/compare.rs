//! The comparison page (`/compare`): the same scenario run three ways — sequentially on the
//! main thread, concurrently on the event loop, in parallel on real Web Workers — with the
//! measured numbers side by side, a speedup chart for 1 … hardwareConcurrency workers, and the
//! data-transfer panel.

pub mod compare_results;
pub mod event_log;
pub mod pool_settings;
pub mod speedup_chart;

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::{timeline::Timeline, transfer_panel::TransferPanel};
use crate::web::compare::{
    check, event_loop_stage, expected_checksums, pool_stage, ChecksumCheck, StageResult, Stopper,
};
use crate::web::pool::{Pool, Replacement};
use crate::web::runner::Mode;
use crate::web::{busy, storage};
use compare_results::CompareResults;
use engine::parallel::{compare_presets, ideal_speedups, Comparison, Workload};
use engine::Scenario;
use event_log::EventLogView;
use gloo_timers::future::TimeoutFuture;
use pool_settings::{PoolSettings, PoolStatus};
use speedup_chart::SpeedupChart;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The page's checksums per (scenario id, rounds per unit): computed once, reused by later runs.
type ExpectedCache = HashMap<(String, u64), Vec<u64>>;

/// The picker's id for the scenario saved in the playground.
const SAVED_ID: &str = "saved";

/// Each N of the speedup sweep is measured this many times (interleaved: 1, 2, …, 1, 2, …) and
/// the best is kept, so a burst of other work on the machine does not decide the curve.
const SWEEP_ROUNDS: usize = 5;

/// Calibration: this many samples of [`CALIBRATION_MS`] each, on the page and in a worker; the
/// fastest counts, because a sample the OS interrupted for other programs reads too slow.
const CALIBRATION_SAMPLES: usize = 5;
/// Length of one calibration sample, ms.
const CALIBRATION_MS: f64 = 30.0;

/// The scenario the reader left in the playground, if it is there and valid.
fn saved_scenario() -> Option<Scenario> {
    let text = storage::load(storage::PLAYGROUND_DRAFT)?;
    engine::saved::decode_draft_entry(&text).ok()?.value.validate().ok()
}

/// The results of the last comparison, filled in stage by stage.
#[derive(Clone, Debug, PartialEq, Default)]
struct Results {
    sequential: Option<StageResult>,
    concurrent: Option<StageResult>,
    parallel: Option<StageResult>,
    workers: u32,
    check: Option<ChecksumCheck>,
    replaced: Vec<Replacement>,
    explanation: Vec<String>,
}

fn pool_status(pool: &Pool, page_rpm: u64, worker_rpm: Option<u64>, ping_ms: Option<f64>) -> PoolStatus {
    PoolStatus {
        size: pool.size(),
        warm_ms: pool.warm_ms(),
        startups_ms: pool.startups_ms(),
        page_rounds_per_ms: page_rpm,
        worker_rounds_per_ms: worker_rpm,
        ping_ms,
    }
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
    let status = use_state(|| None::<PoolStatus>);
    let busy = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let results = use_state(Results::default);
    let sweep = use_state(Vec::<f64>::new);
    let rpm = use_mut_ref(|| 0u64);
    let pool: Rc<RefCell<Option<Rc<Pool>>>> = use_mut_ref(|| None);
    let stopper = use_mut_ref(Stopper::default);
    let expected_cache: Rc<RefCell<ExpectedCache>> = use_mut_ref(HashMap::new);

    let scenario: Scenario = if *preset_id == SAVED_ID {
        (*saved).clone().unwrap_or_else(|| presets[0].scenario.clone())
    } else {
        presets.iter().find(|p| p.id == *preset_id).unwrap_or(&presets[0]).scenario.clone()
    };
    let workers = engine::fields::workers(&workers_text, max);

    // Start-up: calibrate the page, start the pool, calibrate a worker, time a small message.
    {
        let (pool, status, rpm, error) = (pool.clone(), status.clone(), rpm.clone(), error.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Let the page paint before the calibration holds the thread.
                TimeoutFuture::new(50).await;
                let mut page_rpm = 1;
                for _ in 0..CALIBRATION_SAMPLES {
                    page_rpm = page_rpm.max(busy::calibrate(CALIBRATION_MS));
                    // Yield between samples so the page can paint.
                    TimeoutFuture::new(0).await;
                }
                *rpm.borrow_mut() = page_rpm;
                match Pool::start(max).await {
                    Ok(p) => {
                        let mut worker_rpm = None;
                        for _ in 0..CALIBRATION_SAMPLES {
                            if let Ok(r) = p.calibrate(0, CALIBRATION_MS).await {
                                worker_rpm = Some(worker_rpm.unwrap_or(0).max(r));
                            }
                        }
                        let ping = p.ping(0, 100).await.ok();
                        status.set(Some(pool_status(&p, page_rpm, worker_rpm, ping)));
                        *pool.borrow_mut() = Some(p);
                    }
                    Err(e) => error.set(Some(format!("The workers could not start: {e}"))),
                }
            });
            || ()
        });
    }

    let refresh_status = {
        let (pool, status) = (pool.clone(), status.clone());
        move || {
            if let (Some(p), Some(old)) = (pool.borrow().as_ref(), (*status).clone()) {
                status.set(Some(pool_status(
                    p,
                    old.page_rounds_per_ms,
                    old.worker_rounds_per_ms,
                    old.ping_ms,
                )));
            }
        }
    };

    let on_workers = {
        let (workers_text, pool, refresh) = (workers_text.clone(), pool.clone(), refresh_status.clone());
        Callback::from(move |text: String| {
            workers_text.set(text.clone());
            if let (Ok(n), Some(p)) = (engine::fields::workers(&text, max), pool.borrow().clone()) {
                let refresh = refresh.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if p.resize(n).await.is_ok() {
                        refresh();
                    }
                });
            }
        })
    };
    let on_panic = {
        let panic_next = panic_next.clone();
        Callback::from(move |on: bool| panic_next.set(on))
    };
    let on_preset = {
        let preset_id = preset_id.clone();
        Callback::from(move |e: Event| preset_id.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };

    let ready = status.is_some() && busy.is_none();
    let on_compare = {
        let (pool, busy, results, stopper, panic_next, rpm, cache, refresh) = (
            pool.clone(),
            busy.clone(),
            results.clone(),
            stopper.clone(),
            panic_next.clone(),
            rpm.clone(),
            expected_cache.clone(),
            refresh_status.clone(),
        );
        let (scenario, workers, key) = (scenario.clone(), workers.clone(), (*preset_id).clone());
        Callback::from(move |_| {
            let (Ok(n), Some(p)) = (workers.clone(), pool.borrow().clone()) else { return };
            let (busy, results, panic_next, cache, refresh, scenario, key) = (
                busy.clone(),
                results.clone(),
                panic_next.clone(),
                cache.clone(),
                refresh.clone(),
                scenario.clone(),
                key.clone(),
            );
            let rpm = *rpm.borrow();
            let stop = Stopper::default();
            *stopper.borrow_mut() = stop.clone();
            let panic_on = panic_next.then_some(0);
            wasm_bindgen_futures::spawn_local(async move {
                let mut r = Results { workers: n, ..Results::default() };
                results.set(r.clone());
                busy.set(Some("Running one task after another on the main thread (the page freezes: that is the point)…".into()));
                TimeoutFuture::new(50).await;
                r.sequential = Some(event_loop_stage(&scenario, Mode::Sequential, rpm, &stop).await);
                results.set(r.clone());
                if !stop.stopped() {
                    busy.set(Some("Running all tasks concurrently on the event loop…".into()));
                    TimeoutFuture::new(50).await;
                    r.concurrent = Some(event_loop_stage(&scenario, Mode::Concurrent, rpm, &stop).await);
                    results.set(r.clone());
                }
                if !stop.stopped() {
                    busy.set(Some(format!("Running the tasks in parallel on {n} worker(s)…")));
                    TimeoutFuture::new(50).await;
                    let (stage, out) = pool_stage(&p, &scenario, n, rpm, panic_on, &stop).await;
                    if panic_on.is_some() {
                        panic_next.set(false);
                    }
                    r.parallel = Some(stage);
                    r.replaced = out.replaced.clone();
                    refresh();
                    if let (Some(s), Some(c), Some(pr)) = (&r.sequential, &r.concurrent, &r.parallel) {
                        let cmp = Comparison {
                            workload: Workload::of(&scenario),
                            sequential: s.measured.clone(),
                            concurrent: c.measured.clone(),
                            parallel: pr.measured.clone(),
                            workers: n,
                        };
                        r.explanation = cmp.explain();
                    }
                    results.set(r.clone());
                    busy.set(Some(
                        "Checking the workers' checksums against the page's own computation…".into(),
                    ));
                    let k = (key, rpm);
                    let cached = cache.borrow().get(&k).cloned();
                    let expected = match cached {
                        Some(e) => e,
                        None => {
                            let e = expected_checksums(&scenario, rpm, 5.0).await;
                            cache.borrow_mut().insert(k, e.clone());
                            e
                        }
                    };
                    r.check = Some(check(&expected, &out.checksums));
                    results.set(r);
                }
                busy.set(None);
            });
        })
    };
    let on_sweep = {
        let (pool, busy, sweep, stopper, rpm, scenario) =
            (pool.clone(), busy.clone(), sweep.clone(), stopper.clone(), rpm.clone(), scenario.clone());
        let refresh = refresh_status.clone();
        Callback::from(move |_| {
            let Some(p) = pool.borrow().clone() else { return };
            let (busy, sweep, scenario, refresh) =
                (busy.clone(), sweep.clone(), scenario.clone(), refresh.clone());
            let rpm = *rpm.borrow();
            let stop = Stopper::default();
            *stopper.borrow_mut() = stop.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut walls: Vec<f64> = Vec::new();
                sweep.set(walls.clone());
                'rounds: for round in 1..=SWEEP_ROUNDS {
                    for n in 1..=max {
                        if stop.stopped() {
                            break 'rounds;
                        }
                        busy.set(Some(format!(
                            "Measuring the scenario on {n} of {max} worker(s), round {round} of {SWEEP_ROUNDS}…"
                        )));
                        TimeoutFuture::new(50).await;
                        let (stage, _) = pool_stage(&p, &scenario, n, rpm, None, &stop).await;
                        let i = n as usize - 1;
                        if stage.measured.not_finished == 0 {
                            match walls.get_mut(i) {
                                Some(w) => *w = w.min(stage.measured.wall_ms),
                                None => walls.push(stage.measured.wall_ms),
                            }
                        }
                        sweep.set(walls.clone());
                    }
                }
                refresh();
                busy.set(None);
            });
        })
    };
    let on_stop = {
        let stopper = stopper.clone();
        Callback::from(move |_| stopper.borrow().stop())
    };

    let kind = Workload::of(&scenario);
    let axis = [&results.sequential, &results.concurrent, &results.parallel]
        .iter()
        .filter_map(|r| r.as_ref().map(|r| r.measured.wall_ms))
        .fold(0.0, f64::max);
    let lanes = |title: &'static str, r: &Option<StageResult>| {
        r.as_ref().map(|r| {
            html! {
                <figure class="run-lanes">
                    <figcaption>{ format!("{title} — {:.0} ms", r.measured.wall_ms) }</figcaption>
                    <Timeline log={r.log.clone()} upto_ms={r.log.events.iter().map(|e| e.t_ms).fold(0.0, f64::max)}
                        axis_end_ms={Some(axis)} label={AttrValue::from(format!("{title} timeline"))} />
                    <details>
                        <summary>{ format!("Event log ({} events)", r.log.events.len()) }</summary>
                        <EventLogView log={r.log.clone()} />
                    </details>
                </figure>
            }
        })
    };
    let ideal = ideal_speedups(&scenario, max);

    html! {
        <div class="compare-page">
            <header>
                <h1>{ "Concurrency vs parallelism" }</h1>
                <p class="lede">{ "The same tasks three ways: one after another on the main thread, taking turns on the event loop, and at the same time on real Web Workers. Every number is measured in your browser." }</p>
            </header>
            if let Some(e) = &*error { <p class="error" role="alert">{ e }</p> }
            <section class="card" aria-labelledby="scenario-h">
                <h2 id="scenario-h">{ "What to run" }</h2>
                <div class="field">
                    <label for="compare-preset">{ "Scenario" }</label>
                    <select id="compare-preset" onchange={on_preset} disabled={busy.is_some()}>
                        { for presets.iter().map(|p| html! {
                            <option value={p.id} selected={*preset_id == p.id}>{ p.title }</option>
                        }) }
                        if saved.is_some() {
                            <option value={SAVED_ID} selected={*preset_id == SAVED_ID}>{ "Your scenario from the playground" }</option>
                        }
                    </select>
                </div>
                <p class="muted" data-testid="scenario-summary">{ format!(
                    "{} tasks · {:.0} units of CPU work · {:.0} ms of waiting (sequential ideal {:.0} ms) · {}",
                    scenario.tasks.len(), scenario.total_work_ms(), scenario.sequential_ideal_ms() - scenario.total_work_ms(),
                    scenario.sequential_ideal_ms(), kind.label()
                ) }</p>
                <div class="actions">
                    <button class="primary" onclick={on_compare} disabled={!ready || workers.is_err()}>{ "Run the comparison" }</button>
                    <button onclick={on_stop} disabled={busy.is_none()}>{ "Stop" }</button>
                </div>
                <p role="status" class="busy" data-testid="busy">{ (*busy).clone().unwrap_or_default() }</p>
            </section>
            <PoolSettings workers_text={(*workers_text).clone()} max={max} error={workers.clone().err().map(AttrValue::from)}
                          on_workers={on_workers} panic_next={*panic_next} on_panic={on_panic}
                          status={(*status).clone()} busy={busy.is_some()} />
            <section class="card" aria-labelledby="results-h">
                <h2 id="results-h">{ "Results side by side" }</h2>
                <CompareResults sequential={results.sequential.clone()} concurrent={results.concurrent.clone()}
                                parallel={results.parallel.clone()} workers={results.workers.max(1)} check={results.check.clone()}
                                replaced={results.replaced.clone()} explanation={results.explanation.clone()} />
            </section>
            <section class="card" aria-labelledby="timelines-h">
                <h2 id="timelines-h">{ "The three runs on one time axis" }</h2>
                // One timeline per run, all three on the same time axis (`axis`, ms).
                <div class="timeline-slot" data-slot="timeline">
                    { for lanes("Sequential (main thread)", &results.sequential) }
                    { for lanes("Concurrent (event loop)", &results.concurrent) }
                    { for lanes("Parallel (workers)", &results.parallel) }
                    if results.sequential.is_none() { <p class="muted">{ "Run the comparison to see the timelines." }</p> }
                </div>
            </section>
            <section class="card" aria-labelledby="speedup-h">
                <h2 id="speedup-h">{ "Speedup with 1 … N workers" }</h2>
                <p class="muted">{ format!("Runs the scenario on 1, 2, … {max} workers ({SWEEP_ROUNDS} rounds, best time of each kept) and plots the speedup over 1 worker, next to Amdahl's law and this scenario's ideal.") }</p>
                <button onclick={on_sweep} disabled={!ready}>{ format!("Measure speedup for N = 1…{max}") }</button>
                <SpeedupChart walls_ms={(*sweep).clone()} ideal={ideal} />
            </section>
            <TransferPanel />
        </div>
    }
}
