//! A deterministic model of how the page's event-loop runner schedules a scenario, on a virtual
//! clock: [`predict`] returns the whole [`EventLog`] a run records, with virtual times, without
//! running anything.
//!
//! What is modelled, and the assumption behind each rule (the runner is `src/web/sync.rs`, whose
//! resources are `tokio::sync` primitives, `sync` feature only, driven by `wasm-bindgen-futures`):
//! - **Ready queue.** One first-in first-out queue of woken futures, as `wasm-bindgen-futures`'
//!   single-threaded executor runs them: a wake appends the task unless it is queued already,
//!   and every queued task runs before the next timer fires (timers are macrotasks, the executor
//!   runs in microtasks). The run's orchestrator (which starts the top-level tasks, waits as the
//!   structure says, then cancels what is left) is a future on the same queue.
//! - **Timers.** A wait of `ms` is a `setTimeout` of `round(ms)` (at least 1) ms, due at the
//!   virtual time it was set plus that; timers fire in order of deadline, then of creation, one
//!   per macrotask (the ready queue is drained after each). A wait of 0 is one trip through the
//!   ready queue. A timer is set when its future is first polled, so a timeout block's timer is
//!   set when its body first suspends, after the timers the body set.
//! - **CPU work** advances the virtual clock by its milliseconds; timers due meanwhile fire late
//!   (at the end of the work), in deadline order.
//! - **Wake order.** tokio's `Mutex` and `Semaphore` hand a released permit straight to the
//!   longest waiter (first in, first out; a `try_lock` never overtakes it); `Notify::notify_one`
//!   wakes the oldest waiter and `notify_waiters` every waiter oldest first; a bounded `mpsc`
//!   channel's sender waits in the same fair semaphore and is handed the slot a receive frees.
//!   A `Barrier` wakes its waiters through a `watch` channel whose 8 waiter lists are filled round
//!   robin (no randomness without tokio's `rt` feature) and notified list by list: the model
//!   reproduces that order (first in, first out for up to 8 waiters).
//! - **Cancellation** is Rust's: an aborted task is dropped at its next poll (or at once if it
//!   cancels itself and then suspends); its wait is abandoned (a permit already handed to it
//!   passes to the next waiter), its `with` locks are released innermost first, and a lock taken
//!   by a bare acquire stays held forever. A task cancelled before its first poll only logs
//!   `Cancelling` and `Cancelled`.
//! - **Structure.** `All` and `gather(return_exceptions=True)` wait for every top-level task;
//!   `gather` also stops at the first failure; a task group cancels its top-level tasks on the
//!   first failure; then the run's end cancels every task still going (`RunEnd`).
//!
//! Differences a real run may show, which a comparison must allow and report:
//! - **Times.** Real times are later than virtual ones: timers overshoot their deadline (by about
//!   1–4 ms in browsers, more under load), and recording and polling take time. Virtual times are
//!   lower bounds; a comparison checks order, not equality of times.
//! - **Equal or close deadlines.** Two timers whose deadlines are equal (or closer than the
//!   overshoot) may fire in either order in a browser when they were set at different moments
//!   (HTML orders timers only when the earlier-set one is not longer); the model fires the
//!   earlier-created first. Every event between such timers' wake-ups may then swap places.
//! - **Turns.** The model has no notion of a macrotask boundary between the executor's
//!   microtasks and other page work (rendering, the recorder's own timers); they add time, never
//!   reorder the log.
//!
//! Not modelled: the parallel mode (workers), the reader stopping a run, and a notification
//! forwarded by a condition waiter dropped after `notify_one` woke it (tokio passes it on; the
//! model drops it).

use crate::event::{EventKind, EventLog, Lane, TaskId};
use crate::scenario::{Scenario, Step};
use crate::sync::{Cause, Op, ResourceKind, Structure};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// The error a put into (or a get from) a shut-down queue raises, as the runner words it.
pub const SHUT_DOWN: &str = "QueueShutDown: the queue was shut down";

/// What the model predicts for a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// Every event, in order, stamped with virtual milliseconds.
    pub log: EventLog,
    /// True if the run can never end: no task is ready and no timer is pending, yet the run
    /// still waits for a task (a deadlock, or a wait nobody will end). The log stops there.
    pub stalled: bool,
}

impl Prediction {
    /// The virtual time of the last event.
    pub fn end_ms(&self) -> f64 {
        self.log.events.last().map_or(0.0, |e| e.t_ms)
    }
}

/// Predicts the event log of a concurrent event-loop run of `scenario`.
pub fn predict(scenario: &Scenario) -> Prediction {
    predict_mode(scenario, false)
}

/// Predicts the event log of an event-loop run of `scenario`: concurrent (every top-level task
/// started at once), or `sequential` (each top-level task started once the one before it has
/// ended; the structure then plays no part, as in the runner).
pub fn predict_mode(scenario: &Scenario, sequential: bool) -> Prediction {
    let mut m = Model::new(scenario);
    m.sequential = sequential;
    let stalled = m.run();
    Prediction { log: m.log, stalled }
}

/// For each step of `steps`, the index of the `End` closing the block it opens (or `usize::MAX`).
pub fn block_ends(steps: &[Step]) -> Vec<usize> {
    let mut out = vec![usize::MAX; steps.len()];
    let mut open = Vec::new();
    for (k, s) in steps.iter().enumerate() {
        match s {
            Step::With { .. } | Step::Timeout { .. } => open.push(k),
            Step::End => {
                if let Some(o) = open.pop() {
                    out[o] = k;
                }
            }
            _ => {}
        }
    }
    out
}

/// A wait queue as the runner's wrapper keeps it: tasks in arrival order, each marked once a
/// signal has named it (so two releases in one turn name two different tasks).
#[derive(Clone, Debug, Default)]
struct Named(VecDeque<(usize, bool)>);

impl Named {
    fn push(&mut self, t: usize) {
        self.0.push_back((t, false));
    }
    fn remove(&mut self, t: usize) {
        if self.0.front().is_some_and(|(x, _)| *x == t) {
            self.0.pop_front();
        } else {
            self.0.retain(|(x, _)| *x != t);
        }
    }
    fn wake(&mut self, n: usize) -> Vec<TaskId> {
        let mut out = Vec::new();
        for (t, woken) in self.0.iter_mut() {
            if out.len() == n {
                break;
            }
            if !*woken {
                *woken = true;
                out.push(TaskId(*t as u32));
            }
        }
        out
    }
}

