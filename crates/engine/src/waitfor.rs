//! The wait-for graph of a run, built from its log one event at a time (a live run's or a
//! predicted one's), and the deadlock detector on top of it.
//!
//! Nodes are tasks and resources. A blocked task has a "waits for" edge to the resource it waits
//! on (or to the task it joins); a lock or semaphore has a "held by" edge to each holder.
//! [`Graph::explain`] says in one sentence why a task is stuck, following those edges:
//! "T3 waits for lock L1, held by T2, which waits for lock L2, held by T3".
//!
//! [`Detector`] checks incrementally, per event, for a set of blocked tasks none of which any
//! task outside the set can ever wake: a cycle of holders, or waits on resources no live task
//! will release, set, fill or reach ("no possible waker"). Who could wake whom is read from the
//! scenario: a lock's holders; for an event, barrier, condition or queue, the tasks whose
//! remaining steps set, reach, notify, put into or get from it (or shut it down); a task's
//! canceller; a task not started yet counts through the task that will spawn it. A blocked task
//! inside a timeout block still has a timer pending, so it is never stuck. A stuck set is reported
//! only if the run cannot end anyway: it holds a top-level task, and the run's end (every
//! top-level task done, or a failure that ends a gather or task group) has not come.
//!
//! [`Scrubber`] gives the graph at any event index from checkpoints, for step and rewind.

use crate::event::{Event, EventKind, EventLog, TaskId};
use crate::model::block_ends;
use crate::scenario::{Scenario, Step};
use crate::sync::{Op, ResourceKind, Structure};
use std::collections::VecDeque;

/// Where a task is, as the log tells it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TaskState {
    /// Not spawned yet.
    NotStarted,
    /// Spawned, woken or cancelled: waiting in the ready queue for its turn.
    Ready,
    /// Holding the thread.
    Running,
    /// Awaiting a timer due at this virtual or real time.
    Sleeping { until_ms: f64 },
    /// Waiting on a resource for this operation.
    Blocked { res: u32, op: Op },
    /// Waiting for another task's end.
    Joining { other: TaskId },
    /// Finished, failed or cancelled.
    Ended { failed: bool },
}

#[derive(Clone, Debug)]
struct TaskNode {
    state: TaskState,
    step: Option<u32>,
    /// Named by a signal while blocked: it will resume.
    woken: bool,
    /// Open timeout blocks (their steps).
    timeouts: Vec<u32>,
}

/// A resource's holders and waiters at one instant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceNode {
    /// Tasks holding it (a lock's owner, a semaphore's permits), in the order they took it.
    pub holders: Vec<TaskId>,
    /// Tasks waiting on it, in the order they came.
    pub waiters: Vec<TaskId>,
}

/// What the scenario says about who can wake whom.
#[derive(Clone, Debug, Default)]
struct Static {
    names: Vec<String>,
    labels: Vec<String>,
    kinds: Vec<ResourceKind>,
    steps: Vec<Vec<Step>>,
    ends: Vec<Vec<usize>>,
    top: Vec<bool>,
    structure: Structure,
    /// Per resource, the (task, step) of every step naming it.
    by_res: Vec<Vec<(usize, u32)>>,
    /// Per task, the (task, step) of every spawn and cancel naming it.
    by_task: Vec<Vec<(usize, u32)>>,
}

/// The wait-for graph after a prefix of a log.
#[derive(Clone, Debug)]
pub struct Graph {
    st: std::rc::Rc<Static>,
    tasks: Vec<TaskNode>,
    res: Vec<ResourceNode>,
    ready: VecDeque<TaskId>,
    /// Events applied so far, and the time of the last.
    pub applied: usize,
    /// The time of the last event applied.
    pub t_ms: f64,
    live: usize,
    candidates: usize,
    /// Per task, the tasks joining it.
    joiners: Vec<Vec<usize>>,
    /// Per task, whether it is in `ready`.
    in_ready: Vec<bool>,
}

