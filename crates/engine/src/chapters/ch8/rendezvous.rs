//! A rendezvous channel, like Trio's `open_memory_channel(0)`: no buffer, so a send returns only
//! once a receiver has taken the value; dropping the sender closes the channel, and the
//! receiver's next `recv` after the last value gives `None`, which ends its loop. One sender and
//! one receiver, on one thread (std only, so it is tested natively).

use std::cell::RefCell;
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};

struct State<T> {
    item: Option<T>,
    sent: u64,
    received: u64,
    closed: bool,
    receiver: Option<Waker>,
    sender: Option<Waker>,
}

/// The send end; dropping it closes the channel.
pub struct Sender<T>(Rc<RefCell<State<T>>>);

/// The receive end.
pub struct Receiver<T>(Rc<RefCell<State<T>>>);

/// A new channel with no buffer.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let s = Rc::new(RefCell::new(State {
        item: None,
        sent: 0,
        received: 0,
        closed: false,
        receiver: None,
        sender: None,
    }));
    (Sender(s.clone()), Receiver(s))
}

impl<T> Sender<T> {
    /// Offers `value` and waits until the receiver has taken it.
    pub async fn send(&self, value: T) {
        let ticket = {
            let mut s = self.0.borrow_mut();
            s.item = Some(value);
            s.sent += 1;
            if let Some(w) = s.receiver.take() {
                w.wake();
            }
            s.sent
        };
        poll_fn(|cx| {
            let mut s = self.0.borrow_mut();
            if s.received >= ticket {
                Poll::Ready(())
            } else {
                s.sender = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let mut s = self.0.borrow_mut();
        s.closed = true;
        if let Some(w) = s.receiver.take() {
            w.wake();
        }
    }
}

impl<T> Receiver<T> {
    /// The next value, waiting for a sender; `None` once the channel is closed and empty.
    pub async fn recv(&self) -> Option<T> {
        poll_fn(|cx| {
            let mut s = self.0.borrow_mut();
            if let Some(v) = s.item.take() {
                s.received += 1;
                if let Some(w) = s.sender.take() {
                    w.wake();
                }
                Poll::Ready(Some(v))
            } else if s.closed {
                Poll::Ready(None)
            } else {
                s.receiver = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::Arc;
    use std::task::{Context, Wake};

    struct Nop;
    impl Wake for Nop {
        fn wake(self: Arc<Self>) {}
    }

    fn poll<F: Future + ?Sized>(f: &mut Pin<Box<F>>) -> Poll<F::Output> {
        let waker = Waker::from(Arc::new(Nop));
        f.as_mut().poll(&mut Context::from_waker(&waker))
    }

    #[test]
    fn a_send_waits_for_its_receive_and_the_loop_ends_on_close() {
        let (tx, rx) = channel::<u32>();
        let mut send = Box::pin(async move {
            tx.send(7).await;
            tx // still open until the caller drops it
        });
        assert!(poll(&mut send).is_pending(), "nobody has received yet");
        assert!(poll(&mut send).is_pending());
        let rx = Rc::new(rx);
        let r = rx.clone();
        let mut got = Box::pin(async move { r.recv().await });
        assert_eq!(poll(&mut got), Poll::Ready(Some(7)));
        let Poll::Ready(tx) = poll(&mut send) else { panic!("the send completes once received") };
        let r = rx.clone();
        let mut next = Box::pin(async move { r.recv().await });
        assert!(poll(&mut next).is_pending(), "open and empty: waits");
        drop(tx);
        assert_eq!(poll(&mut next), Poll::Ready(None), "closed: the loop ends");
    }
}
