//! Metrics and timeline segments computed from an [`EventLog`].
//!
//! Each task is, at every moment between its first and last event, in one of three states:
//! *running* (holding its lane's thread), *awaiting* (a timer is pending) or *ready but waiting*
//! (it could run — its timer is due, or it was just spawned — but the thread is busy elsewhere).
//! The last one is what blocking costs, and the timeline draws it.

use crate::event::{Event, EventKind, EventLog, Lane, TaskId};
use serde::{Deserialize, Serialize};

/// The state a task is in during a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SegmentKind {
    /// Holding the thread of its lane.
    Running,
    /// A timer is pending; the task has yielded.
    Awaiting,
    /// Ready to run, but the thread is busy with something else.
    ReadyWaiting,
}

/// A stretch of time one task spent in one state.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// The task.
    pub task: TaskId,
    /// Where it ran.
    pub lane: Lane,
    /// Its state.
    pub kind: SegmentKind,
    /// Start, ms since the run began.
    pub start_ms: f64,
    /// End, ms since the run began.
    pub end_ms: f64,
}

impl Segment {
    /// Length in milliseconds.
    pub fn len_ms(&self) -> f64 {
        self.end_ms - self.start_ms
    }
}

/// Per-task numbers, in the spirit of tokio-console's task view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskMetrics {
    /// How many times the executor polled (entered) the task.
    pub polls: u32,
    /// Time spent running (holding the thread).
    pub busy_ms: f64,
    /// Time spent awaiting timers.
    pub idle_ms: f64,
    /// Time spent ready but waiting for the thread (scheduling delay).
    pub scheduled_ms: f64,
    /// Time from spawn to the task's end.
    pub total_ms: f64,
    /// Whether it finished, failed or was cancelled (`None` while still running).
    pub outcome: Option<Outcome>,
}

/// How a task ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Completed every step.
    Finished,
    /// Failed.
    Failed,
    /// Cancelled by Stop.
    Cancelled,
}

/// Numbers for a whole run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// From the first event to the last, in milliseconds.
    pub wall_ms: f64,
    /// Busy (running) time summed per lane, sorted by lane.
    pub busy_by_lane: Vec<(Lane, f64)>,
    /// Per task, indexed by [`TaskId`].
    pub tasks: Vec<TaskMetrics>,
    /// Most tasks in flight (spawned and not yet ended) at one moment.
    pub peak_concurrency: usize,
    /// Most tasks running at the same moment (more than 1 needs several lanes: parallelism).
    pub peak_running: usize,
}

impl Metrics {
    /// Total running time over all tasks.
    pub fn total_busy_ms(&self) -> f64 {
        self.tasks.iter().map(|t| t.busy_ms).fold(0.0, |a, b| a + b)
    }

    /// Total ready-but-waiting time over all tasks.
    pub fn total_scheduled_ms(&self) -> f64 {
        self.tasks.iter().map(|t| t.scheduled_ms).fold(0.0, |a, b| a + b)
    }

    /// How many tasks ended this way.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.tasks.iter().filter(|t| t.outcome == Some(outcome)).count()
    }
}

/// Speedup of a run over a baseline: `baseline_wall / wall`. `None` if either is not positive.
pub fn speedup(baseline_wall_ms: f64, wall_ms: f64) -> Option<f64> {
    (baseline_wall_ms > 0.0 && wall_ms > 0.0).then(|| baseline_wall_ms / wall_ms)
}

