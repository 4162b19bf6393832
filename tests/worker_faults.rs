//! Browser tests (wasm-bindgen-test) for the ways a worker can fail the page: a request it cannot
//! read, a request it never answers, a script error, a worker that never gets ready, and a
//! replacement that cannot start. The page's real `WorkerClient` and `Pool` talk to small stand-in
//! workers made from Blob URLs, which speak the same envelope and bytes as the real one (their
//! answers are encoded here with the engine's `encode`), so each fault can be made on purpose.
//! The real worker's own failure paths (a panic, Stop) are tested end to end in
//! e2e/tests/workers.test.mjs and e2e/tests/faults.test.mjs.
#![cfg(target_arch = "wasm32")]

use async_playground::web::pool::Pool;
use async_playground::web::worker_client::{Limits, WorkerClient};
use engine::protocol::{encode, FromWorker, ToWorker};
use engine::{EventKind, Scenario, Step, TaskSpec};
use futures::future::{select, Either};
use gloo_timers::future::TimeoutFuture;
use std::future::Future;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A stand-in worker: says it is ready (if `ready`), then runs `on_message` (JavaScript, with
/// `say(bytes)` to answer) for every request. Returns its Blob URL.
fn fake_worker(ready: bool, on_message: &str) -> String {
    let hello = if ready { format!("say({:?});", encode(&FromWorker::Ready)) } else { String::new() };
    let src = format!(
        "const say = (b) => postMessage({{ msg: new Uint8Array(b) }});\n{hello}\n\
         onmessage = (ev) => {{ {on_message} }};"
    );
    let make = js_sys::Function::new_with_args(
        "src",
        "return URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));",
    );
    make.call1(&wasm_bindgen::JsValue::NULL, &src.into()).unwrap().as_string().unwrap()
}

/// Makes `url` name nothing: a worker started from it afterwards fails to load.
fn revoke(url: &str) {
    web_sys::Url::revoke_object_url(url).unwrap();
}

/// A worker that answers every request with `Error { id: None }`, as the real one does when it
/// cannot read a request's bytes.
fn unreadable_worker() -> String {
    let err = encode(&FromWorker::Error { id: None, message: "cannot read this request".into() });
    fake_worker(true, &format!("say({err:?});"))
}

/// Awaits `f`, or gives up after `ms` (the guard that turns a hang into a failing assertion; it is
/// many times longer than any wait below, so only a request that never ends trips it).
async fn within<T>(ms: u32, f: impl Future<Output = T>) -> Option<T> {
    match select(Box::pin(f), TimeoutFuture::new(ms)).await {
        Either::Left((t, _)) => Some(t),
        Either::Right(_) => None,
    }
}

const GUARD_MS: u32 = 10_000;

fn short(answer_ms: f64) -> Limits {
    Limits { start_ms: 2_000.0, answer_ms: Some(answer_ms) }
}

/// Guards the hang a reader could hit: a worker that cannot read a request says so without the
/// request's id; the request must fail with that reason instead of waiting forever.
#[wasm_bindgen_test]
async fn a_request_the_worker_cannot_read_fails_with_the_reason() {
    let w = WorkerClient::spawn_at(&unreadable_worker(), Limits::default()).await.unwrap();
    let got = within(GUARD_MS, w.request(2, &ToWorker::Ping { id: 2 })).await;
    let err = got.expect("the request never ended").unwrap_err();
    assert!(err.contains("cannot read this request"), "{err}");
}

/// Guards the request deadline: a worker that never answers is terminated when the deadline
/// passes, the request fails saying so, and later requests fail at once with the same reason.
#[wasm_bindgen_test]
async fn a_request_never_answered_times_out_and_the_worker_is_ended() {
    let w = WorkerClient::spawn_at(&fake_worker(true, ""), short(300.0)).await.unwrap();
    let got = within(GUARD_MS, w.request(2, &ToWorker::Ping { id: 2 })).await;
    let err = got.expect("the request never ended").unwrap_err();
    assert!(err.contains("no answer"), "{err}");
    assert_eq!(w.dead_reason().as_deref(), Some(err.as_str()));
    let again = within(GUARD_MS, w.request(3, &ToWorker::Ping { id: 3 })).await.unwrap();
    assert_eq!(again.unwrap_err(), err);
}

/// Guards start-up: a worker whose script loads but never says it is ready fails to start
/// within its limit instead of holding the page at "Starting workers…" for ever.
#[wasm_bindgen_test]
async fn a_worker_that_never_gets_ready_fails_to_start() {
    let got = within(GUARD_MS, WorkerClient::spawn_at(&fake_worker(false, ""), short(300.0))).await;
    let err = got.expect("the start never ended").err().expect("a silent worker cannot start");
    assert!(err.contains("not ready"), "{err}");
}

/// Guards the worker's `error` event: a script error fails the pending request with its message,
/// and a script that cannot be loaded fails the start with a reason naming it.
#[wasm_bindgen_test]
async fn the_worker_error_event_fails_requests_and_starts() {
    let w =
        WorkerClient::spawn_at(&fake_worker(true, "throw new Error('boom in the worker');"), short(5_000.0))
            .await
            .unwrap();
    let got = within(GUARD_MS, w.request(2, &ToWorker::Ping { id: 2 })).await;
    let err = got.expect("the request never ended").unwrap_err();
    assert!(err.contains("boom in the worker"), "{err}");
    assert!(w.dead_reason().is_some());

    let gone = fake_worker(true, "");
    revoke(&gone);
    let got = within(GUARD_MS, WorkerClient::spawn_at(&gone, short(5_000.0))).await;
    let err = got.expect("the start never ended").err().expect("a missing script cannot start");
    // A missing script fires the `error` event in a page; the test runner wraps `new Worker` and
    // throws at once instead: either way the start fails naming the script.
    assert!(err.contains(&gone), "{err}");
}

fn three_tasks() -> Scenario {
    Scenario {
        tasks: (0..3)
            .map(|i| TaskSpec {
                name: format!("t{i}"),
                start_delay_ms: 0.0,
                steps: vec![Step::Wait { ms: 10.0 }],
            })
            .collect(),
        ..Default::default()
    }
}

/// Each task's last event: how the run says it ended.
fn endings(log: &engine::EventLog, n: usize) -> Vec<EventKind> {
    (0..n)
        .map(|i| {
            let task = engine::TaskId(i as u32);
            log.of_task(task).filter(|e| e.kind.is_terminal()).last().map(|e| e.kind.clone()).unwrap()
        })
        .collect()
}

/// Guards the pool when a request times out: the worker is replaced and the run goes on to its
/// next task (here every stand-in stays silent, so every task fails, each with the reason).
#[wasm_bindgen_test]
async fn a_pool_run_goes_on_after_a_timeout_and_replaces_the_worker() {
    let pool = Pool::start_at(&fake_worker(true, ""), 1, short(300.0)).await.unwrap();
    let run = pool.run(&three_tasks(), 1, 1, None);
    let out = within(GUARD_MS, run.finished()).await.expect("the run never ended");
    for kind in endings(&out.log, 3) {
        assert!(matches!(&kind, EventKind::Failed { reason } if reason.contains("no answer")), "{kind:?}");
    }
    assert_eq!(out.replaced.len(), 3, "{:?}", out.replaced);
    assert_eq!(pool.size(), 1);
}

/// Guards a replacement that fails to start: the run ends, the task that met the fault fails
/// with the worker's reason, and every task left in the queue fails saying no worker could run
/// it (not "cancelled", which means the reader pressed Stop).
#[wasm_bindgen_test]
async fn a_replacement_that_cannot_start_fails_the_rest_of_the_run_visibly() {
    let url = unreadable_worker();
    let pool = Pool::start_at(&url, 1, short(5_000.0)).await.unwrap();
    revoke(&url);
    let run = pool.run(&three_tasks(), 1, 1, None);
    let out = within(GUARD_MS, run.finished()).await.expect("the run never ended");
    let ends = endings(&out.log, 3);
    assert!(matches!(&ends[0], EventKind::Failed { reason } if reason.contains("cannot read")), "{ends:?}");
    for kind in &ends[1..] {
        assert!(
            matches!(kind, EventKind::Failed { reason } if reason.contains("no worker could")),
            "{ends:?}"
        );
    }
    assert!(out.replaced.is_empty(), "{:?}", out.replaced);
}

/// A stand-in worker that answers every `Ping { id }` with `Pong { id }`: in postcard's bytes
/// both are a variant number followed by the same id, so it swaps the first byte.
fn pong_worker() -> String {
    let (ping, pong) = (encode(&ToWorker::Ping { id: 300 }), encode(&FromWorker::Pong { id: 300 }));
    assert_eq!(ping[1..], pong[1..], "the id's bytes are the same in both");
    fake_worker(true, &format!("const m = [...ev.data.msg]; m[0] = {}; say(m);", pong[0]))
}

/// Guards resizing the pool: shrinking keeps the first workers (still answering) and lets the
/// rest go; growing starts new ones that answer too.
#[wasm_bindgen_test]
async fn the_pool_shrinks_and_grows() {
    let pool = Pool::start_at(&pong_worker(), 3, Limits::default()).await.unwrap();
    assert_eq!(pool.size(), 3);
    let kept = pool.worker(0).unwrap();
    pool.resize(1).await.unwrap();
    assert_eq!(pool.size(), 1);
    assert!(pool.worker(1).is_none());
    assert!(std::rc::Rc::ptr_eq(&kept, &pool.worker(0).unwrap()), "the first worker is kept");
    within(GUARD_MS, pool.ping(0, 3)).await.expect("ping never ended").unwrap();
    pool.resize(2).await.unwrap();
    assert_eq!(pool.size(), 2);
    within(GUARD_MS, pool.ping(1, 3)).await.expect("ping never ended").unwrap();
}
