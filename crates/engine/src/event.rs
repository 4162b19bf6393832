//! The event log: what really happened during a run, one timestamped event at a time.
//!
//! The web layer stamps each event with `performance.now()` minus the run's start, so times are
//! milliseconds since the run began. The engine never reads a clock.

use crate::sync::{Cause, Op, Resource};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Reads a time exactly, whatever the format. From JSON (an imported log file) the number's text
/// goes to std's `f64` parser, which rounds correctly: serde_json's own quick parser is one unit
/// in the last place off for about 1 time in 12 (e.g. `1700.8485913203785`), and its exact one
/// (the `float_roundtrip` feature) costs the page about 9.5 KB gzipped. Binary formats (postcard,
/// the worker protocol) carry the `f64` itself.
fn exact_f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    if d.is_human_readable() {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        raw.get().parse().map_err(|_| serde::de::Error::custom(format!("{} is not a number", raw.get())))
    } else {
        f64::deserialize(d)
    }
}

/// Index of a task in its scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TaskId(pub u32);

/// Where a task ran: the page's one event loop, or Web Worker `k`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Lane {
    /// The page's main thread and its event loop.
    EventLoop,
    /// Web Worker number `k` (0-based) of the pool.
    Worker(u32),
}

impl fmt::Display for Lane {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lane::EventLoop => write!(f, "event loop"),
            Lane::Worker(k) => write!(f, "worker {}", k + 1),
        }
    }
}

/// What happened to a task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EventKind {
    /// The task was created and handed to the executor; it is ready but has not run yet.
    Spawned,
    /// The task began step `step` (0-based) of `of`; `work` tells CPU work from a wait.
    StepStarted { step: u32, of: u32, work: bool },
    /// The task yielded, awaiting a timer due at `until_ms`. `step` is `None` for the start delay.
    Awaiting {
        step: Option<u32>,
        #[serde(deserialize_with = "exact_f64")]
        until_ms: f64,
    },
    /// The task was polled again after its timer fired and holds the thread once more.
    Resumed { step: Option<u32> },
    /// The task completed every step.
    Finished,
    /// The task failed; the reason is shown to the reader.
    Failed { reason: String },
    /// The task was cancelled while at step `step` (`None`: before its first step): the reader
    /// stopped the run, or, after a [`EventKind::Cancelling`], the cancellation's cleanup is done.
    Cancelled { step: Option<u32> },
    /// The task asks for resource `res` (an index into [`EventLog::resources`]) at step `step`.
    Requested { step: u32, res: u32, op: Op },
    /// It cannot have it yet and waits. `holders` are the tasks holding it at that moment (a
    /// lock's owner, a semaphore's permit holders); empty for events, barriers and queues.
    Blocked { res: u32, op: Op, holders: Vec<TaskId> },
    /// The operation went through after `waited_ms` (0 if it never blocked): the lock or permit
    /// is held, the event seen, the barrier passed, the item put or got. `value`: the item a get
    /// received, or the value a counter read or write saw.
    Granted {
        res: u32,
        op: Op,
        #[serde(deserialize_with = "exact_f64")]
        waited_ms: f64,
        value: Option<i64>,
    },
    /// The task gave something back or signalled (released a lock or permit, set an event,
    /// notified a condition, put or got an item, arrived last at a barrier, shut a queue down),
    /// and `woke` are the waiters that this let go, in the order they were woken.
    Signalled { res: u32, op: Op, woke: Vec<TaskId> },
    /// The operation raised instead (a put into a shut-down queue; a get from an empty one).
    Raised { res: u32, op: Op, error: String },
    /// The task started `child` (`asyncio.create_task`).
    SpawnedChild { child: TaskId },
    /// The task awaits `other`'s end (at step `step`).
    Joining { step: u32, other: TaskId },
    /// `other` has ended; the join returns (its failure, if any, is not re-raised here).
    Joined { other: TaskId },
    /// The task called `cancel()` on `target`.
    CancelSent { target: TaskId },
    /// A cancellation reaches the task at step `step` for `cause`; its cleanup (releasing the
    /// locks of its `with` blocks) follows, logged as [`EventKind::Signalled`].
    Cancelling { step: Option<u32>, cause: Cause },
    /// The timeout block opened at step `block` expired after `after_ms`; its steps were
    /// cancelled and the task goes on after the block.
    TimedOut {
        block: u32,
        #[serde(deserialize_with = "exact_f64")]
        after_ms: f64,
    },
}