/// Splits every task's life into running / awaiting / ready-but-waiting segments.
///
/// `now_ms` closes the open segment of tasks that have not ended yet (pass the log's last time
/// for a finished run). A running segment is kept even when it measures 0 ms: the task did take
/// a turn on the thread, shorter than the clock's tick (5 µs in Chromium, 20 µs in Firefox), and
/// the timeline draws it at its minimum width. Other zero-length segments are dropped; adjacent
/// segments of the same kind are merged.
pub fn segments(log: &EventLog, now_ms: f64) -> Vec<Segment> {
    let n = log.task_names.len();
    // Per task: the state it is in since `since`, and the timer due time if awaiting.
    #[derive(Clone, Copy)]
    struct Open {
        lane: Lane,
        kind: SegmentKind,
        since: f64,
        due: Option<f64>,
    }
    let mut open: Vec<Option<Open>> = vec![None; n];
    let mut out: Vec<Segment> = Vec::new();
    let emit = |out: &mut Vec<Segment>, task: TaskId, lane, kind, start: f64, end: f64| {
        if kept(kind, start, end) {
            out.push(Segment { task, lane, kind, start_ms: start, end_ms: end });
        }
    };
    let close = |out: &mut Vec<Segment>, task: TaskId, o: Open, t: f64| match (o.kind, o.due) {
        (SegmentKind::Awaiting, Some(due)) if due < t => {
            let due = due.max(o.since);
            emit(out, task, o.lane, SegmentKind::Awaiting, o.since, due);
            emit(out, task, o.lane, SegmentKind::ReadyWaiting, due, t);
        }
        (kind, _) => emit(out, task, o.lane, kind, o.since, t),
    };
    for e in &log.events {
        let i = e.task.0 as usize;
        if i >= n {
            continue;
        }
        if let Some(o) = open[i].take() {
            close(&mut out, e.task, o, e.t_ms);
        }
        let next = state_after(&e.kind);
        open[i] = next.map(|(kind, due)| Open { lane: e.lane, kind, since: e.t_ms, due });
    }
    for (i, o) in open.into_iter().enumerate() {
        if let Some(o) = o {
            close(&mut out, TaskId(i as u32), o, now_ms.max(o.since));
        }
    }
    // Merge touching segments of the same task, lane and kind (e.g. "started step" then "resumed").
    crate::sort::sort_by(&mut out, |a, b| a.task.cmp(&b.task).then(a.start_ms.total_cmp(&b.start_ms)));
    let mut merged: Vec<Segment> = Vec::with_capacity(out.len());
    for s in out {
        match merged.last_mut() {
            Some(m) if m.task == s.task && m.lane == s.lane && m.kind == s.kind && m.end_ms >= s.start_ms => {
                m.end_ms = m.end_ms.max(s.end_ms);
            }
            _ => merged.push(s),
        }
    }
    // By start, then end: a 0 ms turn comes before the turn that starts at the same instant.
    crate::sort::sort_by(&mut merged, |a, b| {
        a.start_ms.total_cmp(&b.start_ms).then(a.end_ms.total_cmp(&b.end_ms)).then(a.task.cmp(&b.task))
    });
    merged
}

/// Whether a segment from `start` to `end` is kept: any segment with a length, and a running
/// one of 0 ms (a turn shorter than the clock's tick is still a turn).
pub fn kept(kind: SegmentKind, start: f64, end: f64) -> bool {
    end > start || (kind == SegmentKind::Running && end == start)
}

/// The state a task is in after an event: ready, running, awaiting (with the timer's due time,
/// if a timer), or `None` once it has ended. A task that blocks on a resource or awaits another
/// task is awaiting with no due time; the other resource and task events happen while it runs
/// (touching running segments merge into one).
pub fn state_after(kind: &EventKind) -> Option<(SegmentKind, Option<f64>)> {
    match kind {
        EventKind::Spawned => Some((SegmentKind::ReadyWaiting, None)),
        EventKind::Awaiting { until_ms, .. } => Some((SegmentKind::Awaiting, Some(*until_ms))),
        EventKind::Blocked { .. } | EventKind::Joining { .. } => Some((SegmentKind::Awaiting, None)),
        EventKind::Finished | EventKind::Failed { .. } | EventKind::Cancelled { .. } => None,
        _ => Some((SegmentKind::Running, None)),
    }
}

