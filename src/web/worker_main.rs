//! What runs inside a Web Worker: listen for [`ToWorker`] requests, answer with [`FromWorker`].
//!
//! The worker binary calls [`start`]; the logic lives here in the library so it is checked by
//! clippy and the tests like the rest. Waits use this worker's own timers (gloo-timers works in
//! a worker scope), CPU work is the real hash chain of [`engine::work`], and every event is
//! stamped with this worker's absolute clock (`performance.timeOrigin + performance.now()`),
//! which the page converts to its run clock.

use super::worker_client::{envelope, open_envelope};
use super::{busy, clock};
use engine::parallel::rounds_for;
use engine::protocol::{decode, FromWorker, ToWorker};
use engine::work::crunch;
use engine::{EventKind, Step};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Absolute time in ms since the Unix epoch on this thread's clock, sub-millisecond precise:
/// `performance.timeOrigin + performance.now()`. Comparable between the page and its workers.
pub fn abs_now() -> f64 {
    let origin = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map(|p| p.time_origin())
        .unwrap_or(0.0);
    origin + clock::now()
}

/// Handles one request that answers at once. Pure enough to be called from a test on the main
/// thread. Requests that need a buffer or the worker's message loop (tasks, echo, shared memory)
/// are answered with [`FromWorker::Error`] here; [`start`]'s handler runs them.
pub fn handle(req: ToWorker) -> FromWorker {
    match req {
        ToWorker::Checksum { id, seed, units, rounds_per_unit } => {
            let start = clock::now();
            let value = engine::work::checksum(seed, units, rounds_per_unit);
            FromWorker::Checksum { id, value, elapsed_ms: clock::now() - start }
        }
        ToWorker::Calibrate { id, sample_ms } => {
            FromWorker::Calibrated { id, rounds_per_ms: busy::calibrate(sample_ms.clamp(1.0, 1000.0)) }
        }
        ToWorker::Ping { id } => FromWorker::Pong { id },
        ToWorker::RunTask { id, .. }
        | ToWorker::Echo { id, .. }
        | ToWorker::Overwrite { id, .. }
        | ToWorker::Increment { id, .. }
        | ToWorker::GilWork { id, .. }
        | ToWorker::Serve { id, .. }
        | ToWorker::RunShared { id, .. } => {
            FromWorker::Error { id: Some(id), message: "this request needs the worker's message loop".into() }
        }
    }
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts an answer, with a buffer copied (or moved, if `transfer`) beside it.
fn post(msg: &FromWorker, buf: Option<&JsValue>, transfer: bool) {
    let env = envelope(msg, buf);
    // Posting a plain object of a string and a buffer cannot fail.
    let _ = match (buf, transfer) {
        (Some(b), true) => scope().post_message_with_transfer(&env, &js_sys::Array::of1(b)),
        _ => scope().post_message(&env),
    };
}

/// A wait of `ms` on this worker's event loop, logged as `Awaiting` then `Resumed` (`step` is
/// `None` for a task's start delay).
pub async fn logged_sleep(step: Option<u32>, ms: f64, event: &dyn Fn(EventKind)) {
    event(EventKind::Awaiting { step, until_ms: abs_now() + ms });
    TimeoutFuture::new(ms.round() as u32).await;
    event(EventKind::Resumed { step });
}

/// `ms` of the hash chain's work at the page's calibrated speed, from `state`: the new state and
/// the CPU time it really took, ms.
pub fn timed_work(state: u64, ms: f64, rounds_per_ms: u64) -> (u64, f64) {
    let t = clock::now();
    let state = crunch(state, rounds_for(ms, rounds_per_ms));
    (state, clock::now() - t)
}

/// Runs one task of a scenario here, streaming its events to the page.
async fn run_task(id: u64, task: u32, spec: engine::TaskSpec, seed: u64, rounds_per_ms: u64) {
    let event =
        |kind: EventKind| post(&FromWorker::TaskEvent { id, task, at_ms: abs_now(), kind }, None, false);
    if spec.start_delay_ms > 0.0 {
        logged_sleep(None, spec.start_delay_ms, &event).await;
    }
    let of = spec.steps.len() as u32;
    let (mut state, mut work_ms) = (seed, 0.0);
    for (k, step) in spec.steps.iter().enumerate() {
        let k = k as u32;
        event(EventKind::StepStarted { step: k, of, work: step.is_work() });
        match *step {
            Step::Work { ms } => {
                let took;
                (state, took) = timed_work(state, ms, rounds_per_ms);
                work_ms += took;
            }
            Step::Wait { ms } => logged_sleep(Some(k), ms, &event).await,
            // A task with resources runs as `RunShared` (`shared_sync::run_task`); the parallel
            // mode refuses the other steps (`Scenario::parallel_refusal`).
            _ => {}
        }
    }
    event(EventKind::Finished);
    post(&FromWorker::TaskDone { id, checksum: state, work_ms }, None, false);
}

/// Increments a shared counter `times` times, racily or with `Atomics.add`.
fn increment(
    buf: &JsValue,
    index: u32,
    times: u32,
    atomic: bool,
    work_rounds: u32,
    start_together: u32,
) -> Result<f64, String> {
    let arr = js_sys::Int32Array::new(buf);
    if index + u32::from(start_together > 1) >= arr.length() {
        return Err(format!("counter {index} is outside the shared buffer"));
    }
    if start_together > 1 {
        // A barrier: count ourselves in, then wait (spinning; a worker may block) until all came.
        let arrived = js_sys::Atomics::add(&arr, index + 1, 1).map_err(|e| format!("{e:?}"))? + 1;
        if arrived as u32 >= start_together {
            let _ = js_sys::Atomics::notify(&arr, index + 1);
        }
        loop {
            let now = js_sys::Atomics::load(&arr, index + 1).map_err(|e| format!("{e:?}"))?;
            if now as u32 >= start_together {
                break;
            }
            let _ = js_sys::Atomics::wait_with_timeout(&arr, index + 1, now, 50.0);
        }
    }
    let start = clock::now();
    let mut state = u64::from(index);
    for _ in 0..times {
        if atomic {
            js_sys::Atomics::add(&arr, index, 1).map_err(|e| format!("Atomics.add failed: {e:?}"))?;
        } else {
            // Read, compute a little, write back: another worker's write in between is lost.
            let v = arr.get_index(index);
            state = crunch(state, u64::from(work_rounds));
            arr.set_index(index, v.wrapping_add(1));
        }
    }
    std::hint::black_box(state);
    Ok(clock::now() - start)
}

/// An `Atomics` call's error as text.
fn js_err(e: JsValue) -> String {
    format!("Atomics failed: {e:?}")
}

/// Runs a task like [`run_task`], but its CPU work goes in slices under a global lock in the
/// shared buffer's `Int32Array`: word 0 is the lock (0 = free, 1 = held), word 1 counts the
/// workers waiting for it. Take it with `compareExchange` (sleeping in `Atomics.wait` while
/// another worker holds it), compute for up to `switch_ms`, release it and `Atomics.notify` a
/// waiter; if someone is waiting, wait until they have taken it before asking again — CPython's
/// forced switch, without which the releasing worker would usually grab the lock straight back.
/// Waits release the lock (they happen between slices). Waiting for the lock is logged as an
/// `Awaiting` already due, so the timeline shows it as ready-but-waiting; taking it as
/// `StepStarted` (first slice of a step) or `Resumed`; an `Awaiting` logged just before each
/// release ends the running stretch, so running on the timeline means holding the lock.
#[allow(clippy::too_many_arguments)]
async fn gil_task(
    id: u64,
    task: u32,
    spec: engine::TaskSpec,
    lock: js_sys::Int32Array,
    rounds_per_ms: u64,
    switch_ms: f64,
    use_lock: bool,
    seed: u64,
) -> Result<(u64, f64), String> {
    let event =
        |kind: EventKind| post(&FromWorker::TaskEvent { id, task, at_ms: abs_now(), kind }, None, false);
    let of = spec.steps.len() as u32;
    let (mut state, mut work_ms) = (seed, 0.0);
    if spec.start_delay_ms > 0.0 {
        logged_sleep(None, spec.start_delay_ms, &event).await;
    }
    for (k, step) in spec.steps.iter().enumerate() {
        let k = k as u32;
        // Under the lock, a work step "starts" when the lock is first taken (below), so the
        // running stretches on the timeline are exactly the stretches holding the lock.
        if !(use_lock && step.is_work()) {
            event(EventKind::StepStarted { step: k, of, work: step.is_work() });
        }
        match *step {
            Step::Wait { ms } => logged_sleep(Some(k), ms, &event).await,
            Step::Work { ms } => {
                let total = rounds_for(ms, rounds_per_ms);
                let mut done = 0u64;
                if use_lock {
                    event(EventKind::Awaiting { step: Some(k), until_ms: abs_now() });
                }
                while done < total {
                    if use_lock {
                        js_sys::Atomics::add(&lock, 1, 1).map_err(js_err)?;
                        while js_sys::Atomics::compare_exchange(&lock, 0, 0, 1).map_err(js_err)? != 0 {
                            let _ = js_sys::Atomics::wait(&lock, 0, 1);
                        }
                        js_sys::Atomics::sub(&lock, 1, 1).map_err(js_err)?;
                        // Wake a releaser waiting to see the lock taken (the forced switch below).
                        js_sys::Atomics::notify(&lock, 0).map_err(js_err)?;
                        event(if done == 0 {
                            EventKind::StepStarted { step: k, of, work: true }
                        } else {
                            EventKind::Resumed { step: Some(k) }
                        });
                    }
                    let t = clock::now();
                    // Compute until the switch interval is used up (or the step is done).
                    while done < total && clock::now() - t < switch_ms {
                        let n = engine::work::ROUNDS_PER_SLICE.min(total - done);
                        state = crunch(state, n);
                        done += n;
                    }
                    work_ms += clock::now() - t;
                    if use_lock {
                        // Logged while still holding the lock, so no two workers' running
                        // stretches overlap; if the OS pauses this thread after the release,
                        // the timeline rightly shows it ready but waiting.
                        event(EventKind::Awaiting { step: Some(k), until_ms: abs_now() });
                        js_sys::Atomics::store(&lock, 0, 0).map_err(js_err)?;
                        js_sys::Atomics::notify(&lock, 0).map_err(js_err)?;
                        if done < total && js_sys::Atomics::load(&lock, 1).map_err(js_err)? > 0 {
                            // Someone waits: let them take it (bounded, in case they just left).
                            let _ = js_sys::Atomics::wait_with_timeout(&lock, 0, 0, 2.0 * switch_ms.max(1.0));
                        }
                    }
                }
            }
            // The parallel mode refuses every other step (`Scenario::parallel_refusal`).
            _ => {}
        }
    }
    event(EventKind::Finished);
    Ok((state, work_ms))
}

/// A synchronous server's worker: takes the next request from the shared counter (word 0 of
/// `queue`) until `requests` are taken, and serves each in turn: `work_ms` of CPU work, then the
/// I/O as `Atomics.wait` on word 1 (which nobody changes or notifies) with the time left as its
/// timeout, so this worker's thread is blocked, as a synchronous handler's is, until the I/O
/// is done. Returns each request's absolute end time and the CPU time spent.
fn serve_blocking(
    queue: &js_sys::Int32Array,
    requests: u32,
    work_ms: f64,
    io_ms: f64,
    rounds_per_ms: u64,
) -> Result<(Vec<f64>, f64), String> {
    if queue.length() < 2 {
        return Err("the request queue needs two words of shared memory".into());
    }
    let rounds = rounds_for(work_ms, rounds_per_ms);
    let (mut ends, mut work, mut state) = (Vec::new(), 0.0, u64::from(requests));
    loop {
        let taken = js_sys::Atomics::add(queue, 0, 1).map_err(js_err)?;
        if taken < 0 || taken as u32 >= requests {
            break;
        }
        let t = clock::now();
        state = crunch(state, rounds);
        work += clock::now() - t;
        let until = clock::now() + io_ms;
        loop {
            let left = until - clock::now();
            if left <= 0.0 {
                break;
            }
            // Returns "timed-out" when the I/O time has passed; a wake-up before (none is sent)
            // would only loop again.
            js_sys::Atomics::wait_with_timeout(queue, 1, 0, left).map_err(js_err)?;
        }
        ends.push(abs_now());
    }
    std::hint::black_box(state);
    Ok((ends, work))
}

/// An event loop's server: all `requests` start at once on this worker's loop; each does its
/// CPU work when the loop reaches it and then awaits a timer for its I/O, so the waits overlap.
/// Answers [`FromWorker::Served`] when the last one ends.
fn serve_event_loop(id: u64, requests: u32, work_ms: f64, io_ms: f64, rounds_per_ms: u64) {
    use std::cell::RefCell;
    use std::rc::Rc;
    let rounds = rounds_for(work_ms, rounds_per_ms);
    let served = Rc::new(RefCell::new((Vec::with_capacity(requests as usize), 0.0f64)));
    if requests == 0 {
        return post(&FromWorker::Served { id, ends_ms: Vec::new(), work_ms: 0.0 }, None, false);
    }
    for r in 0..requests {
        let served = served.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let t = clock::now();
            std::hint::black_box(crunch(u64::from(r), rounds));
            let spent = clock::now() - t;
            TimeoutFuture::new(io_ms.round() as u32).await;
            let done = {
                let mut s = served.borrow_mut();
                s.0.push(abs_now());
                s.1 += spent;
                s.0.len() as u32 == requests
            };
            if done {
                let (ends_ms, work_ms) = std::mem::take(&mut *served.borrow_mut());
                post(&FromWorker::Served { id, ends_ms, work_ms }, None, false);
            }
        });
    }
}