impl EventKind {
    /// True for the events after which a task does nothing more.
    pub fn is_terminal(&self) -> bool {
        matches!(self, EventKind::Finished | EventKind::Failed { .. } | EventKind::Cancelled { .. })
    }

    /// True for the kinds the first log format had (a log of only these is written as version 1).
    pub fn is_classic(&self) -> bool {
        matches!(
            self,
            EventKind::Spawned
                | EventKind::StepStarted { .. }
                | EventKind::Awaiting { .. }
                | EventKind::Resumed { .. }
                | EventKind::Finished
                | EventKind::Failed { .. }
                | EventKind::Cancelled { .. }
        )
    }

    /// The resource this event is about, if any.
    pub fn resource(&self) -> Option<u32> {
        match *self {
            EventKind::Requested { res, .. }
            | EventKind::Blocked { res, .. }
            | EventKind::Granted { res, .. }
            | EventKind::Signalled { res, .. }
            | EventKind::Raised { res, .. } => Some(res),
            _ => None,
        }
    }

    /// Every other task this event names (holders, woken tasks, a child, a target).
    pub fn other_tasks(&self) -> Vec<TaskId> {
        match self {
            EventKind::Blocked { holders: v, .. } | EventKind::Signalled { woke: v, .. } => v.clone(),
            EventKind::SpawnedChild { child: t }
            | EventKind::Joining { other: t, .. }
            | EventKind::Joined { other: t }
            | EventKind::CancelSent { target: t }
            | EventKind::Cancelling { cause: Cause::Task(t) | Cause::GroupFailure(t), .. } => vec![*t],
            _ => Vec::new(),
        }
    }
}

/// One timestamped event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Milliseconds since the run started.
    #[serde(deserialize_with = "exact_f64")]
    pub t_ms: f64,
    /// Which task.
    pub task: TaskId,
    /// Where it ran.
    pub lane: Lane,
    /// What happened.
    pub kind: EventKind,
}

impl Event {
    /// A one-line human description, without the time and task name.
    pub fn describe(&self, steps_of_task: u32) -> String {
        let step = |s: Option<u32>| match s {
            Some(k) => format!("step {}/{}", k + 1, steps_of_task),
            None => "start delay".to_string(),
        };
        match &self.kind {
            EventKind::Spawned => format!("spawned on the {}", self.lane),
            EventKind::StepStarted { step: k, of, work: true } => {
                format!("step {}/{of}: CPU work starts (holds the {})", k + 1, self.lane)
            }
            EventKind::StepStarted { step: k, of, work: false } => {
                format!("step {}/{of}: wait starts", k + 1)
            }
            EventKind::Awaiting { step: s, until_ms } => {
                format!("{}: awaiting a timer due at {until_ms:.1} ms (yields the thread)", step(*s))
            }
            EventKind::Resumed { step: s } => format!("{}: resumed", step(*s)),
            EventKind::Finished => "finished".to_string(),
            EventKind::Failed { reason } => format!("failed: {reason}"),
            EventKind::Cancelled { step: s } => format!("cancelled at {}", step(*s)),
            other => describe_sync(other, &|t| format!("#{}", t.0 + 1), &|r| format!("#{}", r + 1)),
        }
    }
}

fn names(tasks: &[TaskId], name: &dyn Fn(TaskId) -> String) -> String {
    tasks.iter().map(|t| name(*t)).collect::<Vec<_>>().join(", ")
}