/// Which task held each lane's thread, and when: the "who holds the thread" lane of the timeline.
pub fn holders(segments: &[Segment], lane: Lane) -> Vec<Segment> {
    segments.iter().filter(|s| s.lane == lane && s.kind == SegmentKind::Running).copied().collect()
}

/// Computes the run's metrics. `now_ms` as for [`segments`].
pub fn compute(log: &EventLog, now_ms: f64) -> Metrics {
    let n = log.task_names.len();
    let segs = segments(log, now_ms);
    let mut tasks = vec![TaskMetrics::default(); n];
    let mut first = vec![None::<f64>; n];
    let mut last = vec![None::<f64>; n];
    let mut saw_first_poll = vec![false; n];
    for e in &log.events {
        let i = e.task.0 as usize;
        if i >= n {
            continue;
        }
        first[i].get_or_insert(e.t_ms);
        last[i] = Some(e.t_ms);
        let t = &mut tasks[i];
        match &e.kind {
            EventKind::Spawned => {}
            EventKind::Resumed { .. } => t.polls += 1,
            EventKind::Finished => t.outcome = Some(Outcome::Finished),
            EventKind::Failed { .. } => t.outcome = Some(Outcome::Failed),
            EventKind::Cancelled { .. } => t.outcome = Some(Outcome::Cancelled),
            EventKind::StepStarted { .. } | EventKind::Awaiting { .. } if !saw_first_poll[i] => {
                saw_first_poll[i] = true;
                t.polls += 1;
            }
            // Resource and task events: counted by `resource_metrics` and `endings`.
            _ => {}
        }
    }
    for s in &segs {
        let t = &mut tasks[s.task.0 as usize];
        match s.kind {
            SegmentKind::Running => t.busy_ms += s.len_ms(),
            SegmentKind::Awaiting => t.idle_ms += s.len_ms(),
            SegmentKind::ReadyWaiting => t.scheduled_ms += s.len_ms(),
        }
    }
    for (i, t) in tasks.iter_mut().enumerate() {
        if let (Some(a), Some(b)) = (first[i], last[i]) {
            let end = if t.outcome.is_some() { b } else { now_ms.max(b) };
            t.total_ms = end - a;
        }
    }
    let mut busy_by_lane: Vec<(Lane, f64)> = Vec::new();
    for s in segs.iter().filter(|s| s.kind == SegmentKind::Running) {
        match busy_by_lane.iter_mut().find(|(l, _)| *l == s.lane) {
            Some((_, b)) => *b += s.len_ms(),
            None => busy_by_lane.push((s.lane, s.len_ms())),
        }
    }
    crate::sort::sort_by_key(&mut busy_by_lane, |a| a.0);
    // While a task is still open the run goes on: its wall time reaches `now_ms`, as its open
    // segments (counted above as work or waiting) do, so a live run never reads "wall 4 ms, work
    // 540 ms" between two events.
    let open = tasks.iter().zip(&first).any(|(t, f)| f.is_some() && t.outcome.is_none());
    let wall_ms = match (log.events.first(), log.events.last()) {
        (Some(a), Some(_)) => {
            let end = log.events.iter().map(|e| e.t_ms).fold(f64::MIN, f64::max);
            (if open { end.max(now_ms) } else { end }) - a.t_ms
        }
        _ => 0.0,
    };
    Metrics {
        wall_ms,
        busy_by_lane,
        tasks,
        peak_concurrency: peak_in_flight(log),
        peak_running: peak_overlap(segs.iter().filter(|s| s.kind == SegmentKind::Running)),
    }
}

fn peak_in_flight(log: &EventLog) -> usize {
    let (mut cur, mut peak) = (0usize, 0usize);
    for e in &log.events {
        if e.kind == EventKind::Spawned {
            cur += 1;
            peak = peak.max(cur);
        } else if e.kind.is_terminal() {
            cur = cur.saturating_sub(1);
        }
    }
    peak
}

