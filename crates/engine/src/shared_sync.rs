//! Resources across Web Workers: what the parallel mode runs in shared memory, and why the rest
//! stays on the event loop.
//!
//! In the parallel mode each task runs alone in a worker, as a process of Python's
//! `multiprocessing` does. A Lock, a Semaphore and a Counter then live in one `SharedArrayBuffer`
//! that every worker of the run maps (`src/web/shared_sync.rs`): a lock or semaphore is a word of
//! free permits, taken with `Atomics.compareExchange` and waited for with `Atomics.wait`, given
//! back with `Atomics.add` and `Atomics.notify` (the counterpart of `multiprocessing.Lock` and
//! `Semaphore`), followed by one word per permit naming its holder (so the log can say "held by
//! T1"); a counter is one word read with `Atomics.load` and written with `Atomics.store`, so a
//! read–sleep–write without the lock loses updates exactly as `multiprocessing.Value` does.
//!
//! Events, barriers, conditions and queues are not built on shared memory here, and a task
//! cannot spawn, join or cancel another, time out or raise across workers: [`refusal`] says so,
//! beside the Run button, naming the resource or the step.

use crate::scenario::{Scenario, Step};
use crate::sync::{Resource, ResourceKind, Structure};
use crate::TaskId;

/// Whether a resource of this kind can cross workers (lives in shared memory) in the parallel mode.
pub fn crosses_workers(kind: ResourceKind) -> bool {
    matches!(kind, ResourceKind::Lock | ResourceKind::Semaphore { .. } | ResourceKind::Counter)
}

/// Whether the parallel mode runs this step in a worker.
pub fn runs_in_worker(step: &Step) -> bool {
    matches!(
        step,
        Step::Work { .. }
            | Step::Wait { .. }
            | Step::Acquire { .. }
            | Step::Release { .. }
            | Step::With { .. }
            | Step::End
            | Step::Read { .. }
            | Step::Write { .. }
    )
}

/// Why the parallel mode cannot run `scenario`, naming the resource, the step or the structure;
/// `None` if it can. Every resource the steps name crosses workers once the resources do, since
/// validation checks each step uses a resource of the right kind.
pub fn refusal(scenario: &Scenario) -> Option<String> {
    if let Some(r) = scenario.resources.iter().find(|r| !crosses_workers(r.kind)) {
        return Some(format!(
            "{} {} cannot cross workers: the parallel mode shares only locks, semaphores and counters \
             between workers (in shared memory, with Atomics); run it on the event loop instead",
            r.kind.noun(),
            r.name
        ));
    }
    for t in &scenario.tasks {
        if let Some((k, s)) = t.steps.iter().enumerate().find(|(_, s)| !runs_in_worker(s)) {
            let why = match s {
                Step::Timeout { .. } => "a timeout cannot interrupt a worker blocked in Atomics.wait",
                Step::Spawn { .. } | Step::Join { .. } | Step::Cancel { .. } => {
                    "each task runs alone in its worker, so it cannot spawn, await or cancel another"
                }
                _ => "it needs the event loop",
            };
            return Some(format!(
                "task {} step {} ({}) cannot run in a worker: {why}",
                t.name,
                k + 1,
                s.draft_kind().label()
            ));
        }
    }
    // A gather waits for every task, as joining every process does; a task that cannot raise
    // (no fail step runs in a worker) ends a gather as it ends the default structure. A task
    // group cancels its siblings when one fails, which needs the event loop.
    (scenario.structure == Structure::TaskGroup)
        .then(|| "the parallel mode runs each task alone; a task group needs the event loop".into())
}

/// Where each resource lives in the run's shared `Int32Array`, and what the words start at.
///
/// A lock is a semaphore of one permit: word `base` counts the free permits, words `base + 1 ..=
/// base + n` each hold the task number + 1 of a permit's holder (0: not held). A counter is the
/// one word `base`. Other kinds take no words (the parallel mode refuses them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Each resource's first word.
    pub base: Vec<u32>,
    /// Each resource's permits (0 for a counter and the kinds that take no words).
    pub permits: Vec<u32>,
    /// The words' starting values, all of them.
    pub init: Vec<i32>,
}

impl Layout {
    /// The layout of these resources, in their order.
    pub fn of(kinds: &[ResourceKind]) -> Self {
        let (mut base, mut permits, mut init) = (Vec::new(), Vec::new(), Vec::new());
        for k in kinds {
            base.push(init.len() as u32);
            let n = match *k {
                ResourceKind::Lock => 1,
                ResourceKind::Semaphore { permits } => permits,
                _ => 0,
            };
            permits.push(n);
            match k {
                ResourceKind::Lock | ResourceKind::Semaphore { .. } => {
                    init.push(n as i32);
                    init.extend(std::iter::repeat_n(0, n as usize));
                }
                ResourceKind::Counter => init.push(0),
                _ => {}
            }
        }
        Layout { base, permits, init }
    }

    /// The layout of a scenario's resources.
    pub fn of_resources(resources: &[Resource]) -> Self {
        Self::of(&resources.iter().map(|r| r.kind).collect::<Vec<_>>())
    }