impl Graph {
    /// The empty graph of a run of `s` (before its first event).
    pub fn new(s: &Scenario) -> Self {
        let children = s.children();
        let st = Static {
            names: s.tasks.iter().map(|t| t.name.clone()).collect(),
            labels: s.resources.iter().map(|r| format!("{} {}", r.kind.noun(), r.name)).collect(),
            kinds: s.resources.iter().map(|r| r.kind).collect(),
            steps: s.tasks.iter().map(|t| t.steps.clone()).collect(),
            ends: s.tasks.iter().map(|t| block_ends(&t.steps)).collect(),
            top: children.iter().map(|c| !c).collect(),
            structure: s.structure,
            by_res: vec![Vec::new(); s.resources.len()],
            by_task: vec![Vec::new(); s.tasks.len()],
        };
        let mut st = st;
        for (i, t) in s.tasks.iter().enumerate() {
            for (k, step) in t.steps.iter().enumerate() {
                if let Some(r) = step.resource().and_then(|r| st.by_res.get_mut(r as usize)) {
                    r.push((i, k as u32));
                }
                if matches!(step, Step::Spawn { .. } | Step::Cancel { .. }) {
                    if let Some(v) = step.other_task().and_then(|t| st.by_task.get_mut(t as usize)) {
                        v.push((i, k as u32));
                    }
                }
            }
        }
        Graph {
            tasks: vec![
                TaskNode {
                    state: TaskState::NotStarted,
                    step: None,
                    woken: false,
                    timeouts: Vec::new()
                };
                s.tasks.len()
            ],
            res: vec![ResourceNode::default(); s.resources.len()],
            st: std::rc::Rc::new(st),
            ready: VecDeque::new(),
            applied: 0,
            t_ms: 0.0,
            live: 0,
            candidates: 0,
            joiners: vec![Vec::new(); s.tasks.len()],
            in_ready: vec![false; s.tasks.len()],
        }
    }

    /// A task's state.
    pub fn state(&self, t: TaskId) -> TaskState {
        self.tasks.get(t.0 as usize).map_or(TaskState::NotStarted, |n| n.state)
    }

    /// A resource's holders and waiters.
    pub fn resource(&self, res: u32) -> Option<&ResourceNode> {
        self.res.get(res as usize)
    }

    /// The ready queue as the log shows it: tasks spawned, woken or cancelled that have not run
    /// since, in the order that happened.
    pub fn ready(&self) -> Vec<TaskId> {
        self.ready.iter().copied().collect()
    }

