//! A heartbeat that measures event-loop lag: a short timer, armed again and again while a run
//! goes on, records how late each one fires. A task that holds the thread for 300 ms makes one
//! beat about 300 ms late; that lateness is what every click and every frame also suffers.

use super::clock;
use engine::lag::{self, LagStats};
use futures::future::{AbortHandle, Abortable};
use gloo_timers::future::TimeoutFuture;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Milliseconds between beats: above the browsers' 4 ms clamp for nested timers.
pub const PERIOD_MS: u32 = 10;

/// A running heartbeat; it stops when dropped.
pub struct Heartbeat {
    samples: Rc<RefCell<Vec<f64>>>,
    // When the pending beat is due. A beat still waiting when we read the stats counts too: a
    // run that ends in a long block ends before the late timer gets its turn.
    due: Rc<Cell<f64>>,
    stopped: Cell<bool>,
    abort: AbortHandle,
}

impl Heartbeat {
    /// Starts beating every [`PERIOD_MS`] milliseconds on the page's event loop.
    pub fn start() -> Heartbeat {
        let samples = Rc::new(RefCell::new(Vec::new()));
        let due = Rc::new(Cell::new(clock::now() + f64::from(PERIOD_MS)));
        let (abort, reg) = AbortHandle::new_pair();
        let (s, d) = (samples.clone(), due.clone());
        let beat = Abortable::new(
            async move {
                loop {
                    d.set(clock::now() + f64::from(PERIOD_MS));
                    TimeoutFuture::new(PERIOD_MS).await;
                    s.borrow_mut().push(lag::lateness(d.get(), clock::now()));
                }
            },
            reg,
        );
        wasm_bindgen_futures::spawn_local(async move {
            let _ = beat.await;
        });
        Heartbeat { samples, due, stopped: Cell::new(false), abort }
    }

    /// The lateness measured so far, counting a beat that is overdue right now.
    pub fn stats(&self) -> LagStats {
        let mut samples = self.samples.borrow().clone();
        if !self.stopped.get() {
            let overdue = lag::lateness(self.due.get(), clock::now());
            if overdue > 0.0 {
                samples.push(overdue);
            }
        }
        lag::stats(&samples)
    }

    /// Stops beating and returns the final stats (they stay readable with [`Heartbeat::stats`]).
    pub fn stop(&self) -> LagStats {
        let last = self.stats();
        if !self.stopped.get() {
            let overdue = lag::lateness(self.due.get(), clock::now());
            if overdue > 0.0 {
                self.samples.borrow_mut().push(overdue);
            }
        }
        self.stopped.set(true);
        self.abort.abort();
        last
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        self.abort.abort();
    }
}
