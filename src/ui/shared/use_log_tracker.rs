//! A tracker of a run's log kept between renders and fed only the events added since the last
//! render, so a view of a growing log costs the same per update at its start and near its end
//! (the resource views: [`engine::resource_lanes::LanesTracker`] and
//! [`engine::metrics::ResourceTally`]; the timeline has its own, `timeline/use_tracker.rs`).

use crate::web::log_view::LogView;
use engine::metrics::ResourceTally;
use engine::resource_lanes::LanesTracker;
use engine::{Event, EventLog};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Something built from a log's events as the log grows.
pub trait LogTracker {
    /// A tracker for `log` (its resources and tasks), with no event read.
    fn for_log(log: &EventLog) -> Self;
    /// Whether it was made for a log with `log`'s resources and tasks.
    fn fits(&self, log: &EventLog) -> bool;
    /// How many events it has read.
    fn consumed(&self) -> usize;
    /// Reads the events of `events` (the log so far) after the ones already read.
    fn feed(&mut self, events: &[Event]);
}

impl LogTracker for LanesTracker {
    fn for_log(log: &EventLog) -> Self {
        LanesTracker::new(&log.resources)
    }
    fn fits(&self, log: &EventLog) -> bool {
        self.resources() == log.resources.as_slice()
    }
    fn consumed(&self) -> usize {
        LanesTracker::consumed(self)
    }
    fn feed(&mut self, events: &[Event]) {
        LanesTracker::feed(self, events)
    }
}

impl LogTracker for ResourceTally {
    fn for_log(log: &EventLog) -> Self {
        ResourceTally::new(log.resources.len(), log.task_names.len())
    }
    fn fits(&self, log: &EventLog) -> bool {
        self.resources().len() == log.resources.len() && self.endings().len() == log.task_names.len()
    }
    fn consumed(&self) -> usize {
        ResourceTally::consumed(self)
    }
    fn feed(&mut self, events: &[Event]) {
        ResourceTally::feed(self, events)
    }
}

impl<A: LogTracker, B: LogTracker> LogTracker for (A, B) {
    fn for_log(log: &EventLog) -> Self {
        (A::for_log(log), B::for_log(log))
    }
    fn fits(&self, log: &EventLog) -> bool {
        self.0.fits(log) && self.1.fits(log)
    }
    fn consumed(&self) -> usize {
        self.0.consumed().min(self.1.consumed())
    }
    fn feed(&mut self, events: &[Event]) {
        self.0.feed(events);
        self.1.feed(events);
    }
}

/// The tracker of `log`, fed with what it added since the last render; started over for another
/// log: one with other resources or tasks, or that does not carry the last event fed at the
/// same place.
#[hook]
pub fn use_log_tracker<T: LogTracker + 'static>(log: &LogView) -> Rc<RefCell<T>> {
    let kept = use_mut_ref(|| None::<(Rc<RefCell<T>>, Option<Event>)>);
    let log = log.read();
    let events = log.events();
    let mut kept = kept.borrow_mut();
    let same = kept.as_ref().is_some_and(|(tr, last)| {
        let tr = tr.borrow();
        let fed = tr.consumed();
        tr.fits(&log) && (fed == 0 || (events.len() >= fed && events.get(fed - 1) == last.as_ref()))
    });
    if !same {
        *kept = Some((Rc::new(RefCell::new(T::for_log(&log))), None));
    }
    let (tr, last) = kept.as_mut().expect("set above");
    tr.borrow_mut().feed(events);
    *last = events.last().cloned();
    tr.clone()
}
