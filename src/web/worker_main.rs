//! What runs inside a Web Worker: listen for [`ToWorker`] requests, answer with [`FromWorker`].
//!
//! The worker binary calls [`start`]; the logic lives here in the library so it is checked by
//! clippy and the tests like the rest.

use super::clock;
use engine::protocol::{decode, encode, FromWorker, ToWorker};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Handles one request. Pure enough to be called from a test on the main thread.
pub fn handle(req: ToWorker) -> FromWorker {
    match req {
        ToWorker::Checksum { id, seed, units, rounds_per_unit } => {
            let start = clock::now();
            let value = engine::work::checksum(seed, units, rounds_per_unit);
            FromWorker::Checksum { id, value, elapsed_ms: clock::now() - start }
        }
    }
}

/// Installs the message handler and tells the page the worker is ready.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let answer = match ev.data().as_string() {
            Some(text) => match decode::<ToWorker>(&text) {
                Ok(req) => handle(req),
                Err(message) => FromWorker::Error { id: None, message },
            },
            None => FromWorker::Error { id: None, message: "expected a text message".into() },
        };
        // Posting a string cannot fail (it is always cloneable).
        let _ = reply_scope.post_message(&JsValue::from_str(&encode(&answer)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(&encode(&FromWorker::Ready)));
}
