//! The page's side of one Web Worker: spawn it, wait until it is ready, send requests and await
//! their answers.

use super::clock;
use engine::protocol::{decode, encode, FromWorker, ToWorker};
use futures::channel::oneshot;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The script Trunk emits for the worker binary: a module that loads `worker.js` and its wasm.
pub const WORKER_URL: &str = "./worker_loader.js";

type Pending = Rc<RefCell<HashMap<u64, oneshot::Sender<Result<FromWorker, String>>>>>;

/// One live Web Worker.
pub struct WorkerClient {
    worker: Worker,
    pending: Pending,
    next_id: RefCell<u64>,
    /// Milliseconds from `new Worker(...)` until the worker said it was ready.
    pub startup_ms: f64,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerClient {
    /// Starts a worker and waits until its wasm module has loaded and it listens.
    pub async fn spawn() -> Result<WorkerClient, String> {
        let start = clock::now();
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(WORKER_URL, &opts)
            .map_err(|e| format!("could not start a worker: {e:?}"))?;
        let pending: Pending = Rc::new(RefCell::new(HashMap::new()));
        let (ready_tx, ready_rx) = oneshot::channel::<Result<(), String>>();
        let ready_tx = Rc::new(RefCell::new(Some(ready_tx)));

        let p = pending.clone();
        let r = ready_tx.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let msg = match ev.data().as_string() {
                Some(text) => decode::<FromWorker>(&text),
                None => Err("the worker sent something that is not text".to_string()),
            };
            match msg {
                Ok(FromWorker::Ready) => {
                    if let Some(tx) = r.borrow_mut().take() {
                        let _ = tx.send(Ok(()));
                    }
                }
                Ok(answer) => {
                    let id = match &answer {
                        FromWorker::Checksum { id, .. } => Some(*id),
                        FromWorker::Error { id, .. } => *id,
                        FromWorker::Ready => None,
                    };
                    if let Some(tx) = id.and_then(|id| p.borrow_mut().remove(&id)) {
                        let _ = tx.send(Ok(answer));
                    }
                }
                Err(e) => web_sys::console::error_1(&e.into()),
            }
        });
        let p = pending.clone();
        let r = ready_tx;
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            let reason = format!("the worker failed: {}", ev.message());
            if let Some(tx) = r.borrow_mut().take() {
                let _ = tx.send(Err(reason.clone()));
            }
            for (_, tx) in p.borrow_mut().drain() {
                let _ = tx.send(Err(reason.clone()));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        match ready_rx.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                worker.terminate();
                return Err(e);
            }
            Err(_) => return Err("the worker went away before it was ready".into()),
        }
        Ok(WorkerClient {
            worker,
            pending,
            next_id: RefCell::new(1),
            startup_ms: clock::now() - start,
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

    /// Sends a request and waits for the answer with the same id.
    pub async fn request(&self, id: u64, req: &ToWorker) -> Result<FromWorker, String> {
        let (tx, rx) = oneshot::channel();
        self.pending.borrow_mut().insert(id, tx);
        self.worker
            .post_message(&JsValue::from_str(&encode(req)))
            .map_err(|e| format!("could not send to the worker: {e:?}"))?;
        rx.await.map_err(|_| "the worker was stopped".to_string())?
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