fn remove_from(q: &mut VecDeque<usize>, t: usize) {
    if q.front() == Some(&t) {
        q.pop_front();
    } else {
        q.retain(|x| *x != t);
    }
}

/// One resource's state: what the wrapper records and what the tokio primitive holds.
#[derive(Clone, Debug, Default)]
struct Res {
    holders: Vec<TaskId>,
    waiters: Named,
    /// Lock or semaphore permits free, and the tasks waiting in its fair queue.
    permits: u32,
    sem_q: VecDeque<usize>,
    /// Event flag; registered `Notify` waiters (event or condition), oldest first.
    set: bool,
    notify_q: VecDeque<usize>,
    /// Barrier: arrivals in this generation; waiters with their `watch` list slot; notified() calls.
    arrived: u32,
    bar_q: Vec<(usize, u64)>,
    bar_seq: u64,
    bar_gen: u64,
    /// Counter value.
    value: i64,
    /// Queue: items (value, the rendezvous putter waiting for its acknowledgement).
    buf: VecDeque<(i64, Option<usize>)>,
    chan_permits: u32,
    chan_q: VecDeque<usize>,
    rx_holder: Option<usize>,
    rx_q: VecDeque<usize>,
    rx_waiter: Option<usize>,
    tx_open: bool,
    inflight: u32,
    closed: bool,
    putters: Named,
    getters: Named,
    shut_q: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum PutStage {
    Permit { granted: bool },
    Ack { acked: bool },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum GetStage {
    RxLock { granted: bool },
    Item,
}

/// What a suspended task waits for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Wait {
    None,
    Timer { id: usize, step: Option<u32> },
    Yield { step: u32 },
    Acquire { lock: usize, t0: f64, granted: bool, with_step: Option<u32>, open_with: bool },
    Event { res: usize, t0: f64, woken: bool },
    Barrier { res: usize, t0: f64, woken: bool },
    Cond { res: usize, lock: usize, t0: f64, woken: bool, with_step: Option<u32> },
    Put { res: usize, t0: f64, value: i64, stage: PutStage, shut: bool },
    Get { res: usize, t0: f64, stage: GetStage },
    Join { other: usize },
}

#[derive(Clone, Copy, Debug)]
struct Block {
    step: u32,
    end: usize,
    ms: f64,
    t0: f64,
    timer: Option<usize>,
}

#[derive(Clone, Debug)]
struct Task {
    started: bool,
    polled: bool,
    ended: bool,
    failed: bool,
    queued: bool,
    abort: bool,
    cause: Option<Cause>,
    step: Option<u32>,
    pc: usize,
    wait: Wait,
    blocks: Vec<Block>,
    withs: Vec<(u32, usize)>,
    held: Vec<(usize, Option<u32>)>,
    local: i64,
    joiners: Vec<usize>,
}

impl Task {
    fn new() -> Self {
        Task {
            started: false,
            polled: false,
            ended: false,
            failed: false,
            queued: false,
            abort: false,
            cause: None,
            step: None,
            pc: 0,
            wait: Wait::None,
            blocks: Vec::new(),
            withs: Vec::new(),
            held: Vec::new(),
            local: 0,
            joiners: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    Task(usize),
    Orchestrator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Start,
    /// Sequential: waiting for the `k`-th top-level task.
    Sequential(usize),
    Structure,
    GroupCancelled,
    RunEnd,
    Done,
}

/// How a step went.
enum Flow {
    Next,
    Suspend,
    Fail(String),
}

struct Model<'a> {
    s: &'a Scenario,
    ends: Vec<Vec<usize>>,
    top: Vec<usize>,
    log: EventLog,
    now: f64,
    ready: VecDeque<Entry>,
    orch_queued: bool,
    phase: Phase,
    timers: BinaryHeap<Reverse<(u64, usize)>>,
    /// Per timer: its owner, fired, cancelled.
    timer_info: Vec<(usize, bool, bool)>,
    tasks: Vec<Task>,
    res: Vec<Res>,
    /// Whether each task is top-level; how many of those have ended; the first (by index) that
    /// failed; how many tasks are started and not ended. Kept as counts so the orchestrator's
    /// checks cost nothing per task end.
    is_top: Vec<bool>,
    top_ended: usize,
    first_failed_top: Option<usize>,
    going: usize,
    sequential: bool,
}

impl<'a> Model<'a> {
    fn new(s: &'a Scenario) -> Self {
        let children = s.children();
        let res = s
            .resources
            .iter()
            .map(|r| {
                let mut x = Res::default();
                match r.kind {
                    ResourceKind::Lock => x.permits = 1,
                    ResourceKind::Semaphore { permits } => x.permits = permits,
                    ResourceKind::Queue { capacity } => {
                        x.chan_permits = capacity.max(1);
                        x.tx_open = true;
                    }
                    _ => {}
                }
                x
            })
            .collect();
        Model {
            s,
            ends: s.tasks.iter().map(|t| block_ends(&t.steps)).collect(),
            top: (0..s.tasks.len()).filter(|i| !children[*i]).collect(),
            log: EventLog::for_scenario(s),
            now: 0.0,
            ready: VecDeque::from([Entry::Orchestrator]),
            orch_queued: true,
            phase: Phase::Start,
            timers: BinaryHeap::new(),
            timer_info: Vec::new(),
            tasks: vec![Task::new(); s.tasks.len()],
            res,
            is_top: children.iter().map(|c| !c).collect(),
            top_ended: 0,
            first_failed_top: None,
            going: 0,
            sequential: false,
        }
    }

