//! Runs an event-loop snippet for real in this browser and records the order its lines ran in.
//!
//! Each line of the snippet ([`engine::event_loop_model::Item`]) is run or scheduled with the
//! real browser API (`setTimeout`, `queueMicrotask`, `Promise.then`, `spawn_local`,
//! `requestAnimationFrame`); each callback appends its line number to the output when it runs.
//! Nothing here predicts anything: the engine's model does, and the page compares the two.

use engine::event_loop_model::Item;
use futures::channel::oneshot;
use futures::future::{select, Either};
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Gives up waiting for the snippet's callbacks after this long (a hidden tab draws no frames).
const GIVE_UP_MS: u32 = 3_000;

/// What really happened: the lines in the order they ran, and when.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recorded {
    /// 0-based snippet line numbers, in the order their code ran.
    pub order: Vec<usize>,
    /// For each entry of `order`: milliseconds since the snippet started.
    pub at_ms: Vec<f64>,
}

struct Recording {
    t0: std::cell::Cell<f64>,
    order: RefCell<Vec<usize>>,
    at_ms: RefCell<Vec<f64>>,
    expected: usize,
    done: RefCell<Option<oneshot::Sender<()>>>,
}

impl Recording {
    fn log(&self, line: usize) {
        self.at_ms.borrow_mut().push(super::clock::now() - self.t0.get());
        let mut order = self.order.borrow_mut();
        order.push(line);
        if order.len() == self.expected {
            if let Some(tx) = self.done.borrow_mut().take() {
                let _ = tx.send(());
            }
        }
    }
}

fn once(f: impl FnOnce() + 'static) -> js_sys::Function {
    Closure::once_into_js(f).unchecked_into()
}

/// Runs the snippet's lines in order, in the current synchronous turn.
fn run_snippet(items: &[Item], rec: &Rc<Recording>) {
    let window = web_sys::window().expect("the event-loop demo runs on a page");
    rec.t0.set(super::clock::now());
    for (k, item) in items.iter().enumerate() {
        let r = rec.clone();
        match item {
            Item::Log => r.log(k),
            Item::Timeout => {
                let _ =
                    window.set_timeout_with_callback_and_timeout_and_arguments_0(&once(move || r.log(k)), 0);
            }
            Item::Microtask => window.queue_microtask(&once(move || r.log(k))),
            Item::PromiseThen => {
                let promise = js_sys::Promise::resolve(&JsValue::UNDEFINED);
                // `then` through Reflect, so the same one-shot JS function type serves every line.
                let then: js_sys::Function = js_sys::Reflect::get(&promise, &"then".into())
                    .expect("promises have then")
                    .unchecked_into();
                let _ = then.call1(&promise, &once(move || r.log(k)));
            }
            Item::SpawnLocal => wasm_bindgen_futures::spawn_local(async move { r.log(k) }),
            Item::AnimationFrame => {
                let _ = window.request_animation_frame(&once(move || r.log(k)));
            }
        }
    }
}

/// Runs `items` for real and records the 0-based line numbers in the order their code ran.
///
/// The snippet starts inside a `requestAnimationFrame` callback, right after a frame, so the next
/// frame is about 16 ms away (the model assumes the same). Returns early, with what was recorded,
/// if the callbacks have not all run within a few seconds.
pub async fn record(items: &[Item]) -> Recorded {
    if items.is_empty() {
        return Recorded::default();
    }
    let (tx, rx) = oneshot::channel();
    let rec = Rc::new(Recording {
        t0: std::cell::Cell::new(0.0),
        at_ms: RefCell::new(Vec::with_capacity(items.len())),
        order: RefCell::new(Vec::with_capacity(items.len())),
        expected: items.len(),
        done: RefCell::new(Some(tx)),
    });
    let window = web_sys::window().expect("the event-loop demo runs on a page");
    let (r, snippet) = (rec.clone(), items.to_vec());
    let _ = window.request_animation_frame(&once(move || run_snippet(&snippet, &r)));
    if let Either::Right(_) = select(rx, TimeoutFuture::new(GIVE_UP_MS)).await {
        // Timed out: report what ran; the page shows the missing lines as a difference.
    }
    let recorded = Recorded { order: rec.order.borrow().clone(), at_ms: rec.at_ms.borrow().clone() };
    recorded
}
