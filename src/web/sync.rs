//! The event-loop runner for scenarios with resources, child tasks, task groups, timeouts,
//! cancellation and failures.
//!
//! Every resource is a real primitive of `tokio::sync` (its `sync` feature only: no tokio runtime;
//! the futures are driven by `wasm_bindgen_futures`, the browser's microtask queue): a Lock is a
//! `Mutex<()>`, a Semaphore a `Semaphore`, a Barrier a `Barrier`, an Event and a Condition a
//! `Notify` (beside a flag or a lock), a Queue an `mpsc` channel (a rendezvous queue of capacity
//! 0 adds a `oneshot` acknowledgement per item). Each is wrapped so every operation is recorded:
//! requested, blocked (naming the holders), granted (with the time waited), and released or
//! signalled (naming the tasks it woke). tokio's primitives wake waiters first in, first out, so
//! the wrapper's own queue of waiters names the task the primitive really wakes.
//!
//! Cancellation is Rust's: a cancelled task's future is dropped (an `Abortable` aborted). Its
//! [`TaskCtx`] is dropped with it and records the cleanup: the locks of its `with` blocks are
//! released (and logged) as `async with` does; a lock taken by a bare acquire stays held, leaked,
//! as in asyncio. A timeout block races its steps against a timer and drops them when it fires.

use super::busy;
use super::runner::{sleep, Recorder, WorkSizing};
use engine::scenario::{Scenario, Step};
use engine::sync::{Cause, Op, ResourceKind, Structure};
use engine::{EventKind, TaskId};
use futures::channel::oneshot as done_channel;
use futures::future::{select, AbortHandle, Abortable, Either};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::pin::pin;
use std::rc::Rc;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Barrier, Mutex, Notify, OwnedMutexGuard, OwnedSemaphorePermit, Semaphore};

/// Tasks waiting at a resource, first in first out, each marked once a release, set, put or
/// arrival has woken it (so two releases in one turn name two different tasks).
#[derive(Default)]
struct Waiters(RefCell<VecDeque<(TaskId, bool)>>);

impl Waiters {
    fn push(&self, t: TaskId) {
        self.0.borrow_mut().push_back((t, false));
    }
    /// Takes `t` out of the queue (a task waits at most once at a resource). Searched from the
    /// front, where a granted waiter is: a line of N waiters served in turn costs O(N), not O(N²).
    fn remove(&self, t: TaskId) {
        let mut q = self.0.borrow_mut();
        if let Some(p) = q.iter().position(|(x, _)| *x == t) {
            q.remove(p);
        }
    }
    /// Marks the first `n` not-yet-woken waiters woken and returns them.
    fn wake(&self, n: usize) -> Vec<TaskId> {
        let mut out = Vec::new();
        for (t, woken) in self.0.borrow_mut().iter_mut() {
            if out.len() == n {
                break;
            }
            if !*woken {
                *woken = true;
                out.push(*t);
            }
        }
        out
    }
}

/// Removes a task from a waiter queue when its wait ends, granted or dropped (cancelled).
struct WaitGuard<'a>(&'a Waiters, TaskId);

impl Drop for WaitGuard<'_> {
    fn drop(&mut self) {
        self.0.remove(self.1);
    }
}

type Item = (i64, Option<oneshot::Sender<()>>);

/// A queue: an `mpsc` channel whose receiver the getters take turns at (a fair `Mutex`).
struct QueueW {
    capacity: u32,
    tx: RefCell<Option<mpsc::Sender<Item>>>,
    rx: Mutex<mpsc::Receiver<Item>>,
    shut: Notify,
    putters: Waiters,
    getters: Waiters,
}

enum Prim {
    Lock(Arc<Mutex<()>>),
    Sem(Arc<Semaphore>),
    Event { set: Cell<bool>, notify: Notify },
    Barrier { barrier: Barrier, parties: u32, arrived: Cell<u32> },
    Cond { lock: usize, notify: Notify },
    Queue(Box<QueueW>),
    Counter(Cell<i64>),
}

/// One resource and the record of who holds it and who waits.
struct Res {
    prim: Prim,
    holders: RefCell<Vec<TaskId>>,
    waiters: Waiters,
}

/// A lock guard or semaphore permit a task holds.
enum Guard {
    Lock(OwnedMutexGuard<()>),
    Permit(OwnedSemaphorePermit),
}