    /// Runs to the end; true if it stalled.
    fn run(&mut self) -> bool {
        loop {
            while let Some(e) = self.ready.pop_front() {
                match e {
                    Entry::Task(i) => self.poll(i),
                    Entry::Orchestrator => {
                        self.orch_queued = false;
                        self.poll_orchestrator();
                    }
                }
            }
            if self.phase == Phase::Done {
                return false;
            }
            let Some(id) = self.next_timer() else { return true };
            let deadline = f64::from_bits(self.timers.pop().map_or(0, |Reverse((d, _))| d));
            self.now = self.now.max(deadline);
            self.timer_info[id].1 = true;
            let owner = self.timer_info[id].0;
            self.wake(owner);
        }
    }

    fn next_timer(&mut self) -> Option<usize> {
        while let Some(Reverse((_, id))) = self.timers.peek().copied() {
            if self.timer_info[id].2 {
                self.timers.pop();
            } else {
                return Some(id);
            }
        }
        None
    }

    fn set_timer(&mut self, owner: usize, ms: f64) -> usize {
        let id = self.timer_info.len();
        let due = self.now + ms.round().clamp(1.0, u32::MAX as f64);
        self.timer_info.push((owner, false, false));
        self.timers.push(Reverse((due.to_bits(), id)));
        id
    }

    fn push(&mut self, i: usize, kind: EventKind) {
        self.log.push(self.now, TaskId(i as u32), Lane::EventLoop, kind);
    }

    fn wake(&mut self, i: usize) {
        let t = &mut self.tasks[i];
        if !t.ended && !t.queued {
            t.queued = true;
            self.ready.push_back(Entry::Task(i));
        }
    }

    fn wake_orchestrator(&mut self) {
        if !self.orch_queued && self.phase != Phase::Start && self.phase != Phase::Done {
            self.orch_queued = true;
            self.ready.push_back(Entry::Orchestrator);
        }
    }

    // ---- the orchestrator ----

    fn start_task(&mut self, i: usize) {
        if self.tasks[i].started {
            return;
        }
        self.tasks[i].started = true;
        self.going += 1;
        self.push(i, EventKind::Spawned);
        self.wake(i);
    }

    fn cancel(&mut self, i: usize, cause: Cause) {
        let t = &mut self.tasks[i];
        if t.started && !t.ended {
            t.cause = Some(cause);
            t.abort = true;
            self.wake(i);
        }
    }

    fn poll_orchestrator(&mut self) {
        loop {
            let all_top = self.top_ended == self.top.len();
            let failed = self.first_failed_top;
            match self.phase {
                Phase::Start if self.sequential => self.phase = Phase::Sequential(0),
                Phase::Sequential(k) => match self.top.get(k).copied() {
                    Some(i) => {
                        self.start_task(i);
                        if !self.tasks[i].ended {
                            return;
                        }
                        self.phase = Phase::Sequential(k + 1);
                    }
                    None => self.end_run(),
                },
                Phase::Start => {
                    for k in 0..self.top.len() {
                        self.start_task(self.top[k]);
                    }
                    self.phase = Phase::Structure;
                }
                Phase::Structure => {
                    let stop = match self.s.structure {
                        Structure::All | Structure::Gather { return_exceptions: true } => all_top,
                        Structure::Gather { return_exceptions: false } | Structure::TaskGroup => {
                            all_top || failed.is_some()
                        }
                    };
                    if !stop {
                        return;
                    }
                    match failed {
                        Some(f) if self.s.structure == Structure::TaskGroup => {
                            for k in 0..self.top.len() {
                                self.cancel(self.top[k], Cause::GroupFailure(TaskId(f as u32)));
                            }
                            self.phase = Phase::GroupCancelled;
                        }
                        _ => self.end_run(),
                    }
                }
                Phase::GroupCancelled => {
                    if !all_top {
                        return;
                    }
                    self.end_run();
                }
                Phase::RunEnd => {
                    if self.going > 0 {
                        return;
                    }
                    self.phase = Phase::Done;
                    return;
                }
                Phase::Done => return,
            }
        }
    }

    fn end_run(&mut self) {
        for i in 0..self.tasks.len() {
            self.cancel(i, Cause::RunEnd);
        }
        self.phase = Phase::RunEnd;
    }

    // ---- a task ----

    fn poll(&mut self, i: usize) {
        self.tasks[i].queued = false;
        if self.tasks[i].ended {
            return;
        }
        if self.tasks[i].abort {
            self.cancel_now(i);
            return;
        }
        let mut running = if !self.tasks[i].polled {
            self.tasks[i].polled = true;
            let delay = self.s.tasks[i].start_delay_ms;
            if delay > 0.0 {
                self.push(i, EventKind::Awaiting { step: None, until_ms: self.now + delay });
                let id = self.set_timer(i, delay);
                self.tasks[i].wait = Wait::Timer { id, step: None };
                false
            } else {
                true
            }
        } else {
            match self.resume(i) {
                Flow::Next => true,
                Flow::Suspend => false,
                Flow::Fail(reason) => return self.fail(i, reason),
            }
        };
        loop {
            if running {
                match self.exec(i) {
                    Flow::Next => return self.finish(i),
                    Flow::Fail(reason) => return self.fail(i, reason),
                    Flow::Suspend => {}
                }
            }
            // Pending: the enclosing selects poll their timers, innermost first.
            running = false;
            let n = self.tasks[i].blocks.len();
            for b in (0..n).rev() {
                match self.tasks[i].blocks[b].timer {
                    None => {
                        let ms = self.tasks[i].blocks[b].ms;
                        let id = self.set_timer(i, ms);
                        self.tasks[i].blocks[b].timer = Some(id);
                    }
                    Some(id) if self.timer_info[id].1 => {
                        self.time_out(i, b);
                        running = true;
                        break;
                    }
                    Some(_) => {}
                }
            }
            if !running {
                if self.tasks[i].abort {
                    self.cancel_now(i);
                }
                return;
            }
        }
    }

