//! A run on the page's event loop with a live deadlock detector attached: every event the run
//! records goes through [`engine::waitfor::Detector`] in the same turn it is recorded, and the
//! moment tasks are stuck for good the run is stopped — before anything else runs — with the
//! wait-for graph kept as it stood then.

use super::runner::{Recorder, Run, Stopper};
use engine::waitfor::{Deadlock, Detector, Graph};
use engine::{EventLog, RunMode, Scenario};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// What the detector found, with the graph at that instant (the run's cancellation follows).
#[derive(Clone, Debug)]
pub struct Found {
    /// The deadlock.
    pub deadlock: Deadlock,
    /// The wait-for graph right after the event that completed it.
    pub graph: Graph,
    /// Events recorded when the run was told to stop (the deadlock's event is the last of them
    /// when detection and stop came in the same turn).
    pub events_then: usize,
}

/// A watched run in progress: [`Watched::finished`] waits for its end; its [`Watch`] handle
/// reads it meanwhile.
pub struct Watched {
    watch: Watch,
    run: Run,
}

/// What the page reads of a watched run while it goes on (clones share it).
#[derive(Clone)]
pub struct Watch {
    rec: Rc<Recorder>,
    stopper: Stopper,
    detector: Rc<RefCell<Detector>>,
    found: Rc<RefCell<Option<Found>>>,
}

impl Watched {
    /// Starts `scenario` concurrently on the event loop with the detector attached.
    pub fn start(scenario: &Scenario) -> Watched {
        let run = Run::start(scenario, RunMode::Concurrent);
        let rec = run.recorder();
        let stopper = run.stopper();
        let detector = Rc::new(RefCell::new(Detector::new(scenario)));
        let found = Rc::new(RefCell::new(None));
        let seen = Rc::new(RefCell::new(0usize));
        let check = {
            let (weak, detector, found, stopper) =
                (Rc::downgrade(&rec), detector.clone(), found.clone(), stopper.clone());
            move || consume(&weak, &detector, &found, &seen, &stopper)
        };
        // Events recorded while the run started, then every later one as it comes.
        check();
        rec.on_push(check);
        Watched { watch: Watch { rec, stopper, detector, found }, run }
    }

    /// The handle that reads the run while it goes on.
    pub fn watch(&self) -> Watch {
        self.watch.clone()
    }

    /// Waits for the run's end (every task ended, or cancelled by a stop) and returns its log.
    pub async fn finished(self) -> Rc<EventLog> {
        self.run.finished_shared().await
    }
}

/// Two handles are equal when they read the same run.
impl PartialEq for Watch {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rec, &other.rec)
    }
}

impl Watch {
    /// The recorder (for the live log's length and time).
    pub fn recorder(&self) -> Rc<Recorder> {
        self.rec.clone()
    }

    /// The wait-for graph now.
    pub fn graph(&self) -> Graph {
        self.detector.borrow().graph.clone()
    }

    /// What the detector found, if it has.
    pub fn found(&self) -> Option<Found> {
        self.found.borrow().clone()
    }

    /// A handle that stops the run.
    pub fn stopper(&self) -> Stopper {
        self.stopper.clone()
    }
}

/// Feeds the events recorded since the last call to the detector; on a find, keeps the graph
/// and stops the run.
fn consume(
    rec: &Weak<Recorder>,
    detector: &RefCell<Detector>,
    found: &RefCell<Option<Found>>,
    seen: &RefCell<usize>,
    stopper: &Stopper,
) {
    let Some(rec) = rec.upgrade() else { return };
    if found.borrow().is_some() {
        return;
    }
    let Ok(mut det) = detector.try_borrow_mut() else { return };
    let mut hit = None;
    rec.with_log(|log| {
        let mut k = seen.borrow_mut();
        while *k < log.events.len() {
            let e = &log.events[*k];
            *k += 1;
            if let Some(d) = det.push(e) {
                hit = Some(d.clone());
                break;
            }
        }
    });
    if let Some(deadlock) = hit {
        *found.borrow_mut() = Some(Found { deadlock, graph: det.graph.clone(), events_then: rec.len() });
        drop(det);
        stopper.stop();
    }
}
