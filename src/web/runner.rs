//! The event-loop runner: runs a [`Scenario`] for real on the page's event loop.
//!
//! Each task is an `async` block: CPU work is a real busy loop ([`busy::busy_for`]), a wait is a
//! real `setTimeout` timer (gloo-timers). In [`RunMode::Concurrent`] every task is handed to the
//! browser's executor with `wasm_bindgen_futures::spawn_local` at once; in [`RunMode::Sequential`]
//! one future awaits each task in turn. Every transition is stamped with `performance.now()`
//! into an [`EventLog`] that the page reads while the run goes on.

use super::log_view::{LogView, SharedLog};
use super::{busy, clock};
use engine::{EventKind, EventLog, Lane, RunMode, Scenario, TaskId, TaskSpec};
use futures::channel::oneshot;
use futures::future::{select, AbortHandle, Abortable, Either};
use gloo_timers::future::TimeoutFuture;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// How CPU work is sized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum WorkSizing {
    /// Spin until the step's milliseconds have passed on the clock (what "block for N ms" means).
    Timed,
    /// Do a fixed amount of computation: `ms × rounds_per_ms` rounds, calibrated at page load so
    /// one unit is about 1 ms here. The same units take the same work on any thread, which is
    /// what a fair sequential / concurrent / parallel comparison needs.
    Units {
        /// Rounds of the hash chain per unit (per calibrated millisecond).
        rounds_per_ms: u64,
    },
}

/// Records events of a run, stamped with milliseconds since the run started.
pub struct Recorder {
    t0: Cell<f64>,
    lane: Lane,
    log: Rc<SharedLog>,
    steps_done: Cell<usize>,
    /// Called after every event is recorded (see [`Recorder::on_push`]).
    on_push: RefCell<Option<Rc<dyn Fn()>>>,
}

impl Recorder {
    /// A recorder for this scenario whose clock starts now.
    pub fn new(scenario: &Scenario, lane: Lane) -> Self {
        let mut log = EventLog::for_scenario(scenario);
        // Room for the events a run of it records (up to a bound), so the log is not copied
        // again and again as it doubles while the run goes on.
        log.events.reserve(expected_events(scenario).min(MAX_RESERVED_EVENTS));
        Self {
            t0: Cell::new(clock::now()),
            lane,
            log: Rc::new(SharedLog::new(log)),
            steps_done: Cell::new(0),
            on_push: RefCell::new(None),
        }
    }

    /// The lane this recorder stamps on the events of [`Recorder::push`].
    pub fn lane(&self) -> Lane {
        self.lane
    }

    /// Milliseconds since the run started.
    pub fn elapsed(&self) -> f64 {
        clock::now() - self.t0.get()
    }

    /// Starts the run's clock again, now (before anything is recorded).
    fn restart_clock(&self) {
        self.t0.set(clock::now());
    }

    /// Records that `task` did `kind`, now.
    pub fn push(&self, task: TaskId, kind: EventKind) {
        let t = self.elapsed();
        self.log.append(|l| l.push(t, task, self.lane, kind));
        self.notify();
    }

    /// Has `f` called after every event recorded from now on, in the same turn as the event
    /// (a live deadlock detector stops the run before anything else runs). `f` reads the log
    /// through [`Recorder::with_log`]; it must not record events itself.
    pub fn on_push(&self, f: impl Fn() + 'static) {
        *self.on_push.borrow_mut() = Some(Rc::new(f));
    }

    fn notify(&self) {
        let f = self.on_push.borrow().clone();
        if let Some(f) = f {
            f();
        }
    }

    /// Records that `task` did `kind` on `lane` at run time `t_ms` (ms since the run started),
    /// for events that happened elsewhere, e.g. in a Web Worker, and were converted to this clock.
    pub fn push_at(&self, t_ms: f64, task: TaskId, lane: Lane, kind: EventKind) {
        self.log.append(|l| l.push(t_ms, task, lane, kind));
        self.notify();
    }

    /// Calls `f` with the log so far.
    pub fn with_log<R>(&self, f: impl FnOnce(&EventLog) -> R) -> R {
        self.log.read(f)
    }

    /// What views show of the log now: a handle and a length, not a copy (cheap every frame).
    pub fn view(&self) -> LogView {
        LogView::of_shared(&self.log)
    }

    /// The log itself, shared (to tell which log a view shows: [`LogView::is_of`]).
    pub fn shared(&self) -> Rc<SharedLog> {
        self.log.clone()
    }