    /// Runs steps from the task's `pc` until it suspends (`Suspend`), fails or ends (`Next`).
    fn exec(&mut self, i: usize) -> Flow {
        let s = self.s;
        let steps = &s.tasks[i].steps;
        let of = steps.len() as u32;
        loop {
            let pc = self.tasks[i].pc;
            if let Some(b) = self.tasks[i].blocks.last().copied() {
                if pc == b.end {
                    // The timeout block's body is done: its timer is dropped.
                    if let Some(id) = b.timer {
                        self.timer_info[id].2 = true;
                    }
                    self.tasks[i].blocks.pop();
                    self.tasks[i].step = Some(b.end as u32);
                    self.tasks[i].pc = b.end + 1;
                    continue;
                }
            }
            if pc >= steps.len() {
                return Flow::Next;
            }
            let k = pc as u32;
            let step = &steps[pc];
            self.tasks[i].step = Some(k);
            self.push(i, EventKind::StepStarted { step: k, of, work: step.is_work() });
            let flow = self.step(i, k, step);
            match flow {
                Flow::Next => {}
                other => return other,
            }
        }
    }

    fn lock_of(&self, res: usize) -> usize {
        match self.s.resources[res].kind {
            ResourceKind::Condition { lock } => lock as usize,
            _ => res,
        }
    }

    fn step(&mut self, i: usize, k: u32, step: &Step) -> Flow {
        let next = |m: &mut Self| {
            m.tasks[i].pc += 1;
            Flow::Next
        };
        match *step {
            Step::Work { ms } => {
                self.now += ms;
                next(self)
            }
            Step::Wait { ms } => {
                self.push(i, EventKind::Awaiting { step: Some(k), until_ms: self.now + ms });
                if ms <= 0.0 {
                    self.tasks[i].wait = Wait::Yield { step: k };
                    self.wake(i);
                } else {
                    let id = self.set_timer(i, ms);
                    self.tasks[i].wait = Wait::Timer { id, step: Some(k) };
                }
                Flow::Suspend
            }
            Step::Acquire { res } | Step::With { res } => {
                let lock = self.lock_of(res as usize);
                let with = matches!(step, Step::With { .. });
                self.push(i, EventKind::Requested { step: k, res: lock as u32, op: Op::Acquire });
                let with_step = with.then_some(k);
                if self.take(i, lock, with_step, with) {
                    next(self)
                } else {
                    Flow::Suspend
                }
            }
            Step::Release { res } => {
                let lock = self.lock_of(res as usize);
                self.push(i, EventKind::Requested { step: k, res: lock as u32, op: Op::Release });
                if let Some(p) = self.tasks[i].held.iter().rposition(|h| h.0 == lock) {
                    self.tasks[i].held.remove(p);
                    self.release(i, lock);
                }
                next(self)
            }
            Step::End => {
                if let Some((wk, res)) = self.tasks[i].withs.last().copied() {
                    if self.ends[i][wk as usize] == k as usize {
                        self.tasks[i].withs.pop();
                        self.release_with(i, wk, res);
                    }
                }
                next(self)
            }
            Step::Timeout { ms } => {
                let end = self.ends[i][k as usize];
                self.tasks[i].blocks.push(Block { step: k, end, ms, t0: self.now, timer: None });
                next(self)
            }
            Step::WaitOn { res } => self.wait_on(i, k, res as usize),
            Step::Set { res } | Step::Clear { res } => {
                let set = matches!(step, Step::Set { .. });
                let op = if set { Op::Set } else { Op::Clear };
                self.push(i, EventKind::Requested { step: k, res, op });
                let r = &mut self.res[res as usize];
                r.set = set;
                let mut woke = Vec::new();
                if set {
                    woke = r.waiters.wake(usize::MAX);
                    let q: Vec<usize> = r.notify_q.drain(..).collect();
                    for w in q {
                        if let Wait::Event { ref mut woken, .. } = self.tasks[w].wait {
                            *woken = true;
                        }
                        self.wake(w);
                    }
                }
                self.push(i, EventKind::Signalled { res, op, woke });
                next(self)
            }
            Step::Notify { res, all } => {
                let op = if all { Op::NotifyAll } else { Op::Notify };
                self.push(i, EventKind::Requested { step: k, res, op });
                let r = &mut self.res[res as usize];
                let woke = r.waiters.wake(if all { usize::MAX } else { 1 });
                let q: Vec<usize> = if all {
                    r.notify_q.drain(..).collect()
                } else if !woke.is_empty() {
                    r.notify_q.pop_front().into_iter().collect()
                } else {
                    Vec::new()
                };
                for w in q {
                    if let Wait::Cond { ref mut woken, .. } = self.tasks[w].wait {
                        *woken = true;
                    }
                    self.wake(w);
                }
                self.push(i, EventKind::Signalled { res, op, woke });
                next(self)
            }
            Step::Put { res } => self.put(i, k, res as usize),
            Step::Get { res } => self.get(i, k, res as usize),
            Step::Shutdown { res } => {
                self.push(i, EventKind::Requested { step: k, res, op: Op::Shutdown });
                let r = &mut self.res[res as usize];
                r.tx_open = false;
                let mut woke = r.putters.wake(usize::MAX);
                woke.extend(r.getters.wake(usize::MAX));
                let shut: Vec<usize> = r.shut_q.drain(..).collect();
                for w in shut {
                    if let Wait::Put { shut: ref mut s, .. } = self.tasks[w].wait {
                        *s = true;
                    }
                    self.wake(w);
                }
                self.maybe_close(res as usize);
                self.push(i, EventKind::Signalled { res, op: Op::Shutdown, woke });
                next(self)
            }
            Step::Read { res } | Step::Write { res } => {
                let write = matches!(step, Step::Write { .. });
                let op = if write { Op::Write } else { Op::Read };
                self.push(i, EventKind::Requested { step: k, res, op });
                let r = &mut self.res[res as usize];
                if write {
                    r.value = self.tasks[i].local + 1;
                } else {
                    self.tasks[i].local = r.value;
                }
                let value = Some(r.value);
                self.push(i, EventKind::Granted { res, op, waited_ms: 0.0, value });
                next(self)
            }
            Step::Spawn { task } => {
                self.push(i, EventKind::SpawnedChild { child: TaskId(task) });
                self.start_task(task as usize);
                next(self)
            }
            Step::Join { task } => {
                self.push(i, EventKind::Joining { step: k, other: TaskId(task) });
                let other = task as usize;
                if self.tasks[other].ended {
                    self.push(i, EventKind::Joined { other: TaskId(task) });
                    next(self)
                } else {
                    self.tasks[other].joiners.push(i);
                    self.tasks[i].wait = Wait::Join { other };
                    Flow::Suspend
                }
            }
            Step::Cancel { task } => {
                self.push(i, EventKind::CancelSent { target: TaskId(task) });
                self.cancel(task as usize, Cause::Task(TaskId(i as u32)));
                next(self)
            }
            Step::Fail { ref message } => {
                Flow::Fail(if message.is_empty() { "failed".to_string() } else { message.clone() })
            }
        }
    }

