//! The workloads the tour's pages 3 and 4 run: small enough to finish in about a second,
//! shaped so the difference between waiting and computing is plain to see.

use crate::measure::Expect;
use crate::scenario::{Scenario, Step, TaskSpec};

fn tasks(prefix: &str, n: usize, steps: &[Step]) -> Scenario {
    Scenario {
        tasks: (1..=n)
            .map(|i| TaskSpec { name: format!("{prefix}-{i}"), start_delay_ms: 0.0, steps: steps.to_vec() })
            .collect(),
        ..Default::default()
    }
}

/// `n` tasks that each wait for a 300 ms "response" and then spend 2 ms on it.
pub fn io_bound(n: usize) -> Scenario {
    tasks("request", n, &[Step::Wait { ms: 300.0 }, Step::Work { ms: 2.0 }])
}

/// `n` tasks that each compute for `units` units (1 unit ≈ 1 ms on this machine).
pub fn cpu_bound(n: usize, units: f64) -> Scenario {
    tasks("compute", n, &[Step::Work { ms: units }])
}

/// The two workloads a tour demo offers, by what their tasks do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// Tasks that mostly wait ([`io_bound`]).
    IoBound,
    /// Tasks that only compute ([`cpu_bound`]).
    CpuBound,
}

impl Workload {
    /// Its name on the page.
    pub fn label(self) -> &'static str {
        match self {
            Workload::IoBound => "I/O-bound",
            Workload::CpuBound => "CPU-bound",
        }
    }

    /// `n` tasks of this workload; a CPU-bound task computes `units` units.
    pub fn scenario(self, n: usize, units: f64) -> Scenario {
        match self {
            Workload::IoBound => io_bound(n),
            Workload::CpuBound => cpu_bound(n, units),
        }
    }
}

