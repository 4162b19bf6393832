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
            scenario: Scenario { tasks: (1..=3).map(|i| task(&format!("wait-{i}"), vec![wait(200.0)])).collect() },
        },
        Preset {
            id: "two-sleeps",
            title: "Two 1 s sleeps (tutorial 2_5)",
            description: "Two coroutines each `await asyncio.sleep(1)`: concurrently done in ≈1 s, not 2 s.",
            scenario: Scenario { tasks: vec![task("sleep-1", vec![wait(1000.0)]), task("sleep-2", vec![wait(1000.0)])] },
        },
        Preset {
            id: "hog-and-waiter",
            title: "A CPU hog next to a waiter",
            description: "One task computes for 300 ms without yielding; the other awaits 50 ms timers and has to wait for the hog.",
            scenario: Scenario {
                tasks: vec![
                    task("hog", vec![work(300.0)]),
                    task("waiter", vec![wait(50.0), wait(50.0), wait(50.0)]),
                ],
            },
        },
    ]
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
        ids.dedup();
        assert_eq!(ids.len(), ps.len());
    }
}
