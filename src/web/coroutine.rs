//! A real Rust `async fn`, driven by hand: the page is the executor.
//!
//! [`Stepper`] pins the future returned by [`brew`] in a box and polls it with a `Context` built
//! from a waker the page owns. Each of the function's three awaits is on a [`Gate`], a future the
//! reader completes with a button. Nothing here is simulated: the state machine the compiler
//! generated for `brew` really parks at each `.await` and really resumes when polled.
//!
//! A state machine's fields cannot be read from outside, so `brew` reports its locals and the
//! await point it is parked at into a [`Watch`] as it runs (a debugger's watch window, in effect).

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// The values the three gates deliver when the reader completes them.
pub const GATE_VALUES: [u32; 3] = [3, 4, 1];

/// The `cups` argument the page calls `brew` with.
pub const CUPS: u32 = 2;

/// A future that stays `Pending` until [`Gate::complete`] is called, then yields its value.
#[derive(Default)]
pub struct GateState {
    value: Cell<Option<u32>>,
    waker: RefCell<Option<Waker>>,
}

/// A shared handle to a gate.
#[derive(Clone, Default)]
pub struct Gate(Rc<GateState>);

impl Gate {
    /// Completes the gate with `value` and wakes whoever awaits it (the waker says "poll me").
    pub fn complete(&self, value: u32) {
        self.0.value.set(Some(value));
        if let Some(w) = self.0.waker.borrow_mut().take() {
            w.wake();
        }
    }

    /// Whether the gate was completed.
    pub fn is_complete(&self) -> bool {
        self.0.value.get().is_some()
    }
}

impl Future for Gate {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        match self.0.value.get() {
            Some(v) => Poll::Ready(v),
            None => {
                // Remember who to wake: that is the whole contract of `Pending`.
                *self.0.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// What `brew` has reported about itself so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Watch {
    /// Whether the body has started running at all.
    pub started: bool,
    /// The await point (1–3) the function is parked at, if it is parked.
    pub parked_at: Option<u8>,
    /// The locals, as (name, value) in declaration order.
    pub locals: Vec<(&'static str, u32)>,
}

impl Watch {
    fn set(&mut self, name: &'static str, value: u32) {
        match self.locals.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.locals.push((name, value)),
        }
    }

    /// The value of local `name`, if it exists yet.
    pub fn local(&self, name: &str) -> Option<u32> {
        self.locals.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

/// The coroutine: three awaits; its locals live inside the future between polls.
pub async fn brew(cups: u32, gates: [Gate; 3], watch: Rc<RefCell<Watch>>) -> u32 {
    let [water_gate, leaves_gate, milk_gate] = gates;
    watch.borrow_mut().started = true;
    let mut total = cups;
    watch.borrow_mut().set("total", total);

    watch.borrow_mut().parked_at = Some(1);
    let water = water_gate.await; // await point 1
    watch.borrow_mut().parked_at = None;
    total += water;
    watch.borrow_mut().set("water", water);
    watch.borrow_mut().set("total", total);

    watch.borrow_mut().parked_at = Some(2);
    let leaves = leaves_gate.await; // await point 2
    watch.borrow_mut().parked_at = None;
    total *= leaves;
    watch.borrow_mut().set("leaves", leaves);
    watch.borrow_mut().set("total", total);

    watch.borrow_mut().parked_at = Some(3);
    let milk = milk_gate.await; // await point 3
    watch.borrow_mut().parked_at = None;
    watch.borrow_mut().set("milk", milk);
    total + milk
}

/// The page's waker: waking it only counts, because the reader decides when to poll.
#[derive(Default)]
struct CountingWaker(AtomicU32);

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// What one poll returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollOutcome {
    /// `Poll::Pending`, parked at this await point (1–3).
    Pending(u8),
    /// `Poll::Ready(value)`.
    Ready(u32),
}

/// A hand-driven `brew(CUPS)`: created, then polled only when [`Stepper::poll`] is called.
pub struct Stepper {
    future: Option<Pin<Box<dyn Future<Output = u32>>>>,
    gates: [Gate; 3],
    watch: Rc<RefCell<Watch>>,
    waker: Arc<CountingWaker>,
    polls: Vec<PollOutcome>,
}

impl Default for Stepper {
    fn default() -> Self {
        Self::new()
    }
}

impl Stepper {
    /// Calls `brew(CUPS)`: this creates the future and runs none of its body.
    pub fn new() -> Stepper {
        let gates: [Gate; 3] = Default::default();
        let watch = Rc::new(RefCell::new(Watch::default()));
        let future = Box::pin(brew(CUPS, gates.clone(), watch.clone()));
        Stepper { future: Some(future), gates, watch, waker: Arc::default(), polls: Vec::new() }
    }

    /// Polls the future once with the page's waker. `None` if it already returned `Ready`.
    pub fn poll(&mut self) -> Option<PollOutcome> {
        let fut = self.future.as_mut()?;
        let waker = Waker::from(self.waker.clone());
        let mut cx = Context::from_waker(&waker);
        let outcome = match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => {
                // A finished async fn must not be polled again: drop it.
                self.future = None;
                PollOutcome::Ready(v)
            }
            Poll::Pending => PollOutcome::Pending(self.watch.borrow().parked_at.unwrap_or(0)),
        };
        self.polls.push(outcome);
        Some(outcome)
    }

    /// Completes await point `n` (1–3) with its value from [`GATE_VALUES`].
    pub fn complete(&self, n: usize) {
        if let Some(g) = self.gates.get(n.wrapping_sub(1)) {
            if !g.is_complete() {
                g.complete(GATE_VALUES[n - 1]);
            }
        }
    }

    /// Whether await point `n` (1–3) was completed.
    pub fn is_complete(&self, n: usize) -> bool {
        self.gates.get(n.wrapping_sub(1)).is_some_and(Gate::is_complete)
    }

    /// What the function reported about itself.
    pub fn watch(&self) -> Watch {
        self.watch.borrow().clone()
    }

    /// Every poll's outcome so far.
    pub fn polls(&self) -> &[PollOutcome] {
        &self.polls
    }

    /// Whether the future returned `Ready` (and was dropped).
    pub fn is_done(&self) -> bool {
        self.future.is_none()
    }

    /// How many times a gate called `wake()` on the page's waker.
    pub fn wakes(&self) -> u32 {
        self.waker.0.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creating_runs_nothing_and_each_poll_stops_at_the_next_await() {
        let mut s = Stepper::new();
        assert!(!s.watch().started);
        assert_eq!(s.poll(), Some(PollOutcome::Pending(1)));
        assert_eq!(s.watch().local("total"), Some(2));
        assert_eq!(s.poll(), Some(PollOutcome::Pending(1)), "no progress until the gate completes");
        s.complete(1);
        assert_eq!(s.wakes(), 1);
        assert_eq!(s.poll(), Some(PollOutcome::Pending(2)));
        assert_eq!(s.watch().local("total"), Some(5));
        s.complete(2);
        assert_eq!(s.poll(), Some(PollOutcome::Pending(3)));
        s.complete(3);
        assert_eq!(s.poll(), Some(PollOutcome::Ready(21)));
        assert!(s.is_done());
        assert_eq!(s.poll(), None);
    }
}