    /// The complete log at the end of a run, moved out of the recorder, not copied; views
    /// made during the run go on reading it. Nothing is recorded after.
    pub fn seal(&self) -> Rc<EventLog> {
        self.log.seal()
    }

    /// Number of events recorded so far.
    pub fn len(&self) -> usize {
        self.log.len()
    }

    /// Whether nothing has been recorded yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Steps completed so far, over all tasks.
    pub fn steps_done(&self) -> usize {
        self.steps_done.get()
    }

    /// Counts one more step completed.
    pub(super) fn step_done(&self) {
        self.steps_done.set(self.steps_done.get() + 1);
    }

    /// A copy of the whole log at the end of a run (sealing it: see [`Recorder::seal`]).
    pub fn take_log(&self) -> EventLog {
        (*self.seal()).clone()
    }
}

/// Most events a recorder makes room for before the run (a million); a bigger run grows its log.
const MAX_RESERVED_EVENTS: usize = 1 << 20;

/// About how many events a run of `scenario` records: a task's spawn and end, two for a start
/// delay, one for a step of work and three for a wait (other steps record about as many).
fn expected_events(scenario: &Scenario) -> usize {
    scenario
        .tasks
        .iter()
        .map(|t| {
            let delay = if t.start_delay_ms > 0.0 { 2 } else { 0 };
            let steps: usize = t.steps.iter().map(|s| if s.is_work() { 1 } else { 3 }).sum();
            2 + delay + steps
        })
        .sum()
}

/// Marks a task cancelled if its future is dropped before it finished (that is how Stop works:
/// dropping a future is cancelling it, in Rust as with `task.cancel()` in asyncio).
struct CancelGuard {
    rec: Rc<Recorder>,
    task: TaskId,
    step: Cell<Option<u32>>,
    done: Cell<bool>,
}

impl Drop for CancelGuard {
    fn drop(&mut self) {
        if !self.done.get() {
            self.rec.push(self.task, EventKind::Cancelled { step: self.step.get() });
        }
    }
}

/// Awaits a real `setTimeout` of `ms` milliseconds. A wait of 0 ms only yields, like
/// `await asyncio.sleep(0)`: the task wakes itself and returns to the executor, which polls it
/// again on its next turn — a fresh microtask (wasm-bindgen-futures runs the tasks woken during
/// a turn in the next `queueMicrotask` tick), after the other ready tasks. Not `setTimeout(0)`,
/// because browsers clamp nested timers to 4 ms and that would not be "zero"; and not awaiting a
/// resolved promise, which costs two JS closures per step for the same one-microtask yield.
pub(super) async fn sleep(ms: f64) {
    if ms <= 0.0 {
        return YieldNow(false).await;
    }
    TimeoutFuture::new(ms.round().clamp(1.0, u32::MAX as f64) as u32).await;
}

/// Pending once (after waking itself), then ready: one trip through the executor's queue.
struct YieldNow(bool);

impl std::future::Future for YieldNow {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}

/// Benchmark hook (`e2e/bench/runner.bench.mjs`, through `web::sync_bench`): the milliseconds
/// one task takes to await `n` zero-millisecond sleeps on the page's executor with nothing
/// recorded, reading the clock once per step when `clock` is set (as the runner does). The floor
/// under the runner's per-step cost: each yield is the executor's own trip through a microtask
/// (wasm to `queueMicrotask` and back into wasm), which a bare JavaScript chain does not pay.
pub async fn bench_yields(n: u32, clock: bool) -> f64 {
    let t0 = clock::now();
    let mut sum = 0.0;
    for _ in 0..n {
        if clock {
            sum += clock::now();
        }
        sleep(0.0).await;
    }
    std::hint::black_box(sum);
    clock::now() - t0
}