/// The most segments overlapping at one moment; 1 if the only ones are 0 ms turns.
fn peak_overlap<'a>(segs: impl Iterator<Item = &'a Segment>) -> usize {
    let (segs, instants): (Vec<&Segment>, Vec<&Segment>) = segs.partition(|s| s.len_ms() > 0.0);
    // Ends sort before starts at the same instant, so touching segments do not overlap.
    let mut edges: Vec<(f64, i32)> = segs.iter().flat_map(|s| [(s.start_ms, 1), (s.end_ms, -1)]).collect();
    crate::sort::sort_by(&mut edges, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let (mut cur, mut peak) = (0i32, 0i32);
    for (_, d) in edges {
        cur += d;
        peak = peak.max(cur);
    }
    (peak as usize).max(usize::from(!instants.is_empty()))
}

/// What happened at one resource over a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceMetrics {
    /// Operations that went through: acquisitions of a lock or permit, passes of an event,
    /// barrier or condition, items put or got, counter reads and writes.
    pub acquisitions: u32,
    /// Of those, how many had to wait first.
    pub contended: u32,
    /// Total time tasks spent waiting for it, ms.
    pub total_wait_ms: f64,
    /// The longest single wait, ms.
    pub worst_wait_ms: f64,
    /// Waiters woken by another task's release, set, put, get or arrival.
    pub wakeups: u32,
}

impl ResourceMetrics {
    /// The share of operations that had to wait, 0 to 1 (0 with no operations).
    pub fn contention(&self) -> f64 {
        if self.acquisitions == 0 {
            0.0
        } else {
            f64::from(self.contended) / f64::from(self.acquisitions)
        }
    }
}

/// How a task ended when it did not simply finish.
#[derive(Clone, Debug, PartialEq)]
pub enum Ending {
    /// It failed with this message.
    Failed(String),
    /// It was cancelled for this cause (`None`: the reader stopped the run) at this step.
    Cancelled { cause: Option<crate::sync::Cause>, step: Option<u32> },
}

/// Per-resource metrics, indexed like [`EventLog::resources`].
pub fn resource_metrics(log: &EventLog) -> Vec<ResourceMetrics> {
    let mut t = ResourceTally::new(log.resources.len(), 0);
    t.feed(&log.events);
    t.resources
}

/// Each task's failure or cancellation, with the message or cause; `None` for a task that
/// finished or is still going.
pub fn endings(log: &EventLog) -> Vec<Option<Ending>> {
    let mut t = ResourceTally::new(0, log.task_names.len());
    t.feed(&log.events);
    t.endings
}

/// [`resource_metrics`] and [`endings`] of a growing log, at the cost of its new events only:
/// [`ResourceTally::feed`] it the log each update and it reads what was added since the last.
#[derive(Clone, Debug, Default)]
pub struct ResourceTally {
    consumed: usize,
    resources: Vec<ResourceMetrics>,
    endings: Vec<Option<Ending>>,
    /// Per task, why it is being cancelled (a timeout's cancellation is the step's, not the task's).
    cause: Vec<Option<crate::sync::Cause>>,
}

impl ResourceTally {
    /// A tally of `n_resources` resources and `n_tasks` tasks, with no event read.
    pub fn new(n_resources: usize, n_tasks: usize) -> Self {
        Self {
            consumed: 0,
            resources: vec![ResourceMetrics::default(); n_resources],
            endings: vec![None; n_tasks],
            cause: vec![None; n_tasks],
        }
    }

    /// How many events of the log it has read.
    pub fn consumed(&self) -> usize {
        self.consumed
    }

    /// Reads the events of `events` (the whole log so far, which only grows) after the ones
    /// already read.
    pub fn feed(&mut self, events: &[Event]) {
        for e in events.get(self.consumed..).unwrap_or(&[]) {
            self.count(e);
        }
        self.consumed = self.consumed.max(events.len());
    }

    /// Per-resource metrics so far, as [`resource_metrics`] gives them.
    pub fn resources(&self) -> &[ResourceMetrics] {
        &self.resources
    }

