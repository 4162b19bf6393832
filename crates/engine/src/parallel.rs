//! Parallelism arithmetic for the comparison page: the checksum a task's work must produce,
//! speedup and efficiency, Amdahl's law, the serial fraction measured from a run, and the
//! explanation written from the measured numbers (never from expectations).

use crate::scenario::{Scenario, Step, TaskSpec};
use crate::work::crunch;
use serde::{Deserialize, Serialize};

/// Rounds of the hash chain for `ms` units of work at `rounds_per_ms` (as the runner sizes them).
pub fn rounds_for(ms: f64, rounds_per_ms: u64) -> u64 {
    (ms * rounds_per_ms as f64).round() as u64
}

/// The checksum of a task's CPU work: the hash chain from `seed` through every work step in
/// order. A worker returns it; the page computes it too and compares.
pub fn task_checksum(spec: &TaskSpec, seed: u64, rounds_per_ms: u64) -> u64 {
    spec.steps.iter().fold(seed, |state, s| match *s {
        Step::Work { ms } => crunch(state, rounds_for(ms, rounds_per_ms)),
        // Waits, and the event-loop-only steps the parallel mode refuses, compute nothing.
        _ => state,
    })
}

/// The seed of task `task` in a run: distinct per task so no two tasks compute the same chain.
pub fn task_seed(task: u32) -> u64 {
    0x5eed_0000_0000_0000 ^ u64::from(task).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Efficiency: speedup ÷ workers (1.0 is perfect use of every worker).
pub fn efficiency(speedup: f64, workers: u32) -> f64 {
    if workers == 0 {
        0.0
    } else {
        speedup / f64::from(workers)
    }
}

/// Whether efficiency (speedup ÷ threads) means something for a run in `mode`: only for a run
/// spread over workers. A one-thread run that waits concurrently can be 6× faster than one after
/// another, and "600 % efficiency" would say nothing true about it.
pub fn efficiency_applies(mode: crate::RunMode) -> bool {
    mode == crate::RunMode::Parallel
}

/// Amdahl's law: the best speedup on `n` workers when a fraction `serial` of the sequential time
/// cannot be spread over workers: `1 / (serial + (1 − serial) / n)`.
pub fn amdahl(serial: f64, n: u32) -> f64 {
    let s = serial.clamp(0.0, 1.0);
    let n = f64::from(n.max(1));
    1.0 / (s + (1.0 - s) / n)
}

/// The serial fraction a measured speedup implies on `n` workers (the Karp–Flatt metric):
/// the `s` for which Amdahl's law gives exactly this speedup. `None` for `n < 2` or no speedup
/// measured. Clamped to 0…1 (a measured speedup above `n` would give a negative fraction).
pub fn serial_fraction(speedup: f64, n: u32) -> Option<f64> {
    if n < 2 || speedup <= 0.0 || !speedup.is_finite() {
        return None;
    }
    let n = f64::from(n);
    Some(((1.0 / speedup - 1.0 / n) / (1.0 - 1.0 / n)).clamp(0.0, 1.0))
}

/// Worker counts a serial fraction needs before it can be fitted: with one worker count beyond
/// 1, Amdahl's curve would pass exactly through the point it was fitted from and explain nothing.
pub const FIT_MIN_COUNTS: usize = 3;

/// The serial fraction that best fits measured speedups on 1, 2, … workers (`speedups[n − 1]`
/// on `n` workers), by least squares on `1 / speedup = s + (1 − s) / n` over every `n ≥ 2`.
/// `None` with fewer than [`FIT_MIN_COUNTS`] worker counts or a speedup that is not a positive
/// number. Clamped to 0…1.
pub fn fit_serial_fraction(speedups: &[f64]) -> Option<f64> {
    if speedups.len() < FIT_MIN_COUNTS || speedups.iter().any(|x| !x.is_finite() || *x <= 0.0) {
        return None;
    }
    let (mut ab, mut aa) = (0.0, 0.0);
    for (i, sp) in speedups.iter().enumerate().skip(1) {
        let n = (i + 1) as f64;
        let (a, b) = (1.0 - 1.0 / n, 1.0 / sp - 1.0 / n);
        ab += a * b;
        aa += a * a;
    }
    Some((ab / aa).clamp(0.0, 1.0))
}

/// What a scenario's time is mostly made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Workload {
    /// At least 80 % of its sequential time is CPU work.
    CpuBound,
    /// At least 80 % of its sequential time is waiting (timers, like I/O).
    IoBound,
    /// Both matter.
    Mixed,
}

