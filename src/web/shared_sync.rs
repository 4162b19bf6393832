//! Locks, semaphores and counters across Web Workers: the parallel mode's resources, in the
//! run's `SharedArrayBuffer` (layout: [`engine::shared_sync::Layout`]).
//!
//! The page makes the buffer ([`shared_buffer`]) and sends it with every task of the run
//! ([`engine::protocol::ToWorker::RunShared`]); each worker runs its task with
//! [`run_task`]. A lock or semaphore is a word of free permits: a worker takes one with
//! `Atomics.compareExchange`, and while none is free it sleeps in `Atomics.wait` (only a worker
//! may block; the page's thread never does), then writes its task number into a holder slot. It
//! gives the permit back with `Atomics.add` and wakes one sleeper with `Atomics.notify` — what
//! `multiprocessing.Lock` does with an OS semaphore. Not first-come first-served: whichever
//! woken or arriving worker wins the `compareExchange` takes it, as with an OS lock.
//!
//! Every operation is recorded as on the event loop (requested, blocked with the holders the
//! slots name at that moment, granted with the time waited, released), stamped by the worker's
//! own clock (`abs_now`), which the page converts to the run's clock. A release is logged just
//! before the permit is given back, so no two holders' stretches overlap on the timeline; who it
//! wakes is not known to the releaser (`Atomics.notify` only counts), so `woke` stays empty.

use super::clock;
use super::worker_main::{logged_sleep, timed_work};
use engine::shared_sync::{holder_word, holders, with_releases, Layout};
use engine::sync::{Op, ResourceKind};
use engine::{EventKind, Step, TaskId, TaskSpec};
use js_sys::{Atomics, Int32Array};
use wasm_bindgen::JsValue;

/// A new `SharedArrayBuffer` laid out for these resources, with its starting values (the caller
/// checks first that the page is cross-origin isolated).
pub fn shared_buffer(kinds: &[ResourceKind]) -> JsValue {
    let layout = Layout::of(kinds);
    let sab = js_sys::SharedArrayBuffer::new(layout.words() * 4);
    let arr = Int32Array::new(&sab);
    for (k, v) in layout.init.iter().enumerate() {
        arr.set_index(k as u32, *v);
    }
    sab.into()
}

fn js_err(e: JsValue) -> String {
    format!("Atomics failed: {e:?}")
}

/// The task's view of the shared resources.
struct Shared {
    arr: Int32Array,
    layout: Layout,
    me: TaskId,
}

impl Shared {
    fn holders(&self, res: u32) -> Vec<TaskId> {
        let slots: Vec<i32> = self.layout.slots(res).map(|w| self.arr.get_index(w)).collect();
        holders(&slots)
    }

    /// Takes a permit of lock or semaphore `res`, sleeping in `Atomics.wait` while none is free.
    fn acquire(&self, res: u32, event: &dyn Fn(EventKind)) -> Result<(), String> {
        let base = self.layout.base[res as usize];
        let t0 = clock::now();
        let mut blocked = false;
        loop {
            let free = Atomics::load(&self.arr, base).map_err(js_err)?;
            if free > 0 {
                if Atomics::compare_exchange(&self.arr, base, free, free - 1).map_err(js_err)? == free {
                    break;
                }
                continue;
            }
            if !blocked {
                blocked = true;
                event(EventKind::Blocked { res, op: Op::Acquire, holders: self.holders(res) });
            }
            // Sleeps only while the word is still 0 (no permit free); a release wakes it.
            Atomics::wait(&self.arr, base, 0).map_err(js_err)?;
        }
        // A permit is ours: write our name into a free holder slot (one is, since the number of
        // holders never exceeds the permits).
        for w in self.layout.slots(res) {
            if Atomics::compare_exchange(&self.arr, w, 0, holder_word(self.me)).map_err(js_err)? == 0 {
                break;
            }
        }
        let waited_ms = if blocked { clock::now() - t0 } else { 0.0 };
        event(EventKind::Granted { res, op: Op::Acquire, waited_ms, value: None });
        Ok(())
    }

