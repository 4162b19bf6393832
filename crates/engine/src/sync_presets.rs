//! Presets for the tutorial's chapters 2–8: tasks, groups, timeouts, cancellation, failures and
//! the synchronisation primitives. Each states the tutorial's claim in our own words and a
//! [`Claim`] a run's log can be checked against, so the page (and the browser tests) can put the
//! measured figure beside the claim.
//!
//! The playground's picker lists them after [`crate::presets::all`], grouped by [`SyncPreset::group`].

use crate::event::{EventKind, EventLog, TaskId};
use crate::scenario::{Scenario, ScenarioDraft, StepDraft, StepKindDraft as K, TaskDraft};
use crate::sync::{Op, ResourceDraft, ResourceKindDraft, Structure};

/// What a run of a preset must show, checked on its log.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    /// The counter named ends at this value (its last write).
    CounterEnds { counter: &'static str, value: i64 },
    /// The run's wall time is from `lo` to `hi` times `unit_ms`.
    Wall { unit_ms: f64, lo: f64, hi: f64 },
    /// The task named ends this way.
    Ends { task: &'static str, how: End },
    /// The task's ending happens between these times (ms since the run started).
    EndsBetween { task: &'static str, lo_ms: f64, hi_ms: f64 },
    /// Every task named passes the resource named (a barrier or event) within `spread_ms` of
    /// each other, and no earlier than `after_ms`.
    PassTogether { res: &'static str, after_ms: f64, spread_ms: f64 },
    /// Task `first` ends before task `then` gets its last item from a queue.
    EndsBeforeLastGet { first: &'static str, then: &'static str },
    /// Task `first` ends after task `then` gets its last item.
    EndsAfterLastGet { first: &'static str, then: &'static str },
}

/// How a task ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// It ran every step.
    Finished,
    /// It failed (raised).
    Failed,
    /// It was cancelled.
    Cancelled,
}

/// A preset with the tutorial's claim.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncPreset {
    /// Stable id (the tutorial example, e.g. `4_1`, and a word).
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// The claim, in our words.
    pub claim: &'static str,
    /// The draft (as the editor will show it).
    pub draft: ScenarioDraft,
    /// What a run must show.
    pub checks: Vec<Claim>,
}

/// The picker's groups of the presets, in order.
pub const GROUPS: [&str; 3] = [
    "Tasks, task groups and timeouts (chapters 2, 8)",
    "Locks, semaphores, barriers and events (chapter 4)",
    "Failures, cancellation and queues (chapters 5, 6, 8)",
];

impl SyncPreset {
    /// The picker's group of this preset (one of [`GROUPS`]), by its tutorial chapter and topic.
    pub fn group(&self) -> &'static str {
        match self.id.split('_').next() {
            Some("2") => GROUPS[0],
            Some("4") => GROUPS[1],
            Some("8") if !self.id.contains("rendezvous") => GROUPS[0],
            _ => GROUPS[2],
        }
    }

    /// The validated scenario.
    pub fn scenario(&self) -> Scenario {
        self.draft.validate().unwrap_or_default()
    }
}

// Builders of preset drafts, shared with `crate::deadlock_presets`.
pub(crate) fn named(kind: K, arg: &str) -> StepDraft {
    StepDraft::named(kind, arg)
}
pub(crate) fn wait(ms: u32) -> StepDraft {
    StepDraft::timed(K::Wait, ms.to_string())
}
pub(crate) fn end() -> StepDraft {
    StepDraft::named(K::End, "")
}
pub(crate) fn task(name: &str, steps: Vec<StepDraft>) -> TaskDraft {
    TaskDraft { name: name.into(), start_delay_ms: "0".into(), steps }
}
pub(crate) fn res(name: &str, kind: ResourceKindDraft, size: &str) -> ResourceDraft {
    ResourceDraft { name: name.into(), kind, size: size.into(), lock: String::new() }
}
pub(crate) fn draft(
    resources: Vec<ResourceDraft>,
    structure: Structure,
    tasks: Vec<TaskDraft>,
) -> ScenarioDraft {
    ScenarioDraft { tasks, resources, structure }
}

/// Tasks in the counter presets (the tutorial uses 10,000 with 10 ms sleeps; 100 run in a second).
pub const COUNTER_TASKS: usize = 100;

