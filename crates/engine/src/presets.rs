//! Ready-made scenarios that mirror the tutorial's examples.

use crate::scenario::{Scenario, Step, TaskSpec};

/// A named, described scenario the reader can load with one click.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// Stable id, used in URLs and storage.
    pub id: &'static str,
    /// Short title for the picker.
    pub title: &'static str,
    /// One line saying what it shows.
    pub description: &'static str,
    /// The scenario.
    pub scenario: Scenario,
}

fn task(name: &str, steps: Vec<Step>) -> TaskSpec {
    TaskSpec { name: name.to_string(), start_delay_ms: 0.0, steps }
}

fn wait(ms: f64) -> Step {
    Step::Wait { ms }
}

fn work(ms: f64) -> Step {
    Step::Work { ms }
}

/// Every preset, in the order the picker shows them.
pub fn all() -> Vec<Preset> {
    vec![
        Preset {
            id: "three-waits",
            title: "Three 200 ms waits",
            description: "Three tasks each await a 200 ms timer: concurrently they finish together in about 200 ms.",
            scenario: Scenario { tasks: (1..=3).map(|i| task(&format!("wait-{i}"), vec![wait(200.0)])).collect(), ..Default::default() },
        },
        Preset {
            id: "two-sleeps",
            title: "Two 1 s sleeps (tutorial 2_5)",
            description: "Two coroutines each `await asyncio.sleep(1)`: concurrently done in ≈1 s, not 2 s.",
            scenario: Scenario { tasks: vec![task("sleep-1", vec![wait(1000.0)]), task("sleep-2", vec![wait(1000.0)])], ..Default::default() },
        },
        Preset {
            id: "hog-and-waiter",
            title: "A CPU hog next to a waiter",
            description: "One task computes for 300 ms without yielding; the other awaits 50 ms timers and has to wait for the hog.",
            scenario: Scenario {
                tasks: vec![
                    task("hog", vec![work(300.0)]),
                    task("waiter", vec![wait(50.0), wait(50.0), wait(50.0)]),
                ], ..Default::default()
            },
        },
        Preset {
            id: "three-requests",
            title: "Three web requests (tutorial 3_2–3_4)",
            description: "Three HTTP-like requests, each 500 ms of network latency then 5 ms parsing: sequential ≈3× slower than concurrent.",
            scenario: Scenario {
                tasks: (1..=3).map(|i| task(&format!("request-{i}"), vec![wait(500.0), work(5.0)])).collect(), ..Default::default()
            },
        },
        Preset {
            id: "cpu-loop",
            title: "A CPU-bound loop (tutorial 3_5)",
            description: "Two tasks that only compute, 250 ms each: concurrency on one thread gains nothing, they take turns.",
            scenario: Scenario {
                tasks: vec![task("count-1", vec![work(250.0)]), task("count-2", vec![work(250.0)])], ..Default::default()
            },
        },
        Preset {
            id: "blocking-sleep",
            title: "A blocking “sleep” next to an awaited one",
            description: "time.sleep(0.5) is a busy wait that holds the loop; the task that awaits asyncio.sleep(0.1) finishes late.",
            scenario: Scenario {
                tasks: vec![
                    task("blocking-sleep", vec![work(500.0)]),
                    task("awaited-sleep", vec![wait(100.0)]),
                ], ..Default::default()
            },
        },
        Preset {
            id: "many-small",
            title: "Many small tasks (1,000 × 5)",
            description: "1,000 tasks each await five short timers (1–10 ms): the waits alone end within 50 ms, but juggling 5,000 timers takes the loop about 0.2 s (211–227 ms in Chromium on a 2-core machine).",
            scenario: Scenario { tasks: (0..1_000).map(|i| task(&format!("t{i}"), small_waits(i, 5))).collect(), ..Default::default() },
        },
        Preset {
            id: "ten-thousand",
            title: "Stress test (10,000 × 10)",
            description: "10,000 tasks of ten 1–10 ms awaits each: 320,000 events, to see the page keep up.",
            scenario: Scenario { tasks: (0..10_000).map(|i| task(&format!("t{i}"), small_waits(i, 10))).collect(), ..Default::default() },
        },
    ]
}

/// `n` waits of 1–10 ms, varied per task and step so timers do not all fire together.
fn small_waits(task: usize, n: usize) -> Vec<Step> {
    (0..n).map(|k| wait(((task * 7 + k * 3) % 10 + 1) as f64)).collect()
}

/// The preset with this id.
pub fn by_id(id: &str) -> Option<Preset> {
    all().into_iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_unique() {
        let ps = all();
        for p in &ps {
            assert_eq!(p.scenario.to_draft().validate().as_ref(), Ok(&p.scenario), "{}", p.id);
            assert_eq!(by_id(p.id).unwrap().title, p.title);
        }
        let mut ids: Vec<_> = ps.iter().map(|p| p.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ps.len());
    }

    /// Guards the preset ids other pages and stored states refer to.
    #[test]
    fn the_tutorial_presets_exist_with_their_shapes() {
        for id in
            ["three-waits", "two-sleeps", "hog-and-waiter", "three-requests", "cpu-loop", "blocking-sleep"]
        {
            assert!(by_id(id).is_some(), "{id}");
        }
        let many = by_id("many-small").unwrap().scenario;
        assert_eq!((many.tasks.len(), many.total_steps()), (1_000, 5_000));
        let stress = by_id("ten-thousand").unwrap().scenario;
        assert_eq!((stress.tasks.len(), stress.total_steps()), (10_000, 100_000));
        assert!(stress
            .tasks
            .iter()
            .flat_map(|t| &t.steps)
            .all(|s| !s.is_work() && (1.0..=10.0).contains(&s.ms())));
        let req = by_id("three-requests").unwrap().scenario;
        assert!(req.sequential_ideal_ms() >= 2.9 * req.concurrent_ideal_ms());
        let cpu = by_id("cpu-loop").unwrap().scenario;
        assert_eq!(cpu.sequential_ideal_ms(), cpu.concurrent_ideal_ms());
    }
}