    /// Tries to take lock or semaphore `lock`; on success logs the grant and records the hold.
    /// Otherwise logs the block and queues the task (its wait set), and returns false.
    fn take(&mut self, i: usize, lock: usize, with_step: Option<u32>, open_with: bool) -> bool {
        let r = &mut self.res[lock];
        if r.permits > 0 {
            r.permits -= 1;
            r.holders.push(TaskId(i as u32));
            self.push(
                i,
                EventKind::Granted { res: lock as u32, op: Op::Acquire, waited_ms: 0.0, value: None },
            );
            self.hold(i, lock, with_step, open_with);
            true
        } else {
            let holders = r.holders.clone();
            r.waiters.push(i);
            r.sem_q.push_back(i);
            self.push(i, EventKind::Blocked { res: lock as u32, op: Op::Acquire, holders });
            self.tasks[i].wait = Wait::Acquire { lock, t0: self.now, granted: false, with_step, open_with };
            false
        }
    }

    fn hold(&mut self, i: usize, lock: usize, with_step: Option<u32>, open_with: bool) {
        let t = &mut self.tasks[i];
        t.held.push((lock, with_step));
        if let (true, Some(k)) = (open_with, with_step) {
            t.withs.push((k, lock));
        }
    }

    /// Gives back a lock or permit (its `held` entry already removed), logging whom it names.
    fn release(&mut self, i: usize, lock: usize) {
        let r = &mut self.res[lock];
        r.holders.retain(|t| t.0 as usize != i);
        let woke = r.waiters.wake(1);
        self.push(i, EventKind::Signalled { res: lock as u32, op: Op::Release, woke });
        self.release_permit(lock);
    }

    fn release_permit(&mut self, lock: usize) {
        match self.res[lock].sem_q.pop_front() {
            Some(w) => {
                if let Wait::Acquire { ref mut granted, .. } = self.tasks[w].wait {
                    *granted = true;
                }
                self.wake(w);
            }
            None => self.res[lock].permits += 1,
        }
    }

    fn release_with(&mut self, i: usize, k: u32, lock: usize) {
        if let Some(p) = self.tasks[i].held.iter().rposition(|h| h.0 == lock && h.1 == Some(k)) {
            self.tasks[i].held.remove(p);
            self.release(i, lock);
        }
    }

    fn unwind_withs(&mut self, i: usize, after: Option<u32>) {
        while let Some((k, lock)) = self.tasks[i].withs.last().copied() {
            if after.is_some_and(|a| k <= a) {
                break;
            }
            self.tasks[i].withs.pop();
            self.release_with(i, k, lock);
        }
    }

    fn wait_on(&mut self, i: usize, k: u32, res: usize) -> Flow {
        let id = res as u32;
        self.push(i, EventKind::Requested { step: k, res: id, op: Op::Wait });
        let blocked = EventKind::Blocked { res: id, op: Op::Wait, holders: Vec::new() };
        let granted = EventKind::Granted { res: id, op: Op::Wait, waited_ms: 0.0, value: None };
        match self.s.resources[res].kind {
            ResourceKind::Event if !self.res[res].set => {
                self.push(i, blocked);
                let r = &mut self.res[res];
                r.waiters.push(i);
                r.notify_q.push_back(i);
                self.tasks[i].wait = Wait::Event { res, t0: self.now, woken: false };
                Flow::Suspend
            }
            ResourceKind::Barrier { parties } => {
                let r = &mut self.res[res];
                r.arrived += 1;
                if r.arrived < parties {
                    // From the second generation on, the waiter's first `changed()` returns at once
                    // (its receiver saw no value yet) and asks for a notification once more.
                    if r.bar_gen > 0 {
                        r.bar_seq += 1;
                    }
                    r.waiters.push(i);
                    r.bar_q.push((i, r.bar_seq));
                    r.bar_seq += 1;
                    self.push(i, blocked);
                    self.tasks[i].wait = Wait::Barrier { res, t0: self.now, woken: false };
                    Flow::Suspend
                } else {
                    r.arrived = 0;
                    r.bar_gen += 1;
                    let woke = r.waiters.wake(usize::MAX);
                    // The watch channel notifies its 8 lists in turn, each oldest first.
                    let mut q = std::mem::take(&mut r.bar_q);
                    q.sort_by_key(|(_, seq)| (seq % 8, *seq));
                    for (w, _) in q {
                        if let Wait::Barrier { ref mut woken, .. } = self.tasks[w].wait {
                            *woken = true;
                        }
                        self.wake(w);
                    }
                    self.push(i, EventKind::Signalled { res: id, op: Op::Wait, woke });
                    self.push(i, granted);
                    self.tasks[i].pc += 1;
                    Flow::Next
                }
            }
            ResourceKind::Condition { lock } => {
                let lock = lock as usize;
                // It listens before letting go of the lock, so a notify in between is not missed.
                self.res[res].notify_q.push_back(i);
                let Some(p) = self.tasks[i].held.iter().rposition(|h| h.0 == lock) else {
                    remove_from(&mut self.res[res].notify_q, i);
                    self.tasks[i].pc += 1;
                    return Flow::Next;
                };
                let (_, with_step) = self.tasks[i].held.remove(p);
                self.release(i, lock);
                self.push(i, blocked);
                self.res[res].waiters.push(i);
                self.tasks[i].wait = Wait::Cond { res, lock, t0: self.now, woken: false, with_step };
                Flow::Suspend
            }
            _ => {
                self.push(i, granted);
                self.tasks[i].pc += 1;
                Flow::Next
            }
        }
    }

