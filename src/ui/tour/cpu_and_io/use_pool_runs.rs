//! The pool demo's runs: CPU-bound jobs on one worker one after another, and on a pool of the
//! reader's size at once, in interleaved rounds on the page's lab ([`measure_rounds`]), every
//! job's checksum checked against the page's own; claim 3_2-pool recorded.

use crate::ui::shared::lab::{use_lab, LabHandle};
use crate::ui::shared::run_session::{measure_rounds, run_on_lab, use_run_session, Action, Session};
use crate::ui::tour::lesson_seen::Seen;
use crate::web::claims::{now_epoch_ms, record};
use crate::web::compare::{pool_stage, StageResult, Stopper};
use engine::chapters::ch3::{
    pool_claim, pool_expectations, pool_jobs, pool_scenario, ClaimReading, POOL_JOB_UNITS,
};
use engine::measure::{Comparison, Conditions, MIN_ROUNDS};
use engine::parallel::{task_checksum, task_seed};
use engine::words::plural;
use engine::Scenario;
use yew::prelude::*;

/// One measured run and whether its checksums matched.
#[derive(Clone)]
pub struct PoolRun {
    /// The run's log and numbers.
    pub stage: StageResult,
    /// Whether every job's checksum matched the page's.
    pub checksums_ok: bool,
}

/// What one click measured.
pub struct PoolOutcome {
    /// Workers in the pool.
    pub workers: u32,
    /// Logical cores the browser reports.
    pub cores: u32,
    /// Jobs run.
    pub jobs: usize,
    /// Each variant's typical run (a run whose checksums did not match, if any).
    pub runs: Vec<PoolRun>,
    /// Both variants' medians and spreads, and what they support.
    pub comparison: Comparison,
    /// The machine around the runs.
    pub conditions: Conditions,
    /// Claim 3_2-pool as recorded.
    pub claim: ClaimReading,
}

fn checksums_ok(s: &Scenario, got: &[Option<u64>], rpm: u64) -> bool {
    got.len() == s.tasks.len()
        && s.tasks.iter().enumerate().all(|(i, t)| got[i] == Some(task_checksum(t, task_seed(i as u32), rpm)))
}

async fn measure(
    lab: &LabHandle,
    workers: u32,
    session: &UseReducerDispatcher<Session<PoolOutcome>>,
) -> Result<PoolOutcome, String> {
    let stage = |s: &'static str| session.dispatch(Action::Started(Some(s)));
    stage("starting the workers");
    let cores = lab.env.cores;
    let lab = lab.ensure(workers).await?;
    let workers = workers.min(lab.pool.size());
    let jobs = pool_jobs(workers);
    let scenario = pool_scenario(workers);
    let variants = pool_expectations(workers);
    let stop = Stopper::default();
    let rounds = measure_rounds(&lab, workers, cores, &variants, MIN_ROUNDS, stage, |i| {
        let (lab, scenario, stop) = (lab.clone(), &scenario, &stop);
        async move {
            let n = if i == 0 { 1 } else { workers };
            let (stage, out) = pool_stage(&lab.pool, scenario, n, lab.rounds_per_ms, None, stop).await;
            let ok = checksums_ok(scenario, &out.checksums, lab.rounds_per_ms);
            Ok((stage.measured.wall_ms, PoolRun { stage, checksums_ok: ok }))
        }
    })
    .await?;
    let runs = (0..variants.len())
        .map(|i| {
            rounds.runs[i]
                .iter()
                .find(|r| !r.checksums_ok)
                .or_else(|| rounds.typical(i, |r| r.stage.measured.wall_ms))
                .cloned()
        })
        .collect::<Option<Vec<_>>>()
        .ok_or("a variant did not run")?;
    let claim = pool_claim(&rounds.comparison, workers, cores).ok_or("a variant measured no time")?;
    Ok(PoolOutcome {
        workers,
        cores,
        jobs,
        runs,
        comparison: rounds.comparison,
        conditions: rounds.conditions,
        claim,
    })
}

fn seen(o: &PoolOutcome) -> Seen {
    let m = &o.comparison.readings;
    Seen {
        label: "CPU-bound jobs on a pool of workers".into(),
        value: o.claim.value.clone().into(),
        detail: format!(
            "{} of {POOL_JOB_UNITS:.0} units; medians of {MIN_ROUNDS} rounds: one worker {}, a pool of {} {}. {}",
            plural(o.jobs, "job", "jobs"),
            m[0].spread.reading(),
            o.workers,
            m[1].spread.reading(),
            o.comparison.words()
        )
        .into(),
    }
}

/// The demo's run session, and the callback that measures a pool of the given size (recording
/// claim 3_2-pool and reporting its facts to `on_seen`).
#[hook]
pub fn use_pool_runs(on_seen: Callback<Seen>) -> (UseReducerHandle<Session<PoolOutcome>>, Callback<u32>) {
    let lab = use_lab();
    let session = use_run_session::<PoolOutcome>();
    let run = {
        let dispatcher = session.dispatcher();
        Callback::from(move |workers: u32| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, dispatcher.clone(), move |lab, session| async move {
                let o = measure(&lab, workers, &session).await?;
                let m = engine::claims::Measured {
                    value: o.claim.value.clone(),
                    holds: o.claim.holds,
                    at_ms: now_epoch_ms(),
                };
                record("3_2-pool", m);
                on_seen.emit(seen(&o));
                Ok(o)
            });
        })
    };
    (session, run)
}