    /// Pending timers: each sleeping task with its deadline, earliest first.
    pub fn timers(&self) -> Vec<(TaskId, f64)> {
        let mut out: Vec<(TaskId, f64)> = self
            .tasks
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match n.state {
                TaskState::Sleeping { until_ms } => Some((TaskId(i as u32), until_ms)),
                _ => None,
            })
            .collect();
        out.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Every "waits for" edge: (task, the resource it waits on, or the task it joins).
    pub fn waits(&self) -> Vec<(TaskId, Wants)> {
        self.tasks
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let t = TaskId(i as u32);
                match n.state {
                    TaskState::Blocked { res, op } => Some((t, Wants::Resource { res, op })),
                    TaskState::Joining { other } => Some((t, Wants::Task(other))),
                    _ => None,
                }
            })
            .collect()
    }

    fn name(&self, t: TaskId) -> &str {
        self.st.names.get(t.0 as usize).map_or("?", |s| s.as_str())
    }

    fn is_candidate(&self, i: usize) -> bool {
        let n = &self.tasks[i];
        matches!(n.state, TaskState::Blocked { .. } | TaskState::Joining { .. })
            && !n.woken
            && n.timeouts.is_empty()
    }

    fn is_live(&self, i: usize) -> bool {
        !matches!(self.tasks[i].state, TaskState::NotStarted | TaskState::Ended { .. })
    }

    fn set_ready(&mut self, t: TaskId) {
        if let Some(flag) = self.in_ready.get_mut(t.0 as usize) {
            if !*flag {
                *flag = true;
                self.ready.push_back(t);
            }
        }
    }

    /// Applies the next event of the log.
    pub fn apply(&mut self, e: &Event) {
        let i = e.task.0 as usize;
        if i >= self.tasks.len() {
            return;
        }
        let mut touched: Vec<usize> = vec![i];
        touched.extend(e.kind.other_tasks().iter().map(|t| t.0 as usize).filter(|t| *t < self.tasks.len()));
        for &t in &touched {
            self.live -= usize::from(self.is_live(t));
            self.candidates -= usize::from(self.is_candidate(t));
        }
        self.apply_inner(i, e);
        if let TaskState::Ended { .. } = self.tasks[i].state {
            touched.extend(std::mem::take(&mut self.joiners[i]));
        }
        touched.sort_unstable();
        touched.dedup();
        for &t in &touched {
            self.live += usize::from(self.is_live(t));
            self.candidates += usize::from(self.is_candidate(t));
        }
        self.applied += 1;
        self.t_ms = e.t_ms;
    }

    fn apply_inner(&mut self, i: usize, e: &Event) {
        let me = e.task;
        if self.in_ready[i] && !matches!(e.kind, EventKind::Spawned) {
            self.in_ready[i] = false;
            if self.ready.front() == Some(&me) {
                self.ready.pop_front();
            } else {
                self.ready.retain(|t| *t != me);
            }
        }
        let running = TaskState::Running;
        match &e.kind {
            EventKind::Spawned => {
                self.tasks[i].state = TaskState::Ready;
                self.set_ready(me);
            }
            EventKind::StepStarted { step, .. } => {
                let n = &mut self.tasks[i];
                n.state = running;
                n.step = Some(*step);
                // Timeout blocks the task has left (their body done) close.
                let ends = &self.st.ends[i];
                n.timeouts.retain(|b| ends.get(*b as usize).is_some_and(|end| (*step as usize) < *end));
                if matches!(self.st.steps[i].get(*step as usize), Some(Step::Timeout { .. })) {
                    n.timeouts.push(*step);
                }
            }
            EventKind::Awaiting { until_ms, .. } => {
                self.tasks[i].state = TaskState::Sleeping { until_ms: *until_ms }
            }
            EventKind::Resumed { .. } => self.tasks[i].state = running,
            EventKind::Finished | EventKind::Cancelled { .. } | EventKind::Failed { .. } => {
                let failed = matches!(e.kind, EventKind::Failed { .. });
                self.leave_waits(i);
                let n = &mut self.tasks[i];
                n.state = TaskState::Ended { failed };
                n.woken = false;
                n.timeouts.clear();
            }
            EventKind::Requested { .. } => self.tasks[i].state = running,
            EventKind::Blocked { res, op, .. } => {
                self.tasks[i].state = TaskState::Blocked { res: *res, op: *op };
                self.tasks[i].woken = false;
                if let Some(r) = self.res.get_mut(*res as usize) {
                    r.waiters.push(me);
                }
            }
            EventKind::Granted { res, op, .. } => {
                self.leave_waits(i);
                self.tasks[i].state = running;
                if *op == Op::Acquire {
                    if let Some(r) = self.res.get_mut(*res as usize) {
                        r.holders.push(me);
                    }
                }
            }
            EventKind::Signalled { res, op, woke } => {
                if *op == Op::Release {
                    if let Some(r) = self.res.get_mut(*res as usize) {
                        r.holders.retain(|t| *t != me);
                    }
                }
                for w in woke {
                    if let Some(n) = self.tasks.get_mut(w.0 as usize) {
                        n.woken = true;
                    }
                    self.set_ready(*w);
                }
            }
            EventKind::Raised { .. } => {
                self.leave_waits(i);
                self.tasks[i].state = running;
            }
            EventKind::SpawnedChild { .. } | EventKind::CancelSent { .. } => {
                if let EventKind::CancelSent { target } = e.kind {
                    if let Some(n) = self.tasks.get_mut(target.0 as usize) {
                        if !matches!(n.state, TaskState::Ended { .. } | TaskState::NotStarted) {
                            n.woken = true;
                            self.set_ready(target);
                        }
                    }
                }
                self.tasks[i].state = running;
            }
            EventKind::Joining { other, .. } => {
                self.tasks[i].state = TaskState::Joining { other: *other };
                if let Some(v) = self.joiners.get_mut(other.0 as usize) {
                    v.push(i);
                }
            }
            EventKind::Joined { .. } => self.tasks[i].state = running,
            EventKind::Cancelling { .. } => {
                self.leave_waits(i);
                self.tasks[i].state = running;
            }
            EventKind::TimedOut { block, .. } => {
                self.leave_waits(i);
                let n = &mut self.tasks[i];
                n.state = running;
                if let Some(p) = n.timeouts.iter().position(|b| b == block) {
                    n.timeouts.truncate(p);
                }
            }
        }
        // A task that ends wakes its joiners (the log names them only when they return).
        if let TaskState::Ended { .. } = self.tasks[i].state {
            for k in 0..self.joiners[i].len() {
                let j = self.joiners[i][k];
                if self.tasks[j].state == (TaskState::Joining { other: me }) && !self.tasks[j].woken {
                    self.live -= usize::from(self.is_live(j));
                    self.candidates -= usize::from(self.is_candidate(j));
                    self.tasks[j].woken = true;
                    self.set_ready(TaskId(j as u32));
                }
            }
        }
    }

    fn leave_waits(&mut self, i: usize) {
        if let TaskState::Blocked { res, .. } = self.tasks[i].state {
            if let Some(r) = self.res.get_mut(res as usize) {
                r.waiters.retain(|t| t.0 as usize != i);
            }
        }
        self.tasks[i].woken = false;
    }

    /// Whether task `j` has step `k` still to run.
    fn will_run(&self, j: usize, k: u32) -> bool {
        match (self.tasks[j].state, self.tasks[j].step) {
            (TaskState::Ended { .. }, _) => false,
            (TaskState::NotStarted, _) | (_, None) => true,
            (_, Some(at)) => k > at,
        }
    }

    /// The tasks that could end task `i`'s wait (live or not started; ended ones never can).
    fn wakers(&self, i: usize) -> Vec<usize> {
        let me = i as u32;
        let mut out = Vec::new();
        let steps = |j: usize, k: u32| &self.st.steps[j][k as usize];
        match self.tasks[i].state {
            TaskState::Blocked { res, op } => {
                let kind = self.st.kinds.get(res as usize).copied();
                if op == Op::Acquire {
                    if let Some(r) = self.res.get(res as usize) {
                        out.extend(r.holders.iter().map(|t| t.0 as usize));
                    }
                } else {
                    let wakes = |s: &Step| {
                        matches!(
                            (s, kind, op),
                            (Step::Set { .. }, Some(ResourceKind::Event), _)
                                | (Step::WaitOn { .. }, Some(ResourceKind::Barrier { .. }), _)
                                | (Step::Notify { .. }, Some(ResourceKind::Condition { .. }), _)
                                | (Step::Put { .. } | Step::Shutdown { .. }, _, Op::Get)
                                | (Step::Get { .. } | Step::Shutdown { .. }, _, Op::Put)
                        )
                    };
                    if let Some(users) = self.st.by_res.get(res as usize) {
                        out.extend(
                            users
                                .iter()
                                .filter(|&&(j, k)| j != i && self.will_run(j, k) && wakes(steps(j, k)))
                                .map(|&(j, _)| j),
                        );
                    }
                }
            }
            TaskState::Joining { other } => out.push(other.0 as usize),
            TaskState::NotStarted => out.extend(
                self.st.by_task[i]
                    .iter()
                    .filter(|&&(j, k)| self.will_run(j, k) && *steps(j, k) == Step::Spawn { task: me })
                    .map(|&(j, _)| j),
            ),
            _ => {}
        }
        out.extend(
            self.st.by_task[i]
                .iter()
                .filter(|&&(j, k)| j != i && self.will_run(j, k) && *steps(j, k) == Step::Cancel { task: me })
                .map(|&(j, _)| j),
        );
        out.retain(|j| !matches!(self.tasks[*j].state, TaskState::Ended { .. }));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the run's end will come anyway (and cancel whatever waits).
    fn run_ends(&self) -> bool {
        let tops = (0..self.tasks.len()).filter(|i| self.st.top[*i]);
        let mut all_ended = true;
        let mut failed = false;
        for i in tops {
            match self.tasks[i].state {
                TaskState::Ended { failed: f } => failed |= f,
                _ => all_ended = false,
            }
        }
        all_ended
            || (failed
                && !matches!(
                    self.st.structure,
                    Structure::All | Structure::Gather { return_exceptions: true }
                ))
    }

    /// The stuck set reached from task `from`: every task that could wake one of them is in it
    /// too, and all are blocked for good. `None` if some task in reach can still move.
    fn stuck_from(&self, from: usize) -> Option<Vec<usize>> {
        let mut seen = vec![from];
        let mut k = 0;
        while k < seen.len() {
            let u = seen[k];
            k += 1;
            let ok = self.is_candidate(u) || self.tasks[u].state == TaskState::NotStarted;
            if !ok {
                return None;
            }
            if self.meets_partner(u) {
                return None;
            }
            let mut next = self.wakers(u);
            // Fellow waiters at an event, barrier, condition or queue share its fate.
            if let TaskState::Blocked { res, op } = self.tasks[u].state {
                if op != Op::Acquire {
                    next.extend(self.res[res as usize].waiters.iter().map(|t| t.0 as usize));
                }
            }
            for w in next {
                if !seen.contains(&w) {
                    seen.push(w);
                }
            }
        }
        let mut stuck: Vec<usize> = seen.into_iter().filter(|u| self.is_candidate(*u)).collect();
        stuck.sort_unstable();
        Some(stuck)
    }

    /// Whether task `u` waits to put into a queue a task waits to get from, or the other way
    /// round: the two meet (a rendezvous queue wakes its getter without naming it).
    fn meets_partner(&self, u: usize) -> bool {
        let TaskState::Blocked { res, op: op @ (Op::Put | Op::Get) } = self.tasks[u].state else {
            return false;
        };
        let other = if op == Op::Put { Op::Get } else { Op::Put };
        self.res[res as usize]
            .waiters
            .iter()
            .any(|w| self.tasks[w.0 as usize].state == (TaskState::Blocked { res, op: other }))
    }

    /// One sentence on why task `t` waits, following holders and joins until the chain closes
    /// on itself or reaches a task that can move. `None` if `t` is not waiting.
    pub fn explain(&self, t: TaskId) -> Option<String> {
        let mut i = t.0 as usize;
        if !matches!(self.tasks.get(i)?.state, TaskState::Blocked { .. } | TaskState::Joining { .. }) {
            return None;
        }
        let mut seen = vec![i];
        let mut out = self.name(t).to_string();
        loop {
            let (phrase, next) = self.phrase(i);
            out.push(' ');
            out.push_str(&phrase);
            let Some(n) = next else { break };
            if seen.contains(&n) {
                break;
            }
            seen.push(n);
            match self.tasks[n].state {
                TaskState::Blocked { .. } | TaskState::Joining { .. } => {
                    out.push_str(", which");
                    i = n;
                }
                TaskState::Ended { failed: true } => {
                    out.push_str(", which failed without releasing it");
                    break;
                }
                TaskState::Ended { failed: false } => {
                    out.push_str(", which has ended without releasing it");
                    break;
                }
                TaskState::Sleeping { until_ms } => {
                    out.push_str(&format!(", which sleeps until {until_ms:.0} ms"));
                    break;
                }
                _ => {
                    out.push_str(", which is running");
                    break;
                }
            }
        }
        Some(out)
    }

    /// What task `i` waits for, and the task the chain goes on with.
    fn phrase(&self, i: usize) -> (String, Option<usize>) {
        let names =
            |v: &[usize]| v.iter().map(|j| self.name(TaskId(*j as u32)).to_string()).collect::<Vec<_>>();
        match self.tasks[i].state {
            TaskState::Joining { other } => {
                (format!("waits for {} to end", self.name(other)), Some(other.0 as usize))
            }
            TaskState::Blocked { res, op } => {
                let label =
                    self.st.labels.get(res as usize).cloned().unwrap_or_else(|| format!("#{}", res + 1));
                if op == Op::Acquire {
                    let holders: Vec<usize> = self
                        .res
                        .get(res as usize)
                        .map_or(Vec::new(), |r| r.holders.iter().map(|t| t.0 as usize).collect());
                    if holders.is_empty() {
                        return (format!("waits for {label}, which is being handed over"), None);
                    }
                    // Go on with a holder that is itself stuck, if any, else the first.
                    let next = holders.iter().copied().find(|h| self.is_candidate(*h)).unwrap_or(holders[0]);
                    return (
                        format!("waits for {label}, held by {}", names(&holders).join(" and ")),
                        Some(next),
                    );
                }
                let (what, verb) = match (op, self.st.kinds.get(res as usize)) {
                    (Op::Get, _) => (format!("waits for an item in {label}"), "put into it"),
                    (Op::Put, _) => (format!("waits for room in {label}"), "get from it"),
                    (_, Some(ResourceKind::Barrier { parties })) => {
                        let here = self.res[res as usize].waiters.len();
                        (format!("waits at {label} ({here} of {parties} arrived)"), "reach it")
                    }
                    (_, Some(ResourceKind::Condition { .. })) => (format!("waits on {label}"), "notify it"),
                    _ => (format!("waits on {label}"), "set it"),
                };
                let wakers: Vec<usize> =
                    self.wakers(i).into_iter().filter(|w| !self.is_candidate(*w)).collect();
                if wakers.is_empty() {
                    (format!("{what}, and no task that can still run will {verb}"), None)
                } else {
                    (format!("{what}, which {} may {verb}", names(&wakers).join(" or ")), None)
                }
            }
            _ => (String::new(), None),
        }
    }
}