/// Every preset with a claim, in the tutorial's order.
pub fn all() -> Vec<SyncPreset> {
    let gather = Structure::Gather { return_exceptions: false };
    let counter_tasks = |locked: bool| {
        (1..=COUNTER_TASKS)
            .map(|i| {
                let body = vec![named(K::Read, "counter"), wait(10), named(K::Write, "counter")];
                let steps =
                    if locked { [vec![named(K::With, "lock")], body, vec![end()]].concat() } else { body };
                task(&format!("t{i}"), steps)
            })
            .collect::<Vec<_>>()
    };
    let producer = |steps_per_item: fn() -> Vec<StepDraft>| {
        let mut steps = Vec::new();
        for _ in 0..5 {
            steps.extend(steps_per_item());
        }
        steps
    };
    vec![
        SyncPreset {
            id: "2_4-create-task",
            title: "create_task, then await (tutorial 2_4)",
            claim: "A task starts running when it is created, not when it is awaited: main waits 1 s \
                    itself, then awaits a 1 s child, and the whole takes about 1 s, not 2 s.",
            draft: draft(
                vec![],
                Structure::All,
                vec![
                    task("main", vec![named(K::Spawn, "child"), wait(1000), named(K::Join, "child")]),
                    task("child", vec![wait(1000)]),
                ],
            ),
            checks: vec![Claim::Wall { unit_ms: 1000.0, lo: 1.0, hi: 1.5 }],
        },
        SyncPreset {
            id: "2_7-task-group",
            title: "A task group of 2 s and 3 s (tutorial 2_7)",
            claim: "A task group waits for all its tasks, which run together: 2 s and 3 s take about 3 s.",
            draft: draft(
                vec![],
                Structure::TaskGroup,
                vec![task("two", vec![wait(2000)]), task("three", vec![wait(3000)])],
            ),
            checks: vec![Claim::Wall { unit_ms: 3000.0, lo: 1.0, hi: 1.3 }],
        },
        SyncPreset {
            id: "2_8-timeout",
            title: "A 1 s timeout around 2 s of work (tutorial 2_8)",
            claim: "A timeout cancels what it wraps when it expires: 2 s of waiting under a 1 s \
                    timeout gives up after about 1 s.",
            draft: draft(
                vec![],
                Structure::All,
                vec![task("slow", vec![StepDraft::timed(K::Timeout, "1000"), wait(2000), end()])],
            ),
            checks: vec![Claim::Wall { unit_ms: 1000.0, lo: 1.0, hi: 1.5 }],
        },
        SyncPreset {
            id: "4_1-race",
            title: "A counter without a lock (tutorial 4_1)",
            claim: "Every task reads the counter, sleeps, and writes what it read plus one. They all read \
                    0 before anyone writes, so the counter ends at 1, not at the number of tasks.",
            draft: draft(
                vec![res("counter", ResourceKindDraft::Counter, "")],
                gather,
                counter_tasks(false),
            ),
            checks: vec![Claim::CounterEnds { counter: "counter", value: 1 }],
        },
        SyncPreset {
            id: "4_2-locked",
            title: "The same counter under a lock (tutorial 4_2)",
            claim: "With the read–sleep–write inside `async with lock`, one task at a time updates the \
                    counter: it ends at the number of tasks, and the run takes that many sleeps.",
            draft: draft(
                vec![
                    res("counter", ResourceKindDraft::Counter, ""),
                    res("lock", ResourceKindDraft::Lock, ""),
                ],
                gather,
                counter_tasks(true),
            ),
            checks: vec![Claim::CounterEnds { counter: "counter", value: COUNTER_TASKS as i64 }],
        },
        SyncPreset {
            id: "4_3-semaphore",
            title: "Semaphore(2), four 1 s tasks (tutorial 4_3)",
            claim: "A semaphore of 2 lets two tasks in at a time: four 1 s tasks take about 2 s, \
                    between 2 and 3 times one task.",
            draft: draft(
                vec![res("sem", ResourceKindDraft::Semaphore, "2")],
                gather,
                (1..=4).map(|i| task(&format!("t{i}"), vec![named(K::With, "sem"), wait(1000), end()])).collect(),
            ),
            checks: vec![Claim::Wall { unit_ms: 1000.0, lo: 2.0, hi: 3.0 }],
        },
        SyncPreset {
            id: "4_4-barrier",
            title: "Barrier(3) (tutorial 4_4)",
            claim: "A barrier holds each arriving task until the third arrives, then lets all three go at once.",
            draft: draft(
                vec![res("barrier", ResourceKindDraft::Barrier, "3")],
                gather,
                [100, 300, 600]
                    .iter()
                    .enumerate()
                    .map(|(i, ms)| task(&format!("t{}", i + 1), vec![wait(*ms), named(K::WaitOn, "barrier")]))
                    .collect(),
            ),
            checks: vec![Claim::PassTogether { res: "barrier", after_ms: 600.0, spread_ms: 50.0 }],
        },
        SyncPreset {
            id: "4_5-event",
            title: "An event set after 1 s (tutorial 4_5)",
            claim: "A task waiting on an event sleeps until another task sets it, after 1 s, and then goes on.",
            draft: draft(
                vec![res("ready", ResourceKindDraft::Event, "")],
                gather,
                vec![
                    task("waiter", vec![named(K::WaitOn, "ready")]),
                    task("setter", vec![wait(1000), named(K::Set, "ready")]),
                ],
            ),
            checks: vec![
                Claim::PassTogether { res: "ready", after_ms: 1000.0, spread_ms: 0.0 },
                Claim::EndsBetween { task: "waiter", lo_ms: 1000.0, hi_ms: 1500.0 },
            ],
        },
        SyncPreset {
            id: "5_1-failure",
            title: "A task failing beside a 1 s task (tutorial 5_1)",
            claim: "A task's exception stays in the task: one fails at 0.1 s, the other still finishes its 1 s.",
            draft: draft(
                vec![],
                Structure::Gather { return_exceptions: true },
                vec![
                    task("fails", vec![wait(100), named(K::Fail, "something went wrong")]),
                    task("works", vec![wait(1000)]),
                ],
            ),
            checks: vec![
                Claim::Ends { task: "fails", how: End::Failed },
                Claim::EndsBetween { task: "fails", lo_ms: 100.0, hi_ms: 500.0 },
                Claim::Ends { task: "works", how: End::Finished },
            ],
        },
        SyncPreset {
            id: "5_3-cancel",
            title: "Cancel after 10 ms (tutorial 5_3)",
            claim: "`cancel()` stops a task at its next await: a 1 s task cancelled after 10 ms ends then.",
            draft: draft(
                vec![],
                Structure::All,
                vec![
                    task(
                        "main",
                        vec![named(K::Spawn, "worker"), wait(10), named(K::Cancel, "worker"), named(K::Join, "worker")],
                    ),
                    task("worker", vec![wait(1000)]),
                ],
            ),
            checks: vec![
                Claim::Ends { task: "worker", how: End::Cancelled },
                Claim::EndsBetween { task: "worker", lo_ms: 10.0, hi_ms: 500.0 },
            ],
        },
        SyncPreset {
            id: "5_5-queue",
            title: "Producer and a never-ending consumer (tutorial 5_5)",
            claim: "The producer puts five items a second apart and is done before the consumer has \
                    taken the last one; the consumer waits for more forever, and the run's end cancels it.",
            draft: draft(
                vec![res("queue", ResourceKindDraft::Queue, "10")],
                Structure::All,
                vec![
                    task(
                        "producer",
                        [vec![named(K::Spawn, "consumer")], producer(|| vec![wait(1000), named(K::Put, "queue")])]
                            .concat(),
                    ),
                    task("consumer", (0..6).map(|_| named(K::Get, "queue")).collect()),
                ],
            ),
            checks: vec![
                Claim::EndsBeforeLastGet { first: "producer", then: "consumer" },
                Claim::Ends { task: "consumer", how: End::Cancelled },
            ],
        },
        SyncPreset {
            id: "6_4-shutdown",
            title: "Put after shutdown (tutorial 6_4)",
            claim: "Once a queue is shut down, a put raises (QueueShutDown in Python 3.13+).",
            draft: draft(
                vec![res("queue", ResourceKindDraft::Queue, "5")],
                Structure::All,
                vec![task(
                    "producer",
                    vec![named(K::Put, "queue"), named(K::Shutdown, "queue"), named(K::Put, "queue")],
                )],
            ),
            checks: vec![Claim::Ends { task: "producer", how: End::Failed }],
        },
        SyncPreset {
            id: "8_1-orphan",
            title: "An orphaned task (tutorial 8_1)",
            claim: "A task created and never awaited is cut off when the run ends: its 1 s never completes.",
            draft: draft(
                vec![],
                Structure::All,
                vec![task("main", vec![named(K::Spawn, "orphan"), wait(100)]), task("orphan", vec![wait(1000)])],
            ),
            checks: vec![
                Claim::Ends { task: "orphan", how: End::Cancelled },
                Claim::Wall { unit_ms: 100.0, lo: 1.0, hi: 5.0 },
            ],
        },
        SyncPreset {
            id: "8_2-group-waits",
            title: "A task group waits for both (tutorial 8_2)",
            claim: "In a task group nothing is orphaned: the group waits for the 1 s task even though the other is done at 0.1 s.",
            draft: draft(
                vec![],
                Structure::TaskGroup,
                vec![task("quick", vec![wait(100)]), task("slow", vec![wait(1000)])],
            ),
            checks: vec![
                Claim::Ends { task: "slow", how: End::Finished },
                Claim::Wall { unit_ms: 1000.0, lo: 1.0, hi: 1.5 },
            ],
        },
        SyncPreset {
            id: "8_4-rendezvous",
            title: "A rendezvous queue of capacity 0 (tutorial 8_4)",
            claim: "With no room in the queue, each put waits for a get: the producer is done only after \
                    the consumer took the last item, unlike 5_5.",
            draft: draft(
                vec![res("channel", ResourceKindDraft::Queue, "0")],
                Structure::TaskGroup,
                vec![
                    task("producer", producer(|| vec![wait(1000), named(K::Put, "channel")])),
                    task("consumer", (0..5).map(|_| named(K::Get, "channel")).collect()),
                ],
            ),
            checks: vec![
                Claim::EndsAfterLastGet { first: "producer", then: "consumer" },
                Claim::Wall { unit_ms: 1000.0, lo: 5.0, hi: 6.0 },
            ],
        },
    ]
}