/// The log's words for the events about resources, tasks and cancellation, with the other tasks
/// and the resource named: "waits for lock L (held by T1)", "releases L → wakes T3".
fn describe_sync(kind: &EventKind, task: &dyn Fn(TaskId) -> String, res: &dyn Fn(u32) -> String) -> String {
    match kind {
        EventKind::Requested { step, res: r, op } => format!("step {}: {} {}", step + 1, op.verb(), res(*r)),
        EventKind::Blocked { res: r, op, holders } => {
            let what = match op {
                Op::Acquire => "waits for",
                Op::Put => "waits for room in",
                Op::Get => "waits for an item in",
                _ => "waits on",
            };
            if holders.is_empty() {
                format!("{what} {}", res(*r))
            } else {
                format!("{what} {} (held by {})", res(*r), names(holders, task))
            }
        }
        EventKind::Granted { res: r, op, waited_ms, value } => {
            let what = match op {
                Op::Acquire => format!("holds {}", res(*r)),
                Op::Wait => format!("passes {}", res(*r)),
                Op::Put => format!("put {} into {}", value.unwrap_or(0), res(*r)),
                Op::Get => format!("got {} from {}", value.unwrap_or(0), res(*r)),
                Op::Read => format!("read {} = {}", res(*r), value.unwrap_or(0)),
                Op::Write => format!("wrote {} = {}", res(*r), value.unwrap_or(0)),
                other => format!("{} {}", other.verb(), res(*r)),
            };
            if *waited_ms > 0.0 {
                format!("{what} after waiting {waited_ms:.1} ms")
            } else {
                what
            }
        }
        EventKind::Signalled { res: r, op, woke } => {
            let base = format!("{} {}", op.verb(), res(*r));
            if woke.is_empty() {
                base
            } else {
                format!("{base} → wakes {}", names(woke, task))
            }
        }
        EventKind::Raised { res: r, op, error } => format!("{} {} raised {error}", op.verb(), res(*r)),
        EventKind::SpawnedChild { child } => format!("spawns {}", task(*child)),
        EventKind::Joining { step, other } => format!("step {}: awaits {}", step + 1, task(*other)),
        EventKind::Joined { other } => format!("{} has ended; the await returns", task(*other)),
        EventKind::CancelSent { target } => format!("cancels {}", task(*target)),
        EventKind::Cancelling { step, cause } => {
            let at = match step {
                Some(k) => format!("at step {}", k + 1),
                None => "before its first step".to_string(),
            };
            match cause {
                Cause::Task(t) => format!("cancelled by {} {at}", task(*t)),
                Cause::GroupFailure(t) => format!("cancelled {at}: {} failed in its task group", task(*t)),
                Cause::Timeout { block } => format!("timeout of step {} expires {at}", block + 1),
                Cause::RunEnd => format!("cancelled {at}: the run ended with the task still going"),
            }
        }
        EventKind::TimedOut { block, after_ms } => {
            format!("timeout block of step {} gave up after {after_ms:.1} ms; goes on after it", block + 1)
        }
        _ => String::new(),
    }
}

/// Everything that happened in one run, in the order it happened.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventLog {
    /// Task names, indexed by [`TaskId`].
    pub task_names: Vec<String>,
    /// Steps per task, indexed by [`TaskId`] (for "step k/n").
    pub task_steps: Vec<u32>,
    /// The events, in the order they were recorded.
    pub events: Vec<Event>,
    /// The scenario's resources, indexed by the events' `res`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
}

impl EventLog {
    /// An empty log for tasks with these names and step counts.
    pub fn new(task_names: Vec<String>, task_steps: Vec<u32>) -> Self {
        Self { task_names, task_steps, events: Vec::new(), resources: Vec::new() }
    }

    /// When the log's last event happened, ms on the run clock (0 for an empty log): the end
    /// of the run it records.
    pub fn end_ms(&self) -> f64 {
        self.events.iter().map(|e| e.t_ms).fold(0.0, f64::max)
    }

    /// An empty log for a scenario's tasks and resources.
    pub fn for_scenario(s: &crate::Scenario) -> Self {
        let mut log = Self::new(
            s.tasks.iter().map(|t| t.name.clone()).collect(),
            s.tasks.iter().map(|t| t.steps.len() as u32).collect(),
        );
        log.resources.clone_from(&s.resources);
        log
    }

    /// A resource's name with its kind ("lock L"), or `#n` if unknown.
    pub fn resource_label(&self, res: u32) -> String {
        match self.resources.get(res as usize) {
            Some(r) => format!("{} {}", r.kind.noun(), r.name),
            None => format!("#{}", res + 1),
        }
    }

    /// Whether the log holds only what the first log format could (no resources, no events
    /// about them, tasks or cancellation causes).
    pub fn is_classic(&self) -> bool {
        self.resources.is_empty() && self.events.iter().all(|e| e.kind.is_classic())
    }

