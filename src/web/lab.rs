//! The tour's worker lab: one calibrated pool of Web Workers per page, started on first use,
//! plus the one demo the pool did not have yet: a worker writing into a buffer it was sent.

use super::pool::{hardware_concurrency, Pool};
use super::shared_memory::shared_memory_available;
use super::{busy, worker_client::WorkerClient};
use engine::protocol::{FromWorker, ToWorker};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Calibration sample on the page, ms: long enough to reach the optimised tier.
const CALIBRATION_MS: f64 = 150.0;
/// Work each new worker does before its first measured run, ms: a fresh worker runs its wasm in
/// the baseline compiler first, and the first measured run would pay for the tier-up.
const WARM_UP_MS: f64 = 100.0;

async fn warm_up(pool: &Pool, from: u32) -> Result<(), String> {
    let all = (from..pool.size()).map(|k| pool.calibrate(k, WARM_UP_MS));
    futures::future::try_join_all(all).await.map(|_| ())
}

/// A started pool and the page's calibration (rounds of work per unit ≈ 1 ms here).
pub struct Lab {
    /// The workers.
    pub pool: Rc<Pool>,
    /// Rounds of the hash chain per unit of work, measured on this page.
    pub rounds_per_ms: u64,
}

/// Where a page keeps its lab between runs (a component's `use_mut_ref`).
pub type LabSlot = Rc<RefCell<Option<Rc<Lab>>>>;

/// The page's lab with at least `workers` workers (at most the machine's logical cores),
/// starting and calibrating it on first use.
pub async fn ensure(slot: &LabSlot, workers: u32) -> Result<Rc<Lab>, String> {
    let n = workers.clamp(1, hardware_concurrency().max(1));
    let existing = slot.borrow().clone();
    let lab = match existing {
        Some(lab) => lab,
        None => {
            let rounds_per_ms = busy::calibrate(CALIBRATION_MS);
            let pool = Pool::start(n).await?;
            warm_up(&pool, 0).await?;
            let lab = Rc::new(Lab { pool, rounds_per_ms });
            *slot.borrow_mut() = Some(lab.clone());
            lab
        }
    };
    let have = lab.pool.size();
    if have < n {
        lab.pool.resize(n).await?;
        warm_up(&lab.pool, have).await?;
    }
    Ok(lab)
}

/// What writing into a sent buffer showed.
#[derive(Clone, Debug, PartialEq)]
pub struct Overwrite {
    /// Whether the buffer was a `SharedArrayBuffer` (shared) or an `ArrayBuffer` (copied).
    pub shared: bool,
    /// The page's value before sending.
    pub page_before: i32,
    /// What the worker found in its buffer.
    pub worker_before: i32,
    /// What the worker's buffer held after its write.
    pub worker_after: i32,
    /// The page's own value after the worker answered.
    pub page_after: i32,
}

/// Sends a one-word buffer holding `page_value` to `worker`, which writes `worker_value` into
/// it; then reads the page's own view. A copied `ArrayBuffer` keeps `page_value` (the worker
/// changed its copy, like a child process); a `SharedArrayBuffer` shows `worker_value`.
pub async fn overwrite(
    worker: &WorkerClient,
    shared: bool,
    page_value: i32,
    worker_value: i32,
) -> Result<Overwrite, String> {
    let words = if shared {
        shared_memory_available()?;
        js_sys::Int32Array::new(&js_sys::SharedArrayBuffer::new(4))
    } else {
        js_sys::Int32Array::new_with_length(1)
    };
    words.set_index(0, page_value);
    let buf: JsValue = words.buffer().into();
    let id = worker.next_id();
    let req = ToWorker::Overwrite { id, value: worker_value };
    match worker.request_with(id, &req, Some(&buf), false).await? {
        (FromWorker::Overwritten { before, after, .. }, _) => Ok(Overwrite {
            shared,
            page_before: page_value,
            worker_before: before,
            worker_after: after,
            page_after: words.get_index(0),
        }),
        (FromWorker::Error { message, .. }, _) => Err(message),
        (other, _) => Err(format!("unexpected answer {other:?}")),
    }
}