    fn put(&mut self, i: usize, k: u32, res: usize) -> Flow {
        let id = res as u32;
        self.push(i, EventKind::Requested { step: k, res: id, op: Op::Put });
        let value = self.tasks[i].local;
        if !self.res[res].tx_open {
            self.push(i, EventKind::Raised { res: id, op: Op::Put, error: SHUT_DOWN.into() });
            return Flow::Fail(SHUT_DOWN.into());
        }
        let cap = self.capacity(res);
        let r = &mut self.res[res];
        if cap > 0 && r.chan_permits > 0 {
            r.chan_permits -= 1;
            self.send_item(res, value, None);
            return self.put_done(i, res, value, self.now);
        }
        self.push(i, EventKind::Blocked { res: id, op: Op::Put, holders: Vec::new() });
        let r = &mut self.res[res];
        r.putters.push(i);
        r.inflight += 1;
        let t0 = self.now;
        if r.chan_permits > 0 {
            r.chan_permits -= 1;
            self.send_item(res, value, (cap == 0).then_some(i));
            self.tasks[i].wait =
                Wait::Put { res, t0, value, stage: PutStage::Ack { acked: false }, shut: false };
        } else {
            r.chan_q.push_back(i);
            self.tasks[i].wait =
                Wait::Put { res, t0, value, stage: PutStage::Permit { granted: false }, shut: false };
        }
        self.res[res].shut_q.push(i);
        Flow::Suspend
    }

    fn capacity(&self, res: usize) -> u32 {
        match self.s.resources[res].kind {
            ResourceKind::Queue { capacity } => capacity,
            _ => 0,
        }
    }

    fn send_item(&mut self, res: usize, value: i64, ack: Option<usize>) {
        let r = &mut self.res[res];
        r.buf.push_back((value, ack));
        if let Some(w) = r.rx_waiter.take() {
            self.wake(w);
        }
    }

    fn put_done(&mut self, i: usize, res: usize, value: i64, t0: f64) -> Flow {
        let id = res as u32;
        self.tasks[i].local = value + 1;
        let woke = if self.capacity(res) > 0 { self.res[res].getters.wake(1) } else { Vec::new() };
        self.push(
            i,
            EventKind::Granted { res: id, op: Op::Put, waited_ms: self.now - t0, value: Some(value) },
        );
        if !woke.is_empty() {
            self.push(i, EventKind::Signalled { res: id, op: Op::Put, woke });
        }
        self.tasks[i].pc += 1;
        Flow::Next
    }

    /// The channel closes once the queue is shut down and no put in flight holds a sender.
    fn maybe_close(&mut self, res: usize) {
        let r = &mut self.res[res];
        if !r.tx_open && r.inflight == 0 && !r.closed {
            r.closed = true;
            if let Some(w) = r.rx_waiter.take() {
                self.wake(w);
            }
        }
    }

    fn get(&mut self, i: usize, k: u32, res: usize) -> Flow {
        let id = res as u32;
        self.push(i, EventKind::Requested { step: k, res: id, op: Op::Get });
        let t0 = self.now;
        let r = &self.res[res];
        if r.rx_holder.is_none() && r.rx_q.is_empty() {
            if !r.buf.is_empty() {
                return self.got(i, res, t0, false);
            }
            if r.closed {
                return self.get_raise(i, res, false);
            }
        }
        self.push(i, EventKind::Blocked { res: id, op: Op::Get, holders: Vec::new() });
        self.res[res].getters.push(i);
        let r = &mut self.res[res];
        if r.rx_holder.is_none() {
            r.rx_holder = Some(i);
            self.tasks[i].wait = Wait::Get { res, t0, stage: GetStage::Item };
            return self.try_recv(i, res, t0);
        }
        r.rx_q.push_back(i);
        self.tasks[i].wait = Wait::Get { res, t0, stage: GetStage::RxLock { granted: false } };
        Flow::Suspend
    }

    /// The getter holds the receiver: takes an item, sees the end, or waits for either.
    fn try_recv(&mut self, i: usize, res: usize, t0: f64) -> Flow {
        let r = &mut self.res[res];
        if !r.buf.is_empty() {
            self.got(i, res, t0, true)
        } else if r.closed {
            self.get_raise(i, res, true)
        } else {
            r.rx_waiter = Some(i);
            Flow::Suspend
        }
    }

    fn release_rx(&mut self, res: usize) {
        let r = &mut self.res[res];
        r.rx_holder = r.rx_q.pop_front();
        if let Some(w) = r.rx_holder {
            if let Wait::Get { stage: GetStage::RxLock { ref mut granted }, .. } = self.tasks[w].wait {
                *granted = true;
            }
            self.wake(w);
        }
    }

    fn got(&mut self, i: usize, res: usize, t0: f64, waited: bool) -> Flow {
        let id = res as u32;
        let (value, ack) = self.res[res].buf.pop_front().unwrap_or((0, None));
        // The receive frees a slot: the longest-waiting sender is handed it.
        match self.res[res].chan_q.pop_front() {
            Some(p) => {
                if let Wait::Put { stage: PutStage::Permit { ref mut granted }, .. } = self.tasks[p].wait {
                    *granted = true;
                }
                self.wake(p);
            }
            None => self.res[res].chan_permits += 1,
        }
        if waited {
            self.release_rx(res);
            self.res[res].getters.remove(i);
        }
        self.tasks[i].wait = Wait::None;
        self.tasks[i].local = value;
        let woke = self.res[res].putters.wake(1);
        if let Some(p) = ack {
            if let Wait::Put { stage: PutStage::Ack { ref mut acked }, .. } = self.tasks[p].wait {
                *acked = true;
            }
            self.wake(p);
        }
        self.push(
            i,
            EventKind::Granted { res: id, op: Op::Get, waited_ms: self.now - t0, value: Some(value) },
        );
        if !woke.is_empty() {
            self.push(i, EventKind::Signalled { res: id, op: Op::Get, woke });
        }
        self.tasks[i].pc += 1;
        Flow::Next
    }

    fn get_raise(&mut self, i: usize, res: usize, waited: bool) -> Flow {
        if waited {
            self.release_rx(res);
            self.res[res].getters.remove(i);
        }
        self.tasks[i].wait = Wait::None;
        self.push(i, EventKind::Raised { res: res as u32, op: Op::Get, error: SHUT_DOWN.into() });
        Flow::Fail(SHUT_DOWN.into())
    }