    /// An event's description with other tasks and resources named, without time or task.
    pub fn describe(&self, e: &Event) -> String {
        if e.kind.is_classic() {
            let steps = self.task_steps.get(e.task.0 as usize).copied().unwrap_or(0);
            return e.describe(steps);
        }
        let named = |r: u32| match self.resources.get(r as usize) {
            // "waits for lock L", but "releases L": the kind is said where it helps.
            Some(x) => x.name.clone(),
            None => format!("#{}", r + 1),
        };
        let labelled = |r: u32| self.resource_label(r);
        let task = |t: TaskId| self.name(t);
        match &e.kind {
            EventKind::Blocked { .. } | EventKind::Requested { .. } => {
                describe_sync(&e.kind, &task, &labelled)
            }
            kind => describe_sync(kind, &task, &named),
        }
    }

    /// Appends an event.
    pub fn push(&mut self, t_ms: f64, task: TaskId, lane: Lane, kind: EventKind) {
        self.events.push(Event { t_ms, task, lane, kind });
    }

    /// The name of a task, or `#n` if unknown.
    pub fn name(&self, task: TaskId) -> String {
        self.task_names.get(task.0 as usize).cloned().unwrap_or_else(|| format!("#{}", task.0))
    }

    /// One line per event: `time  task  what`.
    pub fn line(&self, e: &Event) -> String {
        format!("{:>9.1} ms  {}  {}", e.t_ms, self.name(e.task), self.describe(e))
    }

    /// The events of one task, in order.
    pub fn of_task(&self, task: TaskId) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.task == task)
    }

    /// Whether every task started (first ran) before any task finished: the mark of interleaving.
    pub fn interleaved(&self) -> bool {
        let n = self.task_names.len();
        let mut started = vec![false; n];
        for e in &self.events {
            let i = e.task.0 as usize;
            match e.kind {
                EventKind::Spawned => {}
                EventKind::Finished => return started.iter().all(|s| *s),
                _ => {
                    if let Some(s) = started.get_mut(i) {
                        *s = true;
                    }
                }
            }
        }
        started.iter().all(|s| *s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(events: &[(f64, u32, EventKind)]) -> EventLog {
        let mut l = EventLog::new(vec!["a".into(), "b".into()], vec![1, 1]);
        for (t, task, kind) in events {
            l.push(*t, TaskId(*task), Lane::EventLoop, kind.clone());
        }
        l
    }

    #[test]
    fn interleaving_means_all_start_before_any_finishes() {
        let wait = |step| EventKind::Awaiting { step: Some(step), until_ms: 10.0 };
        let concurrent = log(&[
            (0.0, 0, EventKind::Spawned),
            (0.0, 1, EventKind::Spawned),
            (0.1, 0, wait(0)),
            (0.2, 1, wait(0)),
            (10.0, 0, EventKind::Finished),
            (10.1, 1, EventKind::Finished),
        ]);
        assert!(concurrent.interleaved());
        let sequential = log(&[
            (0.0, 0, EventKind::Spawned),
            (0.1, 0, wait(0)),
            (10.0, 0, EventKind::Finished),
            (10.0, 1, EventKind::Spawned),
            (10.1, 1, wait(0)),
            (20.0, 1, EventKind::Finished),
        ]);
        assert!(!sequential.interleaved());
    }

    #[test]
    fn a_log_ends_at_its_last_event_whatever_the_order() {
        assert_eq!(log(&[]).end_ms(), 0.0);
        let l = log(&[
            (0.0, 0, EventKind::Spawned),
            (7.5, 1, EventKind::Finished),
            (3.0, 0, EventKind::Finished),
        ]);
        assert_eq!(l.end_ms(), 7.5);
    }

    #[test]
    fn lines_read_like_a_log() {
        let l = log(&[(12.345, 1, EventKind::StepStarted { step: 0, of: 1, work: true })]);
        assert_eq!(l.line(&l.events[0]), "     12.3 ms  b  step 1/1: CPU work starts (holds the event loop)");
        let e = Event {
            t_ms: 0.0,
            task: TaskId(0),
            lane: Lane::Worker(1),
            kind: EventKind::Cancelled { step: None },
        };
        assert_eq!(e.describe(3), "cancelled at start delay");
        assert_eq!(Lane::Worker(1).to_string(), "worker 2");
    }
}
