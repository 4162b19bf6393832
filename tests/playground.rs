//! Browser tests of the playground's runner, heartbeat and storage (wasm-bindgen-test, headless
//! Chromium and Firefox). Timing assertions compare quantities measured within one run.
#![cfg(target_arch = "wasm32")]

use async_playground::web::heartbeat::Heartbeat;
use async_playground::web::runner::{run_to_end, Mode, Run};
use async_playground::web::storage;
use engine::metrics::{self, Outcome};
use engine::{presets, EventKind, EventLog, Scenario, Step, TaskSpec};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn end(log: &EventLog) -> f64 {
    log.events.iter().map(|e| e.t_ms).fold(0.0, f64::max)
}

fn wall(log: &EventLog) -> f64 {
    metrics::compute(log, end(log)).wall_ms
}

fn task(name: &str, steps: Vec<Step>) -> TaskSpec {
    TaskSpec { name: name.into(), start_delay_ms: 0.0, steps }
}

/// Guards the timeline's central lesson: a 300 ms CPU task makes the task awaiting 50 ms timers
/// ready-but-waiting for most of that time (its timer is due, the loop is busy).
#[wasm_bindgen_test]
async fn a_cpu_hog_makes_the_waiter_ready_but_waiting() {
    let s = presets::by_id("hog-and-waiter").unwrap().scenario;
    assert_eq!(s.tasks[0].steps, vec![Step::Work { ms: 300.0 }]);
    let heartbeat = Heartbeat::start();
    let log = run_to_end(&s, Mode::Concurrent).await;
    heartbeat.stop();
    let m = metrics::compute(&log, end(&log));
    let (hog, waiter) = (&m.tasks[0], &m.tasks[1]);
    assert!(hog.busy_ms >= 300.0, "the hog computed for {:.1} ms", hog.busy_ms);
    assert!(
        waiter.scheduled_ms >= 200.0,
        "the waiter was ready but waiting {:.1} ms while the hog held the loop {:.1} ms",
        waiter.scheduled_ms,
        hog.busy_ms
    );
    // The heartbeat saw the loop blocked for most of the hog's work, too.
    let lag = heartbeat.stats();
    assert!(lag.worst_ms >= 0.6 * hog.busy_ms, "worst lag {:.1} ms, hog {:.1} ms", lag.worst_ms, hog.busy_ms);
}

/// Guards tutorial example 2_5: two 1 s sleeps take about 1 s concurrently, 2 s in turn.
#[wasm_bindgen_test]
async fn two_sleeps_overlap_concurrently_and_add_up_sequentially() {
    let s = presets::by_id("two-sleeps").unwrap().scenario;
    let one = wall(
        &run_to_end(&Scenario { tasks: vec![s.tasks[0].clone()], ..Default::default() }, Mode::Concurrent)
            .await,
    );
    let c = wall(&run_to_end(&s, Mode::Concurrent).await);
    let q = wall(&run_to_end(&s, Mode::Sequential).await);
    assert!(c < 1.2 * one, "concurrent {c:.1} ms vs one task {one:.1} ms");
    assert!(q >= 1.8 * one, "sequential {q:.1} ms vs one task {one:.1} ms");
    assert!(metrics::speedup(q, c).unwrap() >= 1.5);
}

/// Guards Stop: every pending future is dropped, the log names each task and the step it was
/// at, and the page can run again afterwards.
#[wasm_bindgen_test]
async fn stop_cancels_every_task_and_says_where() {
    let s = Scenario {
        tasks: vec![
            task("slow-a", vec![Step::Wait { ms: 1000.0 }, Step::Wait { ms: 1000.0 }]),
            task("slow-b", vec![Step::Work { ms: 1.0 }, Step::Wait { ms: 1000.0 }]),
        ],
        ..Default::default()
    };
    let run = Run::start(&s, Mode::Concurrent);
    let stopper = run.stopper();
    TimeoutFuture::new(50).await;
    stopper.stop();
    let log = run.finished().await;
    let cancelled: Vec<_> = log
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Cancelled { step } => Some((e.task.0, step)),
            _ => None,
        })
        .collect();
    assert_eq!(cancelled.len(), 2, "{cancelled:?}");
    assert!(cancelled.contains(&(0, Some(0))));
    assert!(cancelled.contains(&(1, Some(1))));
    assert!(!log.events.iter().any(|e| e.kind == EventKind::Finished));
    assert!(end(&log) < 0.5 * 1000.0, "stopped long before the first timer: {:.1} ms", end(&log));
    let m = metrics::compute(&log, end(&log));
    assert_eq!(m.count(Outcome::Cancelled), 2);

    // Sequential: the task never reached is cancelled before its first step.
    let run = Run::start(&s, Mode::Sequential);
    TimeoutFuture::new(30).await;
    run.stop();
    let log = run.finished().await;
    let last: Vec<_> = log.events.iter().filter(|e| e.task.0 == 1).map(|e| e.kind.clone()).collect();
    assert_eq!(last, vec![EventKind::Cancelled { step: None }]);

    // And the page is still usable.
    let again = run_to_end(
        &Scenario { tasks: vec![task("again", vec![Step::Wait { ms: 5.0 }])], ..Default::default() },
        Mode::Concurrent,
    )
    .await;
    assert!(again.events.iter().any(|e| e.kind == EventKind::Finished));
}

/// Guards `await asyncio.sleep(0)` semantics: a 0 ms wait yields to the other tasks.
#[wasm_bindgen_test]
async fn zero_ms_waits_yield_so_tasks_interleave() {
    let steps = vec![Step::Wait { ms: 0.0 }; 3];
    let s = Scenario { tasks: vec![task("a", steps.clone()), task("b", steps)], ..Default::default() };
    let log = run_to_end(&s, Mode::Concurrent).await;
    assert!(log.interleaved());
    let order: Vec<u32> =
        log.events.iter().filter(|e| matches!(e.kind, EventKind::Resumed { .. })).map(|e| e.task.0).collect();
    assert_eq!(order, vec![0, 1, 0, 1, 0, 1], "they take turns");
}

/// Guards that the editor's draft survives a reload: what is saved is what is loaded.
#[wasm_bindgen_test]
fn storage_round_trips_a_draft() {
    let key = "async-playground.test.draft";
    let draft = presets::by_id("many-small").unwrap().scenario.to_draft();
    let text = engine::permalink::encode_draft(&draft);
    storage::save(key, &text).unwrap();
    let back = engine::permalink::decode_draft(&storage::load(key).unwrap()).unwrap();
    assert_eq!(back, draft);
    storage::remove(key);
    assert_eq!(storage::load(key), None);
}

/// Guards the honesty of `Mode::Parallel` on the event-loop runner: the event loop cannot run
/// tasks in parallel, so handed that mode it fails every task with the reason (the page sends
/// parallel runs to the worker pool) instead of quietly running them some other way.
#[wasm_bindgen_test]
async fn the_event_loop_runner_refuses_the_parallel_mode_visibly() {
    let s = Scenario {
        tasks: vec![task("a", vec![Step::Work { ms: 5.0 }]), task("b", vec![Step::Wait { ms: 5.0 }])],
        ..Default::default()
    };
    let log = run_to_end(&s, Mode::Parallel).await;
    let m = metrics::compute(&log, end(&log));
    assert_eq!(m.count(Outcome::Failed), 2);
    assert!(log.events.iter().all(|e| match &e.kind {
        EventKind::Failed { reason } => reason.contains("worker pool"),
        _ => false,
    }));
    assert!(Mode::ALL.contains(&Mode::Parallel), "the page offers it");
}