/// One task, exactly as the runner executes it (the page's code view shows this function).
async fn run_task(rec: Rc<Recorder>, id: TaskId, spec: TaskSpec, sizing: WorkSizing) {
    let guard = CancelGuard { rec: rec.clone(), task: id, step: Cell::new(None), done: Cell::new(false) };
    if spec.start_delay_ms > 0.0 {
        rec.push(id, EventKind::Awaiting { step: None, until_ms: rec.elapsed() + spec.start_delay_ms });
        sleep(spec.start_delay_ms).await;
        rec.push(id, EventKind::Resumed { step: None });
    }
    let of = spec.steps.len() as u32;
    // The time a wait's `Resumed` was recorded at: the next step starts in the same breath (no
    // code of ours runs in between), so its `StepStarted` takes that time instead of asking the
    // clock again. With the wait's own start, one clock read per `sleep(0)` step, not three.
    let mut resumed_at: Option<f64> = None;
    for (k, step) in spec.steps.iter().enumerate() {
        let k = k as u32;
        guard.step.set(Some(k));
        let started = resumed_at.take().unwrap_or_else(|| rec.elapsed());
        rec.push_at(started, id, rec.lane, EventKind::StepStarted { step: k, of, work: step.is_work() });
        match *step {
            engine::Step::Work { ms } => match sizing {
                WorkSizing::Timed => {
                    busy::busy_for(ms, u64::from(id.0));
                }
                WorkSizing::Units { rounds_per_ms } => {
                    let rounds = (ms * rounds_per_ms as f64).round() as u64;
                    std::hint::black_box(engine::work::crunch(u64::from(id.0), rounds));
                }
            },
            engine::Step::Wait { ms } => {
                // The wait starts as the step does: one clock read for both events and the deadline.
                rec.push_at(
                    started,
                    id,
                    rec.lane,
                    EventKind::Awaiting { step: Some(k), until_ms: started + ms },
                );
                sleep(ms).await;
                let now = rec.elapsed();
                rec.push_at(now, id, rec.lane, EventKind::Resumed { step: Some(k) });
                resumed_at = Some(now);
            }
            // Scenarios with other steps run in `super::sync` (`Scenario::uses_sync`).
            _ => {}
        }
        rec.steps_done.set(rec.steps_done.get() + 1);
    }
    guard.done.set(true);
    rec.push(id, EventKind::Finished);
}

/// A run in progress. Dropping it does not stop it; call [`Run::stop`].
pub struct Run {
    rec: Rc<Recorder>,
    aborts: Vec<AbortHandle>,
    done: Option<oneshot::Receiver<()>>,
    total_steps: usize,
}

impl Run {
    /// Starts running `scenario` on the page's event loop, now, with timed CPU work.
    pub fn start(scenario: &Scenario, mode: RunMode) -> Run {
        Self::start_with(scenario, mode, WorkSizing::Timed)
    }

    /// Starts running `scenario` on the page's event loop, now.
    pub fn start_with(scenario: &Scenario, mode: RunMode, sizing: WorkSizing) -> Run {
        let rec = Rc::new(Recorder::new(scenario, Lane::EventLoop));
        let (done_tx, done_rx) = oneshot::channel();
        let aborts = launch(scenario, mode, sizing, rec.clone(), done_tx);
        Run { rec, aborts, done: Some(done_rx), total_steps: scenario.total_steps() }
    }

    /// Like [`Run::start`], but the run begins on the executor's next turn (its clock starts and
    /// its tasks are spawned then), not in this one. What the caller queued in this turn goes
    /// first: the playground's own render of the page on Run, which Yew queues on the same
    /// executor, would otherwise land between the tasks' spawn and their first steps, and hold
    /// every task of the run for as long as it takes (10–25 ms: more than a 10,000-step run's
    /// own work). Stopped before it began, every task is logged as cancelled before its start.
    pub fn start_next_turn(scenario: &Scenario, mode: RunMode) -> Run {
        let rec = Rc::new(Recorder::new(scenario, Lane::EventLoop));
        let (done_tx, done_rx) = oneshot::channel();
        let (stop, stop_reg) = AbortHandle::new_pair();
        let (s, r) = (scenario.clone(), rec.clone());
        wasm_bindgen_futures::spawn_local(async move {
            // Resolves (as aborted) when the run is stopped.
            let mut stopped = std::pin::pin!(Abortable::new(std::future::pending::<()>(), stop_reg));
            if let Either::Right(_) = select(YieldNow(false), stopped.as_mut()).await {
                for i in 0..s.tasks.len() {
                    r.push(TaskId(i as u32), EventKind::Cancelled { step: None });
                }
                let _ = done_tx.send(());
                return;
            }
            r.restart_clock();
            let (ended_tx, ended_rx) = oneshot::channel();
            let aborts = launch(&s, mode, WorkSizing::Timed, r, ended_tx);
            if let Either::Right((_, ended)) = select(ended_rx, stopped).await {
                for a in &aborts {
                    a.abort();
                }
                let _ = ended.await;
            }
            let _ = done_tx.send(());
        });
        Run { rec, aborts: vec![stop], done: Some(done_rx), total_steps: scenario.total_steps() }
    }

    /// The recorder the page reads while the run goes on.
    pub fn recorder(&self) -> Rc<Recorder> {
        self.rec.clone()
    }