impl Guard {
    /// Keeps the lock or permit taken forever: what a bare acquire without release leaves.
    fn leak(self) {
        match self {
            Guard::Lock(g) => std::mem::forget(g),
            Guard::Permit(p) => p.forget(),
        }
    }
}

struct Held {
    /// The lock or semaphore (a condition's lock, for a condition).
    res: usize,
    guard: Option<Guard>,
    /// The `with` step that took it, or `None` for a bare acquire.
    with_step: Option<u32>,
}

/// Per task: whether it started and ended, how to cancel it, and why it was cancelled.
#[derive(Default)]
struct Slot {
    started: Cell<bool>,
    ended: Cell<bool>,
    failed: Cell<bool>,
    ended_notify: Notify,
    abort: RefCell<Option<AbortHandle>>,
    cause: Cell<Option<Cause>>,
}

/// A run in progress.
struct World {
    rec: Rc<Recorder>,
    scenario: Scenario,
    sizing: WorkSizing,
    res: Vec<Res>,
    slots: Vec<Slot>,
    /// Notified whenever a task ends.
    changed: Notify,
    stopped: Cell<bool>,
    /// For each task, the index of the `End` that closes the block opened at each step.
    ends: Vec<Vec<usize>>,
}

/// A task's state while it runs. Dropping it before `done` is set is the task being cancelled.
struct TaskCtx {
    w: Rc<World>,
    id: TaskId,
    step: Cell<Option<u32>>,
    done: Cell<bool>,
    held: RefCell<Vec<Held>>,
    /// The open `with` blocks: (its step, the resource).
    withs: RefCell<Vec<(u32, usize)>>,
    local: Cell<i64>,
}

impl TaskCtx {
    fn push(&self, kind: EventKind) {
        self.w.rec.push(self.id, kind);
    }

    /// Records `kind` at run time `t_ms`, a clock read taken just before by the caller.
    fn push_at(&self, t_ms: f64, kind: EventKind) {
        self.w.rec.push_at(t_ms, self.id, self.w.rec.lane(), kind);
    }

    /// Releases a held lock or permit, logging whom it wakes.
    fn release(&self, h: Held) {
        let r = &self.w.res[h.res];
        r.holders.borrow_mut().retain(|t| *t != self.id);
        let woke = r.waiters.wake(1);
        self.push(EventKind::Signalled { res: h.res as u32, op: Op::Release, woke });
        drop(h.guard);
    }

    /// Releases the locks of `with` blocks opened after step `after` (all of them for `None`),
    /// innermost first, as exceptions and cancellation leave `async with`.
    fn unwind_withs(&self, after: Option<u32>) {
        loop {
            let top = self.withs.borrow().last().copied();
            match top {
                Some((k, res)) if after.is_none_or(|a| k > a) => {
                    self.withs.borrow_mut().pop();
                    self.release_with(k, res);
                }
                _ => break,
            }
        }
    }

    fn release_with(&self, k: u32, res: usize) {
        let pos = self.held.borrow().iter().rposition(|h| h.res == res && h.with_step == Some(k));
        if let Some(p) = pos {
            let h = self.held.borrow_mut().remove(p);
            if h.guard.is_some() {
                self.release(h);
            }
        }
    }
}

impl Drop for TaskCtx {
    fn drop(&mut self) {
        let slot = &self.w.slots[self.id.0 as usize];
        if !self.done.get() {
            let cause = slot.cause.take();
            if let Some(cause) = cause {
                self.push(EventKind::Cancelling { step: self.step.get(), cause });
            }
            self.unwind_withs(None);
            self.push(EventKind::Cancelled { step: self.step.get() });
        }
        // Whatever is still held was taken by a bare acquire: it stays taken (a leak).
        for h in self.held.borrow_mut().drain(..) {
            if let Some(g) = h.guard {
                g.leak();
            }
        }
        slot.ended.set(true);
        slot.ended_notify.notify_waiters();
        self.w.changed.notify_waiters();
    }
}

/// Why a task stopped early: it raised this message.
struct Raise(String);