    /// Gives back a permit of `res` and wakes one sleeper.
    fn release(&self, res: u32, event: &dyn Fn(EventKind)) -> Result<(), String> {
        let base = self.layout.base[res as usize];
        // Logged while still holding it (see the module's note).
        event(EventKind::Signalled { res, op: Op::Release, woke: Vec::new() });
        for w in self.layout.slots(res) {
            let me = holder_word(self.me);
            if Atomics::compare_exchange(&self.arr, w, me, 0).map_err(js_err)? == me {
                break;
            }
        }
        Atomics::add(&self.arr, base, 1).map_err(js_err)?;
        Atomics::notify_with_count(&self.arr, base, 1).map_err(js_err)?;
        Ok(())
    }
}

/// Runs one task in this worker with its resources in `buf` (the run's shared buffer), calling
/// `event` for every event; returns its checksum and CPU time as `run_task` in `worker_main` does.
pub async fn run_task(
    task: u32,
    spec: TaskSpec,
    seed: u64,
    rounds_per_ms: u64,
    kinds: &[ResourceKind],
    buf: &JsValue,
    event: &dyn Fn(EventKind),
) -> Result<(u64, f64), String> {
    let layout = Layout::of(kinds);
    let arr = Int32Array::new(buf);
    if arr.length() < layout.words() {
        return Err(format!(
            "the shared buffer has {} words, the resources need {}",
            arr.length(),
            layout.words()
        ));
    }
    let sh = Shared { arr, layout, me: TaskId(task) };
    if spec.start_delay_ms > 0.0 {
        logged_sleep(None, spec.start_delay_ms, event).await;
    }
    let of = spec.steps.len() as u32;
    let ends = with_releases(&spec.steps);
    let (mut state, mut work_ms, mut local) = (seed, 0.0, 0i32);
    // Locks and permits held by bare acquires, for a later release step.
    let mut held: Vec<u32> = Vec::new();
    for (k, step) in spec.steps.iter().enumerate() {
        let k32 = k as u32;
        event(EventKind::StepStarted { step: k32, of, work: step.is_work() });
        match *step {
            Step::Work { ms } => {
                let took;
                (state, took) = timed_work(state, ms, rounds_per_ms);
                work_ms += took;
            }
            Step::Wait { ms } => logged_sleep(Some(k32), ms, event).await,
            Step::Acquire { res } | Step::With { res } => {
                event(EventKind::Requested { step: k32, res, op: Op::Acquire });
                sh.acquire(res, event)?;
                if matches!(step, Step::Acquire { .. }) {
                    held.push(res);
                }
            }
            Step::Release { res } => {
                event(EventKind::Requested { step: k32, res, op: Op::Release });
                if let Some(p) = held.iter().rposition(|r| *r == res) {
                    held.remove(p);
                    sh.release(res, event)?;
                }
            }
            Step::End => {
                if let Some(res) = ends[k] {
                    sh.release(res, event)?;
                }
            }
            Step::Read { res } | Step::Write { res } => {
                let base = sh.layout.base[res as usize];
                let write = matches!(step, Step::Write { .. });
                let op = if write { Op::Write } else { Op::Read };
                event(EventKind::Requested { step: k32, res, op });
                let value = if write {
                    let v = local.wrapping_add(1);
                    Atomics::store(&sh.arr, base, v).map_err(js_err)?;
                    v
                } else {
                    local = Atomics::load(&sh.arr, base).map_err(js_err)?;
                    local
                };
                event(EventKind::Granted { res, op, waited_ms: 0.0, value: Some(i64::from(value)) });
            }
            // The parallel mode refuses every other step (`engine::shared_sync::refusal`).
            _ => {}
        }
    }
    // A lock taken by a bare acquire and never released stays taken (a leak), as on the event
    // loop: the workers that wait for it wait until the reader presses Stop.
    event(EventKind::Finished);
    Ok((state, work_ms))
}