/// Everything the page draws at one step: each task's state, the ready queue, the pending
/// timers and each resource's holders and waiters.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Events applied.
    pub applied: usize,
    /// The time of the last of them.
    pub t_ms: f64,
    /// Each task's state, by index.
    pub tasks: Vec<TaskState>,
    /// See [`Graph::ready`].
    pub ready: Vec<TaskId>,
    /// See [`Graph::timers`].
    pub timers: Vec<(TaskId, f64)>,
    /// Each resource's holders and waiters, by index.
    pub resources: Vec<ResourceNode>,
}

impl Graph {
    /// The graph's state as the page draws it.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            applied: self.applied,
            t_ms: self.t_ms,
            tasks: self.tasks.iter().map(|n| n.state).collect(),
            ready: self.ready(),
            timers: self.timers(),
            resources: self.res.clone(),
        }
    }
}

/// What a share link's fragment carries after the link itself to point at a step: the link's
/// text is percent-encoded, so it never holds a `&` of its own.
pub const STEP_SUFFIX: &str = "&step=";

/// A share link's fragment pointing at step `n` of its run (the events before it applied).
pub fn link_with_step(fragment: &str, n: usize) -> String {
    format!("{}{STEP_SUFFIX}{n}", split_step(fragment).0)
}

/// A fragment split into the share link itself (for [`crate::permalink::decode_link`]) and the
/// step it points at: `None` if it names none, `Err` with the reason if the step is not a number.
pub fn split_step(fragment: &str) -> (&str, Result<Option<usize>, String>) {
    match fragment.rsplit_once(STEP_SUFFIX) {
        None => (fragment, Ok(None)),
        Some((link, n)) => {
            let step = n.parse::<usize>().map(Some).map_err(|_| format!("step {n:?} is not a whole number"));
            (link, step)
        }
    }
}

