//! A run's log shared between the runner that appends to it and the views that show it, with
//! no copy per frame.
//!
//! The runner appends to one [`SharedLog`]; each update hands the views a [`LogView`]: a handle to
//! that log plus how many events it had then. A `LogView` is cheap to clone and to compare (same
//! log, same length), so a component re-renders only when there is something new, and reads
//! just the first `len` events (the log is append-only, so those never change). When the run
//! ends the log is [sealed](SharedLog::seal) into an `Rc<EventLog>` — moved, not copied — that
//! views made earlier keep reading.

use engine::{Event, EventLog};
use std::cell::{OnceCell, Ref, RefCell};
use std::ops::Deref;
use std::rc::Rc;
use yew::html::IntoPropValue;

/// An append-only log a run writes while views read it.
#[derive(Debug, Default)]
pub struct SharedLog {
    live: RefCell<EventLog>,
    sealed: OnceCell<Rc<EventLog>>,
}

impl SharedLog {
    /// A shared log starting as `log`.
    pub fn new(log: EventLog) -> Self {
        Self { live: RefCell::new(log), sealed: OnceCell::new() }
    }

    /// Appends with `f` (the runner's only way to write). After [`SharedLog::seal`] nothing more
    /// is recorded: a run's events all come before the end that seals it.
    pub fn append(&self, f: impl FnOnce(&mut EventLog)) {
        if self.sealed.get().is_none() {
            f(&mut self.live.borrow_mut());
        }
    }

    /// Number of events so far.
    pub fn len(&self) -> usize {
        self.read(|l| l.events.len())
    }

    /// Whether nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `f` with the log as it is now.
    pub fn read<R>(&self, f: impl FnOnce(&EventLog) -> R) -> R {
        match self.sealed.get() {
            Some(l) => f(l),
            None => f(&self.live.borrow()),
        }
    }

    /// The complete log, moved (not copied) out of the live cell the first time; views made
    /// before go on reading it.
    pub fn seal(&self) -> Rc<EventLog> {
        self.sealed.get_or_init(|| Rc::new(std::mem::take(&mut *self.live.borrow_mut()))).clone()
    }
}

/// Two shared logs are equal when they are the same log (one run's).
impl PartialEq for SharedLog {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

#[derive(Clone, Debug)]
enum Source {
    Fixed(Rc<EventLog>),
    Shared(Rc<SharedLog>),
}

/// What a view shows of a log: its first `len` events. Compares by identity and length.
#[derive(Clone, Debug)]
pub struct LogView {
    src: Source,
    len: usize,
}

impl LogView {
    /// The events `log` has now.
    pub fn of_shared(log: &Rc<SharedLog>) -> Self {
        Self { len: log.len(), src: Source::Shared(log.clone()) }
    }

    /// Number of events shown.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no event is shown.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether this view shows `shared`'s log (while it grows, or once sealed).
    pub fn is_of(&self, shared: &Rc<SharedLog>) -> bool {
        match &self.src {
            Source::Shared(s) => Rc::ptr_eq(s, shared),
            Source::Fixed(l) => shared.sealed.get().is_some_and(|s| Rc::ptr_eq(s, l)),
        }
    }

    /// Borrows the log for reading (hold it only while rendering: the runner appends between
    /// frames, never during one).
    pub fn read(&self) -> LogRead<'_> {
        let log = match &self.src {
            Source::Fixed(l) => Held::Plain(l),
            Source::Shared(s) => match s.sealed.get() {
                Some(l) => Held::Plain(l),
                None => Held::Cell(s.live.borrow()),
            },
        };
        LogRead { log, len: self.len }
    }
}

impl Default for LogView {
    fn default() -> Self {
        Rc::new(EventLog::default()).into()
    }
}

impl From<Rc<EventLog>> for LogView {
    fn from(log: Rc<EventLog>) -> Self {
        Self { len: log.events.len(), src: Source::Fixed(log) }
    }
}

/// Lets a component take a finished `Rc<EventLog>` where it takes a [`LogView`].
impl IntoPropValue<LogView> for Rc<EventLog> {
    fn into_prop_value(self) -> LogView {
        self.into()
    }
}

impl PartialEq for LogView {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len
            && match (&self.src, &other.src) {
                (Source::Fixed(a), Source::Fixed(b)) => Rc::ptr_eq(a, b),
                (Source::Shared(a), Source::Shared(b)) => Rc::ptr_eq(a, b),
                _ => false,
            }
    }
}

enum Held<'a> {
    Plain(&'a EventLog),
    Cell(Ref<'a, EventLog>),
}

/// A log borrowed for reading; its [`LogRead::events`] are the ones the view shows.
pub struct LogRead<'a> {
    log: Held<'a>,
    len: usize,
}

impl LogRead<'_> {
    /// The events shown (the first `len`; fewer only if the log is not the one the view was
    /// made from, which a view treats as a new log).
    pub fn events(&self) -> &[Event] {
        let all = &self.deref().events;
        &all[..self.len.min(all.len())]
    }
}

impl Deref for LogRead<'_> {
    type Target = EventLog;

    fn deref(&self) -> &EventLog {
        match &self.log {
            Held::Plain(l) => l,
            Held::Cell(r) => r,
        }
    }
}