/// Starts a run of `scenario` on the event loop; `done` is sent once every task has ended.
/// Returns the handle that stops it (every task's future is dropped).
pub(super) fn start(
    scenario: &Scenario,
    sequential: bool,
    sizing: WorkSizing,
    rec: Rc<Recorder>,
    done: done_channel::Sender<()>,
) -> AbortHandle {
    let res = scenario
        .resources
        .iter()
        .map(|r| Res {
            prim: match r.kind {
                ResourceKind::Lock => Prim::Lock(Arc::new(Mutex::new(()))),
                ResourceKind::Semaphore { permits } => Prim::Sem(Arc::new(Semaphore::new(permits as usize))),
                ResourceKind::Event => Prim::Event { set: Cell::new(false), notify: Notify::new() },
                ResourceKind::Barrier { parties } => {
                    Prim::Barrier { barrier: Barrier::new(parties as usize), parties, arrived: Cell::new(0) }
                }
                ResourceKind::Condition { lock } => Prim::Cond { lock: lock as usize, notify: Notify::new() },
                ResourceKind::Queue { capacity } => {
                    let (tx, rx) = mpsc::channel(capacity.max(1) as usize);
                    Prim::Queue(Box::new(QueueW {
                        capacity,
                        tx: RefCell::new(Some(tx)),
                        rx: Mutex::new(rx),
                        shut: Notify::new(),
                        putters: Waiters::default(),
                        getters: Waiters::default(),
                    }))
                }
                ResourceKind::Counter => Prim::Counter(Cell::new(0)),
            },
            holders: RefCell::new(Vec::new()),
            waiters: Waiters::default(),
        })
        .collect();
    let w = Rc::new(World {
        rec,
        scenario: scenario.clone(),
        sizing,
        res,
        slots: (0..scenario.tasks.len()).map(|_| Slot::default()).collect(),
        changed: Notify::new(),
        stopped: Cell::new(false),
        ends: scenario.tasks.iter().map(|t| engine::model::block_ends(&t.steps)).collect(),
    });
    // Stop: a watcher that, once aborted, cancels every task that is still going.
    let (stop, stop_reg) = AbortHandle::new_pair();
    let watcher = w.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if Abortable::new(std::future::pending::<()>(), stop_reg).await.is_err() && !watcher.all_ended() {
            watcher.stopped.set(true);
            for s in &watcher.slots {
                if let Some(a) = s.abort.borrow().as_ref() {
                    a.abort();
                }
            }
        }
    });
    let stop_after = stop.clone();
    wasm_bindgen_futures::spawn_local(async move {
        orchestrate(&w, sequential).await;
        let _ = done.send(());
        // Ends the watcher (every task has ended, so it cancels nothing).
        stop_after.abort();
    });
    stop
}

impl World {
    fn all_ended(&self) -> bool {
        self.slots.iter().all(|s| !s.started.get() || s.ended.get())
    }

    async fn until(&self, cond: impl Fn(&World) -> bool) {
        while !cond(self) {
            self.changed.notified().await;
        }
    }

    fn start_task(self: &Rc<Self>, i: usize) {
        let slot = &self.slots[i];
        slot.started.set(true);
        self.rec.push(TaskId(i as u32), EventKind::Spawned);
        let (handle, reg) = AbortHandle::new_pair();
        *slot.abort.borrow_mut() = Some(handle);
        let task = Abortable::new(run_task(self.clone(), i), reg);
        let w = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = task.await;
            // Cancelled before it was first polled: it never made a `TaskCtx` to record that.
            let slot = &w.slots[i];
            if result.is_err() && !slot.ended.get() {
                let id = TaskId(i as u32);
                if let Some(cause) = slot.cause.take() {
                    w.rec.push(id, EventKind::Cancelling { step: None, cause });
                }
                w.rec.push(id, EventKind::Cancelled { step: None });
                slot.ended.set(true);
                slot.ended_notify.notify_waiters();
                w.changed.notify_waiters();
            }
        });
    }

    fn cancel(&self, i: usize, cause: Cause) {
        let slot = &self.slots[i];
        if slot.started.get() && !slot.ended.get() {
            slot.cause.set(Some(cause));
            if let Some(a) = slot.abort.borrow().as_ref() {
                a.abort();
            }
        }
    }
}

