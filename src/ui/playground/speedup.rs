//! The speedup the playground shows beside a run's metrics, and the note that says what it
//! compares: sequential against concurrent, or (for a parallel run) sequential against the
//! workers, with what a unit of work really cost in the run.

use super::run_view::{plural, RunView};
use super::use_run::Walls;
use engine::metrics;
use engine::RunMode;
use yew::AttrValue;

/// What a run is compared with: a parallel run with the sequential run, any other run shows
/// sequential vs concurrent.
fn against(v: &RunView) -> RunMode {
    if v.mode == RunMode::Parallel {
        RunMode::Parallel
    } else {
        RunMode::Concurrent
    }
}

/// Sequential wall time over the compared run's, when both the latest sequential run and the
/// latest compared run ran the scenario of `v`.
pub fn speedup(v: &RunView, walls: &Walls) -> Option<f64> {
    let s = v.scenario.as_ref()?;
    let w = walls.borrow();
    let find = |m: RunMode| w.iter().find(|(wm, ws, _)| *wm == m && **ws == **s).map(|x| x.2);
    metrics::speedup(find(RunMode::Sequential)?, find(against(v))?)
}

/// Honesty about the units, for a parallel run's speedup: the sequential run sizes CPU work by
/// the clock (busy for N ms, as "blocking for N ms" means, and as the event-loop modes do), the
/// workers by a fixed computation of N calibrated units. Both wall times are measured and
/// neither is rescaled; the note says so, and what a unit really cost in this run: on an idle
/// machine that is the calibrated ≈ 1 ms and the ratio is fair, but when other programs share
/// the cores a unit takes longer while a timed step does not, and the ratio understates the
/// workers. (The comparison page sizes all three runs in units.)
pub fn speedup_note(v: &RunView, speedup: Option<f64>) -> Option<AttrValue> {
    (against(v) == RunMode::Parallel && speedup.is_some()).then(|| {
        let unit = v.worker_ms_per_unit.map(|m| format!(", {m:.2} ms in worker 1")).unwrap_or_default();
        let units: f64 = v
            .scenario
            .iter()
            .flat_map(|s| s.tasks.iter().flat_map(|t| t.steps.iter()))
            .filter(|st| st.is_work())
            .map(|st| st.ms())
            .sum();
        let per_unit = (units > 0.0 && !v.running).then(|| v.metrics.total_busy_ms() / units);
        let cost = per_unit
            .map(|p| {
                let warn = if p > 1.2 * v.worker_ms_per_unit.unwrap_or(1.0) {
                    ": slower than calibrated, so other programs were sharing the cores and this ratio understates the workers (the Compare page sizes all three runs in units)"
                } else {
                    ""
                };
                format!(" In this run a unit took {p:.2} ms{warn}.")
            })
            .unwrap_or_default();
        AttrValue::from(format!(
            "Sequential wall time ÷ this run's, on {} worker{}. Sequential CPU work was timed (busy for N ms); the workers did N units of a fixed computation (1 unit ≈ 1 ms on this page{unit}).{cost}",
            v.workers,
            plural(v.workers)
        ))
    })
}