    /// Words in all (at least 1, so the buffer is never empty).
    pub fn words(&self) -> u32 {
        (self.init.len() as u32).max(1)
    }

    /// The words of resource `res`'s holder slots.
    pub fn slots(&self, res: u32) -> std::ops::Range<u32> {
        let (b, n) = (self.base[res as usize], self.permits[res as usize]);
        b + 1..b + 1 + n
    }
}

/// What a holder slot holds for `task`.
pub fn holder_word(task: TaskId) -> i32 {
    task.0 as i32 + 1
}

/// The tasks named by holder-slot words, in slot order (a snapshot read while others may change
/// them: at worst it misses a holder that just came or names one that just left).
pub fn holders(slots: &[i32]) -> Vec<TaskId> {
    slots.iter().filter(|w| **w > 0).map(|w| TaskId(*w as u32 - 1)).collect()
}

/// For each step of a task, the resource its `End` gives back (the lock of the `with` block it
/// closes); `None` for every other step.
pub fn with_releases(steps: &[Step]) -> Vec<Option<u32>> {
    let ends = crate::model::block_ends(steps);
    let mut out = vec![None; steps.len()];
    for (k, s) in steps.iter().enumerate() {
        if let Step::With { res } = s {
            if let Some(slot) = out.get_mut(ends[k]) {
                *slot = Some(*res);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync_presets;

    fn preset(id: &str) -> Scenario {
        sync_presets::all().into_iter().find(|p| p.id == id).unwrap().scenario()
    }

    /// Guards issue 14: the tutorial's counter race and its locked fix, and a semaphore, run in
    /// parallel mode; the presets with events, barriers, queues or task structure say why not.
    #[test]
    fn locks_semaphores_and_counters_cross_workers_and_the_rest_says_why_not() {
        for id in ["4_1-race", "4_2-locked", "4_3-semaphore"] {
            assert_eq!(refusal(&preset(id)), None, "{id}");
        }
        let why = refusal(&preset("4_5-event")).unwrap();
        assert!(why.starts_with("event ") && why.contains("cannot cross workers"), "{why}");
        assert!(why.contains("locks, semaphores and counters"), "{why}");
        let barrier = refusal(&preset("4_4-barrier")).unwrap();
        assert!(barrier.starts_with("barrier "), "{barrier}");
        for p in sync_presets::all() {
            let s = p.scenario();
            let ok = s.resources.iter().all(|r| crosses_workers(r.kind))
                && s.tasks.iter().all(|t| t.steps.iter().all(runs_in_worker))
                && s.structure != Structure::TaskGroup;
            assert_eq!(refusal(&s).is_none(), ok, "{}", p.id);
            assert_eq!(s.parallel_refusal(), refusal(&s), "{}", p.id);
        }
    }

    #[test]
    fn a_step_that_cannot_run_in_a_worker_is_named_with_the_reason() {
        let mut s = preset("4_2-locked");
        s.tasks[0].steps.insert(0, Step::Timeout { ms: 5.0 });
        s.tasks[0].steps.push(Step::End);
        let why = refusal(&s).unwrap();
        assert!(why.contains("step 1 (") && why.contains("Atomics.wait"), "{why}");
        let mut s = preset("4_2-locked");
        s.tasks[1].steps.push(Step::Join { task: 0 });
        assert!(refusal(&s).unwrap().contains("cannot spawn, await or cancel"));
        let mut s = preset("4_2-locked");
        s.structure = Structure::TaskGroup;
        assert!(refusal(&s).unwrap().contains("task group"));
    }

    #[test]
    fn the_layout_gives_each_lock_and_semaphore_its_permits_and_holder_slots() {
        let kinds = [
            ResourceKind::Lock,
            ResourceKind::Counter,
            ResourceKind::Semaphore { permits: 3 },
            ResourceKind::Event,
        ];
        let l = Layout::of(&kinds);
        assert_eq!(l.base, vec![0, 2, 3, 7]);
        assert_eq!(l.init, vec![1, 0, 0, 3, 0, 0, 0]);
        assert_eq!(l.words(), 7);
        assert_eq!(l.slots(0), 1..2);
        assert_eq!(l.slots(2), 4..7);
        assert_eq!(l.slots(1), 3..3, "a counter has no holders");
        assert_eq!(Layout::of(&[]).words(), 1);
    }

    #[test]
    fn holder_slots_name_tasks_and_with_blocks_release_at_their_end() {
        assert_eq!(
            holders(&[0, holder_word(TaskId(4)), 0, holder_word(TaskId(0))]),
            vec![TaskId(4), TaskId(0)]
        );
        let steps = vec![
            Step::With { res: 0 },
            Step::Read { res: 1 },
            Step::With { res: 2 },
            Step::Wait { ms: 1.0 },
            Step::End,
            Step::Write { res: 1 },
            Step::End,
        ];
        assert_eq!(with_releases(&steps), vec![None, None, None, None, Some(2), None, Some(0)]);
    }
}
