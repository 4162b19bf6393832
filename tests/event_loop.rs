//! Browser tests (wasm-bindgen-test, headless Chromium and Firefox): tasks run for real on the
//! page's event loop. Timing assertions compare ratios within one run, never absolute times.
#![cfg(target_arch = "wasm32")]

use async_playground::web::runner::{run_to_end, Mode};
use async_playground::web::{busy, worker_main};
use engine::protocol::{FromWorker, ToWorker};
use engine::{metrics, EventLog, Scenario, Step, TaskSpec};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn waits(n: usize, ms: f64) -> Scenario {
    Scenario {
        tasks: (0..n)
            .map(|i| TaskSpec { name: format!("t{i}"), start_delay_ms: 0.0, steps: vec![Step::Wait { ms }] })
            .collect(),
        ..Default::default()
    }
}

fn wall(log: &EventLog) -> f64 {
    metrics::compute(log, log.events.last().map_or(0.0, |e| e.t_ms)).wall_ms
}

/// Guards the app's first promise: awaiting timers lets tasks overlap, running them in turn
/// does not.
#[wasm_bindgen_test]
async fn three_waits_overlap_concurrently_and_add_up_sequentially() {
    let one = wall(&run_to_end(&waits(1, 200.0), Mode::Concurrent).await);
    let concurrent = run_to_end(&waits(3, 200.0), Mode::Concurrent).await;
    let sequential = run_to_end(&waits(3, 200.0), Mode::Sequential).await;
    let (c, s) = (wall(&concurrent), wall(&sequential));
    assert!(c < 1.5 * one, "concurrent {c:.1} ms vs one task {one:.1} ms");
    assert!(s >= 2.5 * one, "sequential {s:.1} ms vs one task {one:.1} ms");
    assert!(concurrent.interleaved(), "every task starts before any finishes");
    assert!(!sequential.interleaved(), "sequential tasks do not interleave");
    let m = metrics::compute(&concurrent, c);
    assert_eq!(m.peak_concurrency, 3);
    assert_eq!(m.count(metrics::Outcome::Finished), 3);
}

/// Guards the checksum the page and its workers compare: wasm32 must compute what native does.
#[wasm_bindgen_test]
fn wasm_checksum_matches_native() {
    assert_eq!(engine::work::checksum(42, 10, 1000), engine::work::KNOWN_42_10_1000);
    let answer =
        worker_main::handle(ToWorker::Checksum { id: 3, seed: 42, units: 10, rounds_per_unit: 1000 });
    assert!(
        matches!(answer, FromWorker::Checksum { id: 3, value, .. } if value == engine::work::KNOWN_42_10_1000)
    );
}

/// Busy work really holds the thread for the time asked, measured by the same clock.
#[wasm_bindgen_test]
fn busy_work_takes_the_time_it_is_asked_for() {
    let t = async_playground::web::clock::now();
    let (_, rounds) = busy::busy_for(30.0, 1);
    let took = async_playground::web::clock::now() - t;
    assert!(took >= 30.0, "{took}");
    assert!(rounds > 0);
    assert!(busy::calibrate(10.0) > 0);
}