/// What page 4's lesson says of its three configurations against one worker, for
/// [`crate::measure::judge`]: CPU-bound work under the lock runs one worker at a time, so it is
/// no faster; without the lock (or when the tasks wait, which releases it) `workers` workers
/// overlap.
pub fn gil_expectations(workload: Workload, workers: u32) -> [(&'static str, Expect); 3] {
    let overlap = if workers >= 2 { Expect::Faster(1.3) } else { Expect::NoFaster };
    let with_gil = match workload {
        Workload::CpuBound => Expect::NoFaster,
        Workload::IoBound => overlap,
    };
    [
        ("One worker, one task after another", Expect::Baseline),
        ("Workers sharing one GIL", with_gil),
        ("Workers without a GIL", overlap),
    ]
}

/// What page 3's lesson says of its three ways of running `scenario` against one after another:
/// waits overlap when tasks take turns or run in parallel; computing overlaps only on several
/// cores, never by taking turns on one thread.
pub fn three_ways_expectations(scenario: &Scenario, workers: u32) -> [(&'static str, Expect); 3] {
    let waits = scenario.tasks.iter().any(|t| t.wait_ms() > t.work_ms());
    let cores = if workers >= 2 { Expect::Faster(1.3) } else { Expect::NoFaster };
    [
        ("One after another", Expect::Baseline),
        ("Taking turns (concurrent)", if waits { Expect::Faster(1.5) } else { Expect::NoFaster }),
        ("At the same time (parallel)", if waits { Expect::Faster(1.5) } else { cores }),
    ]
}

/// A speedup as the tour prints it (`"1.85×"` with `decimals` places), or `"–"` when either
/// time is missing.
pub fn speedup_reading(baseline_ms: f64, wall_ms: f64, decimals: usize) -> String {
    crate::metrics::speedup(baseline_ms, wall_ms).map_or("–".into(), |x| format!("{x:.decimals$}×"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speedups_read_with_their_places_or_a_dash() {
        assert_eq!(speedup_reading(300.0, 150.0, 2), "2.00×");
        assert_eq!(speedup_reading(300.0, 200.0, 1), "1.5×");
        assert_eq!(speedup_reading(0.0, 200.0, 1), "–");
    }

    #[test]
    fn workloads_are_named_by_what_they_do() {
        assert_eq!(Workload::CpuBound.scenario(2, 10.0), cpu_bound(2, 10.0));
        assert_eq!(Workload::IoBound.scenario(2, 10.0), io_bound(2));
        assert_eq!(Workload::CpuBound.label(), "CPU-bound");
    }

    #[test]
    fn the_lessons_expect_turns_to_help_only_waits_and_the_gil_to_hold_back_only_computing() {
        let e = |x: [(&str, Expect); 3]| x.map(|(_, e)| e);
        assert_eq!(
            e(three_ways_expectations(&cpu_bound(4, 150.0), 2)),
            [Expect::Baseline, Expect::NoFaster, Expect::Faster(1.3)]
        );
        assert_eq!(
            e(three_ways_expectations(&io_bound(4), 2)),
            [Expect::Baseline, Expect::Faster(1.5), Expect::Faster(1.5)]
        );
        assert_eq!(e(three_ways_expectations(&cpu_bound(4, 150.0), 1))[2], Expect::NoFaster);
        assert_eq!(
            e(gil_expectations(Workload::CpuBound, 2)),
            [Expect::Baseline, Expect::NoFaster, Expect::Faster(1.3)]
        );
        assert_eq!(e(gil_expectations(Workload::IoBound, 2))[1], Expect::Faster(1.3));
        assert_eq!(e(gil_expectations(Workload::CpuBound, 1))[2], Expect::NoFaster);
    }

    #[test]
    fn workloads_are_what_their_names_say() {
        let io = io_bound(4);
        assert_eq!(io.tasks.len(), 4);
        assert!(io.tasks.iter().all(|t| t.wait_ms() > 100.0 * t.work_ms()));
        let cpu = cpu_bound(3, 150.0);
        assert_eq!(cpu.total_work_ms(), 450.0);
        assert_eq!(cpu.tasks[2].name, "compute-3");
        // Both validate as the editor would.
        assert_eq!(io.to_draft().validate(), Ok(io));
        assert_eq!(cpu.to_draft().validate(), Ok(cpu));
    }
}

/// What the coroutines page logs when the reader completes a future: whether completing it
/// called `wake()` (only a future that was awaited, and so holds a waker, can), and the wakes so
/// far.
pub fn wake_note(woke: bool, wakes: u32) -> String {
    let so_far = crate::words::plural(wakes as usize, "wake", "wakes");
    if woke {
        format!("wake() called: {so_far} so far")
    } else {
        format!(
            "no wake(): nothing awaits this future yet, so it holds no waker; the coroutine will find its value ready when it gets there ({so_far} so far)"
        )
    }
}

#[cfg(test)]
mod wake_tests {
    use super::*;

    #[test]
    fn completing_a_future_nobody_awaits_says_so_instead_of_a_wake() {
        assert_eq!(wake_note(true, 1), "wake() called: 1 wake so far");
        assert_eq!(wake_note(true, 2), "wake() called: 2 wakes so far");
        let early = wake_note(false, 0);
        assert!(early.starts_with("no wake(): nothing awaits this future yet"), "{early}");
        assert!(early.ends_with("(0 wakes so far)"), "{early}");
    }
}

/// The site's name: the whole title of the tour map, and the end of every other page's title.
pub const SITE: &str = "Async Playground";

/// A page's document title: its main heading, then the site ("GIL · Async Playground"); the tour
/// map (`home`), or a page without a heading, is the site alone. The build's static pages and the
/// running app both use it, so the title a tab shows does not change when the app takes over.
pub fn page_title(home: bool, heading: Option<&str>) -> String {
    match heading.map(str::trim).filter(|h| !h.is_empty()) {
        Some(h) if !home => format!("{h} · {SITE}"),
        _ => SITE.to_string(),
    }
}

#[cfg(test)]
mod title_tests {
    use super::*;

    #[test]
    fn a_page_is_titled_by_its_heading_and_the_map_by_the_site() {
        assert_eq!(page_title(false, Some("The GIL")), "The GIL · Async Playground");
        assert_eq!(page_title(false, Some("  Event loops \n")), "Event loops · Async Playground");
        assert_eq!(page_title(true, Some("Chapter 1: the concepts")), "Async Playground");
        assert_eq!(page_title(false, None), "Async Playground");
        assert_eq!(page_title(false, Some("   ")), "Async Playground");
    }
}
