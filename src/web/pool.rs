//! A pool of real Web Workers: started once, reused by every run, replaced when one dies.
//!
//! A run puts the scenario's tasks in one queue ([`engine::pool::Dispatcher`]); each worker takes
//! the next task when it is free, runs it with real CPU work and its own timers, streams the
//! task's events (converted to the page's run clock) and returns a checksum. A worker that
//! panics, fails, cannot read a request or misses its deadline fails its task with the reason and
//! is replaced; the run goes on. If a replacement cannot start, the other workers go on with the
//! queue, and tasks no worker is left to run fail with that reason.

use super::clock;
use super::runner::Recorder;
use super::worker_client::{Limits, WorkerClient, WORKER_URL};
use super::worker_main::abs_now;
use engine::parallel::task_seed;
use engine::pool::Dispatcher;
use engine::protocol::{FromWorker, ToWorker};
use engine::{EventKind, EventLog, Lane, Scenario, TaskId};
use futures::channel::oneshot;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Most workers the page offers: `navigator.hardwareConcurrency` (at least 1).
pub fn hardware_concurrency() -> u32 {
    web_sys::window().map(|w| w.navigator().hardware_concurrency()).unwrap_or(1.0).max(1.0) as u32
}

/// A worker that had to be replaced during a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Replacement {
    /// Which worker (0-based).
    pub worker: u32,
    /// Why the old one died.
    pub reason: String,
    /// Start-up of the new one, ms (not counted in the run's time… but the run waited for it
    /// only if that worker had more tasks to take).
    pub startup_ms: f64,
}

/// The pool: live workers, and how long they took to start.
pub struct Pool {
    workers: RefCell<Vec<Rc<WorkerClient>>>,
    warm_ms: Cell<f64>,
    url: String,
    limits: Limits,
}

impl Pool {
    /// Starts `n` of the page's workers at once and waits until all are ready ("warm").
    pub async fn start(n: u32) -> Result<Rc<Pool>, String> {
        Self::start_at(WORKER_URL, n, Limits::default()).await
    }

    /// Starts `n` module workers from `url` at once, each within `limits`, and waits until all
    /// are ready; replacements come from the same `url`.
    pub async fn start_at(url: &str, n: u32, limits: Limits) -> Result<Rc<Pool>, String> {
        let t = clock::now();
        let ws = spawn_many(url, limits, n.max(1) as usize).await?;
        let warm_ms = clock::now() - t;
        Ok(Rc::new(Pool {
            workers: RefCell::new(ws.into_iter().map(Rc::new).collect()),
            warm_ms: Cell::new(warm_ms),
            url: url.to_string(),
            limits,
        }))
    }

    /// Number of live workers.
    pub fn size(&self) -> u32 {
        self.workers.borrow().len() as u32
    }

    /// Time from asking for the workers until the last was ready, at the last start or resize, ms.
    pub fn warm_ms(&self) -> f64 {
        self.warm_ms.get()
    }

    /// Each worker's own start-up time, ms.
    pub fn startups_ms(&self) -> Vec<f64> {
        self.workers.borrow().iter().map(|w| w.startup_ms).collect()
    }

    /// Worker `k`, if it exists.
    pub fn worker(&self, k: u32) -> Option<Rc<WorkerClient>> {
        self.workers.borrow().get(k as usize).cloned()
    }

    /// Grows the pool to `n` workers (the new ones start together) or shrinks it (the extra
    /// workers are terminated). Workers already running are kept.
    pub async fn resize(&self, n: u32) -> Result<(), String> {
        let n = n.max(1) as usize;
        let have = self.workers.borrow().len();
        if n < have {
            self.workers.borrow_mut().truncate(n);
        } else if n > have {
            let t = clock::now();
            let more = spawn_many(&self.url, self.limits, n - have).await?;
            self.warm_ms.set(clock::now() - t);
            self.workers.borrow_mut().extend(more.into_iter().map(Rc::new));
        }
        Ok(())
    }

    /// Replaces worker `k` with a fresh one; returns the new one's start-up time.
    pub async fn replace(&self, k: u32) -> Result<f64, String> {
        let fresh = Rc::new(WorkerClient::spawn_at(&self.url, self.limits).await?);
        let ms = fresh.startup_ms;
        if let Some(slot) = self.workers.borrow_mut().get_mut(k as usize) {
            *slot = fresh;
        }
        Ok(ms)
    }

    /// Sends a small message to worker `k` and back `times` times; the mean round trip, ms.
    pub async fn ping(&self, k: u32, times: u32) -> Result<f64, String> {
        let w = self.worker(k).ok_or("no such worker")?;
        let t = clock::now();
        for _ in 0..times.max(1) {
            let id = w.next_id();
            match w.request(id, &ToWorker::Ping { id }).await? {
                FromWorker::Pong { .. } => {}
                other => return Err(format!("unexpected answer {other:?}")),
            }
        }
        Ok((clock::now() - t) / f64::from(times.max(1)))
    }

