//! The page's side of one Web Worker: spawn it, wait until it is ready, send requests and await
//! their answers, hear its progress events, and learn when it dies (panic, error, terminate).
//!
//! Every message is an envelope `{ msg, buf? }` (see [`engine::protocol`]): `msg` is its bytes,
//! `buf` an optional `ArrayBuffer` / `SharedArrayBuffer` that is copied, transferred or shared.

use super::clock;
use engine::protocol::{decode, encode, FromWorker, ToWorker};
use futures::channel::oneshot;
use futures::future::Either;
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The script Trunk emits for the worker binary: a module that loads `worker.js` and its wasm.
/// Absolute, because pages live at nested routes (`/learn/gil`), where `./worker_loader.js`
/// would name a file that does not exist; Trunk's `public_url` is `/`.
pub const WORKER_URL: &str = "/worker_loader.js";

/// How long the page waits for a worker before giving up on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Longest wait from `new Worker(...)` until the worker says it is ready, ms.
    pub start_ms: f64,
    /// Longest wait for any request's final answer, ms; `None`: each request's own deadline
    /// ([`ToWorker::answer_deadline_ms`]).
    pub answer_ms: Option<f64>,
}

/// The longest a worker may take to load its wasm and say it is ready, ms: a cold start on a
/// loaded machine takes well under a second (DEVELOPERS.md), so this only catches a worker that
/// will never be ready.
pub const START_DEADLINE_MS: f64 = 30_000.0;

impl Default for Limits {
    fn default() -> Self {
        Limits { start_ms: START_DEADLINE_MS, answer_ms: None }
    }
}

/// An answer and the buffer that came with it.
pub type Answer = (FromWorker, Option<JsValue>);

type Pending = Rc<RefCell<HashMap<u64, oneshot::Sender<Result<Answer, String>>>>>;
type Sink = Rc<RefCell<Option<Box<dyn FnMut(&FromWorker)>>>>;

/// Wraps a message (and an optional buffer) in the envelope every `postMessage` carries.
pub fn envelope<T: serde::Serialize>(msg: &T, buf: Option<&JsValue>) -> JsValue {
    let obj = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let bytes = js_sys::Uint8Array::from(&encode(msg)[..]);
    let _ = js_sys::Reflect::set(&obj, &"msg".into(), &bytes);
    if let Some(b) = buf {
        let _ = js_sys::Reflect::set(&obj, &"buf".into(), b);
    }
    obj.into()
}

/// Opens an envelope: the message's bytes and the buffer, if any.
pub fn open_envelope(data: &JsValue) -> Result<(Vec<u8>, Option<JsValue>), String> {
    let msg = js_sys::Reflect::get(data, &"msg".into())
        .ok()
        .and_then(|m| m.dyn_into::<js_sys::Uint8Array>().ok())
        .map(|m| m.to_vec())
        .ok_or_else(|| "a message without its `msg` bytes".to_string())?;
    let buf = js_sys::Reflect::get(data, &"buf".into()).ok().filter(|b| !b.is_undefined());
    Ok((msg, buf))
}

/// One live Web Worker.
pub struct WorkerClient {
    worker: Worker,
    pending: Pending,
    sink: Sink,
    dead: Rc<RefCell<Option<String>>>,
    next_id: RefCell<u64>,
    /// Milliseconds from `new Worker(...)` until the worker said it was ready.
    pub startup_ms: f64,
    limits: Limits,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

/// Rejects every pending request with `reason`; the worker lives on.
fn fail_pending(pending: &Pending, reason: &str) {
    let drained: Vec<_> = pending.borrow_mut().drain().collect();
    for (_, tx) in drained {
        let _ = tx.send(Err(reason.to_string()));
    }
}

/// Awaits `f` for at most `ms`: `None` if the time ran out first.
async fn within<F: std::future::Future + Unpin>(ms: f64, f: F) -> Option<F::Output> {
    let timer = TimeoutFuture::new(ms.clamp(0.0, f64::from(u32::MAX)) as u32);
    match futures::future::select(f, timer).await {
        Either::Left((out, _)) => Some(out),
        Either::Right(_) => None,
    }
}

/// Rejects every pending request with `reason` and remembers the worker is dead.
fn kill(pending: &Pending, dead: &Rc<RefCell<Option<String>>>, reason: String) {
    dead.borrow_mut().get_or_insert(reason.clone());
    // The first reason wins: a panic message arrives before the error event it causes.
    let reason = dead.borrow().clone().unwrap_or(reason);
    let drained: Vec<_> = pending.borrow_mut().drain().collect();
    for (_, tx) in drained {
        let _ = tx.send(Err(reason.clone()));
    }
}

impl WorkerClient {
    /// Starts the page's worker ([`WORKER_URL`]) and waits until its wasm module has loaded
    /// and it listens.
    pub async fn spawn() -> Result<WorkerClient, String> {
        Self::spawn_at(WORKER_URL, Limits::default()).await
    }

