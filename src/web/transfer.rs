//! Sending a buffer to a worker and back: by copy (structured clone) or by transfer (the
//! buffer's memory moves; the sender's `ArrayBuffer` is detached and reads as 0 bytes).

use super::clock;
use super::worker_client::WorkerClient;
use engine::protocol::{FromWorker, ToWorker};
use wasm_bindgen::{JsCast, JsValue};

/// Largest buffer the panel accepts, MiB.
pub const MAX_MIB: f64 = 256.0;

/// Parses the size field: a number of MiB above 0 and at most [`MAX_MIB`]; the error is shown
/// beside the field.
pub fn parse_mib(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("enter a size in MiB, like 16".into());
    }
    let x: f64 = t.parse().map_err(|_| "must be a number of MiB, like 16 or 0.5".to_string())?;
    if !x.is_finite() || x <= 0.0 {
        return Err("must be more than 0".into());
    }
    if x > MAX_MIB {
        return Err(format!("at most {MAX_MIB} MiB (the browser must hold two copies)"));
    }
    Ok(x)
}

/// One measured round trip.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundTrip {
    /// Bytes sent.
    pub bytes: u64,
    /// Page → worker → page, ms.
    pub ms: f64,
    /// Bytes the sender's buffer still had right after sending (0 after a transfer).
    pub left_behind: u64,
    /// The buffer that came back holds what was sent (checked at both ends and the middle).
    pub intact: bool,
}

fn sample(buf: &js_sys::Uint8Array) -> Vec<u8> {
    let n = buf.length();
    if n == 0 {
        return Vec::new();
    }
    [0, n / 2, n - 1].iter().map(|&i| buf.get_index(i)).collect()
}

/// Sends `bytes` bytes to `worker` and back, by transfer if `transfer`, else by copy.
pub async fn round_trip(worker: &WorkerClient, bytes: u64, transfer: bool) -> Result<RoundTrip, String> {
    let len = u32::try_from(bytes).map_err(|_| "buffer too large".to_string())?;
    let view = js_sys::Uint8Array::new_with_length(len);
    // A recognisable pattern at the ends and the middle, to check what comes back.
    if len > 0 {
        view.set_index(0, 0xA5);
        view.set_index(len / 2, 0x5A);
        view.set_index(len - 1, 0xC3);
    }
    let expect = sample(&view);
    let buf: JsValue = view.buffer().into();
    let id = worker.next_id();
    let t = clock::now();
    let req = ToWorker::Echo { id, transfer };
    let sending = worker.request_with(id, &req, Some(&buf), transfer);
    // `request_with` posts before its first await, so the sender's buffer is already detached
    // (after a transfer) by the time the future is first polled; measure it right after posting.
    let mut sending = Box::pin(sending);
    let first = futures::poll!(sending.as_mut());
    let left_behind = buf.unchecked_ref::<js_sys::ArrayBuffer>().byte_length() as u64;
    let answer = match first {
        std::task::Poll::Ready(a) => a,
        std::task::Poll::Pending => sending.await,
    }?;
    let ms = clock::now() - t;
    match answer {
        (FromWorker::Echoed { bytes: got, .. }, Some(back)) => {
            let back = js_sys::Uint8Array::new(&back);
            Ok(RoundTrip { bytes, ms, left_behind, intact: got == bytes && sample(&back) == expect })
        }
        (FromWorker::Echoed { .. }, None) => Err("the worker answered without the buffer".into()),
        (FromWorker::Error { message, .. }, _) => Err(message),
        (other, _) => Err(format!("unexpected answer {other:?}")),
    }
}