    /// Asks worker `k` how many hash-chain rounds it does per ms (computing for `sample_ms`).
    pub async fn calibrate(&self, k: u32, sample_ms: f64) -> Result<u64, String> {
        let w = self.worker(k).ok_or("no such worker")?;
        let id = w.next_id();
        match w.request(id, &ToWorker::Calibrate { id, sample_ms }).await? {
            FromWorker::Calibrated { rounds_per_ms, .. } => Ok(rounds_per_ms),
            other => Err(format!("unexpected answer {other:?}")),
        }
    }

    /// Starts running `scenario` on the first `workers` workers of the pool (growing it if
    /// needed), each unit of work being `rounds_per_ms` rounds. If `panic_on` names a worker,
    /// that worker panics on the first task it gets (the page's test control).
    pub fn run(
        self: &Rc<Self>,
        scenario: &Scenario,
        workers: u32,
        rounds_per_ms: u64,
        panic_on: Option<u32>,
    ) -> PoolRun {
        let rec = Rc::new(Recorder::new(scenario, Lane::Worker(0)));
        // The absolute time of the run's t = 0: worker clocks are converted with it.
        let origin = abs_now() - rec.elapsed();
        let n = workers.max(1);
        let state = Rc::new(RunState {
            dispatcher: RefCell::new(Dispatcher::new(scenario.tasks.len(), n as usize)),
            checksums: RefCell::new(vec![None; scenario.tasks.len()]),
            replaced: RefCell::new(Vec::new()),
            stopped: Cell::new(false),
            panic_on: Cell::new(panic_on),
            steps_done: Cell::new(0),
            no_worker: RefCell::new(None),
        });
        let (done_tx, done_rx) = oneshot::channel();
        // Locks, semaphores and counters live in one shared buffer every worker of the run maps.
        let kinds: Vec<engine::sync::ResourceKind> = scenario.resources.iter().map(|r| r.kind).collect();
        let refusal = scenario.parallel_refusal().or_else(|| {
            (!kinds.is_empty()).then(super::shared_memory::shared_memory_available).and_then(Result::err)
        });
        if let Some(reason) = refusal {
            // What cannot cross workers is refused visibly, never run with steps skipped.
            for i in 0..scenario.tasks.len() {
                rec.push(TaskId(i as u32), EventKind::Failed { reason: reason.clone() });
            }
            let _ = done_tx.send(());
            return PoolRun {
                rec,
                state,
                pool: self.clone(),
                done: RefCell::new(Some(done_rx)),
                total_steps: scenario.total_steps(),
            };
        }
        let shared = (!kinds.is_empty()).then(|| Rc::new((super::shared_sync::shared_buffer(&kinds), kinds)));
        let (pool, st, r, sc) = (self.clone(), state.clone(), rec.clone(), scenario.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if pool.size() < n {
                if let Err(e) = pool.resize(n).await {
                    st.no_worker.borrow_mut().get_or_insert(e);
                }
            }
            let drivers = (0..n.min(pool.size())).map(|k| {
                drive(
                    pool.clone(),
                    st.clone(),
                    r.clone(),
                    sc.clone(),
                    k,
                    origin,
                    rounds_per_ms,
                    shared.clone(),
                )
            });
            futures::future::join_all(drivers).await;
            // Tasks still queued never ran: cancelled if the reader pressed Stop, failed (with
            // the reason) if no worker was left to run them.
            let no_worker = st.no_worker.borrow().clone();
            for t in st.dispatcher.borrow_mut().drain_queue() {
                let kind = match (&no_worker, st.stopped.get()) {
                    (Some(reason), false) => {
                        EventKind::Failed { reason: format!("no worker could run it: {reason}") }
                    }
                    _ => EventKind::Cancelled { step: None },
                };
                r.push(t, kind);
            }
            let _ = done_tx.send(());
        });
        PoolRun {
            rec,
            state,
            pool: self.clone(),
            done: RefCell::new(Some(done_rx)),
            total_steps: scenario.total_steps(),
        }
    }
}

/// What one run of a simulated server measured (chapter 7's page).
#[derive(Clone, Debug, PartialEq)]
pub struct Served {
    /// Each request's latency: from the moment all requests arrived to its response, ms.
    pub latencies_ms: Vec<f64>,
    /// From the arrival to the last response, ms.
    pub wall_ms: f64,
    /// CPU time the workers spent on the requests' work, by their clocks, ms.
    pub work_ms: f64,
}