/// Starts the top-level tasks, waits as the structure says, then cancels what is left (as
/// `asyncio.run` does when its main coroutine returns) and waits for every task to end.
async fn orchestrate(w: &Rc<World>, sequential: bool) {
    let children = w.scenario.children();
    let top: Vec<usize> = (0..children.len()).filter(|i| !children[*i]).collect();
    if sequential {
        for &i in &top {
            if w.stopped.get() {
                w.rec.push(TaskId(i as u32), EventKind::Cancelled { step: None });
                continue;
            }
            w.start_task(i);
            w.until(|w| w.slots[i].ended.get()).await;
        }
    } else {
        for &i in &top {
            w.start_task(i);
        }
        let all_top = |w: &World| top.iter().all(|i| w.slots[*i].ended.get());
        let failed = |w: &World| top.iter().copied().find(|i| w.slots[*i].failed.get());
        match w.scenario.structure {
            Structure::All | Structure::Gather { return_exceptions: true } => w.until(all_top).await,
            Structure::Gather { return_exceptions: false } => {
                w.until(|w| all_top(w) || failed(w).is_some()).await;
            }
            Structure::TaskGroup => {
                w.until(|w| all_top(w) || failed(w).is_some()).await;
                if let Some(f) = failed(w) {
                    for &i in &top {
                        w.cancel(i, Cause::GroupFailure(TaskId(f as u32)));
                    }
                    w.until(all_top).await;
                }
            }
        }
    }
    for i in 0..w.slots.len() {
        w.cancel(i, Cause::RunEnd);
    }
    w.until(World::all_ended).await;
}

async fn run_task(w: Rc<World>, i: usize) {
    let id = TaskId(i as u32);
    let spec = &w.scenario.tasks[i];
    let ctx = TaskCtx {
        w: w.clone(),
        id,
        step: Cell::new(None),
        done: Cell::new(false),
        held: RefCell::new(Vec::new()),
        withs: RefCell::new(Vec::new()),
        local: Cell::new(0),
    };
    if spec.start_delay_ms > 0.0 {
        ctx.push(EventKind::Awaiting { step: None, until_ms: w.rec.elapsed() + spec.start_delay_ms });
        sleep(spec.start_delay_ms).await;
        ctx.push(EventKind::Resumed { step: None });
    }
    match run_range(&ctx, 0, spec.steps.len()).await {
        Ok(()) => {
            ctx.done.set(true);
            ctx.push(EventKind::Finished);
        }
        Err(Raise(reason)) => {
            ctx.unwind_withs(None);
            ctx.done.set(true);
            w.slots[i].failed.set(true);
            ctx.push(EventKind::Failed { reason });
        }
    }
}

