//! The worker pool's bookkeeping: which task goes to which worker, and how busy each lane was.
//!
//! Tasks wait in one queue in scenario order; whenever a worker is free it takes the task at the
//! front ("next free worker"). When several workers are free at once, the lowest-numbered one
//! goes first, so a run's assignment is deterministic given the order in which workers finish.

use crate::event::{EventKind, EventLog, Lane, TaskId};
use crate::metrics::{segments, SegmentKind};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The queue of a pool run: tasks waiting, and what each worker is doing.
#[derive(Clone, Debug, PartialEq)]
pub struct Dispatcher {
    queue: VecDeque<TaskId>,
    running: Vec<Option<TaskId>>,
    assigned: Vec<(TaskId, u32)>,
}

impl Dispatcher {
    /// A queue holding tasks `0..tasks`, for `workers` workers (at least one).
    pub fn new(tasks: usize, workers: usize) -> Self {
        Self {
            queue: (0..tasks as u32).map(TaskId).collect(),
            running: vec![None; workers.max(1)],
            assigned: Vec::new(),
        }
    }

    /// Number of workers.
    pub fn workers(&self) -> usize {
        self.running.len()
    }

    /// Worker `worker` is free: give it the task at the front of the queue, if any.
    /// Returns `None` when the queue is empty or the worker is still busy.
    pub fn take(&mut self, worker: u32) -> Option<TaskId> {
        let slot = self.running.get_mut(worker as usize)?;
        if slot.is_some() {
            return None;
        }
        let task = self.queue.pop_front()?;
        *slot = Some(task);
        self.assigned.push((task, worker));
        Some(task)
    }

    /// Every free worker, lowest number first, takes the next task: the assignments made.
    pub fn assign_free(&mut self) -> Vec<(TaskId, u32)> {
        (0..self.running.len() as u32).filter_map(|w| self.take(w).map(|t| (t, w))).collect()
    }

    /// Worker `worker` is done with its task (finished or failed); returns that task.
    pub fn finish(&mut self, worker: u32) -> Option<TaskId> {
        self.running.get_mut(worker as usize)?.take()
    }

    /// The task worker `worker` runs now.
    pub fn running_on(&self, worker: u32) -> Option<TaskId> {
        self.running.get(worker as usize).copied().flatten()
    }

    /// Empties the queue (Stop): the tasks that never started, in order.
    pub fn drain_queue(&mut self) -> Vec<TaskId> {
        self.queue.drain(..).collect()
    }

    /// Tasks still waiting for a worker.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// True when nothing is queued and no worker is busy.
    pub fn is_idle(&self) -> bool {
        self.queue.is_empty() && self.running.iter().all(Option::is_none)
    }

    /// Every assignment so far, in the order made: (task, worker).
    pub fn assignments(&self) -> &[(TaskId, u32)] {
        &self.assigned
    }
}

/// One task's place in a predicted schedule.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    /// The task.
    pub task: TaskId,
    /// The worker that runs it.
    pub worker: u32,
    /// When it starts, ms.
    pub start_ms: f64,
    /// When it ends, ms.
    pub end_ms: f64,
}

/// Predicts the schedule of tasks with these durations on `workers` workers, with the same
/// queue rule the pool uses (next free worker, lowest number first on ties). Returns the slots
/// and the makespan (the wall time of the batch, without messaging costs).
pub fn simulate(durations_ms: &[f64], workers: usize) -> (Vec<Slot>, f64) {
    let mut d = Dispatcher::new(durations_ms.len(), workers);
    let mut free_at = vec![0.0f64; d.workers()];
    let mut slots = Vec::with_capacity(durations_ms.len());
    loop {
        // The worker that is free earliest (lowest number on ties) takes the next task.
        let (w, &t0) = free_at
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1).then(a.0.cmp(&b.0)))
            .expect("at least one worker");
        d.finish(w as u32);
        let Some(task) = d.take(w as u32) else { break };
        let end = t0 + durations_ms[task.0 as usize].max(0.0);
        slots.push(Slot { task, worker: w as u32, start_ms: t0, end_ms: end });
        free_at[w] = end;
    }
    let makespan = slots.iter().map(|s| s.end_ms).fold(0.0, f64::max);
    (slots, makespan)
}

/// How one lane was used during a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneStats {
    /// The lane.
    pub lane: Lane,
    /// Tasks that ran (started at least one step) on it.
    pub tasks: usize,
    /// Time a task held the lane's thread, ms.
    pub busy_ms: f64,
    /// `busy_ms ÷ wall_ms` of the run (0 when the run had no length).
    pub utilization: f64,
    /// Tasks that failed on it.
    pub failed: usize,
}