impl Pool {
    /// Serves `requests` simulated requests that all arrive now, each `work_ms` of CPU work and
    /// then `io_ms` of I/O ([`ToWorker::Serve`]): with `workers: Some(k)`, by `k` synchronous
    /// workers (the pool grows if needed) sharing one request queue in shared memory, each
    /// blocking in `Atomics.wait` for a request's I/O; with `None`, by worker 1's event loop,
    /// awaiting every request's I/O at once. Times come from the workers' clocks.
    pub async fn serve(
        &self,
        workers: Option<u32>,
        requests: u32,
        work_ms: f64,
        io_ms: f64,
        rounds_per_ms: u64,
    ) -> Result<Served, String> {
        let k = workers.unwrap_or(1).max(1);
        if self.size() < k {
            self.resize(k).await?;
        }
        let queue = match workers {
            Some(_) => {
                super::shared_memory::shared_memory_available()?;
                // Word 0: the next request to take; word 1: what a blocked worker waits on.
                Some(JsValue::from(js_sys::SharedArrayBuffer::new(8)))
            }
            None => None,
        };
        let arrived = abs_now();
        let asks = (0..k).map(|w| {
            let queue = queue.clone();
            async move {
                let worker = self.worker(w).ok_or("no such worker")?;
                let id = worker.next_id();
                let blocking = queue.is_some();
                let req = ToWorker::Serve { id, requests, work_ms, io_ms, rounds_per_ms, blocking };
                match worker.request_with(id, &req, queue.as_ref(), false).await? {
                    (FromWorker::Served { ends_ms, work_ms: spent, .. }, _) => Ok((ends_ms, spent)),
                    (FromWorker::Error { message, .. }, _) => Err(message),
                    (other, _) => Err(format!("unexpected answer {other:?}")),
                }
            }
        });
        let answers = futures::future::try_join_all(asks).await?;
        let work_ms = answers.iter().map(|a| a.1).sum();
        let ends: Vec<f64> = answers.into_iter().flat_map(|a| a.0).collect();
        if ends.len() != requests as usize {
            return Err(format!("the server answered {} of {requests} requests", ends.len()));
        }
        let latencies_ms: Vec<f64> = ends.iter().map(|e| e - arrived).collect();
        let wall_ms = latencies_ms.iter().copied().fold(0.0, f64::max);
        Ok(Served { latencies_ms, wall_ms, work_ms })
    }
}

/// Starts `n` workers at once; resolves when all are ready.
async fn spawn_many(url: &str, limits: Limits, n: usize) -> Result<Vec<WorkerClient>, String> {
    let all = futures::future::join_all((0..n).map(|_| WorkerClient::spawn_at(url, limits))).await;
    all.into_iter().collect()
}

struct RunState {
    dispatcher: RefCell<Dispatcher>,
    checksums: RefCell<Vec<Option<u64>>>,
    replaced: RefCell<Vec<Replacement>>,
    stopped: Cell<bool>,
    panic_on: Cell<Option<u32>>,
    steps_done: Cell<usize>,
    /// Why a worker the run needed could not be started (its driver stopped taking tasks).
    no_worker: RefCell<Option<String>>,
}

/// The run's shared buffer and the resources laid out in it.
type SharedRes = Rc<(JsValue, Vec<engine::sync::ResourceKind>)>;