/// Installs a panic hook that tells the page before the worker dies: a wasm panic ends in a trap
/// that leaves the worker unusable, so the page needs the message to mark the task failed.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&FromWorker::Panicked { message: info.to_string() }, None, false);
    }));
}

fn on_message(ev: MessageEvent) {
    let (req, buf) = match open_envelope(&ev.data()).and_then(|(t, b)| Ok((decode::<ToWorker>(&t)?, b))) {
        Ok(x) => x,
        Err(message) => return post(&FromWorker::Error { id: None, message }, None, false),
    };
    let need_buf = |id| match &buf {
        Some(b) => Ok(b.clone()),
        None => Err(FromWorker::Error { id: Some(id), message: "this request needs a buffer".into() }),
    };
    match req {
        ToWorker::RunTask { id, task, spec, seed, rounds_per_ms, panic } => {
            if panic {
                panic!("task {} was told to panic by the page's “panic on next task” control", task + 1);
            }
            wasm_bindgen_futures::spawn_local(run_task(id, task, spec, seed, rounds_per_ms));
        }
        ToWorker::RunShared { id, task, spec, seed, rounds_per_ms, resources } => match need_buf(id) {
            Ok(b) => wasm_bindgen_futures::spawn_local(async move {
                let event = |kind: EventKind| {
                    post(&FromWorker::TaskEvent { id, task, at_ms: abs_now(), kind }, None, false)
                };
                let answer =
                    super::shared_sync::run_task(task, spec, seed, rounds_per_ms, &resources, &b, &event)
                        .await
                        .map(|(checksum, work_ms)| FromWorker::TaskDone { id, checksum, work_ms })
                        .unwrap_or_else(|message| FromWorker::Error { id: Some(id), message });
                post(&answer, None, false);
            }),
            Err(e) => post(&e, None, false),
        },
        ToWorker::Echo { id, transfer } => match need_buf(id) {
            Ok(b) => {
                let bytes = b.unchecked_ref::<js_sys::ArrayBuffer>().byte_length() as u64;
                post(&FromWorker::Echoed { id, bytes }, Some(&b), transfer);
            }
            Err(e) => post(&e, None, false),
        },
        ToWorker::Overwrite { id, value } => match need_buf(id) {
            Ok(b) => {
                // Works the same on a copied ArrayBuffer and on a SharedArrayBuffer: the
                // difference is only in what the page sees afterwards.
                let words = js_sys::Int32Array::new(&b);
                let before = words.get_index(0);
                words.set_index(0, value);
                post(&FromWorker::Overwritten { id, before, after: words.get_index(0) }, None, false);
            }
            Err(e) => post(&e, None, false),
        },
        ToWorker::Increment { id, index, times, atomic, work_rounds, start_together } => {
            let answer = need_buf(id).and_then(|b| {
                increment(&b, index, times, atomic, work_rounds, start_together)
                    .map(|elapsed_ms| FromWorker::Incremented { id, elapsed_ms })
                    .map_err(|message| FromWorker::Error { id: Some(id), message })
            });
            post(&answer.unwrap_or_else(|e| e), None, false);
        }
        ToWorker::GilWork { id, task, spec, rounds_per_ms, switch_ms, use_lock, seed } => {
            match need_buf(id) {
                Ok(b) => wasm_bindgen_futures::spawn_local(async move {
                    let lock = js_sys::Int32Array::new(&b);
                    let answer = gil_task(id, task, spec, lock, rounds_per_ms, switch_ms, use_lock, seed)
                        .await
                        .map(|(checksum, work_ms)| FromWorker::TaskDone { id, checksum, work_ms })
                        .unwrap_or_else(|message| FromWorker::Error { id: Some(id), message });
                    post(&answer, None, false);
                }),
                Err(e) => post(&e, None, false),
            }
        }
        ToWorker::Serve { id, requests, work_ms, io_ms, rounds_per_ms, blocking: false } => {
            serve_event_loop(id, requests, work_ms, io_ms, rounds_per_ms)
        }
        ToWorker::Serve { id, requests, work_ms, io_ms, rounds_per_ms, blocking: true } => {
            let answer = need_buf(id).and_then(|b| {
                serve_blocking(&js_sys::Int32Array::new(&b), requests, work_ms, io_ms, rounds_per_ms)
                    .map(|(ends_ms, work_ms)| FromWorker::Served { id, ends_ms, work_ms })
                    .map_err(|message| FromWorker::Error { id: Some(id), message })
            });
            post(&answer.unwrap_or_else(|e| e), None, false);
        }
        other => post(&handle(other), None, false),
    }
}

/// Installs the panic hook and the message handler, and tells the page the worker is ready.
pub fn start() {
    install_panic_hook();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    handler.forget();
    post(&FromWorker::Ready, None, false);
}
