//! What a unit of work costs: how calibration samples become the unit (rounds of the hash chain
//! per millisecond, on the page and in a worker), what a unit cost in a finished run, and which
//! runs the playground's speedup compares.
//!
//! The browser measures (`web::busy::calibrate`, `web::pool::Pool::calibrate`); these functions
//! decide what the measurements mean, so the playground and the comparison page agree.

use crate::metrics;
use crate::run_mode::RunMode;
use crate::scenario::Scenario;
use std::rc::Rc;

/// Calibration samples taken on the page and in a worker; the fastest counts.
pub const SAMPLES: usize = 5;
/// Length of one calibration sample, ms.
pub const SAMPLE_MS: f64 = 30.0;
/// A unit that took more than this many times its calibrated cost in a run tells that other
/// programs were sharing the cores.
pub const SLOWER_THAN_CALIBRATED: f64 = 1.2;

/// The unit from calibration samples (rounds per ms): the fastest sample, because a sample the
/// OS interrupted for other programs reads too slow (one long sample on a busy machine makes
/// units too small, and a parallel run look faster than it is). `None` without samples.
pub fn fastest(samples: impl IntoIterator<Item = u64>) -> Option<u64> {
    samples.into_iter().max()
}

/// What one unit of work is on this page, and what it costs in a worker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    /// Rounds of the hash chain per unit: about 1 ms on this page.
    pub rounds_per_ms: u64,
    /// Milliseconds one such unit took in worker 1 (`None`: the worker was not measured).
    pub worker_ms_per_unit: Option<f64>,
}

impl Unit {
    /// The unit from the page's samples (at least `floor`, an earlier calibration) and the
    /// worker's samples, each the fastest of its own.
    pub fn from_samples(floor: u64, page: &[u64], worker: &[u64]) -> Unit {
        let rounds_per_ms = fastest(page.iter().copied()).unwrap_or(0).max(floor).max(1);
        let worker_ms_per_unit =
            fastest(worker.iter().copied()).map(|w| rounds_per_ms as f64 / w.max(1) as f64);
        Unit { rounds_per_ms, worker_ms_per_unit }
    }
}

/// What a unit of work cost in a finished parallel run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UnitCost {
    /// Milliseconds of busy worker time per unit.
    pub ms_per_unit: f64,
    /// Whether that is more than [`SLOWER_THAN_CALIBRATED`] times the calibrated cost (1 ms
    /// when the worker was not calibrated): other programs were sharing the cores.
    pub slower_than_calibrated: bool,
}

/// The cost of a unit in a run of `scenario` whose workers were busy for `busy_ms` in all;
/// `None` if the scenario has no CPU work.
pub fn unit_cost(scenario: &Scenario, busy_ms: f64, calibrated_ms_per_unit: Option<f64>) -> Option<UnitCost> {
    let units: f64 =
        scenario.tasks.iter().flat_map(|t| t.steps.iter()).filter(|s| s.is_work()).map(|s| s.ms()).sum();
    (units > 0.0).then(|| {
        let ms_per_unit = busy_ms / units;
        let slower_than_calibrated =
            ms_per_unit > SLOWER_THAN_CALIBRATED * calibrated_ms_per_unit.unwrap_or(1.0);
        UnitCost { ms_per_unit, slower_than_calibrated }
    })
}

/// What a run in `mode` is compared with: a parallel run with the sequential one by the
/// workers, any other run by the concurrent one.
pub fn compared_mode(mode: RunMode) -> RunMode {
    if mode == RunMode::Parallel {
        RunMode::Parallel
    } else {
        RunMode::Concurrent
    }
}

/// The wall time of the latest finished run in each mode, with the scenario it ran: what the
/// playground's speedup compares.
#[derive(Clone, Debug, Default)]
pub struct LatestWalls(Vec<(RunMode, Rc<Scenario>, f64)>);

impl LatestWalls {
    /// Records a finished run (a run the reader stopped is not recorded by the caller).
    pub fn record(&mut self, mode: RunMode, scenario: Rc<Scenario>, wall_ms: f64) {
        self.0.retain(|(m, _, _)| *m != mode);
        self.0.push((mode, scenario, wall_ms));
    }

    /// Sequential wall time over the compared run's ([`compared_mode`] of `mode`), when the
    /// latest sequential run and the latest compared run both ran `scenario`.
    pub fn speedup(&self, scenario: &Scenario, mode: RunMode) -> Option<f64> {
        let find = |m: RunMode| self.0.iter().find(|(wm, ws, _)| *wm == m && **ws == *scenario).map(|x| x.2);
        metrics::speedup(find(RunMode::Sequential)?, find(compared_mode(mode))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Step, TaskSpec};

    fn scenario(work: &[f64]) -> Scenario {
        Scenario {
            tasks: vec![TaskSpec {
                name: "a".into(),
                start_delay_ms: 0.0,
                steps: work.iter().map(|&ms| Step::Work { ms }).chain([Step::Wait { ms: 50.0 }]).collect(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn the_fastest_sample_counts() {
        assert_eq!(fastest([900, 1_200, 400]), Some(1_200));
        assert_eq!(fastest([]), None);
        let u = Unit::from_samples(1_000, &[800, 1_100, 600], &[550, 400]);
        assert_eq!(u.rounds_per_ms, 1_100);
        assert_eq!(u.worker_ms_per_unit, Some(2.0), "1100 rounds at 550 rounds/ms in the worker");
        let slow_page = Unit::from_samples(1_000, &[700], &[]);
        assert_eq!(
            slow_page,
            Unit { rounds_per_ms: 1_000, worker_ms_per_unit: None },
            "never below the floor"
        );
    }

    #[test]
    fn a_unit_slower_than_calibrated_is_told() {
        let s = scenario(&[100.0, 100.0]);
        let fair = unit_cost(&s, 220.0, Some(1.0)).unwrap();
        assert!((fair.ms_per_unit - 1.1).abs() < 1e-9);
        assert!(!fair.slower_than_calibrated);
        assert!(unit_cost(&s, 260.0, Some(1.0)).unwrap().slower_than_calibrated);
        assert!(
            !unit_cost(&s, 260.0, Some(1.5)).unwrap().slower_than_calibrated,
            "against the worker's own cost"
        );
        assert_eq!(unit_cost(&scenario(&[]), 10.0, None), None, "no CPU work, no unit");
    }

    #[test]
    fn the_speedup_pairs_the_latest_runs_of_one_scenario() {
        let a = Rc::new(scenario(&[100.0]));
        let b = Rc::new(scenario(&[200.0]));
        let mut w = LatestWalls::default();
        w.record(RunMode::Sequential, a.clone(), 300.0);
        assert_eq!(w.speedup(&a, RunMode::Concurrent), None, "no concurrent run yet");
        w.record(RunMode::Concurrent, a.clone(), 150.0);
        assert_eq!(w.speedup(&a, RunMode::Sequential), Some(2.0), "a sequential run shows seq vs concurrent");
        assert_eq!(w.speedup(&a, RunMode::Parallel), None, "no parallel run yet");
        w.record(RunMode::Parallel, a.clone(), 100.0);
        assert_eq!(w.speedup(&a, RunMode::Parallel), Some(3.0));
        w.record(RunMode::Sequential, b.clone(), 400.0);
        assert_eq!(
            w.speedup(&a, RunMode::Concurrent),
            None,
            "the latest sequential run ran another scenario"
        );
        assert_eq!(compared_mode(RunMode::Sequential), RunMode::Concurrent);
    }
}
