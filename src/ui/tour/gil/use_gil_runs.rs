//! The GIL demo's runs: each configuration (one worker; N workers sharing the lock; N free
//! workers) measured in interleaved rounds on the page's lab ([`measure_rounds`]), its median
//! run kept for the timeline, the verdict judged against what the lesson expects, and the facts
//! for the "What you just saw" box.

use crate::ui::shared::lab::{use_lab, LabHandle};
use crate::ui::shared::run_session::{measure_rounds, run_on_lab, use_run_session, Action, Session};
use crate::ui::tour::lesson_seen::Seen;
use crate::web::lab::Lab;
use crate::web::shared_memory::gil_run;
use engine::measure::{Comparison, Conditions, MIN_ROUNDS};
use engine::parallel::{task_checksum, task_seed};
use engine::tour::{gil_expectations, speedup_reading, Workload};
use engine::{EventLog, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// Units of work per CPU-bound task.
const UNITS: f64 = 200.0;

/// One measured run.
#[derive(Clone, PartialEq)]
pub struct GilRun {
    /// Which configuration.
    pub title: &'static str,
    /// Its events.
    pub log: Rc<EventLog>,
    /// Its wall time, ms.
    pub wall_ms: f64,
    /// Whether every task's checksum matched the page's.
    pub checksums_ok: bool,
}

/// What one click measured.
#[derive(Clone, PartialEq)]
pub struct Outcome {
    /// The workload run.
    pub workload: Workload,
    /// Workers in the two multi-worker configurations.
    pub workers: u32,
    /// The lock's switch interval, ms.
    pub switch_ms: f64,
    /// The median run of each configuration, in table order.
    pub runs: Vec<GilRun>,
    /// Every configuration's median and spread, and what they support.
    pub comparison: Comparison,
    /// The machine around the runs.
    pub conditions: Conditions,
}

fn checksums_ok(s: &Scenario, got: &[Option<u64>], rounds_per_ms: u64) -> bool {
    got.len() == s.tasks.len()
        && s.tasks
            .iter()
            .enumerate()
            .all(|(i, t)| got[i] == Some(task_checksum(t, task_seed(i as u32), rounds_per_ms)))
}

/// Each configuration is run this many times, interleaved.
pub const ROUNDS: usize = MIN_ROUNDS;

/// The three configurations, in table order.
#[derive(Clone, Copy)]
enum Config {
    /// The same tasks one after another on one worker: one core, no lock needed.
    OneWorker,
    WithGil,
    WithoutGil,
}

const CONFIGS: [Config; 3] = [Config::OneWorker, Config::WithGil, Config::WithoutGil];

async fn measure_once(
    lab: &Lab,
    scenario: &Scenario,
    switch_ms: f64,
    config: Config,
) -> Result<GilRun, String> {
    let rpm = lab.rounds_per_ms;
    Ok(match config {
        Config::OneWorker => {
            let base = lab.pool.run(scenario, 1, rpm, None).finished().await;
            GilRun {
                title: "One worker, one task after another",
                wall_ms: base.log.end_ms(),
                checksums_ok: checksums_ok(scenario, &base.checksums, rpm),
                log: Rc::new(base.log),
            }
        }
        Config::WithGil | Config::WithoutGil => {
            let use_lock = matches!(config, Config::WithGil);
            let r = gil_run(&lab.pool, scenario, rpm, switch_ms, use_lock).await?;
            GilRun {
                title: if use_lock { "Workers sharing one GIL" } else { "Workers without a GIL" },
                wall_ms: r.wall_ms,
                checksums_ok: checksums_ok(scenario, &r.checksums, rpm),
                log: Rc::new(r.log),
            }
        }
    })
}

async fn measure(
    lab: &LabHandle,
    scenario: &Scenario,
    req: GilRequest,
    session: &yew::UseReducerDispatcher<Session<Outcome>>,
) -> Result<Outcome, String> {
    let cores = lab.env.cores;
    let lab = lab.ensure(req.workers).await?;
    let variants = gil_expectations(req.workload, req.workers);
    let rounds = measure_rounds(
        &lab,
        req.workers,
        cores,
        &variants,
        ROUNDS,
        |stage| session.dispatch(Action::Started(Some(stage))),
        |i| {
            let lab = lab.clone();
            async move {
                let run = measure_once(&lab, scenario, req.switch_ms, CONFIGS[i]).await?;
                Ok((run.wall_ms, run))
            }
        },
    )
    .await?;
    // A wrong run always shows; otherwise each configuration's median run.
    let runs = (0..CONFIGS.len())
        .map(|i| {
            rounds.runs[i]
                .iter()
                .find(|r| !r.checksums_ok)
                .or_else(|| rounds.typical(i, |r| r.wall_ms))
                .cloned()
                .ok_or_else(|| "a configuration did not run".to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Outcome {
        workload: req.workload,
        workers: req.workers,
        switch_ms: req.switch_ms,
        runs,
        comparison: rounds.comparison,
        conditions: rounds.conditions,
    })
}

/// What a click asks for.
#[derive(Clone, Copy)]
pub struct GilRequest {
    /// Which tasks.
    pub workload: Workload,
    /// Workers for the multi-worker configurations.
    pub workers: u32,
    /// The lock's switch interval, ms.
    pub switch_ms: f64,
}

fn seen(o: &Outcome) -> Seen {
    let (r, n) = (&o.comparison.readings, o.workers);
    let s = |i: usize| speedup_reading(r[0].spread.median, r[i].spread.median, 2);
    let workers = engine::words::plural(n as usize, "worker", "workers");
    Seen {
        label: format!("{} on {workers}", o.workload.label()).into(),
        value: if o.comparison.shows() {
            format!("{} with the GIL, {} without", s(1), s(2)).into()
        } else {
            "not reliable: run again".into()
        },
        detail: format!(
            "medians of {ROUNDS} rounds: one worker {}; {workers} sharing the lock {}; {workers} without it {}. {}",
            r[0].spread.reading(),
            r[1].spread.reading(),
            r[2].spread.reading(),
            o.comparison.words()
        )
        .into(),
    }
}

/// The demo's run session, and the callback that starts a measurement (reporting its facts to
/// `on_seen`).
#[hook]
pub fn use_gil_runs(on_seen: Callback<Seen>) -> (UseReducerHandle<Session<Outcome>>, Callback<GilRequest>) {
    let lab = use_lab();
    let session = use_run_session::<Outcome>();
    let run = {
        let dispatcher = session.dispatcher();
        Callback::from(move |req: GilRequest| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, dispatcher.clone(), move |lab, session| async move {
                let scenario = req.workload.scenario(req.workers as usize, UNITS);
                let outcome = measure(&lab, &scenario, req, &session).await?;
                on_seen.emit(seen(&outcome));
                Ok(outcome)
            });
        })
    };
    (session, run)
}
