//! Shared memory between the pool's workers (issue 5's demos): a `SharedArrayBuffer` sent to
//! several workers at once is *shared*, not copied — like threads of one process.
//!
//! - [`race`]: k workers increment one shared counter; plain read-then-write loses updates,
//!   `Atomics.add` never does.
//! - [`gil_run`]: a scenario's tasks on k workers under one global lock in shared memory
//!   (a "GIL" with a switch interval), or without it, with every event on one run clock.
//!
//! Both need cross-origin isolation (COOP/COEP headers); [`shared_memory_available`] says why not.

use super::pool::Pool;
use super::runner::Recorder;
use super::worker_main::abs_now;
use engine::parallel::task_seed;
use engine::protocol::{FromWorker, ToWorker};
use engine::{EventKind, EventLog, Lane, Scenario, TaskId};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// `Ok` if this page may create a `SharedArrayBuffer`; otherwise the reason, for the page to show.
pub fn shared_memory_available() -> Result<(), String> {
    let isolated = js_sys::Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if isolated {
        Ok(())
    } else {
        Err("this page is not cross-origin isolated (it needs the Cross-Origin-Opener-Policy: same-origin and \
             Cross-Origin-Embedder-Policy: require-corp headers), so the browser does not allow SharedArrayBuffer"
            .into())
    }
}

fn shared_i32(words: u32) -> Result<js_sys::Int32Array, String> {
    shared_memory_available()?;
    let sab = js_sys::SharedArrayBuffer::new(words * 4);
    Ok(js_sys::Int32Array::new(&sab))
}

/// What a race measured.
#[derive(Clone, Debug, PartialEq)]
pub struct RaceResult {
    /// Workers that incremented.
    pub workers: u32,
    /// Increments asked for in all: workers × times.
    pub expected: i64,
    /// What the shared counter says afterwards.
    pub counted: i64,
    /// `expected − counted`: updates lost to the race (0 with atomics).
    pub lost: i64,
    /// Longest time one worker spent incrementing, ms.
    pub slowest_ms: f64,
}

/// Has `workers` workers (the pool grows if needed) each increment one shared counter `times`
/// times — racily (read, `work_rounds` rounds of work, write) or with `Atomics.add` — starting
/// together at a barrier; returns how many increments survived.
pub async fn race(
    pool: &Pool,
    workers: u32,
    times: u32,
    atomic: bool,
    work_rounds: u32,
) -> Result<RaceResult, String> {
    let k = workers.max(1);
    if pool.size() < k {
        pool.resize(k).await?;
    }
    // Word 0: the counter; word 1: the start barrier.
    let arr = shared_i32(2)?;
    let buf: JsValue = arr.buffer().into();
    let requests = (0..k).map(|w| {
        let (pool, buf) = (pool, buf.clone());
        async move {
            let worker = pool.worker(w).ok_or("no such worker")?;
            let id = worker.next_id();
            let req = ToWorker::Increment { id, index: 0, times, atomic, work_rounds, start_together: k };
            match worker.request_with(id, &req, Some(&buf), false).await? {
                (FromWorker::Incremented { elapsed_ms, .. }, _) => Ok(elapsed_ms),
                (FromWorker::Error { message, .. }, _) => Err(message),
                (other, _) => Err(format!("unexpected answer {other:?}")),
            }
        }
    });
    let times_ms = futures::future::try_join_all(requests).await?;
    let expected = i64::from(k) * i64::from(times);
    let counted = i64::from(arr.get_index(0));
    Ok(RaceResult {
        workers: k,
        expected,
        counted,
        lost: expected - counted,
        slowest_ms: times_ms.into_iter().fold(0.0, f64::max),
    })
}

/// What a GIL run produced.
#[derive(Clone, Debug, PartialEq)]
pub struct GilResult {
    /// Every event on one run clock, one lane per worker.
    pub log: EventLog,
    /// From the first event to the last, ms.
    pub wall_ms: f64,
    /// Each task's checksum as its worker returned it; compare with
    /// [`engine::parallel::task_checksum`]`(spec, task_seed(i), rounds_per_ms)`.
    pub checksums: Vec<Option<u64>>,
}

/// Runs task `i` of `scenario` on worker `i` (the pool grows to one worker per task), with the
/// CPU work under one shared global lock handed over every `switch_ms` if `use_lock`, or
/// freely otherwise. Failed tasks are logged with their reason.
pub async fn gil_run(
    pool: &Pool,
    scenario: &Scenario,
    rounds_per_ms: u64,
    switch_ms: f64,
    use_lock: bool,
) -> Result<GilResult, String> {
    let k = scenario.tasks.len() as u32;
    if pool.size() < k {
        pool.resize(k).await?;
    }
    // Word 0: the lock (0 free, 1 held); word 1: how many wait for it.
    let lock = shared_i32(2)?;
    let buf: JsValue = lock.buffer().into();
    let rec = Rc::new(Recorder::new(scenario, Lane::Worker(0)));
    let origin = abs_now() - rec.elapsed();
    let runs = scenario.tasks.iter().cloned().enumerate().map(|(i, spec)| {
        let (rec, buf) = (rec.clone(), buf.clone());
        async move {
            let (task, lane) = (TaskId(i as u32), Lane::Worker(i as u32));
            let worker = pool.worker(i as u32).ok_or("no such worker")?;
            let r = rec.clone();
            worker.set_on_event(move |m| {
                if let FromWorker::TaskEvent { at_ms, kind, .. } = m {
                    let kind = match kind.clone() {
                        EventKind::Awaiting { step, until_ms } => {
                            EventKind::Awaiting { step, until_ms: until_ms - origin }
                        }
                        other => other,
                    };
                    r.push_at(at_ms - origin, task, lane, kind);
                }
            });
            rec.push_at(rec.elapsed(), task, lane, EventKind::Spawned);
            let id = worker.next_id();
            let req = ToWorker::GilWork {
                id,
                task: i as u32,
                spec,
                rounds_per_ms,
                switch_ms,
                use_lock,
                seed: task_seed(i as u32),
            };
            let answer = worker.request_with(id, &req, Some(&buf), false).await;
            worker.clear_on_event();
            Ok::<_, String>(match answer {
                Ok((FromWorker::TaskDone { checksum, .. }, _)) => Some(checksum),
                Ok((FromWorker::Error { message, .. }, _)) | Err(message) => {
                    rec.push_at(rec.elapsed(), task, lane, EventKind::Failed { reason: message });
                    None
                }
                Ok((other, _)) => {
                    rec.push_at(
                        rec.elapsed(),
                        task,
                        lane,
                        EventKind::Failed { reason: format!("unexpected answer {other:?}") },
                    );
                    None
                }
            })
        }
    });
    let checksums = futures::future::try_join_all(runs).await?;
    let log = rec.take_log();
    let end = log.events.iter().map(|e| e.t_ms).fold(0.0, f64::max);
    let start = log.events.iter().map(|e| e.t_ms).fold(f64::INFINITY, f64::min);
    Ok(GilResult { wall_ms: if end >= start { end - start } else { 0.0 }, log, checksums })
}