impl Workload {
    /// The kind of a scenario, from its share of CPU work in the sequential time.
    pub fn of(s: &Scenario) -> Workload {
        let total = s.sequential_ideal_ms();
        let share = if total > 0.0 { s.total_work_ms() / total } else { 0.0 };
        if share >= 0.8 {
            Workload::CpuBound
        } else if share <= 0.2 {
            Workload::IoBound
        } else {
            Workload::Mixed
        }
    }

    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Workload::CpuBound => "CPU-bound",
            Workload::IoBound => "I/O-bound",
            Workload::Mixed => "mixed CPU and I/O",
        }
    }
}

/// The measured numbers of one way of running the scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// Wall time, ms.
    pub wall_ms: f64,
    /// Worst event-loop lag on the page's main thread during the run, ms.
    pub worst_lag_ms: f64,
    /// Tasks that finished.
    pub finished: usize,
    /// Tasks that failed or were cancelled.
    pub not_finished: usize,
}

/// The three runs of one comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The scenario's kind.
    pub workload: Workload,
    /// One task after another on the main thread.
    pub sequential: Measured,
    /// All tasks spawned on the page's event loop.
    pub concurrent: Measured,
    /// Tasks spread over `workers` Web Workers.
    pub parallel: Measured,
    /// How many workers the parallel run used.
    pub workers: u32,
}

impl Comparison {
    /// Speedup of the concurrent run over the sequential one.
    pub fn concurrent_speedup(&self) -> Option<f64> {
        crate::metrics::speedup(self.sequential.wall_ms, self.concurrent.wall_ms)
    }

    /// Speedup of the parallel run over the sequential one.
    pub fn parallel_speedup(&self) -> Option<f64> {
        crate::metrics::speedup(self.sequential.wall_ms, self.parallel.wall_ms)
    }

