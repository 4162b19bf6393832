//! The comparison's lag meter: a heartbeat on the page's main thread, a timer that asks to run
//! every few milliseconds and notes how late it really ran. Its worst lateness during a run is
//! the run's worst event-loop lag — how long a click or a frame would have waited. A beat still
//! pending when the meter stops counts too: a run that ends in a long block ends before the late
//! timer gets its turn. (The playground has a fuller heartbeat with lag statistics; this one only
//! needs the worst.)

use super::clock;
use gloo_timers::future::TimeoutFuture;
use std::cell::Cell;
use std::rc::Rc;

/// How often the heartbeat asks to run, ms.
pub const PERIOD_MS: u32 = 10;

/// A running lag meter; [`LagMeter::stop`] ends it and returns the worst lag.
pub struct LagMeter {
    worst: Rc<Cell<f64>>,
    stopped: Rc<Cell<bool>>,
    // When the pending beat is due: a beat still waiting at `stop` counts too (a run that ends
    // in a long block ends before the late timer gets its turn).
    due: Rc<Cell<f64>>,
}

impl LagMeter {
    /// Starts beating now.
    pub fn start() -> LagMeter {
        let worst = Rc::new(Cell::new(0.0f64));
        let stopped = Rc::new(Cell::new(false));
        let due = Rc::new(Cell::new(clock::now() + f64::from(PERIOD_MS)));
        let (w, s, d) = (worst.clone(), stopped.clone(), due.clone());
        wasm_bindgen_futures::spawn_local(async move {
            while !s.get() {
                d.set(clock::now() + f64::from(PERIOD_MS));
                TimeoutFuture::new(PERIOD_MS).await;
                if s.get() {
                    break;
                }
                w.set(w.get().max(clock::now() - d.get()));
            }
        });
        LagMeter { worst, stopped, due }
    }

    /// The worst lag so far, ms, counting the beat that is overdue now.
    pub fn worst_ms(&self) -> f64 {
        self.worst.get().max(clock::now() - self.due.get())
    }

    /// Stops beating; returns the worst lag, ms.
    pub fn stop(self) -> f64 {
        let worst = self.worst_ms();
        self.stopped.set(true);
        worst
    }
}

impl Drop for LagMeter {
    fn drop(&mut self) {
        self.stopped.set(true);
    }
}
