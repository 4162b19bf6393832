//! The comparison's runs: the scenario three ways (sequential, concurrent, parallel) with the
//! workers' checksums checked after, and the speedup sweep over 1 … N workers; Stop ends either.
//! [`use_comparison`] gives the page a [`ComparisonRuns`]: each run is a run session
//! (`shared/run_session.rs`) on the page's lab, its table or curve filled as it goes
//! (`Action::Progress`), its stage a sentence for the status line. The two share one session
//! [`Stop`]: one of them runs at a time, and Stop ends it (or cancels it while it waits).

use super::use_compare_pool::ComparePool;
use crate::ui::shared::run_session::{
    run_on_lab, use_stop, use_worded_run_session, Action, Claim, Session, Stop,
};
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

/// A session of the comparison page: a result filled as it goes, a stage in words.
type Runs<T> = UseReducerHandle<Session<T, String>>;
/// How a comparison run reports (what `run_on_lab` hands it).
type Reporter<T> = UseReducerDispatcher<Session<T, String>>;

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
    /// The three-way comparison: its results, filled in stage by stage.
    comparison: Runs<Results>,
    /// The sweep: the best wall time per worker count, ms (index 0: 1 worker).
    sweep: Runs<Vec<f64>>,
    stop: Stop,
    cache: Rc<RefCell<ExpectedCache>>,
}

/// The comparison's runs (see the module).
#[hook]
pub fn use_comparison() -> ComparisonRuns {
    ComparisonRuns {
        comparison: use_worded_run_session(),
        sweep: use_worded_run_session(),
        stop: use_stop(),
        cache: use_mut_ref(HashMap::new),
    }
}

impl ComparisonRuns {
    /// The last comparison's results (empty before the first).
    pub fn results(&self) -> Rc<Results> {
        self.comparison.result.clone().unwrap_or_default()
    }

    /// The last sweep's best wall time per worker count, ms.
    pub fn sweep_walls(&self) -> Vec<f64> {
        self.sweep.result.as_deref().cloned().unwrap_or_default()
    }

    /// What is running now, as the status line says it (`None`: nothing).
    pub fn busy(&self) -> Option<String> {
        [
            self.comparison.busy().then(|| self.comparison.stage.clone()),
            self.sweep.busy().then(|| self.sweep.stage.clone()),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(Option::unwrap_or_default)
    }

    /// Claims the page's Stop for a new run (`None` while one goes on), with the stopper its
    /// stages watch: Stop stops the stage under way and skips the rest, or, while the run waits
    /// for its turn, makes every stage stop at once.
    fn claim(&self) -> Option<(Claim, Stopper)> {
        let claim = self.stop.claim()?;
        let stopper = Stopper::default();
        let s = stopper.clone();
        claim.running(Rc::new(move || s.stop()));
        Some((claim, stopper))
    }

    /// Stops the comparison or the sweep, and what would follow.
    pub fn stop(&self) {
        self.stop.stop();
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
        let Some((claim, stop)) = self.claim() else { return };
        let (cache, lab, pool) = (self.cache.clone(), pool.lab().clone(), pool.clone());
        let run =
            Comparing { pool: p, scenario, n, rpm: pool.rounds_per_ms(), panic_on: panic_next.then_some(0) };
        run_on_lab(&lab, self.comparison.dispatcher(), move |_, session| async move {
            let results = run.run(&session, &pool, &stop, panic_next, (key, cache)).await;
            drop(claim);
            Ok(results)
        });
    }

    /// Measures `scenario` on 1 … `max` workers, [`SWEEP_ROUNDS`] rounds interleaved, keeping
    /// each worker count's best wall time of the runs that finished.
    pub fn sweep(&self, pool: &ComparePool, scenario: Scenario, max: u32) {
        let Some(p) = pool.started() else { return };
        let Some((claim, stop)) = self.claim() else { return };
        let (lab, pool) = (pool.lab().clone(), pool.clone());
        let rpm = pool.rounds_per_ms();
        run_on_lab(&lab, self.sweep.dispatcher(), move |_, session| async move {
            let mut walls: Vec<f64> = Vec::new();
            session.dispatch(Action::Progress(walls.clone()));
            'rounds: for round in 1..=SWEEP_ROUNDS {
                for n in 1..=max {
                    if stop.stopped() {
                        break 'rounds;
                    }
                    session.dispatch(Action::Started(Some(format!(
                        "Measuring the scenario on {n} of {max} {}, round {round} of {SWEEP_ROUNDS}…",
                        if max == 1 { "worker" } else { "workers" }
                    ))));
                    TimeoutFuture::new(50).await;
                    let (stage, _) = pool_stage(&p, &scenario, n, rpm, None, &stop).await;
                    let i = n as usize - 1;
                    if stage.measured.not_finished == 0 {
                        match walls.get_mut(i) {
                            Some(w) => *w = w.min(stage.measured.wall_ms),
                            None => walls.push(stage.measured.wall_ms),
                        }
                    }
                    session.dispatch(Action::Progress(walls.clone()));
                }
            }
            pool.refresh();
            drop(claim);
            Ok(walls)
        });
    }
}

/// One three-way comparison: the pool, the scenario, the workers, the unit, and which worker
/// panics (the panic test).
struct Comparing {
    pool: Rc<crate::web::pool::Pool>,
    scenario: Scenario,
    n: u32,
    rpm: u64,
    panic_on: Option<u32>,
}

impl Comparing {
    /// Runs the three stages (stopping after the one Stop cut short), then checks the
    /// checksums; reports each stage and the results so far to `session`.
    async fn run(
        self,
        session: &Reporter<Results>,
        pool: &ComparePool,
        stop: &Stopper,
        panic_next: UseStateHandle<bool>,
        (key, cache): (String, Rc<RefCell<ExpectedCache>>),
    ) -> Results {
        let Comparing { pool: p, scenario, n, rpm, panic_on } = self;
        let stage = |text: String| session.dispatch(Action::Started(Some(text)));
        let mut r = Results { workers: n, ..Results::default() };
        session.dispatch(Action::Progress(r.clone()));
        stage(
            "Running one task after another on the main thread (the page freezes: that is the point)…".into(),
        );
        TimeoutFuture::new(50).await;
        r.sequential = Some(event_loop_stage(&scenario, RunMode::Sequential, rpm, stop).await);
        r.stopped = stop.stopped().then_some(RunMode::Sequential);
        session.dispatch(Action::Progress(r.clone()));
        if !stop.stopped() {
            stage("Running all tasks concurrently on the event loop…".into());
            TimeoutFuture::new(50).await;
            r.concurrent = Some(event_loop_stage(&scenario, RunMode::Concurrent, rpm, stop).await);
            r.stopped = stop.stopped().then_some(RunMode::Concurrent);
            session.dispatch(Action::Progress(r.clone()));
        }
        if stop.stopped() {
            return r;
        }
        stage(format!("Running the tasks in parallel on {}…", plural(n as usize, "worker", "workers")));
        TimeoutFuture::new(50).await;
        let (parallel, out) = pool_stage(&p, &scenario, n, rpm, panic_on, stop).await;
        if panic_on.is_some() {
            panic_next.set(false);
        }
        r.parallel = Some(parallel);
        r.replaced = out.replaced.clone();
        pool.refresh();
        if stop.stopped() {
            // A stopped stage's time is not the scenario's: no verdict, no checksums.
            r.stopped = Some(RunMode::Parallel);
            return r;
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
        session.dispatch(Action::Progress(r.clone()));
        stage("Checking the workers' checksums against the page's own computation…".into());
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
        r
    }
}