/// Runs steps `from..to` of the task (whole blocks only).
async fn run_range(ctx: &TaskCtx, from: usize, to: usize) -> Result<(), Raise> {
    let w = &ctx.w;
    let steps = &w.scenario.tasks[ctx.id.0 as usize].steps;
    let of = steps.len() as u32;
    let mut k = from;
    // The time a wait's `Resumed` was recorded at: the next step starts in the same breath (no
    // code of ours runs in between), so its `StepStarted` takes that time instead of asking the
    // clock again. One clock read per `sleep(0)` step instead of three.
    let mut resumed_at: Option<f64> = None;
    while k < to {
        let step = &steps[k];
        let k32 = k as u32;
        ctx.step.set(Some(k32));
        let started = resumed_at.take().unwrap_or_else(|| w.rec.elapsed());
        ctx.push_at(started, EventKind::StepStarted { step: k32, of, work: step.is_work() });
        match *step {
            Step::Work { ms } => match w.sizing {
                WorkSizing::Timed => {
                    busy::busy_for(ms, u64::from(ctx.id.0));
                }
                WorkSizing::Units { rounds_per_ms } => {
                    let rounds = (ms * rounds_per_ms as f64).round() as u64;
                    std::hint::black_box(engine::work::crunch(u64::from(ctx.id.0), rounds));
                }
            },
            Step::Wait { ms } => {
                // The wait starts as the step does: the same clock read.
                ctx.push_at(started, EventKind::Awaiting { step: Some(k32), until_ms: started + ms });
                sleep(ms).await;
                let now = w.rec.elapsed();
                ctx.push_at(now, EventKind::Resumed { step: Some(k32) });
                resumed_at = Some(now);
            }
            Step::Acquire { res } => {
                acquire(ctx, k32, res as usize, None).await;
            }
            Step::With { res } => {
                let lock = acquire(ctx, k32, res as usize, Some(k32)).await;
                ctx.withs.borrow_mut().push((k32, lock));
            }
            Step::Release { res } => {
                let lock = lock_of(w, res as usize);
                ctx.push(EventKind::Requested { step: k32, res: lock as u32, op: Op::Release });
                let pos = ctx.held.borrow().iter().rposition(|h| h.res == lock && h.guard.is_some());
                if let Some(p) = pos {
                    let h = ctx.held.borrow_mut().remove(p);
                    ctx.release(h);
                }
            }
            Step::End => {
                let top = ctx.withs.borrow().last().copied();
                if let Some((wk, res)) = top {
                    if w.ends[ctx.id.0 as usize][wk as usize] == k {
                        ctx.withs.borrow_mut().pop();
                        ctx.release_with(wk, res);
                    }
                }
            }
            Step::Timeout { ms } => {
                let end = w.ends[ctx.id.0 as usize][k];
                let t0 = w.rec.elapsed();
                // Boxed: a block inside a block is a future inside a future of the same function.
                let body: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Raise>> + '_>> =
                    Box::pin(run_range(ctx, k + 1, end));
                let timer = pin!(sleep(ms));
                match select(body, timer).await {
                    Either::Left((result, _)) => result?,
                    Either::Right(((), body)) => {
                        // The block's future is dropped here: that is the cancellation.
                        drop(body);
                        ctx.push(EventKind::Cancelling {
                            step: ctx.step.get(),
                            cause: Cause::Timeout { block: k32 },
                        });
                        ctx.unwind_withs(Some(k32));
                        ctx.push(EventKind::TimedOut { block: k32, after_ms: w.rec.elapsed() - t0 });
                    }
                }
                ctx.step.set(Some(end as u32));
                k = end + 1;
                w.rec.step_done();
                continue;
            }
            Step::WaitOn { res } => wait_on(ctx, k32, res as usize).await,
            Step::Set { res } | Step::Clear { res } => {
                let set = matches!(step, Step::Set { .. });
                let op = if set { Op::Set } else { Op::Clear };
                ctx.push(EventKind::Requested { step: k32, res, op });
                let r = &w.res[res as usize];
                let mut woke = Vec::new();
                if let Prim::Event { set: flag, notify } = &r.prim {
                    flag.set(set);
                    if set {
                        woke = r.waiters.wake(usize::MAX);
                        notify.notify_waiters();
                    }
                }
                ctx.push(EventKind::Signalled { res, op, woke });
            }
            Step::Notify { res, all } => {
                let op = if all { Op::NotifyAll } else { Op::Notify };
                ctx.push(EventKind::Requested { step: k32, res, op });
                let r = &w.res[res as usize];
                let woke = r.waiters.wake(if all { usize::MAX } else { 1 });
                if let Prim::Cond { notify, .. } = &r.prim {
                    // Only with a waiter: `notify_one` with none would store a permit, and a
                    // condition's notify with no waiter does nothing.
                    if all {
                        notify.notify_waiters();
                    } else if !woke.is_empty() {
                        notify.notify_one();
                    }
                }
                ctx.push(EventKind::Signalled { res, op, woke });
            }
            Step::Put { res } => put(ctx, k32, res as usize).await?,
            Step::Get { res } => get(ctx, k32, res as usize).await?,
            Step::Shutdown { res } => {
                ctx.push(EventKind::Requested { step: k32, res, op: Op::Shutdown });
                let mut woke = Vec::new();
                if let Prim::Queue(q) = &w.res[res as usize].prim {
                    // Dropping the last sender: gets drain what is left, then end; puts raise.
                    q.tx.borrow_mut().take();
                    woke = q.putters.wake(usize::MAX);
                    woke.extend(q.getters.wake(usize::MAX));
                    q.shut.notify_waiters();
                }
                ctx.push(EventKind::Signalled { res, op: Op::Shutdown, woke });
            }
            Step::Read { res } | Step::Write { res } => {
                let write = matches!(step, Step::Write { .. });
                let op = if write { Op::Write } else { Op::Read };
                ctx.push(EventKind::Requested { step: k32, res, op });
                if let Prim::Counter(c) = &w.res[res as usize].prim {
                    let value = if write {
                        c.set(ctx.local.get() + 1);
                        c.get()
                    } else {
                        ctx.local.set(c.get());
                        c.get()
                    };
                    ctx.push(EventKind::Granted { res, op, waited_ms: 0.0, value: Some(value) });
                }
            }
            Step::Spawn { task } => {
                ctx.push(EventKind::SpawnedChild { child: TaskId(task) });
                w.start_task(task as usize);
            }
            Step::Join { task } => {
                ctx.push(EventKind::Joining { step: k32, other: TaskId(task) });
                let slot = &w.slots[task as usize];
                while !slot.ended.get() {
                    slot.ended_notify.notified().await;
                }
                ctx.push(EventKind::Joined { other: TaskId(task) });
            }
            Step::Cancel { task } => {
                ctx.push(EventKind::CancelSent { target: TaskId(task) });
                w.cancel(task as usize, Cause::Task(ctx.id));
            }
            Step::Fail { ref message } => {
                let reason = if message.is_empty() { "failed".to_string() } else { message.clone() };
                w.rec.step_done();
                return Err(Raise(reason));
            }
        }
        w.rec.step_done();
        k += 1;
    }
    Ok(())
}