    /// Steps done and steps in all, for the progress bar.
    pub fn progress(&self) -> (usize, usize) {
        (self.rec.steps_done(), self.total_steps)
    }

    /// A handle that stops this run, usable after [`Run::finished`] took the run.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.aborts.clone())
    }

    /// Cancels every pending task: their futures are dropped and the log says where each was.
    pub fn stop(&self) {
        for a in &self.aborts {
            a.abort();
        }
    }

    /// Waits until every task finished or was cancelled, then returns the log.
    pub async fn finished(self) -> EventLog {
        (*self.finished_shared().await).clone()
    }

    /// Waits until every task finished or was cancelled, then returns the sealed log without
    /// copying it (see [`Recorder::seal`]).
    pub async fn finished_shared(mut self) -> Rc<EventLog> {
        if let Some(rx) = self.done.take() {
            let _ = rx.await;
        }
        self.rec.seal()
    }
}

/// Spawns the tasks of a run of `scenario` on the event loop, recording into `rec`; `done` is
/// sent once every task has ended. Returns the handles that stop them.
fn launch(
    scenario: &Scenario,
    mode: RunMode,
    sizing: WorkSizing,
    rec: Rc<Recorder>,
    done_tx: oneshot::Sender<()>,
) -> Vec<AbortHandle> {
    let mut aborts = Vec::new();
    if scenario.uses_sync() && mode != RunMode::Parallel {
        aborts.push(super::sync::start(scenario, mode == RunMode::Sequential, sizing, rec, done_tx));
        return aborts;
    }
    match mode {
        RunMode::Concurrent => {
            let mut finished = Vec::new();
            for (i, spec) in scenario.tasks.iter().cloned().enumerate() {
                let id = TaskId(i as u32);
                let (handle, reg) = AbortHandle::new_pair();
                let (tx, rx) = oneshot::channel::<()>();
                rec.push(id, EventKind::Spawned);
                let task = Abortable::new(run_task(rec.clone(), id, spec, sizing), reg);
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = task.await;
                    let _ = tx.send(());
                });
                aborts.push(handle);
                finished.push(rx);
            }
            // Completes when every task finished or was cancelled (a dropped sender).
            wasm_bindgen_futures::spawn_local(async move {
                futures::future::join_all(finished).await;
                let _ = done_tx.send(());
            });
        }
        RunMode::Sequential => {
            let (handle, reg) = AbortHandle::new_pair();
            let tasks = scenario.tasks.clone();
            let r = rec.clone();
            let all = Abortable::new(
                async move {
                    let next = Rc::new(Cell::new(0usize));
                    let _never_started = NeverStarted { rec: r.clone(), next: next.clone(), n: tasks.len() };
                    for (i, spec) in tasks.into_iter().enumerate() {
                        next.set(i + 1);
                        let id = TaskId(i as u32);
                        r.push(id, EventKind::Spawned);
                        run_task(r.clone(), id, spec, sizing).await;
                    }
                },
                reg,
            );
            wasm_bindgen_futures::spawn_local(async move {
                let _ = all.await;
                let _ = done_tx.send(());
            });
            aborts.push(handle);
        }
        RunMode::Parallel => {
            // The event loop cannot run tasks in parallel; the pool does. Rather than quietly
            // running them some other way, every task fails with the reason, visibly.
            for i in 0..scenario.tasks.len() {
                let reason = "parallel runs go to the worker pool (web::pool::Pool::run)".to_string();
                rec.push(TaskId(i as u32), EventKind::Failed { reason });
            }
            let _ = done_tx.send(());
        }
    }
    aborts
}

/// Stops a run from anywhere (a Stop button), even while something awaits [`Run::finished`].
#[derive(Clone)]
pub struct Stopper(Vec<AbortHandle>);

impl Stopper {
    /// Cancels every pending task of the run, as [`Run::stop`] does.
    pub fn stop(&self) {
        for a in &self.0 {
            a.abort();
        }
    }
}

/// In a sequential run that is stopped, the tasks never reached are logged as cancelled too.
struct NeverStarted {
    rec: Rc<Recorder>,
    next: Rc<Cell<usize>>,
    n: usize,
}

impl Drop for NeverStarted {
    fn drop(&mut self) {
        for i in self.next.get()..self.n {
            self.rec.push(TaskId(i as u32), EventKind::Cancelled { step: None });
        }
    }
}

/// Runs `scenario` to the end and returns its log.
pub async fn run_to_end(scenario: &Scenario, mode: RunMode) -> EventLog {
    Run::start(scenario, mode).finished().await
}
