//! The fork-vs-spawn demo's runs: a small job sent to a fresh Web Worker (started for it, the
//! way the pool starts one: `new Worker`, load and instantiate the wasm, wait for its Ready) and
//! to a warm pool's worker, in interleaved rounds ([`measure_rounds`]); each job's checksum is
//! checked, claim 3_3-fork-spawn recorded.

use crate::ui::shared::lab::{use_lab, LabHandle};
use crate::ui::shared::run_session::{measure_rounds, run_on_lab, use_run_session, Action, Session};
use crate::ui::tour::lesson_seen::Seen;
use crate::web::claims::{now_epoch_ms, record};
use crate::web::clock;
use crate::web::worker_client::{Limits, WorkerClient, WORKER_URL};
use engine::chapters::ch3::{
    fork_spawn_claim, fork_spawn_expectations, startup_job, ClaimReading, STARTUP_ROUNDS,
};
use engine::measure::{Comparison, Conditions, Spread};
use engine::parallel::{task_checksum, task_seed};
use engine::protocol::{FromWorker, ToWorker};
use yew::prelude::*;

/// One measured job.
#[derive(Clone, Copy)]
pub struct Sample {
    /// From asking to the job's answer, ms.
    pub total_ms: f64,
    /// Of which the fresh worker's start-up (new Worker until it said Ready), ms; `None` for a
    /// warm worker.
    pub startup_ms: Option<f64>,
}

/// What one click measured.
pub struct ForkSpawnOutcome {
    /// Both variants' medians and spreads, and what they support.
    pub comparison: Comparison,
    /// The machine around the runs.
    pub conditions: Conditions,
    /// The fresh workers' start-ups alone.
    pub startup: Option<Spread>,
    /// Claim 3_3-fork-spawn as recorded.
    pub claim: ClaimReading,
}

/// Sends the small job to `w` and checks its checksum.
async fn job(w: &WorkerClient, rounds_per_ms: u64) -> Result<(), String> {
    let (spec, seed) = (startup_job(), task_seed(0));
    let want = task_checksum(&spec, seed, rounds_per_ms);
    let id = w.next_id();
    let req = ToWorker::RunTask { id, task: 0, spec, seed, rounds_per_ms, panic: false };
    match w.request(id, &req).await? {
        FromWorker::TaskDone { checksum, .. } if checksum == want => Ok(()),
        FromWorker::TaskDone { checksum, .. } => {
            Err(format!("the job's checksum {checksum:x} is not {want:x}"))
        }
        other => Err(format!("unexpected answer {other:?}")),
    }
}

async fn measure(
    lab: &LabHandle,
    session: &UseReducerDispatcher<Session<ForkSpawnOutcome>>,
) -> Result<ForkSpawnOutcome, String> {
    let stage = |s: &'static str| session.dispatch(Action::Started(Some(s)));
    stage("starting the pool");
    let cores = lab.env.cores;
    let lab = lab.ensure(1).await?;
    let variants = fork_spawn_expectations();
    let rpm = lab.rounds_per_ms;
    let rounds = measure_rounds(&lab, 1, cores, &variants, STARTUP_ROUNDS, stage, |i| {
        let lab = lab.clone();
        async move {
            let t = clock::now();
            let startup_ms = if i == 0 {
                let fresh = WorkerClient::spawn_at(WORKER_URL, Limits::default()).await?;
                job(&fresh, rpm).await?;
                // Dropping the client terminates the worker.
                Some(fresh.startup_ms)
            } else {
                let warm = lab.pool.worker(0).ok_or("the pool has no worker")?;
                job(&warm, rpm).await?;
                None
            };
            let total_ms = clock::now() - t;
            Ok((total_ms, Sample { total_ms, startup_ms }))
        }
    })
    .await?;
    let startups: Vec<f64> = rounds.runs[0].iter().filter_map(|s| s.startup_ms).collect();
    let claim = fork_spawn_claim(&rounds.comparison).ok_or("a variant measured no time")?;
    Ok(ForkSpawnOutcome {
        startup: Spread::of(&startups),
        comparison: rounds.comparison,
        conditions: rounds.conditions,
        claim,
    })
}

fn seen(o: &ForkSpawnOutcome) -> Seen {
    let m = &o.comparison.readings;
    Seen {
        label: "A fresh worker against a warm one".into(),
        value: o.claim.value.clone().into(),
        detail: format!(
            "medians of {STARTUP_ROUNDS} rounds: a fresh worker {} (its start-up alone {}), a warm worker {}. {}",
            m[0].spread.reading(),
            o.startup.map_or("–".into(), |s| s.reading()),
            m[1].spread.reading(),
            o.comparison.words()
        )
        .into(),
    }
}

/// The demo's run session, and the callback that measures (recording claim 3_3-fork-spawn and
/// reporting its facts to `on_seen`).
#[hook]
pub fn use_fork_spawn(
    on_seen: Callback<Seen>,
) -> (UseReducerHandle<Session<ForkSpawnOutcome>>, Callback<()>) {
    let lab = use_lab();
    let session = use_run_session::<ForkSpawnOutcome>();
    let run = {
        let dispatcher = session.dispatcher();
        Callback::from(move |()| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, dispatcher.clone(), move |lab, session| async move {
                let o = measure(&lab, &session).await?;
                let m = engine::claims::Measured {
                    value: o.claim.value.clone(),
                    holds: o.claim.holds,
                    at_ms: now_epoch_ms(),
                };
                record("3_3-fork-spawn", m);
                on_seen.emit(seen(&o));
                Ok(o)
            });
        })
    };
    (session, run)
}