    /// Starts the module worker at `url` and waits, within `limits`, until it says it is ready.
    pub async fn spawn_at(url: &str, limits: Limits) -> Result<WorkerClient, String> {
        let start = clock::now();
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(url, &opts)
            .map_err(|e| format!("could not start a worker from {url}: {e:?}"))?;
        let pending: Pending = Rc::new(RefCell::new(HashMap::new()));
        let sink: Sink = Rc::new(RefCell::new(None));
        let dead = Rc::new(RefCell::new(None::<String>));
        let (ready_tx, ready_rx) = oneshot::channel::<Result<(), String>>();
        let ready_tx = Rc::new(RefCell::new(Some(ready_tx)));

        let (p, s, d, r) = (pending.clone(), sink.clone(), dead.clone(), ready_tx.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let msg =
                open_envelope(&ev.data()).and_then(|(text, buf)| Ok((decode::<FromWorker>(&text)?, buf)));
            match msg {
                Ok((FromWorker::Ready, _)) => {
                    if let Some(tx) = r.borrow_mut().take() {
                        let _ = tx.send(Ok(()));
                    }
                }
                Ok((FromWorker::Panicked { message }, _)) => {
                    let reason = format!("the worker panicked: {message}");
                    if let Some(tx) = r.borrow_mut().take() {
                        let _ = tx.send(Err(reason.clone()));
                    }
                    kill(&p, &d, reason);
                }
                Ok((FromWorker::Error { id: None, message }, _)) => {
                    // The worker could not read a request, so it cannot say which: any pending
                    // request may be the one, and none of them will be answered as asked.
                    fail_pending(&p, &format!("the worker could not read a request: {message}"));
                }
                Ok((answer, buf)) => {
                    if !answer.is_final() {
                        if let Some(f) = s.borrow_mut().as_mut() {
                            f(&answer);
                        }
                    } else if let Some(tx) = answer.reply_to().and_then(|id| p.borrow_mut().remove(&id)) {
                        let _ = tx.send(Ok((answer, buf)));
                    }
                }
                Err(e) => web_sys::console::error_1(&e.into()),
            }
        });
        let (p, d, r, script) = (pending.clone(), dead.clone(), ready_tx, url.to_string());
        let on_error = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            // Handled here (the task is marked failed and the worker replaced), so the browser
            // need not report it again as an uncaught error of the page.
            ev.prevent_default();
            // A script that fails to load fires a plain `Event` with no message; a script error
            // fires an `ErrorEvent` with one.
            let reason = match js_sys::Reflect::get(&ev, &"message".into()).ok().and_then(|m| m.as_string()) {
                Some(m) => format!("the worker failed: {m}"),
                None => format!("the worker script {script} could not be loaded"),
            };
            if let Some(tx) = r.borrow_mut().take() {
                let _ = tx.send(Err(reason.clone()));
            }
            kill(&p, &d, reason);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let ready = within(limits.start_ms, ready_rx).await;
        let failed = match ready {
            Some(Ok(Ok(()))) => None,
            Some(Ok(Err(e))) => Some(e),
            Some(Err(_)) => Some("the worker went away before it was ready".into()),
            None => Some(format!("the worker was not ready within {:.1} s", limits.start_ms / 1000.0)),
        };
        if let Some(e) = failed {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
            return Err(e);
        }
        Ok(WorkerClient {
            worker,
            pending,
            sink,
            dead,
            next_id: RefCell::new(1),
            startup_ms: clock::now() - start,
            limits,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// A fresh request id.
    pub fn next_id(&self) -> u64 {
        let mut n = self.next_id.borrow_mut();
        *n += 1;
        *n
    }

    /// Sends a request and waits for the answer with the same id. Every request ends: answered,
    /// failed with the worker's reason, or — past its deadline ([`Limits::answer_ms`], else
    /// [`ToWorker::answer_deadline_ms`]) — failed after the worker is terminated.
    pub async fn request(&self, id: u64, req: &ToWorker) -> Result<FromWorker, String> {
        self.request_with(id, req, None, false).await.map(|(a, _)| a)
    }

    /// Sends a request with a buffer in the envelope — moved if `transfer` (the page's copy is
    /// detached and reads as 0 bytes), otherwise copied or, for a `SharedArrayBuffer`, shared —
    /// and waits for the final answer with the same id and the buffer that came back with it.
    pub async fn request_with(
        &self,
        id: u64,
        req: &ToWorker,
        buf: Option<&JsValue>,
        transfer: bool,
    ) -> Result<Answer, String> {
        if let Some(reason) = self.dead.borrow().clone() {
            return Err(reason);
        }
        let (tx, rx) = oneshot::channel();
        self.pending.borrow_mut().insert(id, tx);
        let env = envelope(req, buf);
        let sent = match (buf, transfer) {
            (Some(b), true) => self.worker.post_message_with_transfer(&env, &js_sys::Array::of1(b)),
            _ => self.worker.post_message(&env),
        };
        if let Err(e) = sent {
            self.pending.borrow_mut().remove(&id);
            return Err(format!("could not send to the worker: {e:?}"));
        }
        let deadline = self.limits.answer_ms.unwrap_or_else(|| req.answer_deadline_ms());
        match within(deadline, rx).await {
            Some(answer) => answer.map_err(|_| "the worker was stopped".to_string())?,
            None => {
                // A worker that misses its deadline may be stuck in a loop: ending it is the
                // only way to get it back (the pool replaces it).
                let reason =
                    format!("no answer from the worker within {:.1} s, so it was ended", deadline / 1000.0);
                self.terminate(&reason);
                Err(self.dead_reason().unwrap_or(reason))
            }
        }
    }

    /// Hands every progress message (e.g. [`FromWorker::TaskEvent`]) to `f` from now on.
    pub fn set_on_event(&self, f: impl FnMut(&FromWorker) + 'static) {
        *self.sink.borrow_mut() = Some(Box::new(f));
    }

    /// Stops hearing progress messages.
    pub fn clear_on_event(&self) {
        *self.sink.borrow_mut() = None;
    }

    /// Why the worker is dead (panicked, failed or terminated), or `None` while it lives.
    pub fn dead_reason(&self) -> Option<String> {
        self.dead.borrow().clone()
    }

    /// Kills the worker at once, whatever it is doing; pending requests fail with `reason`.
    pub fn terminate(&self, reason: &str) {
        self.worker.terminate();
        kill(&self.pending, &self.dead, reason.to_string());
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        // Unhook first: an event already queued by a dying worker must not call a dropped closure.
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