fn lock_of(w: &World, res: usize) -> usize {
    match w.res[res].prim {
        Prim::Cond { lock, .. } => lock,
        _ => res,
    }
}

/// Takes a lock or permit (a condition's lock for a condition); returns the lock's index.
async fn acquire(ctx: &TaskCtx, step: u32, res: usize, with_step: Option<u32>) -> usize {
    let w = &ctx.w;
    let lock = lock_of(w, res);
    let guard = take(ctx, Some(step), lock).await;
    ctx.held.borrow_mut().push(Held { res: lock, guard: Some(guard), with_step });
    lock
}

/// Requests, waits for if need be, and takes lock or semaphore `lock`, logging each stage.
async fn take(ctx: &TaskCtx, step: Option<u32>, lock: usize) -> Guard {
    let w = &ctx.w;
    let r = &w.res[lock];
    let res = lock as u32;
    // The request, the attempt and what it found (granted, or blocked) happen in one synchronous
    // stretch with nothing else running in between: one clock read stamps them all (a read is a
    // call out to `performance.now()`, most of an uncontended pair's cost).
    let t0 = w.rec.elapsed();
    if let Some(step) = step {
        ctx.push_at(t0, EventKind::Requested { step, res, op: Op::Acquire });
    }
    let ready = match &r.prim {
        Prim::Lock(m) => m.clone().try_lock_owned().ok().map(Guard::Lock),
        Prim::Sem(s) => s.clone().try_acquire_owned().ok().map(Guard::Permit),
        _ => None,
    };
    // tokio hands a released permit straight to the first waiter, so `try_*` never overtakes one.
    let (guard, waited_ms, t_granted) = match ready {
        Some(g) => (g, 0.0, t0),
        None => {
            ctx.push_at(t0, EventKind::Blocked { res, op: Op::Acquire, holders: r.holders.borrow().clone() });
            r.waiters.push(ctx.id);
            let _in_line = WaitGuard(&r.waiters, ctx.id);
            let g = match &r.prim {
                Prim::Lock(m) => Guard::Lock(m.clone().lock_owned().await),
                Prim::Sem(s) => match s.clone().acquire_owned().await {
                    Ok(p) => Guard::Permit(p),
                    Err(_) => std::future::pending().await,
                },
                _ => std::future::pending().await,
            };
            let t = w.rec.elapsed();
            (g, t - t0, t)
        }
    };
    r.holders.borrow_mut().push(ctx.id);
    ctx.push_at(t_granted, EventKind::Granted { res, op: Op::Acquire, waited_ms, value: None });
    guard
}

/// Waits for an event, at a barrier, or on a condition.
async fn wait_on(ctx: &TaskCtx, step: u32, res: usize) {
    let w = &ctx.w;
    let r = &w.res[res];
    let id = res as u32;
    ctx.push(EventKind::Requested { step, res: id, op: Op::Wait });
    let t0 = w.rec.elapsed();
    let blocked = |holders| EventKind::Blocked { res: id, op: Op::Wait, holders };
    match &r.prim {
        // An event already set lets the waiter through at once (the last arm).
        Prim::Event { set, notify } if !set.get() => {
            ctx.push(blocked(Vec::new()));
            r.waiters.push(ctx.id);
            let _in_line = WaitGuard(&r.waiters, ctx.id);
            notify.notified().await;
        }
        Prim::Barrier { barrier, parties, arrived } => {
            arrived.set(arrived.get() + 1);
            if arrived.get() < *parties {
                ctx.push(blocked(Vec::new()));
                r.waiters.push(ctx.id);
                let _in_line = WaitGuard(&r.waiters, ctx.id);
                barrier.wait().await;
            } else {
                arrived.set(0);
                let woke = r.waiters.wake(usize::MAX);
                ctx.push(EventKind::Signalled { res: id, op: Op::Wait, woke });
                barrier.wait().await;
            }
        }
        Prim::Cond { lock, notify } => {
            // Listen before letting go of the lock, so a notify in between is not missed.
            let mut notified = pin!(notify.notified());
            notified.as_mut().enable();
            let pos = ctx.held.borrow().iter().rposition(|h| h.res == *lock && h.guard.is_some());
            let Some(p) = pos else { return };
            let with_step = ctx.held.borrow()[p].with_step;
            let h = ctx.held.borrow_mut().remove(p);
            ctx.release(h);
            ctx.push(blocked(Vec::new()));
            r.waiters.push(ctx.id);
            {
                let _in_line = WaitGuard(&r.waiters, ctx.id);
                notified.await;
            }
            ctx.push(EventKind::Granted {
                res: id,
                op: Op::Wait,
                waited_ms: w.rec.elapsed() - t0,
                value: None,
            });
            // Then it takes the lock back before going on, as `await cond.wait()` does.
            let guard = take(ctx, None, *lock).await;
            ctx.held.borrow_mut().push(Held { res: *lock, guard: Some(guard), with_step });
            return;
        }
        _ => {}
    }
    ctx.push(EventKind::Granted { res: id, op: Op::Wait, waited_ms: w.rec.elapsed() - t0, value: None });
}

