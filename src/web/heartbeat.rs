//! A heartbeat that measures event-loop lag: a short timer, armed again and again while a run
//! goes on, records how late each one fires. A task that holds the thread for 300 ms makes one
//! beat about 300 ms late; that lateness is what every click and every frame also suffers.

use super::clock;
use engine::lag::{self, LagStats};
use futures::future::{AbortHandle, Abortable};
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;

/// Milliseconds between beats: above the browsers' 4 ms clamp for nested timers.
pub const PERIOD_MS: u32 = 10;

/// A running heartbeat; it stops when dropped.
pub struct Heartbeat {
    samples: Rc<RefCell<Vec<f64>>>,
    abort: AbortHandle,
}

impl Heartbeat {
    /// Starts beating every [`PERIOD_MS`] milliseconds on the page's event loop.
    pub fn start() -> Heartbeat {
        let samples = Rc::new(RefCell::new(Vec::new()));
        let (abort, reg) = AbortHandle::new_pair();
        let s = samples.clone();
        let beat = Abortable::new(
            async move {
                loop {
                    let due = clock::now() + f64::from(PERIOD_MS);
                    TimeoutFuture::new(PERIOD_MS).await;
                    s.borrow_mut().push(lag::lateness(due, clock::now()));
                }
            },
            reg,
        );
        wasm_bindgen_futures::spawn_local(async move {
            let _ = beat.await;
        });
        Heartbeat { samples, abort }
    }

    /// The lateness measured so far.
    pub fn stats(&self) -> LagStats {
        lag::stats(&self.samples.borrow())
    }

    /// Stops beating (the samples stay readable).
    pub fn stop(&self) {
        self.abort.abort();
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        self.abort.abort();
    }
}