    /// Each task's ending so far, as [`endings`] gives them.
    pub fn endings(&self) -> &[Option<Ending>] {
        &self.endings
    }

    fn count(&mut self, e: &Event) {
        match &e.kind {
            EventKind::Granted { res, waited_ms, op, .. } if *op != crate::sync::Op::Release => {
                if let Some(m) = self.resources.get_mut(*res as usize) {
                    m.acquisitions += 1;
                    if *waited_ms > 0.0 {
                        m.contended += 1;
                        m.total_wait_ms += waited_ms;
                        m.worst_wait_ms = m.worst_wait_ms.max(*waited_ms);
                    }
                }
            }
            EventKind::Signalled { res, woke, .. } => {
                if let Some(m) = self.resources.get_mut(*res as usize) {
                    m.wakeups += woke.len() as u32;
                }
            }
            _ => {}
        }
        let i = e.task.0 as usize;
        if i >= self.endings.len() {
            return;
        }
        match &e.kind {
            EventKind::Cancelling { cause: c, .. } if !matches!(c, crate::sync::Cause::Timeout { .. }) => {
                self.cause[i] = Some(*c)
            }
            EventKind::Failed { reason } => self.endings[i] = Some(Ending::Failed(reason.clone())),
            EventKind::Cancelled { step } => {
                self.endings[i] = Some(Ending::Cancelled { cause: self.cause[i], step: *step })
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod live_wall_tests {
    use super::*;
    use crate::event::{EventKind as K, Lane, TaskId};

    /// The tally fed a growing log in chunks (one event at a time, uneven, halves) gives the same
    /// metrics and endings as the whole log, for every sync and deadlock preset's predicted log.
    #[test]
    fn the_tally_fed_in_chunks_is_the_whole_logs() {
        let scenarios = crate::sync_presets::all()
            .iter()
            .map(|p| p.scenario())
            .chain(crate::deadlock_presets::all().iter().map(|p| p.scenario()))
            .collect::<Vec<_>>();
        let mut ended = 0;
        for sc in scenarios {
            let log = crate::model::predict(&sc).log;
            for sizes in [vec![1], vec![3, 1, 7, 2, 13, 5], vec![log.events.len() / 2 + 1]] {
                let mut t = ResourceTally::new(log.resources.len(), log.task_names.len());
                let (mut k, mut i) = (0, 0);
                while k < log.events.len() {
                    k = (k + sizes[i % sizes.len()]).min(log.events.len());
                    i += 1;
                    t.feed(&log.events[..k]);
                    let prefix = EventLog { events: log.events[..k].to_vec(), ..log.clone() };
                    assert_eq!(t.resources(), resource_metrics(&prefix).as_slice());
                    assert_eq!(t.endings(), endings(&prefix).as_slice());
                }
                assert_eq!(t.consumed(), log.events.len());
            }
            ended += endings(&log).iter().flatten().count();
        }
        assert!(ended > 0, "the presets have failed and cancelled tasks");
    }

    /// Guards the live summary: between two events of a running task the wall time reaches
    /// "now", as the work counted for it does (it read "wall 4 ms, work 540 ms" mid-run).
    #[test]
    fn a_live_run_has_its_wall_time_up_to_now() {
        let mut log = EventLog { task_names: vec!["a".into()], ..Default::default() };
        log.push(0.0, TaskId(0), Lane::EventLoop, K::Spawned);
        log.push(4.0, TaskId(0), Lane::EventLoop, K::StepStarted { step: 0, of: 1, work: true });
        let live = compute(&log, 540.0);
        assert_eq!(live.wall_ms, 540.0);
        assert!(live.total_busy_ms() <= live.wall_ms);
        let mut tr = crate::timeline::Tracker::new(1);
        tr.feed(&log.events);
        assert_eq!(tr.metrics(540.0).wall_ms, 540.0);
        // Once it ends, the wall is its events' span whatever "now" is.
        log.push(600.0, TaskId(0), Lane::EventLoop, K::Finished);
        assert_eq!(compute(&log, 900.0).wall_ms, 600.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::EventKind::*;

    /// Builds a log from (time, task, lane, kind) rows.
    fn log(names: &[&str], rows: &[(f64, u32, Lane, EventKind)]) -> EventLog {
        let mut l = EventLog::new(names.iter().map(|s| s.to_string()).collect(), vec![1; names.len()]);
        for (t, task, lane, kind) in rows {
            l.push(*t, TaskId(*task), *lane, kind.clone());
        }
        l
    }
    const L: Lane = Lane::EventLoop;

    fn kinds(segs: &[Segment], task: u32) -> Vec<(SegmentKind, f64, f64)> {
        segs.iter().filter(|s| s.task == TaskId(task)).map(|s| (s.kind, s.start_ms, s.end_ms)).collect()
    }

    /// Guards the classification the timeline draws: a CPU hog (task 0) makes the waiting task
    /// (task 1) ready-but-waiting from its timer's due time until the hog lets go.
    #[test]
    fn a_cpu_hog_makes_the_other_task_ready_but_waiting() {
        let l = log(
            &["hog", "io"],
            &[
                (0.0, 0, L, Spawned),
                (0.0, 1, L, Spawned),
                (1.0, 0, L, StepStarted { step: 0, of: 1, work: true }),
                (301.0, 0, L, Finished),
                (301.0, 1, L, StepStarted { step: 0, of: 1, work: false }),
                (301.0, 1, L, Awaiting { step: Some(0), until_ms: 351.0 }),
                (352.0, 1, L, Resumed { step: Some(0) }),
                (352.5, 1, L, Finished),
            ],
        );
        let segs = segments(&l, 352.5);
        assert_eq!(
            kinds(&segs, 0),
            vec![(SegmentKind::ReadyWaiting, 0.0, 1.0), (SegmentKind::Running, 1.0, 301.0)]
        );
        assert_eq!(
            kinds(&segs, 1),
            vec![
                (SegmentKind::ReadyWaiting, 0.0, 301.0),
                (SegmentKind::Running, 301.0, 301.0),
                (SegmentKind::Awaiting, 301.0, 351.0),
                (SegmentKind::ReadyWaiting, 351.0, 352.0),
                (SegmentKind::Running, 352.0, 352.5),
            ]
        );
        let m = compute(&l, 352.5);
        assert_eq!(m.wall_ms, 352.5);
        assert_eq!(m.tasks[0].busy_ms, 300.0);
        assert_eq!(m.tasks[1].scheduled_ms, 302.0);
        assert_eq!(m.tasks[1].idle_ms, 50.0);
        assert_eq!(m.tasks[1].polls, 2);
        assert_eq!(m.tasks[0].polls, 1);
        assert_eq!(m.peak_concurrency, 2);
        assert_eq!(m.peak_running, 1);
        assert_eq!(m.busy_by_lane, vec![(L, 300.5)]);
        assert_eq!(m.count(Outcome::Finished), 2);
    }

    /// Guards the waiter's short turns in a replay: with a coarse clock (Firefox ticks in 20 µs
    /// steps) a turn can start and end at the same time, and it is still a turn on the thread.
    #[test]
    fn a_turn_shorter_than_the_clock_tick_is_kept() {
        let l = log(
            &["hog", "waiter"],
            &[
                (0.0, 0, L, Spawned),
                (0.0, 1, L, Spawned),
                (0.0, 0, L, StepStarted { step: 0, of: 1, work: true }),
                (300.0, 0, L, Finished),
                (300.0, 1, L, StepStarted { step: 0, of: 1, work: false }),
                (300.0, 1, L, Awaiting { step: Some(0), until_ms: 350.0 }),
                (350.0, 1, L, Resumed { step: Some(0) }),
                (350.0, 1, L, Finished),
            ],
        );
        let segs = segments(&l, 350.0);
        let turns: Vec<(u32, f64, f64)> =
            holders(&segs, L).iter().map(|s| (s.task.0, s.start_ms, s.end_ms)).collect();
        assert_eq!(turns, vec![(0, 0.0, 300.0), (1, 300.0, 300.0), (1, 350.0, 350.0)]);
        // Zero-length waits are still dropped: only a turn on the thread is an event worth drawing.
        assert_eq!(
            kinds(&segs, 1),
            vec![
                (SegmentKind::ReadyWaiting, 0.0, 300.0),
                (SegmentKind::Running, 300.0, 300.0),
                (SegmentKind::Awaiting, 300.0, 350.0),
                (SegmentKind::Running, 350.0, 350.0),
            ]
        );
        let m = compute(&l, 350.0);
        assert_eq!((m.tasks[1].busy_ms, m.tasks[1].polls, m.peak_running), (0.0, 2, 1));
        assert_eq!(m.busy_by_lane, vec![(L, 300.0)]);
        // A run whose only turns measured 0 ms still ran something.
        let quick = log(
            &["a"],
            &[
                (0.0, 0, L, Spawned),
                (1.0, 0, L, StepStarted { step: 0, of: 1, work: false }),
                (1.0, 0, L, Finished),
            ],
        );
        assert_eq!(compute(&quick, 1.0).peak_running, 1);
    }

    #[test]
    fn a_timer_that_fires_late_splits_into_awaiting_then_ready() {
        let l = log(
            &["a"],
            &[
                (0.0, 0, L, Spawned),
                (0.0, 0, L, Awaiting { step: None, until_ms: 10.0 }),
                (25.0, 0, L, Resumed { step: None }),
            ],
        );
        let segs = segments(&l, 30.0);
        assert_eq!(
            kinds(&segs, 0),
            vec![
                (SegmentKind::Awaiting, 0.0, 10.0),
                (SegmentKind::ReadyWaiting, 10.0, 25.0),
                (SegmentKind::Running, 25.0, 30.0)
            ]
        );
        let m = compute(&l, 30.0);
        assert_eq!(m.tasks[0].outcome, None);
        assert_eq!(m.tasks[0].total_ms, 30.0, "an unfinished task is measured up to now");
    }

    #[test]
    fn workers_run_in_parallel_and_busy_time_is_per_lane() {
        let w0 = Lane::Worker(0);
        let w1 = Lane::Worker(1);
        let l = log(
            &["a", "b", "c"],
            &[
                (0.0, 0, w0, Spawned),
                (0.0, 1, w1, Spawned),
                (0.0, 0, w0, StepStarted { step: 0, of: 1, work: true }),
                (0.0, 1, w1, StepStarted { step: 0, of: 1, work: true }),
                (100.0, 0, w0, Finished),
                (100.0, 2, w0, Spawned),
                (100.0, 2, w0, StepStarted { step: 0, of: 1, work: true }),
                (110.0, 1, w1, Failed { reason: "worker panicked".into() }),
                (200.0, 2, w0, Cancelled { step: Some(0) }),
            ],
        );
        let m = compute(&l, 200.0);
        assert_eq!(m.peak_running, 2);
        assert_eq!(m.peak_concurrency, 2);
        assert_eq!(m.busy_by_lane, vec![(w0, 200.0), (w1, 110.0)]);
        assert_eq!(
            (m.count(Outcome::Finished), m.count(Outcome::Failed), m.count(Outcome::Cancelled)),
            (1, 1, 1)
        );
        assert_eq!(holders(&segments(&l, 200.0), w0).len(), 2);
        assert_eq!(m.total_busy_ms(), 310.0);
    }

    #[test]
    fn speedup_is_a_ratio_of_wall_times() {
        assert_eq!(speedup(600.0, 200.0), Some(3.0));
        assert_eq!(speedup(600.0, 0.0), None);
        assert_eq!(compute(&EventLog::default(), 0.0), Metrics::default());
    }
}
