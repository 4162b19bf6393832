//! Scenarios that deadlock, for the wait-for graph and the detector to show: each is valid (the
//! reader may want to see it) and never ends on its own.

use crate::scenario::{Scenario, ScenarioDraft, StepKindDraft as K};
use crate::sync::{ResourceDraft, ResourceKindDraft, Structure};
use crate::sync_presets::{end, named, res, task, wait};

/// A scenario that deadlocks, and what the detector says about it.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadlockPreset {
    /// Stable id.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// What happens, in our words.
    pub story: &'static str,
    /// The draft, as the editor shows it.
    pub draft: ScenarioDraft,
}

impl DeadlockPreset {
    /// The validated scenario.
    pub fn scenario(&self) -> Scenario {
        self.draft.validate().unwrap_or_default()
    }
}

fn lock(name: &str) -> ResourceDraft {
    res(name, ResourceKindDraft::Lock, "")
}

/// Philosophers at the table.
pub const PHILOSOPHERS: usize = 5;

/// Every deadlock preset.
pub fn all() -> Vec<DeadlockPreset> {
    let all = Structure::All;
    let both = |first: &str, second: &str| {
        vec![named(K::With, first), wait(10), named(K::With, second), wait(10), end(), end()]
    };
    vec![
        DeadlockPreset {
            id: "dl-opposite-locks",
            title: "Two locks taken in opposite orders",
            story: "T1 takes lock A then B, T2 takes B then A. Each gets its first lock, sleeps, and \
                    then waits for the lock the other holds: neither can ever go on.",
            draft: ScenarioDraft {
                tasks: vec![task("T1", both("A", "B")), task("T2", both("B", "A"))],
                resources: vec![lock("A"), lock("B")],
                structure: all,
            },
        },
        DeadlockPreset {
            id: "dl-philosophers",
            title: "Five dining philosophers",
            story: "Each philosopher picks up the fork on the left, thinks, then reaches for the fork \
                    on the right, which the neighbour holds: all five wait in a circle.",
            draft: ScenarioDraft {
                tasks: (0..PHILOSOPHERS)
                    .map(|i| {
                        let left = format!("fork{}", i + 1);
                        let right = format!("fork{}", (i + 1) % PHILOSOPHERS + 1);
                        task(&format!("P{}", i + 1), both(&left, &right))
                    })
                    .collect(),
                resources: (0..PHILOSOPHERS).map(|i| lock(&format!("fork{}", i + 1))).collect(),
                structure: all,
            },
        },
        DeadlockPreset {
            id: "dl-barrier-short",
            title: "A barrier waiting for more parties than there are",
            story: "A barrier lets its waiters go once three have arrived, but only two tasks ever \
                    come: both wait forever.",
            draft: ScenarioDraft {
                tasks: vec![
                    task("T1", vec![wait(100), named(K::WaitOn, "B")]),
                    task("T2", vec![wait(200), named(K::WaitOn, "B")]),
                ],
                resources: vec![res("B", ResourceKindDraft::Barrier, "3")],
                structure: all,
            },
        },
        DeadlockPreset {
            id: "dl-queue-no-producer",
            title: "A consumer whose producer has ended",
            story: "The producer puts two items and ends; the consumer wants three. After the second \
                    it waits for an item nobody will ever put.",
            draft: ScenarioDraft {
                tasks: vec![
                    task("producer", vec![wait(100), named(K::Put, "Q"), wait(100), named(K::Put, "Q")]),
                    task("consumer", (0..3).map(|_| named(K::Get, "Q")).collect()),
                ],
                resources: vec![res("Q", ResourceKindDraft::Queue, "5")],
                structure: all,
            },
        },
        DeadlockPreset {
            id: "dl-leaked-lock",
            title: "A lock never released before a failure",
            story: "The worker acquires the lock without a `with` block and fails before releasing it; \
                    the lock stays taken, and the task waiting for it waits forever.",
            draft: ScenarioDraft {
                tasks: vec![
                    task("worker", vec![named(K::Acquire, "L"), wait(100), named(K::Fail, "crash")]),
                    task("other", vec![wait(50), named(K::With, "L"), end()]),
                ],
                resources: vec![lock("L")],
                structure: all,
            },
        },
    ]
}

/// The deadlock preset with this id.
pub fn by_id(id: &str) -> Option<DeadlockPreset> {
    all().into_iter().find(|p| p.id == id)
}