    /// A suspended task is polled again: finishes its wait (logging it) if it is over.
    fn resume(&mut self, i: usize) -> Flow {
        let now = self.now;
        match self.tasks[i].wait {
            Wait::None => Flow::Suspend,
            Wait::Timer { id, step } => {
                if !self.timer_info[id].1 {
                    return Flow::Suspend;
                }
                self.tasks[i].wait = Wait::None;
                self.push(i, EventKind::Resumed { step });
                if step.is_some() {
                    self.tasks[i].pc += 1;
                }
                Flow::Next
            }
            Wait::Yield { step } => {
                self.tasks[i].wait = Wait::None;
                self.push(i, EventKind::Resumed { step: Some(step) });
                self.tasks[i].pc += 1;
                Flow::Next
            }
            Wait::Acquire { lock, t0, granted, with_step, open_with } => {
                if !granted {
                    return Flow::Suspend;
                }
                self.tasks[i].wait = Wait::None;
                let r = &mut self.res[lock];
                r.waiters.remove(i);
                r.holders.push(TaskId(i as u32));
                let kind = EventKind::Granted {
                    res: lock as u32,
                    op: Op::Acquire,
                    waited_ms: now - t0,
                    value: None,
                };
                self.push(i, kind);
                self.hold(i, lock, with_step, open_with);
                self.tasks[i].pc += 1;
                Flow::Next
            }
            Wait::Event { res, t0, woken } | Wait::Barrier { res, t0, woken } => {
                if !woken {
                    return Flow::Suspend;
                }
                if matches!(self.tasks[i].wait, Wait::Barrier { .. }) {
                    // The watch receiver asks for a notification once more before it returns.
                    self.res[res].bar_seq += 1;
                }
                self.tasks[i].wait = Wait::None;
                self.res[res].waiters.remove(i);
                let kind =
                    EventKind::Granted { res: res as u32, op: Op::Wait, waited_ms: now - t0, value: None };
                self.push(i, kind);
                self.tasks[i].pc += 1;
                Flow::Next
            }
            Wait::Cond { res, lock, t0, woken, with_step } => {
                if !woken {
                    return Flow::Suspend;
                }
                self.tasks[i].wait = Wait::None;
                self.res[res].waiters.remove(i);
                let kind =
                    EventKind::Granted { res: res as u32, op: Op::Wait, waited_ms: now - t0, value: None };
                self.push(i, kind);
                // It takes the lock back before going on, as `await cond.wait()` does.
                if self.take(i, lock, with_step, false) {
                    self.tasks[i].pc += 1;
                    Flow::Next
                } else {
                    Flow::Suspend
                }
            }
            Wait::Put { res, t0, value, stage, shut } => {
                let mut stage = stage;
                if stage == (PutStage::Permit { granted: true }) {
                    let ack = (self.capacity(res) == 0).then_some(i);
                    self.send_item(res, value, ack);
                    stage = if ack.is_some() {
                        PutStage::Ack { acked: false }
                    } else {
                        PutStage::Ack { acked: true }
                    };
                    self.tasks[i].wait = Wait::Put { res, t0, value, stage, shut };
                }
                if stage == (PutStage::Ack { acked: true }) {
                    self.tasks[i].wait = Wait::None;
                    self.end_put(i, res);
                    return self.put_done(i, res, value, t0);
                }
                if shut {
                    self.drop_wait(i);
                    self.push(i, EventKind::Raised { res: res as u32, op: Op::Put, error: SHUT_DOWN.into() });
                    return Flow::Fail(SHUT_DOWN.into());
                }
                Flow::Suspend
            }
            Wait::Get { res, t0, stage } => match stage {
                GetStage::RxLock { granted: false } => Flow::Suspend,
                GetStage::RxLock { granted: true } => {
                    self.tasks[i].wait = Wait::Get { res, t0, stage: GetStage::Item };
                    self.try_recv(i, res, t0)
                }
                GetStage::Item => self.try_recv(i, res, t0),
            },
            Wait::Join { other } => {
                if !self.tasks[other].ended {
                    return Flow::Suspend;
                }
                self.tasks[i].wait = Wait::None;
                self.push(i, EventKind::Joined { other: TaskId(other as u32) });
                self.tasks[i].pc += 1;
                Flow::Next
            }
        }
    }

    /// A put's wait is over (done or dropped): it leaves the queues and drops its sender.
    fn end_put(&mut self, i: usize, res: usize) {
        let r = &mut self.res[res];
        r.putters.remove(i);
        r.shut_q.retain(|x| *x != i);
        r.inflight = r.inflight.saturating_sub(1);
        self.maybe_close(res);
    }

    /// The task's pending wait is dropped (cancellation or a timeout).
    fn drop_wait(&mut self, i: usize) {
        match std::mem::replace(&mut self.tasks[i].wait, Wait::None) {
            Wait::None | Wait::Yield { .. } => {}
            Wait::Timer { id, .. } => self.timer_info[id].2 = true,
            Wait::Acquire { lock, granted, .. } => {
                self.res[lock].waiters.remove(i);
                if granted {
                    self.release_permit(lock);
                } else {
                    remove_from(&mut self.res[lock].sem_q, i);
                }
            }
            Wait::Event { res, .. } | Wait::Cond { res, .. } => {
                self.res[res].waiters.remove(i);
                remove_from(&mut self.res[res].notify_q, i);
            }
            Wait::Barrier { res, .. } => {
                self.res[res].waiters.remove(i);
                self.res[res].bar_q.retain(|(x, _)| *x != i);
            }
            Wait::Put { res, stage, .. } => {
                match stage {
                    PutStage::Permit { granted: true } => self.res[res].chan_permits += 1,
                    PutStage::Permit { granted: false } => remove_from(&mut self.res[res].chan_q, i),
                    PutStage::Ack { .. } => {}
                }
                self.end_put(i, res);
            }
            Wait::Get { res, stage, .. } => {
                self.res[res].getters.remove(i);
                match stage {
                    GetStage::RxLock { granted: false } => remove_from(&mut self.res[res].rx_q, i),
                    _ => {
                        if self.res[res].rx_waiter == Some(i) {
                            self.res[res].rx_waiter = None;
                        }
                        self.release_rx(res);
                    }
                }
            }
            Wait::Join { other } => self.tasks[other].joiners.retain(|x| *x != i),
        }
    }

