//! The comparison's stages, run for real: the scenario sequentially and concurrently on the
//! page's event loop (the runner, sized in calibrated units) and in parallel on the worker pool,
//! each with a lag meter (a heartbeat timer) measuring the page's worst event-loop lag; and the page's own
//! computation of every task's checksum, done in small slices so the page stays responsive.

use super::heartbeat::Heartbeat;
use super::pool::{Pool, PoolOutcome, PoolRun};
use super::runner::{Run, WorkSizing};
use engine::metrics;
use engine::metrics::Outcome;
use engine::parallel::{rounds_for, task_seed, Measured};
use engine::work::crunch;
use engine::RunMode;
use engine::{EventLog, Scenario, Step};
use gloo_timers::future::TimeoutFuture;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

type StopFn = Box<dyn Fn()>;

/// Stops whatever stage is running, and every stage after it.
#[derive(Clone, Default)]
pub struct Stopper {
    current: Rc<RefCell<Option<StopFn>>>,
    stopped: Rc<Cell<bool>>,
}

impl Stopper {
    /// Stops the running stage now and skips the rest.
    pub fn stop(&self) {
        self.stopped.set(true);
        if let Some(f) = self.current.borrow().as_ref() {
            f();
        }
    }

    /// Whether [`Stopper::stop`] was called.
    pub fn stopped(&self) -> bool {
        self.stopped.get()
    }

    /// Makes `f` the way to stop the stage that just started. If Stop came before the stage
    /// could register (during the pause that lets the page paint first), stop it at once.
    fn set(&self, f: impl Fn() + 'static) {
        if self.stopped.get() {
            f();
        }
        *self.current.borrow_mut() = Some(Box::new(f));
    }

    fn clear(&self) {
        *self.current.borrow_mut() = None;
    }
}

/// One stage's result: its log and its measured numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct StageResult {
    /// Every event of the stage, on its own run clock.
    pub log: Rc<EventLog>,
    /// Wall time, worst lag, tasks finished.
    pub measured: Measured,
}

fn measure(log: EventLog, worst_lag_ms: f64) -> StageResult {
    let end = log.events.iter().map(|e| e.t_ms).fold(0.0, f64::max);
    let m = metrics::compute(&log, end);
    let finished = m.count(Outcome::Finished);
    let measured = Measured {
        wall_ms: m.wall_ms,
        worst_lag_ms,
        finished,
        not_finished: log.task_names.len() - finished,
    };
    StageResult { log: Rc::new(log), measured }
}

/// Runs the scenario on the page's event loop (sequential or concurrent), `rounds_per_ms`
/// rounds per unit of work, measuring the worst lag. `stopper` can cancel it.
pub async fn event_loop_stage(
    scenario: &Scenario,
    mode: RunMode,
    rounds_per_ms: u64,
    stopper: &Stopper,
) -> StageResult {
    let beat = Heartbeat::start();
    let run = Run::start_with(scenario, mode, WorkSizing::Units { rounds_per_ms });
    let run_stopper = run.stopper();
    stopper.set(move || run_stopper.stop());
    let log = run.finished().await;
    stopper.clear();
    let lag = beat.stop().worst_ms;
    measure(log, lag)
}

/// Runs the scenario on `workers` workers of the pool, measuring the page's worst lag.
pub async fn pool_stage(
    pool: &Rc<Pool>,
    scenario: &Scenario,
    workers: u32,
    rounds_per_ms: u64,
    panic_on: Option<u32>,
    stopper: &Stopper,
) -> (StageResult, PoolOutcome) {
    let beat = Heartbeat::start();
    let run: Rc<PoolRun> = Rc::new(pool.run(scenario, workers, rounds_per_ms, panic_on));
    let r = run.clone();
    stopper.set(move || r.stop());
    let out = run.finished().await;
    stopper.clear();
    let lag = beat.stop().worst_ms;
    (measure(out.log.clone(), lag), out)
}

/// The checksum every task's work must give, computed here on the page in slices of about
/// `slice_ms` units with a yield in between, so the page stays responsive while it checks.
pub async fn expected_checksums(scenario: &Scenario, rounds_per_ms: u64, slice_ms: f64) -> Vec<u64> {
    let slice = rounds_for(slice_ms, rounds_per_ms).max(1);
    let mut out = Vec::with_capacity(scenario.tasks.len());
    for (i, t) in scenario.tasks.iter().enumerate() {
        let mut state = task_seed(i as u32);
        for s in &t.steps {
            if let Step::Work { ms } = *s {
                let mut left = rounds_for(ms, rounds_per_ms);
                while left > 0 {
                    let n = left.min(slice);
                    state = crunch(state, n);
                    left -= n;
                    TimeoutFuture::new(0).await;
                }
            }
        }
        out.push(state);
    }
    out
}

/// How the workers' checksums compare with the page's.
#[derive(Clone, Debug, PartialEq)]
pub struct ChecksumCheck {
    /// Tasks whose checksum matched.
    pub matched: usize,
    /// Tasks whose worker returned a different checksum: (task index, worker's, page's).
    pub mismatched: Vec<(usize, u64, u64)>,
    /// Tasks with no checksum (failed or cancelled).
    pub missing: usize,
}

/// Compares the workers' checksums with the page's.
pub fn check(expected: &[u64], got: &[Option<u64>]) -> ChecksumCheck {
    let mut c = ChecksumCheck { matched: 0, mismatched: Vec::new(), missing: 0 };
    for (i, (e, g)) in expected.iter().zip(got).enumerate() {
        match g {
            Some(v) if v == e => c.matched += 1,
            Some(v) => c.mismatched.push((i, *v, *e)),
            None => c.missing += 1,
        }
    }
    c
}
