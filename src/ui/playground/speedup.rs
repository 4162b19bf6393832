//! The speedup the playground shows beside a run's metrics, and the note that says what it
//! compares: sequential against concurrent, or (for a parallel run) sequential against the
//! workers, with what a unit of work really cost in the run.

use super::run_view::{plural, RunView};
use super::use_run::Walls;
use engine::calibration::{compared_mode, unit_cost};
use engine::RunMode;
use yew::AttrValue;

/// Sequential wall time over the compared run's ([`engine::calibration::LatestWalls::speedup`]).
pub fn speedup(v: &RunView, walls: &Walls) -> Option<f64> {
    walls.borrow().speedup(v.scenario.as_ref()?, v.mode)
}

/// Honesty about the units, for a parallel run's speedup: the sequential run sizes CPU work by
/// the clock (busy for N ms, as "blocking for N ms" means, and as the event-loop modes do), the
/// workers by a fixed computation of N calibrated units. Both wall times are measured and
/// neither is rescaled; the note says so, and what a unit really cost in this run
/// ([`engine::calibration::unit_cost`]): on an idle machine that is the calibrated ≈ 1 ms and the
/// ratio is fair, but when other programs share the cores a unit takes longer while a timed step
/// does not, and the ratio understates the workers. (The comparison page sizes all three runs in
/// units.)
pub fn speedup_note(v: &RunView, speedup: Option<f64>) -> Option<AttrValue> {
    (compared_mode(v.mode) == RunMode::Parallel && speedup.is_some()).then(|| {
        let unit = v.worker_ms_per_unit.map(|m| format!(", {m:.2} ms in worker 1")).unwrap_or_default();
        let cost = v
            .scenario
            .as_ref()
            .filter(|_| !v.running)
            .and_then(|s| unit_cost(s, v.metrics.total_busy_ms(), v.worker_ms_per_unit))
            .map(|c| {
                let warn = if c.slower_than_calibrated {
                    ": slower than calibrated, so other programs were sharing the cores and this ratio understates the workers (the Compare page sizes all three runs in units)"
                } else {
                    ""
                };
                format!(" In this run a unit took {:.2} ms{warn}.", c.ms_per_unit)
            })
            .unwrap_or_default();
        AttrValue::from(format!(
            "Sequential wall time ÷ this run's, on {} worker{}. Sequential CPU work was timed (busy for N ms); the workers did N units of a fixed computation (1 unit ≈ 1 ms on this page{unit}).{cost}",
            v.workers,
            plural(v.workers)
        ))
    })
}