/// The preset with this id: one of [`all`] (the playground's picker lists them), or one a
/// tour chapter adds ([`crate::chapters::presets`], opened by its page's link).
pub fn by_id(id: &str) -> Option<SyncPreset> {
    all().into_iter().chain(crate::chapters::presets()).find(|p| p.id == id)
}

fn task_id(log: &EventLog, name: &str) -> Option<TaskId> {
    log.task_names.iter().position(|n| n == name).map(|i| TaskId(i as u32))
}

fn end_of(log: &EventLog, t: TaskId) -> Option<(End, f64)> {
    log.of_task(t).find(|e| e.kind.is_terminal()).map(|e| {
        let how = match e.kind {
            EventKind::Finished => End::Finished,
            EventKind::Failed { .. } => End::Failed,
            _ => End::Cancelled,
        };
        (how, e.t_ms)
    })
}

fn last_get(log: &EventLog, t: TaskId) -> Option<usize> {
    log.events.iter().rposition(|e| e.task == t && matches!(e.kind, EventKind::Granted { op: Op::Get, .. }))
}

impl Claim {
    /// Checks the claim on a finished run's log: `Ok` with the measured figure in words, or
    /// `Err` saying what was measured instead.
    pub fn check(&self, log: &EventLog) -> Result<String, String> {
        let missing = |what: &str| Err(format!("the log has no {what}"));
        match *self {
            Claim::CounterEnds { counter, value } => {
                let Some(r) = log.resources.iter().position(|r| r.name == counter) else {
                    return missing(counter);
                };
                // The write latest in time (the last one logged among equals): a parallel run's
                // events arrive from several workers, not always in time order.
                let last = log
                    .events
                    .iter()
                    .filter_map(|e| match e.kind {
                        EventKind::Granted { res, op: Op::Write, value: Some(v), .. }
                            if res as usize == r =>
                        {
                            Some((e.t_ms, v))
                        }
                        _ => None,
                    })
                    .reduce(|a, b| if b.0 >= a.0 { b } else { a })
                    .map(|(_, v)| v);
                match last {
                    Some(v) if v == value => Ok(format!("{counter} ended at {v}")),
                    Some(v) => Err(format!("{counter} ended at {v}, not {value}")),
                    None => missing("write"),
                }
            }
            Claim::Wall { unit_ms, lo, hi } => {
                let wall = log.events.last().map_or(0.0, |e| e.t_ms);
                let x = wall / unit_ms;
                if (lo..=hi).contains(&x) {
                    Ok(format!("{wall:.0} ms, {x:.2}× {unit_ms:.0} ms"))
                } else {
                    Err(format!("{wall:.0} ms is {x:.2}× {unit_ms:.0} ms, not {lo}–{hi}×"))
                }
            }
            Claim::Ends { task, how } => {
                let Some(t) = task_id(log, task) else { return missing(task) };
                match end_of(log, t) {
                    Some((h, at)) if h == how => Ok(format!("{task} {how:?} at {at:.0} ms").to_lowercase()),
                    Some((h, at)) => Err(format!("{task} ended {h:?} at {at:.0} ms, not {how:?}")),
                    None => Err(format!("{task} never ended")),
                }
            }
            Claim::EndsBetween { task, lo_ms, hi_ms } => {
                let Some(t) = task_id(log, task) else { return missing(task) };
                match end_of(log, t) {
                    Some((_, at)) if (lo_ms..=hi_ms).contains(&at) => {
                        Ok(format!("{task} ended at {at:.0} ms"))
                    }
                    Some((_, at)) => Err(format!("{task} ended at {at:.0} ms, not {lo_ms}–{hi_ms} ms")),
                    None => Err(format!("{task} never ended")),
                }
            }
            Claim::PassTogether { res, after_ms, spread_ms } => {
                let Some(r) = log.resources.iter().position(|x| x.name == res) else { return missing(res) };
                let times: Vec<f64> = log
                    .events
                    .iter()
                    .filter(|e| matches!(e.kind, EventKind::Granted { res, op: Op::Wait, .. } if res as usize == r))
                    .map(|e| e.t_ms)
                    .collect();
                let (min, max) = times.iter().fold((f64::MAX, f64::MIN), |(a, b), t| (a.min(*t), b.max(*t)));
                if times.is_empty() {
                    missing("pass")
                } else if min >= after_ms && max - min <= spread_ms.max(crate::sync_presets::SAME_TURN_MS) {
                    Ok(format!("{} passed {res} at {min:.0}–{max:.0} ms", times.len()))
                } else {
                    Err(format!("{} passed {res} at {min:.0}–{max:.0} ms", times.len()))
                }
            }
            Claim::EndsBeforeLastGet { first, then } | Claim::EndsAfterLastGet { first, then } => {
                let (Some(a), Some(b)) = (task_id(log, first), task_id(log, then)) else {
                    return missing("such task");
                };
                let end = log.events.iter().position(|e| e.task == a && e.kind.is_terminal());
                let (Some(end), Some(get)) = (end, last_get(log, b)) else { return missing("end or get") };
                let before = end < get;
                let want_before = matches!(self, Claim::EndsBeforeLastGet { .. });
                let said = if before { "before" } else { "after" };
                let text = format!("{first} ended {said} {then}'s last get");
                if before == want_before {
                    Ok(text)
                } else {
                    Err(text)
                }
            }
        }
    }
}