/// What a blocked task waits for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Wants {
    /// A resource, for this operation.
    Resource { res: u32, op: Op },
    /// Another task's end.
    Task(TaskId),
}

/// A deadlock found in a log.
#[derive(Clone, Debug, PartialEq)]
pub struct Deadlock {
    /// The index of the event after which it was found.
    pub at: usize,
    /// Every task stuck for good, by index.
    pub tasks: Vec<TaskId>,
    /// The cycle of tasks, each waiting for a lock the next holds (or joining it), if the
    /// deadlock is one; empty for "no possible waker".
    pub cycle: Vec<TaskId>,
    /// The sentence for the task whose wait completed it.
    pub explanation: String,
}

/// Finds a deadlock as a log grows, one event at a time.
#[derive(Clone, Debug)]
pub struct Detector {
    /// The wait-for graph so far.
    pub graph: Graph,
    found: Option<Deadlock>,
}

impl Detector {
    /// A detector for a run of `s`.
    pub fn new(s: &Scenario) -> Self {
        Detector { graph: Graph::new(s), found: None }
    }

    /// The deadlock found so far, if any.
    pub fn found(&self) -> Option<&Deadlock> {
        self.found.as_ref()
    }

    /// Takes the next event; returns the deadlock once one is found (and on every later call).
    pub fn push(&mut self, e: &Event) -> Option<&Deadlock> {
        self.graph.apply(e);
        if self.found.is_some() {
            return self.found.as_ref();
        }
        let g = &self.graph;
        let i = e.task.0 as usize;
        let just_blocked = matches!(e.kind, EventKind::Blocked { .. } | EventKind::Joining { .. });
        let mut stuck = None;
        let mut from = i;
        if just_blocked && i < g.tasks.len() {
            stuck = g.stuck_from(i);
        }
        if stuck.is_none() && g.live > 0 && g.live == g.candidates {
            // Nothing left that can move: every blocked task is checked.
            for j in 0..g.tasks.len() {
                if g.is_candidate(j) {
                    if let Some(s) = g.stuck_from(j) {
                        stuck = Some(s);
                        from = j;
                        break;
                    }
                }
            }
        }
        let stuck = stuck?;
        if stuck.is_empty() || g.run_ends() || !stuck.iter().any(|u| g.st.top[*u]) {
            return None;
        }
        let explanation = g.explain(TaskId(from as u32)).unwrap_or_default();
        self.found = Some(Deadlock {
            at: g.applied - 1,
            tasks: stuck.iter().map(|u| TaskId(*u as u32)).collect(),
            cycle: g.cycle_from(from),
            explanation,
        });
        self.found.as_ref()
    }
}