    fn time_out(&mut self, i: usize, b: usize) {
        self.drop_wait(i);
        let block = self.tasks[i].blocks[b];
        for inner in self.tasks[i].blocks.drain(b..).skip(1) {
            if let Some(id) = inner.timer {
                self.timer_info[id].2 = true;
            }
        }
        let step = self.tasks[i].step;
        self.push(i, EventKind::Cancelling { step, cause: Cause::Timeout { block: block.step } });
        self.unwind_withs(i, Some(block.step));
        self.push(i, EventKind::TimedOut { block: block.step, after_ms: self.now - block.t0 });
        self.tasks[i].step = Some(block.end as u32);
        self.tasks[i].pc = block.end + 1;
    }

    fn drop_blocks(&mut self, i: usize) {
        for b in std::mem::take(&mut self.tasks[i].blocks) {
            if let Some(id) = b.timer {
                self.timer_info[id].2 = true;
            }
        }
    }

    fn cancel_now(&mut self, i: usize) {
        let cause = self.tasks[i].cause.take();
        if !self.tasks[i].polled {
            if let Some(cause) = cause {
                self.push(i, EventKind::Cancelling { step: None, cause });
            }
            self.push(i, EventKind::Cancelled { step: None });
        } else {
            self.drop_wait(i);
            self.drop_blocks(i);
            let step = self.tasks[i].step;
            if let Some(cause) = cause {
                self.push(i, EventKind::Cancelling { step, cause });
            }
            self.unwind_withs(i, None);
            self.push(i, EventKind::Cancelled { step });
        }
        self.end_task(i);
    }

    fn fail(&mut self, i: usize, reason: String) {
        self.drop_blocks(i);
        self.unwind_withs(i, None);
        self.tasks[i].failed = true;
        self.push(i, EventKind::Failed { reason });
        self.end_task(i);
    }

    fn finish(&mut self, i: usize) {
        self.push(i, EventKind::Finished);
        self.end_task(i);
    }

    /// The task has ended: its joiners, then the orchestrator, are woken. What it still holds
    /// (bare acquires) stays held.
    fn end_task(&mut self, i: usize) {
        self.tasks[i].ended = true;
        self.going -= 1;
        if self.is_top[i] {
            self.top_ended += 1;
            if self.tasks[i].failed && self.first_failed_top.is_none_or(|f| i < f) {
                self.first_failed_top = Some(i);
            }
        }
        for j in std::mem::take(&mut self.tasks[i].joiners) {
            self.wake(j);
        }
        self.wake_orchestrator();
    }
}

/// Where an observed log first departs from the predicted order.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// The index of the first event that differs.
    pub index: usize,
    /// The predicted event there, as the log says it (`None`: the prediction ended first).
    pub predicted: Option<String>,
    /// The observed event there (`None`: the run ended first).
    pub observed: Option<String>,
    /// Whether a documented difference explains it: the predicted timer wake-ups just before
    /// it have deadlines within `tolerance_ms` of another pending timer's, set at a different
    /// moment, so a browser may fire them in either order.
    pub timer_tie: bool,
}

/// An event with its times left out (they always differ): what the order comparison compares.
fn order_key(e: &crate::event::Event) -> (TaskId, EventKind) {
    let mut kind = e.kind.clone();
    match &mut kind {
        EventKind::Awaiting { until_ms, .. } => *until_ms = 0.0,
        EventKind::Granted { waited_ms, .. } => *waited_ms = 0.0,
        EventKind::TimedOut { after_ms, .. } => *after_ms = 0.0,
        _ => {}
    }
    (e.task, kind)
}

/// Compares an observed log with the predicted one, event by event, times left out. `None` if
/// they are the same sequence.
pub fn first_difference(predicted: &EventLog, observed: &EventLog, tolerance_ms: f64) -> Option<Difference> {
    let p = &predicted.events;
    let o = &observed.events;
    let index = (0..p.len().max(o.len())).find(|&k| match (p.get(k), o.get(k)) {
        (Some(a), Some(b)) => order_key(a) != order_key(b),
        _ => true,
    })?;
    let say = |log: &EventLog, k: usize| {
        log.events.get(k).map(|e| format!("{} {}", log.name(e.task), log.describe(e)))
    };
    Some(Difference {
        index,
        predicted: say(predicted, index),
        observed: say(observed, index),
        timer_tie: timer_tie(predicted, index, tolerance_ms),
    })
}

/// Whether, at event `index` of a predicted log, two timers set at different moments were pending
/// with deadlines within `tolerance_ms` of each other (the order a browser may swap).
fn timer_tie(log: &EventLog, index: usize, tolerance_ms: f64) -> bool {
    // Pending timers just before `index`: (deadline, the time it was set).
    let mut pending: Vec<(TaskId, f64, f64)> = Vec::new();
    let mut recent: Vec<(f64, f64)> = Vec::new();
    for e in log.events.iter().take(index + 1) {
        match e.kind {
            EventKind::Awaiting { until_ms, .. } => pending.push((e.task, until_ms, e.t_ms)),
            EventKind::Resumed { .. } | EventKind::Cancelled { .. } | EventKind::TimedOut { .. } => {
                if let Some(p) = pending.iter().position(|x| x.0 == e.task) {
                    let (_, until, set) = pending.remove(p);
                    recent.push((until, set));
                }
            }
            _ => {}
        }
    }
    let t = log.events.get(index.min(log.events.len().saturating_sub(1))).map_or(0.0, |e| e.t_ms);
    let fired: Vec<(f64, f64)> =
        recent.into_iter().filter(|(until, _)| (t - until).abs() <= tolerance_ms).collect();
    let all: Vec<(f64, f64)> = fired.iter().copied().chain(pending.iter().map(|p| (p.1, p.2))).collect();
    fired.iter().any(|a| all.iter().any(|b| (a.0 - b.0).abs() <= tolerance_ms && a.1 != b.1))
}

#[cfg(test)]
mod tests;
