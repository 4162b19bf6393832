//! The comparison page's worker pool, the page's worker lab ([`use_lab`]): at mount the page
//! calibrates its unit of work, starts the lab with one worker per core, calibrates worker 1 and
//! times a small message; the Workers field resizes the pool. [`use_compare_pool`] gives the page
//! a [`ComparePool`]; its runs take their turn on the lab ([`ComparePool::lab`]).

use super::pool_settings::PoolStatus;
use crate::ui::shared::lab::{use_lab, LabHandle};
use crate::web::busy;
use crate::web::pool::Pool;
use engine::calibration;
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

fn pool_status(pool: &Pool, page_rpm: u64, worker_rpm: Option<u64>, ping_ms: Option<f64>) -> PoolStatus {
    PoolStatus {
        size: pool.size(),
        warm_ms: pool.warm_ms(),
        startups_ms: pool.startups_ms(),
        page_rounds_per_ms: page_rpm,
        worker_rounds_per_ms: worker_rpm,
        ping_ms,
    }
}

/// The page's pool and what its start-up measured.
#[derive(Clone)]
pub struct ComparePool {
    pool: Rc<RefCell<Option<Rc<Pool>>>>,
    rpm: Rc<RefCell<u64>>,
    status: UseStateHandle<Option<PoolStatus>>,
    error: UseStateHandle<Option<String>>,
    lab: LabHandle,
}

impl ComparePool {
    /// The page's lab, whose turn a run takes.
    pub fn lab(&self) -> &LabHandle {
        &self.lab
    }

    /// The pool, once started.
    pub fn started(&self) -> Option<Rc<Pool>> {
        self.pool.borrow().clone()
    }

    /// Rounds of the hash chain per unit of work (≈ 1 ms on this page).
    pub fn rounds_per_ms(&self) -> u64 {
        *self.rpm.borrow()
    }

    /// What the pool and the calibration measured (`None` while starting).
    pub fn status(&self) -> Option<PoolStatus> {
        (*self.status).clone()
    }

    /// Why the workers could not start.
    pub fn error(&self) -> Option<String> {
        (*self.error).clone()
    }

    /// Shows the pool's size and start-ups again (after a resize, or workers were replaced).
    pub fn refresh(&self) {
        if let (Some(p), Some(old)) = (self.pool.borrow().as_ref(), (*self.status).clone()) {
            self.status.set(Some(pool_status(
                p,
                old.page_rounds_per_ms,
                old.worker_rounds_per_ms,
                old.ping_ms,
            )));
        }
    }

    /// Resizes the pool to `n` workers, if it is started.
    pub fn resize(&self, n: u32) {
        if let Some(p) = self.started() {
            let this = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if p.resize(n).await.is_ok() {
                    this.refresh();
                }
            });
        }
    }
}

/// The comparison page's pool of `max` workers (see the module).
#[hook]
pub fn use_compare_pool(max: u32) -> ComparePool {
    let handle = ComparePool {
        pool: use_mut_ref(|| None),
        rpm: use_mut_ref(|| 0u64),
        status: use_state(|| None),
        error: use_state(|| None),
        lab: use_lab(),
    };
    {
        let ComparePool { pool, rpm, status, error, lab } = handle.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Let the page paint before the calibration holds the thread.
                TimeoutFuture::new(50).await;
                // Samples on the page and in worker 1; the fastest counts (engine::calibration).
                let mut page = Vec::with_capacity(calibration::SAMPLES);
                for _ in 0..calibration::SAMPLES {
                    page.push(busy::calibrate(calibration::SAMPLE_MS));
                    // Yield between samples so the page can paint.
                    TimeoutFuture::new(0).await;
                }
                let page_rpm = calibration::fastest(page).unwrap_or(1).max(1);
                *rpm.borrow_mut() = page_rpm;
                match lab.ensure(max).await.map(|l| l.pool.clone()) {
                    Ok(p) => {
                        let mut worker = Vec::with_capacity(calibration::SAMPLES);
                        for _ in 0..calibration::SAMPLES {
                            if let Ok(r) = p.calibrate(0, calibration::SAMPLE_MS).await {
                                worker.push(r);
                            }
                        }
                        let worker_rpm = calibration::fastest(worker);
                        let ping = p.ping(0, 100).await.ok();
                        status.set(Some(pool_status(&p, page_rpm, worker_rpm, ping)));
                        *pool.borrow_mut() = Some(p);
                    }
                    Err(e) => error.set(Some(format!("The workers could not start: {e}"))),
                }
            });
            || ()
        });
    }
    handle
}