const SHUT_DOWN: &str = "QueueShutDown: the queue was shut down";

async fn put(ctx: &TaskCtx, step: u32, res: usize) -> Result<(), Raise> {
    let w = &ctx.w;
    let Prim::Queue(q) = &w.res[res].prim else { return Ok(()) };
    let id = res as u32;
    ctx.push(EventKind::Requested { step, res: id, op: Op::Put });
    let value = ctx.local.get();
    let raise = |ctx: &TaskCtx| {
        ctx.push(EventKind::Raised { res: id, op: Op::Put, error: SHUT_DOWN.into() });
        Err(Raise(SHUT_DOWN.into()))
    };
    let Some(tx) = q.tx.borrow().clone() else { return raise(ctx) };
    let t0 = w.rec.elapsed();
    let (ack_tx, ack_rx) = if q.capacity == 0 {
        let (a, b) = oneshot::channel();
        (Some(a), Some(b))
    } else {
        (None, None)
    };
    let mut item = Some((value, ack_tx));
    if q.capacity > 0 {
        if let Some(it) = item.take() {
            if let Err(mpsc::error::TrySendError::Full(it)) | Err(mpsc::error::TrySendError::Closed(it)) =
                tx.try_send(it)
            {
                item = Some(it);
            }
        }
    }
    if let Some(it) = item {
        // A full queue (or a rendezvous, which always waits for its getter): wait for room, or
        // for the shutdown that makes the put raise.
        ctx.push(EventKind::Blocked { res: id, op: Op::Put, holders: Vec::new() });
        q.putters.push(ctx.id);
        let _in_line = WaitGuard(&q.putters, ctx.id);
        let handed = async {
            if tx.send(it).await.is_err() {
                return false;
            }
            match ack_rx {
                Some(rx) => rx.await.is_ok(),
                None => true,
            }
        };
        match select(pin!(handed), pin!(q.shut.notified())).await {
            Either::Left((true, _)) => {}
            _ => return raise(ctx),
        }
    }
    drop(tx);
    ctx.local.set(value + 1);
    let woke = if q.capacity > 0 { q.getters.wake(1) } else { Vec::new() };
    ctx.push(EventKind::Granted {
        res: id,
        op: Op::Put,
        waited_ms: w.rec.elapsed() - t0,
        value: Some(value),
    });
    if !woke.is_empty() {
        ctx.push(EventKind::Signalled { res: id, op: Op::Put, woke });
    }
    Ok(())
}

async fn get(ctx: &TaskCtx, step: u32, res: usize) -> Result<(), Raise> {
    let w = &ctx.w;
    let Prim::Queue(q) = &w.res[res].prim else { return Ok(()) };
    let id = res as u32;
    ctx.push(EventKind::Requested { step, res: id, op: Op::Get });
    let t0 = w.rec.elapsed();
    // Getters take turns at the receiver in arrival order (tokio's Mutex is fair).
    let quick = match q.rx.try_lock() {
        Ok(mut rx) => match rx.try_recv() {
            Ok(it) => Some(Some(it)),
            Err(mpsc::error::TryRecvError::Disconnected) => Some(None),
            Err(mpsc::error::TryRecvError::Empty) => None,
        },
        Err(_) => None,
    };
    let item = match quick {
        Some(it) => it,
        None => {
            ctx.push(EventKind::Blocked { res: id, op: Op::Get, holders: Vec::new() });
            q.getters.push(ctx.id);
            let _in_line = WaitGuard(&q.getters, ctx.id);
            let mut rx = q.rx.lock().await;
            rx.recv().await
        }
    };
    let Some((value, ack)) = item else {
        ctx.push(EventKind::Raised { res: id, op: Op::Get, error: SHUT_DOWN.into() });
        return Err(Raise(SHUT_DOWN.into()));
    };
    ctx.local.set(value);
    // A getter frees a place (bounded) or completes a rendezvous: that wakes a waiting putter.
    let woke = q.putters.wake(1);
    if let Some(a) = ack {
        let _ = a.send(());
    }
    ctx.push(EventKind::Granted {
        res: id,
        op: Op::Get,
        waited_ms: w.rec.elapsed() - t0,
        value: Some(value),
    });
    if !woke.is_empty() {
        ctx.push(EventKind::Signalled { res: id, op: Op::Get, woke });
    }
    Ok(())
}

