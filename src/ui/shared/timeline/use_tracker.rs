//! The timeline's tracker of its run, and the pooled "who holds it" bars of each thread lane,
//! kept between renders while the tracker stays the same.

use super::super::timeline::SharedTracker;
use crate::web::log_view::LogView;
use engine::timeline::{bars, Bar, BarCache, Scale, Tracker};
use engine::Lane;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The run's tracker: the owner's (`owned`, which it feeds), or the timeline's own, fed here
/// with what `log` added since the last render, and started over for a new run (`run`) or a log
/// that does not carry the last event fed at the same place (another log).
#[hook]
pub fn use_tracker(log: &LogView, run: u64, owned: Option<SharedTracker>) -> Rc<RefCell<Tracker>> {
    let own = use_mut_ref(|| (u64::MAX, SharedTracker::default()));
    // The last event fed: if the new log does not carry it at the same place, it is another log.
    let last_fed = use_mut_ref(|| None::<engine::Event>);
    match owned {
        Some(t) => t.0,
        None => {
            let log = log.read();
            let mut own = own.borrow_mut();
            let mut last = last_fed.borrow_mut();
            let (n, events) = (log.task_names.len(), log.events());
            let fed = own.1 .0.borrow().consumed();
            let same_log = fed == 0 || (events.len() >= fed && events.get(fed - 1) == last.as_ref());
            if own.0 != run || own.1 .0.borrow().n_tasks() != n || !same_log {
                *own = (run, SharedTracker(Rc::new(RefCell::new(Tracker::new(n)))));
            }
            own.1 .0.borrow_mut().feed(events);
            *last = events.last().cloned();
            own.1 .0.clone()
        }
    }
}

/// The tracker the caches are of, and per thread lane its cache.
type Caches = (SharedTracker, Vec<(Lane, BarCache)>);

/// Per thread lane, the pooled bars of its closed holder segments, for one tracker.
#[derive(Clone)]
pub struct HolderBars(Rc<RefCell<Caches>>);

impl HolderBars {
    /// The bars of each of `lanes` at `scale`, with the lane's open holder segment up to `upto`.
    /// Closed holder segments are borrowed, not copied, and pooled once: a big run has hundreds
    /// of thousands, and a frame only pools the ones new since the last (while the scale stays).
    pub fn bars(&self, tr: &Tracker, lanes: &[Lane], scale: &Scale, upto: f64) -> Vec<Vec<Bar>> {
        let mut caches = self.0.borrow_mut();
        let caches = &mut caches.1;
        lanes
            .iter()
            .map(|l| {
                let i = match caches.iter().position(|(cl, _)| cl == l) {
                    Some(i) => i,
                    None => {
                        caches.push((*l, BarCache::new()));
                        caches.len() - 1
                    }
                };
                let mut b = caches[i].1.bars(tr.closed_holders(*l), scale, 1.0);
                if let Some(open) = tr.open_holder(*l, upto) {
                    b.extend(bars(&[open], scale, 1.0));
                }
                b
            })
            .collect()
    }
}

/// The holder bars' caches of `tracker`, emptied when the tracker changes.
#[hook]
pub fn use_holder_bars(tracker: &Rc<RefCell<Tracker>>) -> HolderBars {
    let caches = use_mut_ref(|| -> Caches { (SharedTracker::default(), Vec::new()) });
    {
        let mut c = caches.borrow_mut();
        if !Rc::ptr_eq(&c.0 .0, tracker) {
            *c = (SharedTracker(tracker.clone()), Vec::new());
        }
    }
    HolderBars(caches)
}