impl Graph {
    /// The cycle through task `from` along "holds the lock it waits for" and "joins" edges.
    fn cycle_from(&self, from: usize) -> Vec<TaskId> {
        let mut path = vec![from];
        let mut u = from;
        loop {
            let next = match self.tasks[u].state {
                TaskState::Joining { other } => Some(other.0 as usize),
                TaskState::Blocked { res, op: Op::Acquire } => self.res.get(res as usize).and_then(|r| {
                    let hs: Vec<usize> = r.holders.iter().map(|t| t.0 as usize).collect();
                    hs.iter().copied().find(|h| self.is_candidate(*h))
                }),
                _ => None,
            };
            let Some(n) = next else { return Vec::new() };
            if let Some(p) = path.iter().position(|x| *x == n) {
                return path[p..].iter().map(|x| TaskId(*x as u32)).collect();
            }
            path.push(n);
            u = n;
        }
    }
}

/// Runs the detector over a whole log.
pub fn detect(s: &Scenario, log: &EventLog) -> Option<Deadlock> {
    let mut d = Detector::new(s);
    for e in &log.events {
        if d.push(e).is_some() {
            break;
        }
    }
    d.found
}

/// The graph at any event index of a log, for stepping forwards and backwards: a copy every
/// `every` events, and the events after the nearest copy replayed.
#[derive(Clone, Debug)]
pub struct Scrubber {
    checkpoints: Vec<Graph>,
    every: usize,
    events: Vec<Event>,
}

impl Scrubber {
    /// Checkpoints `log` of a run of `s` every `every` events (at least 1).
    pub fn new(s: &Scenario, log: &EventLog, every: usize) -> Self {
        let every = every.max(1);
        let mut g = Graph::new(s);
        let mut checkpoints = vec![g.clone()];
        for (k, e) in log.events.iter().enumerate() {
            g.apply(e);
            if (k + 1) % every == 0 {
                checkpoints.push(g.clone());
            }
        }
        Scrubber { checkpoints, every, events: log.events.clone() }
    }

    /// How many events the log has (the last index [`Scrubber::at`] takes).
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The graph after the first `n` events (clamped to the log).
    pub fn at(&self, n: usize) -> Graph {
        let n = n.min(self.events.len());
        let c = n / self.every;
        let mut g = self.checkpoints[c].clone();
        for e in &self.events[c * self.every..n] {
            g.apply(e);
        }
        g
    }
}

#[cfg(test)]
mod tests;