/// Benchmark hook (`e2e/bench/sync-wrapper.bench.mjs`, through `web::sync_bench`): `n`
/// acquire/release pairs of one lock through the recording wrapper (the runner's own `take` and
/// `release`: requested, blocked, granted and released recorded) when `recorded`, else on a bare
/// `tokio::sync::Mutex` (`lock_owned().await`, dropped); the time taken, ms. Uncontended: one task
/// takes and gives back the lock `n` times. `contended`: two tasks (joined in one future) each
/// take it `n / 2` times and yield once while holding it, so every acquisition waits for the
/// other's release and is handed over.
pub async fn bench_lock_pairs(n: u32, recorded: bool, contended: bool) -> f64 {
    use engine::scenario::TaskSpec;
    use engine::sync::Resource;
    let (tasks, each) = if contended { (2usize, n / 2) } else { (1, n) };
    if !recorded {
        let m = Arc::new(Mutex::new(()));
        let one = |m: Arc<Mutex<()>>| async move {
            for _ in 0..each {
                let g = m.clone().lock_owned().await;
                if contended {
                    YieldOnce(false).await;
                }
                drop(std::hint::black_box(g));
            }
        };
        let t0 = super::clock::now();
        if contended {
            futures::future::join(one(m.clone()), one(m)).await;
        } else {
            one(m).await;
        }
        return super::clock::now() - t0;
    }
    let spec = TaskSpec { name: "t".into(), start_delay_ms: 0.0, steps: vec![Step::Acquire { res: 0 }] };
    let scenario = Scenario {
        tasks: vec![spec; tasks],
        resources: vec![Resource { name: "L".into(), kind: ResourceKind::Lock }],
        structure: Structure::All,
    };
    let w = Rc::new(World {
        rec: Rc::new(Recorder::new(&scenario, engine::Lane::EventLoop)),
        scenario: scenario.clone(),
        sizing: WorkSizing::Timed,
        res: vec![Res {
            prim: Prim::Lock(Arc::new(Mutex::new(()))),
            holders: RefCell::new(Vec::new()),
            waiters: Waiters::default(),
        }],
        slots: (0..tasks).map(|_| Slot::default()).collect(),
        changed: Notify::new(),
        stopped: Cell::new(false),
        ends: vec![vec![usize::MAX]; tasks],
    });
    let ctxs: Vec<TaskCtx> = (0..tasks)
        .map(|i| TaskCtx {
            w: w.clone(),
            id: TaskId(i as u32),
            step: Cell::new(Some(0)),
            done: Cell::new(false),
            held: RefCell::new(Vec::new()),
            withs: RefCell::new(Vec::new()),
            local: Cell::new(0),
        })
        .collect();
    let t0 = super::clock::now();
    match &ctxs[..] {
        [a, b] => drop(futures::future::join(bench_pairs(a, each, true), bench_pairs(b, each, true)).await),
        [a, ..] => bench_pairs(a, each, false).await,
        [] => {}
    }
    super::clock::now() - t0
}

/// `n` recorded acquire/release pairs of lock 0 by `ctx` (see [`bench_lock_pairs`]).
async fn bench_pairs(ctx: &TaskCtx, n: u32, contended: bool) {
    for _ in 0..n {
        let guard = take(ctx, Some(0), 0).await;
        if contended {
            YieldOnce(false).await;
        }
        ctx.release(Held { res: 0, guard: Some(guard), with_step: None });
    }
    ctx.done.set(true);
}

/// Pending once (waking itself at once), then ready: a task yielding to the others.
struct YieldOnce(bool);

impl std::future::Future for YieldOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            std::task::Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}