/// Events in the same event-loop turn may be stamped up to this far apart (ms) on a loaded machine.
pub const SAME_TURN_MS: f64 = 5.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_unique_and_outside_the_classic_list() {
        let ps = all();
        for p in &ps {
            let s = p.draft.validate().unwrap_or_else(|e| panic!("{}: {e:?}", p.id));
            assert_eq!(s.to_draft(), p.draft, "{}", p.id);
            assert!(!p.checks.is_empty());
            assert!(crate::presets::by_id(p.id).is_none());
        }
        let mut ids: Vec<_> = ps.iter().map(|p| p.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 15);
        assert_eq!(by_id("4_2-locked").unwrap().scenario().tasks.len(), COUNTER_TASKS);
        for g in GROUPS {
            assert!(ps.iter().any(|p| p.group() == g), "{g} is empty");
        }
        assert_eq!(by_id("4_3-semaphore").unwrap().group(), GROUPS[1]);
        assert_eq!(by_id("8_4-rendezvous").unwrap().group(), GROUPS[2]);
    }

    #[test]
    fn claims_check_a_log() {
        use crate::event::Lane;
        let p = by_id("4_1-race").unwrap();
        let mut log = EventLog::for_scenario(&p.scenario());
        let w = |v| EventKind::Granted { res: 0, op: Op::Write, waited_ms: 0.0, value: Some(v) };
        log.push(10.0, TaskId(0), Lane::EventLoop, w(1));
        log.push(10.5, TaskId(1), Lane::EventLoop, w(1));
        assert_eq!(p.checks[0].check(&log), Ok("counter ended at 1".into()));
        log.push(11.0, TaskId(1), Lane::EventLoop, w(2));
        assert_eq!(p.checks[0].check(&log), Err("counter ended at 2, not 1".into()));
        let wall = Claim::Wall { unit_ms: 5.0, lo: 2.0, hi: 3.0 };
        assert!(wall.check(&log).is_ok(), "11 ms is 2.2× 5 ms");
        assert!(Claim::Wall { unit_ms: 1.0, lo: 2.0, hi: 3.0 }.check(&log).is_err());
    }
}
