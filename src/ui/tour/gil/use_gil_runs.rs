//! The GIL demo's runs: each configuration (one worker; N workers sharing the lock; N free
//! workers) measured in interleaved rounds on the page's lab, the fastest right run of each kept
//! ([`engine::tour::keep`]), and the facts for the "What you just saw" box.

use crate::ui::shared::lab::{use_lab, LabHandle};
use crate::ui::shared::run_session::{run_on_lab, use_run_session, Session};
use crate::ui::tour::lesson_seen::Seen;
use crate::web::lab::Lab;
use crate::web::shared_memory::gil_run;
use engine::parallel::{task_checksum, task_seed};
use engine::tour::{keep, speedup_reading, Measured, Workload};
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

impl Measured for GilRun {
    fn wall_ms(&self) -> f64 {
        self.wall_ms
    }
    fn correct(&self) -> bool {
        self.checksums_ok
    }
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
    /// The kept run of each configuration, in table order.
    pub runs: Vec<GilRun>,
}

fn checksums_ok(s: &Scenario, got: &[Option<u64>], rounds_per_ms: u64) -> bool {
    got.len() == s.tasks.len()
        && s.tasks
            .iter()
            .enumerate()
            .all(|(i, t)| got[i] == Some(task_checksum(t, task_seed(i as u32), rounds_per_ms)))
}

/// Each configuration is run this many times, interleaved, and its fastest run kept
/// ([`engine::tour::keep`]).
pub const ROUNDS: usize = 2;

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
    workers: u32,
    switch_ms: f64,
) -> Result<Vec<GilRun>, String> {
    let lab = lab.ensure(workers).await?;
    let mut best: Vec<Option<GilRun>> = vec![None, None, None];
    for _ in 0..ROUNDS {
        for (config, kept) in CONFIGS.into_iter().zip(best.iter_mut()) {
            let run = measure_once(&lab, scenario, switch_ms, config).await?;
            if keep(kept.as_ref(), &run) {
                *kept = Some(run);
            }
        }
    }
    Ok(best.into_iter().flatten().collect())
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
    let (runs, n) = (&o.runs, o.workers);
    let s = |i: usize| speedup_reading(runs[0].wall_ms, runs[i].wall_ms, 2);
    Seen {
        label: format!("{} on {n} workers", o.workload.label()).into(),
        value: format!("{} with the GIL, {} without", s(1), s(2)).into(),
        detail: format!(
            "one worker took {:.0} ms; {n} workers sharing the lock {:.0} ms; {n} free workers {:.0} ms.",
            runs[0].wall_ms, runs[1].wall_ms, runs[2].wall_ms
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
            run_on_lab(&lab, dispatcher.clone(), move |lab, _| async move {
                let scenario = req.workload.scenario(req.workers as usize, UNITS);
                let runs = measure(&lab, &scenario, req.workers, req.switch_ms).await?;
                let outcome =
                    Outcome { workload: req.workload, workers: req.workers, switch_ms: req.switch_ms, runs };
                on_seen.emit(seen(&outcome));
                Ok(outcome)
            });
        })
    };
    (session, run)
}
