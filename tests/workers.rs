//! Browser tests (wasm-bindgen-test) for the parts of the worker pool and the comparison page
//! that do not need the worker files (those are tested end to end in e2e/tests/workers.test.mjs):
//! the message envelope, the lag heartbeat, the event-loop stages and the page's checksums.
#![cfg(target_arch = "wasm32")]

use async_playground::web::compare::{check, event_loop_stage, expected_checksums, Stopper};
use async_playground::web::heartbeat::Heartbeat;
use async_playground::web::worker_client::{envelope, open_envelope};
use async_playground::web::{busy, transfer};
use engine::parallel::{task_checksum, task_seed};
use engine::protocol::{decode, ToWorker};
use engine::RunMode;
use engine::{Scenario, Step, TaskSpec};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn tasks(n: usize, step: Step) -> Scenario {
    Scenario {
        tasks: (0..n)
            .map(|i| TaskSpec { name: format!("t{i}"), start_delay_ms: 0.0, steps: vec![step.clone()] })
            .collect(),
        ..Default::default()
    }
}

/// Guards the bridge's envelope: the message bytes and the buffer travel side by side, untouched.
#[wasm_bindgen_test]
fn envelope_carries_the_message_and_the_buffer() {
    let buf = js_sys::ArrayBuffer::new(16);
    js_sys::Uint8Array::new(&buf).set_index(3, 77);
    let msg = ToWorker::Echo { id: 5, transfer: false };
    let (text, back) = open_envelope(&envelope(&msg, Some(&buf.clone().into()))).unwrap();
    assert_eq!(decode::<ToWorker>(&text).unwrap(), msg);
    assert_eq!(js_sys::Uint8Array::new(&back.unwrap()).get_index(3), 77);
    let (_, none) = open_envelope(&envelope(&ToWorker::Ping { id: 1 }, None)).unwrap();
    assert!(none.is_none());
    assert!(open_envelope(&wasm_bindgen::JsValue::from_str("plain text")).is_err());
}

/// Guards the "worst page lag" column: a block on the main thread shows as lag, awaiting does not.
#[wasm_bindgen_test]
async fn the_heartbeat_sees_a_blocked_thread_and_not_an_awaiting_one() {
    let beat = Heartbeat::start();
    TimeoutFuture::new(30).await;
    busy::busy_for(150.0, 1);
    TimeoutFuture::new(30).await;
    let blocked = beat.stop().worst_ms;
    let beat = Heartbeat::start();
    TimeoutFuture::new(200).await;
    let awaiting = beat.stop().worst_ms;
    assert!(blocked >= 0.8 * 150.0, "blocked lag {blocked:.1} ms");
    assert!(awaiting < 0.25 * blocked, "awaiting lag {awaiting:.1} ms vs blocked {blocked:.1} ms");
}

/// Guards the first two columns of the comparison: waits overlap on the event loop, and a
/// sequential run of CPU units blocks the page for about as long as it runs.
#[wasm_bindgen_test]
async fn event_loop_stages_measure_wall_time_and_lag() {
    let stop = Stopper::default();
    let rpm = busy::calibrate(30.0);
    let io = tasks(3, Step::Wait { ms: 150.0 });
    let seq = event_loop_stage(&io, RunMode::Sequential, rpm, &stop).await.measured;
    let conc = event_loop_stage(&io, RunMode::Concurrent, rpm, &stop).await.measured;
    assert_eq!((seq.finished, conc.finished), (3, 3));
    assert!(
        conc.wall_ms < 0.6 * seq.wall_ms,
        "concurrent {:.1} vs sequential {:.1}",
        conc.wall_ms,
        seq.wall_ms
    );
    let cpu =
        event_loop_stage(&tasks(2, Step::Work { ms: 60.0 }), RunMode::Sequential, rpm, &stop).await.measured;
    assert!(cpu.worst_lag_ms >= 0.5 * cpu.wall_ms, "lag {:.1} of wall {:.1}", cpu.worst_lag_ms, cpu.wall_ms);
}

/// Guards Stop pressed in the pause before a stage starts: the stage must not run to its end
/// (it once did, because its stop function was registered only after Stop was pressed).
#[wasm_bindgen_test]
async fn a_stage_started_after_stop_is_cancelled_at_once() {
    let stop = Stopper::default();
    stop.stop();
    let m =
        event_loop_stage(&tasks(3, Step::Wait { ms: 400.0 }), RunMode::Sequential, 1, &stop).await.measured;
    assert_eq!((m.finished, m.not_finished), (0, 3));
}

/// Guards the page's side of the checksum check: computed in slices, it equals the engine's
/// one-go chain, and a wrong or missing answer is reported as such.
#[wasm_bindgen_test]
async fn the_page_computes_the_same_checksums_in_slices() {
    let s = Scenario {
        tasks: vec![
            TaskSpec {
                name: "a".into(),
                start_delay_ms: 0.0,
                steps: vec![Step::Work { ms: 3.0 }, Step::Wait { ms: 1.0 }],
            },
            TaskSpec {
                name: "b".into(),
                start_delay_ms: 0.0,
                steps: vec![Step::Work { ms: 2.5 }, Step::Work { ms: 1.0 }],
            },
        ],
        ..Default::default()
    };
    let got = expected_checksums(&s, 1000, 0.7).await;
    let want: Vec<u64> =
        s.tasks.iter().enumerate().map(|(i, t)| task_checksum(t, task_seed(i as u32), 1000)).collect();
    assert_eq!(got, want);
    let c = check(&want, &[Some(want[0]), Some(want[1] ^ 1)]);
    assert_eq!((c.matched, c.mismatched.len(), c.missing), (1, 1, 0));
    assert_eq!(check(&want, &[None, Some(want[1])]).missing, 1);
}

/// Guards the transfer panel's size field: every bad entry gets a message, good ones parse.
#[wasm_bindgen_test]
fn transfer_size_is_validated() {
    assert_eq!(transfer::parse_mib(" 16 "), Ok(16.0));
    assert_eq!(transfer::parse_mib("0.5"), Ok(0.5));
    for bad in ["", "abc", "0", "-1", "NaN", "inf", "257"] {
        assert!(transfer::parse_mib(bad).is_err(), "{bad:?} should be rejected");
    }
}