    /// The explanation shown under the results, one sentence per entry, built from the numbers.
    pub fn explain(&self) -> Vec<String> {
        let (Some(c), Some(p)) = (self.concurrent_speedup(), self.parallel_speedup()) else {
            return vec!["A run had no length, so there is nothing to compare.".into()];
        };
        let n = self.workers;
        let workers = if n == 1 { "1 worker".to_string() } else { format!("{n} workers") };
        let mut out = Vec::new();
        let mut first = format!(
            "{}: the event loop gave {c:.1}×, {workers} gave {p:.1}× (efficiency {:.0} %).",
            self.workload.label(),
            efficiency(p, n) * 100.0
        );
        if self.sequential.not_finished + self.concurrent.not_finished + self.parallel.not_finished > 0 {
            first.push_str(" Some tasks did not finish, so these times are not a fair comparison.");
        }
        out.push(first);
        if c < 1.2 {
            out.push(format!(
                "On one event loop the tasks took turns: CPU work never yields, so concurrency could not \
                 overlap it ({:.0} ms sequential vs {:.0} ms concurrent).",
                self.sequential.wall_ms, self.concurrent.wall_ms
            ));
        } else {
            out.push(format!(
                "On one event loop the waits overlapped: while one task awaited its timer the others ran, \
                 so {:.0} ms of sequential time became {:.0} ms — taking turns, not running simultaneously.",
                self.sequential.wall_ms, self.concurrent.wall_ms
            ));
        }
        if p >= 1.2 * c {
            out.push(format!(
                "The workers ran at the same time on separate cores: {:.0} ms. That is parallelism.",
                self.parallel.wall_ms
            ));
        } else if p * 1.2 <= c {
            out.push(format!(
                "The workers ({:.0} ms) were slower than the event loop ({:.0} ms): each worker runs one task at \
                 a time, so {workers} overlap at most {n} tasks, while the one event loop overlapped every \
                 task's waits.",
                self.parallel.wall_ms, self.concurrent.wall_ms
            ));
        } else if self.workload == Workload::IoBound {
            out.push(format!(
                "The workers ({:.0} ms) did not beat the event loop by much: when the time is spent \
                 waiting, one thread that yields is enough.",
                self.parallel.wall_ms
            ));
        } else if n > 1 && efficiency(p, n) >= 0.75 {
            out.push(format!(
                "The workers ran at the same time on separate cores ({p:.1}× on {n}, {:.0} ms), about what the \
                 event loop gave: here the waits, which one loop overlaps too, matter as much as the CPU work.",
                self.parallel.wall_ms
            ));
        } else if n == 1 {
            out.push(format!(
                "One worker is one thread, like the event loop: no overlap of CPU work to gain ({:.0} ms), \
                 only a page that stays free. Try more workers.",
                self.parallel.wall_ms
            ));
        } else {
            out.push(format!(
                "{workers} should have overlapped this CPU work, but gave only {p:.1}× ({:.0} ms): the cores \
                 were busy with something else (other programs or tabs). Run it again on a quieter machine.",
                self.parallel.wall_ms
            ));
        }
        out.push(format!(
            "Responsiveness: the page's worst lag was {:.0} ms sequential, {:.0} ms concurrent and {:.0} ms \
             with workers{}.",
            self.sequential.worst_lag_ms,
            self.concurrent.worst_lag_ms,
            self.parallel.worst_lag_ms,
            if self.parallel.worst_lag_ms < self.concurrent.worst_lag_ms.min(self.sequential.worst_lag_ms) {
                " — work in a worker leaves the page's thread free"
            } else {
                ""
            }
        ));
        out
    }
}

/// The best speedups a scenario allows on 1…`max_n` workers, ignoring messaging costs: its
/// sequential time over the makespan of its tasks scheduled by the pool's queue rule.
/// Uneven tasks and fewer tasks than workers show here (8 tasks on 3 workers: 2.67×, not 3×).
pub fn ideal_speedups(s: &Scenario, max_n: u32) -> Vec<f64> {
    let durations: Vec<f64> = s.tasks.iter().map(TaskSpec::solo_ms).collect();
    let seq: f64 = durations.iter().sum();
    (1..=max_n.max(1))
        .map(|n| {
            let (_, makespan) = crate::pool::simulate(&durations, n as usize);
            if makespan > 0.0 {
                seq / makespan
            } else {
                1.0
            }
        })
        .collect()
}

/// A scenario of the comparison page's preset picker.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparePreset {
    /// Stable id (the picker's option value).
    pub id: &'static str,
    /// Title in the picker.
    pub title: &'static str,
    /// The scenario.
    pub scenario: Scenario,
}

fn uniform(prefix: &str, n: usize, step: Step) -> Scenario {
    Scenario {
        tasks: (1..=n)
            .map(|i| TaskSpec {
                name: format!("{prefix}-{i}"),
                start_delay_ms: 0.0,
                steps: vec![step.clone()],
            })
            .collect(),
        ..Default::default()
    }
}

