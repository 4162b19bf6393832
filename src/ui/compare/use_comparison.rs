//! The comparison's runs: the scenario three ways (sequential, concurrent, parallel) with the
//! workers' checksums checked after, and the speedup sweep over 1 … N workers; Stop ends either.
//! [`use_comparison`] gives the page a [`ComparisonRuns`] with their state.

use super::use_compare_pool::ComparePool;
use crate::web::compare::{
    check, event_loop_stage, expected_checksums, pool_stage, ChecksumCheck, StageResult, Stopper,
};
use crate::web::pool::Replacement;
use engine::parallel::{Comparison, Workload};
use engine::words::plural;
use engine::RunMode;
use engine::Scenario;
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// The page's checksums per (scenario id, rounds per unit): computed once, reused by later runs.
type ExpectedCache = HashMap<(String, u64), Vec<u64>>;

/// Each N of the speedup sweep is measured this many times (interleaved: 1, 2, …, 1, 2, …) and
/// the best is kept, so a burst of other work on the machine does not decide the curve.
pub const SWEEP_ROUNDS: usize = 5;

/// The results of the last comparison, filled in stage by stage.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Results {
    /// One task after another on the main thread.
    pub sequential: Option<StageResult>,
    /// All tasks spawned on the event loop.
    pub concurrent: Option<StageResult>,
    /// Tasks spread over the workers.
    pub parallel: Option<StageResult>,
    /// Workers of the parallel stage.
    pub workers: u32,
    /// The workers' checksums against the page's.
    pub check: Option<ChecksumCheck>,
    /// Workers that died and were replaced during the parallel stage.
    pub replaced: Vec<Replacement>,
    /// The explanation, built from the numbers.
    pub explanation: Vec<String>,
    /// The stage Stop cut short (the stages after it did not run).
    pub stopped: Option<RunMode>,
}

/// The comparison's runs and their state.
#[derive(Clone)]
pub struct ComparisonRuns {
    /// The last comparison's results.
    pub results: UseStateHandle<Results>,
    /// The best wall time per worker count of the last sweep, ms (index 0: 1 worker).
    pub sweep: UseStateHandle<Vec<f64>>,
    /// What is running now, as the status line says it (`None`: nothing).
    pub busy: UseStateHandle<Option<String>>,
    stopper: Rc<RefCell<Stopper>>,
    cache: Rc<RefCell<ExpectedCache>>,
}

/// The comparison's runs (see the module).
#[hook]
pub fn use_comparison() -> ComparisonRuns {
    ComparisonRuns {
        results: use_state(Results::default),
        sweep: use_state(Vec::<f64>::new),
        busy: use_state(|| None::<String>),
        stopper: use_mut_ref(Stopper::default),
        cache: use_mut_ref(HashMap::new),
    }
}

impl ComparisonRuns {
    /// A fresh stopper for the next run, which Stop then stops.
    fn new_stopper(&self) -> Stopper {
        let stop = Stopper::default();
        *self.stopper.borrow_mut() = stop.clone();
        stop
    }

    /// Stops the comparison or the sweep, and what would follow.
    pub fn stop(&self) {
        self.stopper.borrow().stop();
    }

    /// Runs `scenario` (picker id `key`) sequentially, concurrently, then on `n` workers of the
    /// pool (worker 1 panicking if `panic_next` is set, which is then cleared), and checks the
    /// workers' checksums against the page's.
    pub fn compare(
        &self,
        pool: &ComparePool,
        scenario: Scenario,
        key: String,
        n: u32,
        panic_next: UseStateHandle<bool>,
    ) {
        let Some(p) = pool.started() else { return };
        let (busy, results, cache, pool) =
            (self.busy.clone(), self.results.clone(), self.cache.clone(), pool.clone());
        let rpm = pool.rounds_per_ms();
        let stop = self.new_stopper();
        let panic_on = panic_next.then_some(0);
        let lab = pool.lab().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _turn = lab.turn().await;
            let mut r = Results { workers: n, ..Results::default() };
            results.set(r.clone());
            busy.set(Some(
                "Running one task after another on the main thread (the page freezes: that is the point)…"
                    .into(),
            ));
            TimeoutFuture::new(50).await;
            r.sequential = Some(event_loop_stage(&scenario, RunMode::Sequential, rpm, &stop).await);
            r.stopped = stop.stopped().then_some(RunMode::Sequential);
            results.set(r.clone());
            if !stop.stopped() {
                busy.set(Some("Running all tasks concurrently on the event loop…".into()));
                TimeoutFuture::new(50).await;
                r.concurrent = Some(event_loop_stage(&scenario, RunMode::Concurrent, rpm, &stop).await);
                r.stopped = stop.stopped().then_some(RunMode::Concurrent);
                results.set(r.clone());
            }
            if !stop.stopped() {
                busy.set(Some(format!(
                    "Running the tasks in parallel on {}…",
                    plural(n as usize, "worker", "workers")
                )));
                TimeoutFuture::new(50).await;
                let (stage, out) = pool_stage(&p, &scenario, n, rpm, panic_on, &stop).await;
                if panic_on.is_some() {
                    panic_next.set(false);
                }
                r.parallel = Some(stage);
                r.replaced = out.replaced.clone();
                pool.refresh();
                if stop.stopped() {
                    // A stopped stage's time is not the scenario's: no verdict, no checksums.
                    r.stopped = Some(RunMode::Parallel);
                    results.set(r);
                    busy.set(None);
                    return;
                }
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
                busy.set(Some("Checking the workers' checksums against the page's own computation…".into()));
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
    }

    /// Measures `scenario` on 1 … `max` workers, [`SWEEP_ROUNDS`] rounds interleaved, keeping
    /// each worker count's best wall time of the runs that finished.
    pub fn sweep(&self, pool: &ComparePool, scenario: Scenario, max: u32) {
        let Some(p) = pool.started() else { return };
        let (busy, sweep, pool) = (self.busy.clone(), self.sweep.clone(), pool.clone());
        let rpm = pool.rounds_per_ms();
        let stop = self.new_stopper();
        let lab = pool.lab().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _turn = lab.turn().await;
            let mut walls: Vec<f64> = Vec::new();
            sweep.set(walls.clone());
            'rounds: for round in 1..=SWEEP_ROUNDS {
                for n in 1..=max {
                    if stop.stopped() {
                        break 'rounds;
                    }
                    busy.set(Some(format!(
                        "Measuring the scenario on {n} of {max} {}, round {round} of {SWEEP_ROUNDS}…",
                        if max == 1 { "worker" } else { "workers" }
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
            pool.refresh();
            busy.set(None);
        });
    }
}