/// Per-lane numbers of a run, sorted by lane (event loop first, then worker 1, 2, …).
/// `now_ms` closes tasks still running, as in [`crate::metrics::segments`].
pub fn lane_stats(log: &EventLog, now_ms: f64) -> Vec<LaneStats> {
    let wall = crate::metrics::compute(log, now_ms).wall_ms;
    let mut out: Vec<LaneStats> = Vec::new();
    let entry = |lane: Lane, out: &mut Vec<LaneStats>| -> usize {
        match out.iter().position(|s| s.lane == lane) {
            Some(i) => i,
            None => {
                out.push(LaneStats { lane, tasks: 0, busy_ms: 0.0, utilization: 0.0, failed: 0 });
                out.len() - 1
            }
        }
    };
    let mut seen: Vec<(TaskId, Lane)> = Vec::new();
    for e in &log.events {
        let i = entry(e.lane, &mut out);
        match e.kind {
            EventKind::StepStarted { .. } if !seen.contains(&(e.task, e.lane)) => {
                seen.push((e.task, e.lane));
                out[i].tasks += 1;
            }
            EventKind::Failed { .. } => out[i].failed += 1,
            _ => {}
        }
    }
    for s in segments(log, now_ms).iter().filter(|s| s.kind == SegmentKind::Running) {
        let i = entry(s.lane, &mut out);
        out[i].busy_ms += s.len_ms();
    }
    for s in &mut out {
        s.utilization = if wall > 0.0 { s.busy_ms / wall } else { 0.0 };
    }
    crate::sort::sort_by_key(&mut out, |s| s.lane);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards "a task goes to the next free worker": the front of the queue, to the worker
    /// that asks, lowest number first when several are free.
    #[test]
    fn tasks_go_to_the_next_free_worker_in_queue_order() {
        let mut d = Dispatcher::new(5, 2);
        assert_eq!(d.assign_free(), vec![(TaskId(0), 0), (TaskId(1), 1)]);
        assert_eq!(d.take(0), None, "a busy worker takes nothing");
        assert_eq!(d.finish(1), Some(TaskId(1)));
        assert_eq!(d.take(1), Some(TaskId(2)));
        assert_eq!(d.finish(0), Some(TaskId(0)));
        assert_eq!(d.assign_free(), vec![(TaskId(3), 0)]);
        assert_eq!(d.running_on(1), Some(TaskId(2)));
        assert_eq!(d.queued(), 1);
        assert_eq!(d.drain_queue(), vec![TaskId(4)]);
        d.finish(0);
        d.finish(1);
        assert!(d.is_idle());
        assert_eq!(d.assignments(), &[(TaskId(0), 0), (TaskId(1), 1), (TaskId(2), 1), (TaskId(3), 0)]);
        assert_eq!(d.take(7), None, "no such worker");
    }

    #[test]
    fn zero_workers_means_one() {
        let mut d = Dispatcher::new(1, 0);
        assert_eq!(d.assign_free(), vec![(TaskId(0), 0)]);
    }

    #[test]
    fn simulation_follows_the_same_queue_rule() {
        let (slots, makespan) = simulate(&[200.0; 8], 2);
        assert_eq!(makespan, 800.0);
        assert_eq!(slots.iter().filter(|s| s.worker == 0).count(), 4);
        assert_eq!(slots[2], Slot { task: TaskId(2), worker: 0, start_ms: 200.0, end_ms: 400.0 });
        // Uneven tasks: the short one frees worker 1 first, so it takes task 2.
        let (slots, makespan) = simulate(&[100.0, 10.0, 50.0], 2);
        assert_eq!(slots[2].worker, 1);
        assert_eq!(makespan, 100.0);
        assert_eq!(simulate(&[200.0; 8], 3).1, 600.0, "8 tasks on 3 workers need 3 rounds");
        assert_eq!(simulate(&[], 4).1, 0.0);
    }

    /// Guards the lane view: busy time and task counts per worker, deterministic from a log.
    #[test]
    fn lane_stats_count_tasks_and_busy_time_per_lane() {
        let (w0, w1) = (Lane::Worker(0), Lane::Worker(1));
        let mut l = EventLog::new(vec!["a".into(), "b".into(), "c".into()], vec![1, 1, 1]);
        let start = EventKind::StepStarted { step: 0, of: 1, work: true };
        l.push(0.0, TaskId(0), w0, EventKind::Spawned);
        l.push(0.0, TaskId(1), w1, EventKind::Spawned);
        l.push(0.0, TaskId(0), w0, start.clone());
        l.push(0.0, TaskId(1), w1, start.clone());
        l.push(100.0, TaskId(0), w0, EventKind::Finished);
        l.push(100.0, TaskId(2), w0, EventKind::Spawned);
        l.push(100.0, TaskId(2), w0, start);
        l.push(50.0, TaskId(1), w1, EventKind::Failed { reason: "worker 2 panicked".into() });
        l.push(200.0, TaskId(2), w0, EventKind::Finished);
        let s = lane_stats(&l, 200.0);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].lane, s[0].tasks, s[0].busy_ms, s[0].failed), (w0, 2, 200.0, 0));
        assert_eq!((s[1].lane, s[1].tasks, s[1].busy_ms, s[1].failed), (w1, 1, 50.0, 1));
        assert_eq!(s[0].utilization, 1.0);
        assert_eq!(s[1].utilization, 0.25);
    }
}
