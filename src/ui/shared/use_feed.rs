//! A value that changes often, read by a few components deep in a page without re-rendering the
//! page: the owner [`Feed::set`]s it, and only the components that read it with [`use_feed`]
//! render again.
//!
//! The playground uses it for a live run: ten updates a second of the log, timeline, metrics and
//! progress render only those views, not the whole page (editor, share bar and code view), whose
//! render and prop comparison would cost about 30 ms per update of a 10,000-task run.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// A subscriber: its id and what to call.
type Subscriber = (u64, Rc<dyn Fn()>);

struct Inner<T> {
    value: RefCell<Rc<T>>,
    /// Bumped by every `set`, so a reader that subscribes late sees whether it missed one.
    version: Cell<u64>,
    subscribers: RefCell<Vec<Subscriber>>,
    next_id: Cell<u64>,
}

/// A shared, observable value. Clones share it; two feeds are equal when they are the same feed,
/// so passing one as a prop never compares (or re-renders for) its value.
pub struct Feed<T>(Rc<Inner<T>>);

impl<T> Clone for Feed<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> PartialEq for Feed<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Feed<T> {
    /// A feed holding `value`.
    pub fn new(value: T) -> Self {
        Self(Rc::new(Inner {
            value: RefCell::new(Rc::new(value)),
            version: Cell::new(0),
            subscribers: RefCell::new(Vec::new()),
            next_id: Cell::new(0),
        }))
    }

    /// The current value.
    pub fn get(&self) -> Rc<T> {
        self.0.value.borrow().clone()
    }

    /// How many times the value was set.
    pub fn version(&self) -> u64 {
        self.0.version.get()
    }

    /// Replaces the value and tells every subscriber.
    pub fn set(&self, value: T) {
        *self.0.value.borrow_mut() = Rc::new(value);
        self.0.version.set(self.0.version.get() + 1);
        // Called outside the borrow: a subscriber may subscribe or leave while told.
        let subs: Vec<Rc<dyn Fn()>> = self.0.subscribers.borrow().iter().map(|(_, f)| f.clone()).collect();
        for f in subs {
            f();
        }
    }

    /// Calls `f` after every `set` until the returned guard is dropped.
    pub fn subscribe(&self, f: impl Fn() + 'static) -> Subscription<T> {
        let id = self.0.next_id.get();
        self.0.next_id.set(id + 1);
        self.0.subscribers.borrow_mut().push((id, Rc::new(f)));
        Subscription { feed: self.clone(), id }
    }

    /// Number of live subscriptions.
    pub fn subscribers(&self) -> usize {
        self.0.subscribers.borrow().len()
    }
}

/// A subscription to a [`Feed`]; dropping it unsubscribes.
pub struct Subscription<T> {
    feed: Feed<T>,
    id: u64,
}

impl<T> Drop for Subscription<T> {
    fn drop(&mut self) {
        self.feed.0.subscribers.borrow_mut().retain(|(id, _)| *id != self.id);
    }
}

/// The feed's current value; the calling component renders again whenever it is set.
#[hook]
pub fn use_feed<T: 'static>(feed: &Feed<T>) -> Rc<T> {
    let update = use_force_update();
    // The version this render shows: a `set` between this render and the subscription (which an
    // effect makes) would otherwise be missed.
    let shown = feed.version();
    use_effect_with(feed.clone(), move |feed| {
        let sub = feed.subscribe({
            let update = update.clone();
            move || update.force_update()
        });
        if feed.version() != shown {
            update.force_update();
        }
        move || drop(sub)
    });
    feed.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subscriber_is_told_of_a_set_until_it_leaves() {
        let feed = Feed::new(1);
        let told = Rc::new(Cell::new(0));
        let a = feed.subscribe({
            let told = told.clone();
            move || told.set(told.get() + 1)
        });
        let b = feed.subscribe({
            let told = told.clone();
            move || told.set(told.get() + 10)
        });
        feed.set(2);
        assert_eq!((*feed.get(), feed.version(), told.get()), (2, 1, 11));
        drop(a);
        feed.set(3);
        assert_eq!((told.get(), feed.subscribers()), (21, 1));
        drop(b);
        assert_eq!(feed.subscribers(), 0);
    }

    #[test]
    fn feeds_compare_by_identity_not_by_value() {
        let (a, b) = (Feed::new(1), Feed::new(1));
        assert!(a == a.clone());
        assert!(a != b);
    }
}
