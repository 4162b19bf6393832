//! The event log: what really happened during a run, one timestamped event at a time.
//!
//! The web layer stamps each event with `performance.now()` minus the run's start, so times are
//! milliseconds since the run began. The engine never reads a clock.

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
    /// The run was stopped while the task was at step `step` (`None`: before its first step).
    Cancelled { step: Option<u32> },
}

impl EventKind {
    /// True for the events after which a task does nothing more.
    pub fn is_terminal(&self) -> bool {
        matches!(self, EventKind::Finished | EventKind::Failed { .. } | EventKind::Cancelled { .. })
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
        }
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
}

impl EventLog {
    /// An empty log for tasks with these names and step counts.
    pub fn new(task_names: Vec<String>, task_steps: Vec<u32>) -> Self {
        Self { task_names, task_steps, events: Vec::new() }
    }

    /// When the log's last event happened, ms on the run clock (0 for an empty log): the end
    /// of the run it records.
    pub fn end_ms(&self) -> f64 {
        self.events.iter().map(|e| e.t_ms).fold(0.0, f64::max)
    }

    /// An empty log for a scenario's tasks.
    pub fn for_scenario(s: &crate::Scenario) -> Self {
        Self::new(
            s.tasks.iter().map(|t| t.name.clone()).collect(),
            s.tasks.iter().map(|t| t.steps.len() as u32).collect(),
        )
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
        let steps = self.task_steps.get(e.task.0 as usize).copied().unwrap_or(0);
        format!("{:>9.1} ms  {}  {}", e.t_ms, self.name(e.task), e.describe(steps))
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