/// The comparison page's presets: one CPU-bound, one I/O-bound, one mixed.
pub fn compare_presets() -> Vec<ComparePreset> {
    vec![
        ComparePreset {
            id: "cpu-8x200",
            title: "CPU-bound: 8 tasks × 200 units of work",
            scenario: uniform("cpu", 8, Step::Work { ms: 200.0 }),
        },
        ComparePreset {
            id: "io-6x300",
            title: "I/O-bound: 6 tasks each wait 300 ms",
            scenario: uniform("io", 6, Step::Wait { ms: 300.0 }),
        },
        ComparePreset {
            id: "mixed-4",
            title: "Mixed: 4 tasks × (100 units, wait 200 ms, 100 units)",
            scenario: Scenario {
                tasks: (1..=4)
                    .map(|i| TaskSpec {
                        name: format!("mix-{i}"),
                        start_delay_ms: 0.0,
                        steps: vec![
                            Step::Work { ms: 100.0 },
                            Step::Wait { ms: 200.0 },
                            Step::Work { ms: 100.0 },
                        ],
                    })
                    .collect(),
                ..Default::default()
            },
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn efficiency_is_shown_only_for_a_run_over_workers() {
        assert!(efficiency_applies(crate::RunMode::Parallel));
        assert!(!efficiency_applies(crate::RunMode::Concurrent));
        assert!(!efficiency_applies(crate::RunMode::Sequential));
    }
    use crate::work::checksum;

    fn cpu(n: usize, ms: f64) -> Scenario {
        Scenario {
            tasks: (0..n)
                .map(|i| TaskSpec {
                    name: format!("c{i}"),
                    start_delay_ms: 0.0,
                    steps: vec![Step::Work { ms }],
                })
                .collect(),
            ..Default::default()
        }
    }

    /// Guards the page's check of a worker's answer: a task's checksum is the chain through
    /// its work steps, waits change nothing, and it matches the plain unit checksum.
    #[test]
    fn task_checksum_chains_work_steps_and_skips_waits() {
        let spec = TaskSpec {
            name: "t".into(),
            start_delay_ms: 5.0,
            steps: vec![Step::Work { ms: 3.0 }, Step::Wait { ms: 9.0 }, Step::Work { ms: 2.0 }],
        };
        assert_eq!(task_checksum(&spec, 42, 1000), checksum(42, 5, 1000));
        assert_ne!(task_checksum(&spec, 42, 1000), task_checksum(&spec, 43, 1000));
        assert_ne!(task_seed(0), task_seed(1));
        assert_eq!(rounds_for(2.5, 1000), 2500);
    }

    #[test]
    fn amdahl_and_serial_fraction_agree() {
        assert_eq!(amdahl(0.0, 4), 4.0);
        assert_eq!(amdahl(1.0, 4), 1.0);
        assert!((amdahl(0.1, 2) - 1.0 / 0.55).abs() < 1e-12);
        let s = serial_fraction(amdahl(0.1, 4), 4).unwrap();
        assert!((s - 0.1).abs() < 1e-12, "{s}");
        assert_eq!(serial_fraction(2.5, 2), Some(0.0), "super-linear clamps to 0");
        assert_eq!(serial_fraction(1.5, 1), None);
        assert_eq!(efficiency(1.9, 2), 0.95);
        assert_eq!(efficiency(1.0, 0), 0.0);
    }

    #[test]
    fn a_serial_fraction_is_fitted_only_from_three_worker_counts() {
        // Two counts: the curve would pass through the one point it came from.
        assert_eq!(fit_serial_fraction(&[1.0, 1.6]), None);
        assert_eq!(fit_serial_fraction(&[1.0]), None);
        assert_eq!(fit_serial_fraction(&[1.0, 1.6, 0.0]), None);
        // Speedups that follow Amdahl's law exactly give back its fraction.
        let exact: Vec<f64> = (1..=4).map(|n| amdahl(0.2, n)).collect();
        assert!((fit_serial_fraction(&exact).unwrap() - 0.2).abs() < 1e-12);
        // Noisy speedups: the fit passes through neither measured point.
        let sp = [1.0, 1.9, 2.2];
        let s = fit_serial_fraction(&sp).unwrap();
        assert!((amdahl(s, 2) - 1.9).abs() > 0.01 && (amdahl(s, 3) - 2.2).abs() > 0.01, "s = {s}");
        assert!(amdahl(s, 2) < 1.9 && amdahl(s, 3) > 2.2, "it lies between them");
        // Super-linear speedups clamp to no serial part.
        assert_eq!(fit_serial_fraction(&[1.0, 2.5, 3.5]), Some(0.0));
    }

    #[test]
    fn ideal_speedups_follow_the_queue() {
        let sp = ideal_speedups(&cpu(8, 200.0), 4);
        assert_eq!(sp[0], 1.0);
        assert_eq!(sp[1], 2.0);
        assert!((sp[2] - 1600.0 / 600.0).abs() < 1e-12);
        assert_eq!(sp[3], 4.0);
    }

    #[test]
    fn compare_presets_are_valid_and_of_their_kind() {
        let ps = compare_presets();
        let kinds: Vec<_> = ps.iter().map(|p| Workload::of(&p.scenario)).collect();
        assert_eq!(kinds, vec![Workload::CpuBound, Workload::IoBound, Workload::Mixed]);
        for p in &ps {
            assert_eq!(p.scenario.to_draft().validate().as_ref(), Ok(&p.scenario), "{}", p.id);
        }
        assert_eq!(ps[0].scenario.total_work_ms(), 1600.0);
    }

    #[test]
    fn workload_kind_comes_from_the_cpu_share() {
        assert_eq!(Workload::of(&cpu(2, 10.0)), Workload::CpuBound);
        let io = Scenario {
            tasks: vec![TaskSpec {
                name: "w".into(),
                start_delay_ms: 0.0,
                steps: vec![Step::Wait { ms: 9.0 }],
            }],
            ..Default::default()
        };
        assert_eq!(Workload::of(&io), Workload::IoBound);
    }

    fn m(wall_ms: f64, worst_lag_ms: f64) -> Measured {
        Measured { wall_ms, worst_lag_ms, finished: 8, not_finished: 0 }
    }

    /// Guards the explanation: it quotes the measured numbers, and says "took turns" for
    /// CPU-bound work on one loop but "overlapped" for waits.
    #[test]
    fn explanation_reads_the_measured_numbers() {
        let cpu = Comparison {
            workload: Workload::CpuBound,
            sequential: m(1600.0, 200.0),
            concurrent: m(1610.0, 201.0),
            parallel: m(842.0, 3.0),
            workers: 2,
        };
        let text = cpu.explain().join(" ");
        assert!(
            text.starts_with("CPU-bound: the event loop gave 1.0×, 2 workers gave 1.9× (efficiency 95 %)."),
            "{text}"
        );
        assert!(text.contains("took turns"), "{text}");
        assert!(text.contains("842 ms. That is parallelism"), "{text}");
        assert!(text.contains("200 ms sequential, 201 ms concurrent and 3 ms with workers — "), "{text}");
        let io = Comparison {
            workload: Workload::IoBound,
            sequential: m(600.0, 1.0),
            concurrent: m(200.0, 1.0),
            parallel: m(205.0, 1.0),
            workers: 2,
        };
        let text = io.explain().join(" ");
        assert!(text.starts_with("I/O-bound: the event loop gave 3.0×"), "{text}");
        assert!(text.contains("the waits overlapped"), "{text}");
        assert!(text.contains("one thread that yields is enough"), "{text}");
        let busy = Comparison { parallel: m(1500.0, 2.0), ..cpu.clone() };
        let text = busy.explain().join(" ");
        assert!(
            text.contains("2 workers should have overlapped this CPU work, but gave only 1.1×"),
            "{text}"
        );
        assert!(!text.contains("waiting"), "a CPU-bound run is not explained by waits: {text}");
        let one = Comparison { parallel: m(1600.0, 2.0), workers: 1, ..cpu };
        assert!(one.explain().join(" ").contains("One worker is one thread"));
        let io_slow = Comparison { parallel: m(908.0, 3.0), ..io.clone() };
        let text = io_slow.explain().join(" ");
        assert!(
            text.contains("The workers (908 ms) were slower than the event loop (200 ms): each worker"),
            "{text}"
        );
        let mixed = Comparison {
            workload: Workload::Mixed,
            sequential: m(1700.0, 284.0),
            concurrent: m(925.0, 394.0),
            parallel: m(826.0, 4.0),
            workers: 2,
        };
        let text = mixed.explain().join(" ");
        assert!(
            text.contains("ran at the same time on separate cores (2.1× on 2, 826 ms), about what"),
            "{text}"
        );
    }
}
