//! A bare future, like asyncio's `Future()`: it does no work of its own. Whoever awaits it waits
//! until someone calls [`BareFuture::set`]; then every waiter gets the value.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct State<T> {
    value: Option<T>,
    wakers: Vec<Waker>,
}

/// A value that is not there yet. Clones share it (one to set, any number to await).
pub struct BareFuture<T>(Rc<RefCell<State<T>>>);

impl<T> Clone for BareFuture<T> {
    fn clone(&self) -> Self {
        BareFuture(self.0.clone())
    }
}

impl<T> Default for BareFuture<T> {
    fn default() -> Self {
        BareFuture(Rc::new(RefCell::new(State { value: None, wakers: Vec::new() })))
    }
}

impl<T: Clone> BareFuture<T> {
    /// A future with no value yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Gives the future its value and wakes every task awaiting it. A second `set` is refused
    /// (asyncio raises `InvalidStateError`): the first value stays.
    pub fn set(&self, value: T) -> Result<(), &'static str> {
        let wakers = {
            let mut s = self.0.borrow_mut();
            if s.value.is_some() {
                return Err("InvalidStateError: the future already has a value");
            }
            s.value = Some(value);
            std::mem::take(&mut s.wakers)
        };
        wakers.into_iter().for_each(Waker::wake);
        Ok(())
    }

    /// Whether it has its value.
    pub fn done(&self) -> bool {
        self.0.borrow().value.is_some()
    }
}

impl<T: Clone> Future for BareFuture<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut s = self.0.borrow_mut();
        match &s.value {
            Some(v) => Poll::Ready(v.clone()),
            None => {
                if !s.wakers.iter().any(|w| w.will_wake(cx.waker())) {
                    s.wakers.push(cx.waker().clone());
                }
                Poll::Pending
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;
    use std::task::Wake;

    struct Count(AtomicU32);
    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn a_waiter_waits_until_the_value_is_set_and_is_woken_once() {
        let count = Arc::new(Count(AtomicU32::new(0)));
        let waker = Waker::from(count.clone());
        let mut cx = Context::from_waker(&waker);
        let fut = BareFuture::<i64>::new();
        let mut waiting = Box::pin(fut.clone());
        assert_eq!(waiting.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(waiting.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(count.0.load(Ordering::SeqCst), 0, "nothing wakes it but set");
        fut.set(10).unwrap();
        assert_eq!(count.0.load(Ordering::SeqCst), 1, "one wake, not one per poll");
        assert_eq!(waiting.as_mut().poll(&mut cx), Poll::Ready(10));
        assert!(fut.done());
    }

    #[test]
    fn a_second_set_is_refused_and_the_first_value_stays() {
        let fut = BareFuture::new();
        fut.set(10).unwrap();
        assert!(fut.set(11).is_err());
        let waker = Waker::from(Arc::new(Count(AtomicU32::new(0))));
        assert_eq!(Box::pin(fut).as_mut().poll(&mut Context::from_waker(&waker)), Poll::Ready(10));
    }
}