/// Worker `k`'s loop: take the next task from the queue while there is one, run it, record it.
#[allow(clippy::too_many_arguments)]
async fn drive(
    pool: Rc<Pool>,
    st: Rc<RunState>,
    rec: Rc<Recorder>,
    sc: Scenario,
    k: u32,
    origin: f64,
    rounds_per_ms: u64,
    shared: Option<SharedRes>,
) {
    let lane = Lane::Worker(k);
    loop {
        if st.stopped.get() {
            return;
        }
        let Some(task) = st.dispatcher.borrow_mut().take(k) else { return };
        let Some(w) = pool.worker(k) else { return };
        let spec = sc.tasks[task.0 as usize].clone();
        // The step the task is at, for "cancelled at step k" if the run is stopped.
        let at_step = Rc::new(Cell::new(None::<u32>));
        {
            let (rec, at_step, st) = (rec.clone(), at_step.clone(), st.clone());
            w.set_on_event(move |m| {
                if let FromWorker::TaskEvent { at_ms, kind, .. } = m {
                    let kind = match kind.clone() {
                        EventKind::Awaiting { step, until_ms } => {
                            EventKind::Awaiting { step, until_ms: until_ms - origin }
                        }
                        EventKind::StepStarted { step, of, work } => {
                            if at_step.get().is_some() {
                                st.steps_done.set(st.steps_done.get() + 1);
                            }
                            at_step.set(Some(step));
                            EventKind::StepStarted { step, of, work }
                        }
                        EventKind::Finished => {
                            st.steps_done.set(st.steps_done.get() + usize::from(at_step.get().is_some()));
                            EventKind::Finished
                        }
                        other => other,
                    };
                    rec.push_at(at_ms - origin, task, lane, kind);
                }
            });
        }
        rec.push_at(rec.elapsed(), task, lane, EventKind::Spawned);
        let panic = st.panic_on.get() == Some(k);
        if panic {
            st.panic_on.set(None);
        }
        let id = w.next_id();
        let seed = task_seed(task.0);
        let answer = match (&shared, panic) {
            // With resources the task runs on the run's shared memory (src/web/shared_sync.rs).
            (Some(sh), false) => {
                let resources = sh.1.clone();
                let req = ToWorker::RunShared { id, task: task.0, spec, seed, rounds_per_ms, resources };
                w.request_with(id, &req, Some(&sh.0), false).await.map(|(a, _)| a)
            }
            _ => {
                w.request(id, &ToWorker::RunTask { id, task: task.0, spec, seed, rounds_per_ms, panic }).await
            }
        };
        w.clear_on_event();
        match answer {
            Ok(FromWorker::TaskDone { checksum, .. }) => {
                st.checksums.borrow_mut()[task.0 as usize] = Some(checksum)
            }
            Ok(FromWorker::Error { message, .. }) => {
                rec.push_at(rec.elapsed(), task, lane, EventKind::Failed { reason: message })
            }
            Ok(other) => rec.push_at(
                rec.elapsed(),
                task,
                lane,
                EventKind::Failed { reason: format!("unexpected answer {other:?}") },
            ),
            Err(reason) => {
                let kind = if st.stopped.get() {
                    EventKind::Cancelled { step: at_step.get() }
                } else {
                    EventKind::Failed { reason: reason.clone() }
                };
                rec.push_at(rec.elapsed(), task, lane, kind);
                match pool.replace(k).await {
                    Ok(startup_ms) => {
                        st.replaced.borrow_mut().push(Replacement { worker: k, reason, startup_ms })
                    }
                    Err(e) => {
                        // The other workers go on with the queue; if none is left, the tasks
                        // still queued fail with this reason when the run ends.
                        let reason = format!("worker {} could not be replaced: {e}", k + 1);
                        st.no_worker.borrow_mut().get_or_insert(reason);
                        st.dispatcher.borrow_mut().finish(k);
                        return;
                    }
                }
            }
        }
        st.dispatcher.borrow_mut().finish(k);
    }
}

/// What a finished pool run produced.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolOutcome {
    /// Every event, on the run's clock, one lane per worker.
    pub log: EventLog,
    /// Each task's checksum as its worker returned it (`None`: failed or never ran).
    pub checksums: Vec<Option<u64>>,
    /// Workers replaced during the run.
    pub replaced: Vec<Replacement>,
    /// Which worker ran which task, in the order the queue gave them out.
    pub assignments: Vec<(TaskId, u32)>,
}

/// A pool run in progress.
pub struct PoolRun {
    rec: Rc<Recorder>,
    state: Rc<RunState>,
    pool: Rc<Pool>,
    done: RefCell<Option<oneshot::Receiver<()>>>,
    total_steps: usize,
}

impl PoolRun {
    /// The recorder the page reads while the run goes on.
    pub fn recorder(&self) -> Rc<Recorder> {
        self.rec.clone()
    }

    /// Steps done and steps in all, for a progress bar.
    pub fn progress(&self) -> (usize, usize) {
        (self.state.steps_done.get(), self.total_steps)
    }

    /// Stops the run: nothing more is taken from the queue, and every worker that is running a
    /// task is terminated (its task is logged as cancelled) and replaced by a fresh one.
    pub fn stop(&self) {
        self.state.stopped.set(true);
        let busy: Vec<u32> = (0..self.pool.size())
            .filter(|k| self.state.dispatcher.borrow().running_on(*k).is_some())
            .collect();
        for k in busy {
            if let Some(w) = self.pool.worker(k) {
                w.terminate("stopped by the reader");
            }
        }
    }

    /// Waits until every task finished, failed or was cancelled (callable once; later calls
    /// return at once). Takes `&self` so the run can still be stopped meanwhile.
    pub async fn wait(&self) {
        let rx = self.done.borrow_mut().take();
        if let Some(rx) = rx {
            let _ = rx.await;
        }
    }

    /// Workers replaced so far in this run.
    pub fn replaced(&self) -> Vec<Replacement> {
        self.state.replaced.borrow().clone()
    }

    /// Waits as [`PoolRun::wait`] does, then returns what the run produced (a copy of its log).
    pub async fn finished(&self) -> PoolOutcome {
        self.wait().await;
        PoolOutcome {
            log: self.rec.take_log(),
            checksums: self.state.checksums.borrow().clone(),
            replaced: self.state.replaced.borrow().clone(),
            assignments: self.state.dispatcher.borrow().assignments().to_vec(),
        }
    }
}
