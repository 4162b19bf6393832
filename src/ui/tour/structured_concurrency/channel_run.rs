//! The channel demo's run on the page's event loop: a producer sending five values a second
//! apart through a rendezvous channel (`engine::chapters::ch8::rendezvous`) and a consumer
//! looping until the channel closes, joined like a nursery.

use crate::web::clock;
use engine::chapters::ch8::rendezvous::channel;
use engine::chapters::ch8::{ChannelEvent, ChannelLine, SEND_EVERY_MS, VALUES};
use std::cell::RefCell;
use std::rc::Rc;

/// Runs the demo and returns its timed log.
pub async fn run_channel() -> Vec<ChannelLine> {
    let start = clock::now();
    let lines = Rc::new(RefCell::new(Vec::new()));
    let log = {
        let lines = lines.clone();
        move |what: ChannelEvent| lines.borrow_mut().push(ChannelLine { t_ms: clock::now() - start, what })
    };
    let (tx, rx) = channel::<u32>();
    let producer = {
        let log = log.clone();
        async move {
            for v in 0..VALUES {
                gloo_timers::future::TimeoutFuture::new(SEND_EVERY_MS as u32).await;
                tx.send(v).await;
                log(ChannelEvent::Sent(v));
            }
            log(ChannelEvent::Closed);
            drop(tx);
        }
    };
    let consumer = {
        let log = log.clone();
        async move {
            while let Some(v) = rx.recv().await {
                log(ChannelEvent::Got(v));
            }
            log(ChannelEvent::ConsumerEnded);
        }
    };
    futures::join!(producer, consumer);
    log(ChannelEvent::Done);
    let out = lines.borrow().clone();
    out
}
