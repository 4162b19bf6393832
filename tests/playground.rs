//! Browser tests of the playground's runner, heartbeat and storage (wasm-bindgen-test, headless
//! Chromium and Firefox). Timing assertions compare quantities measured within one run.
#![cfg(target_arch = "wasm32")]

use async_playground::web::heartbeat::Heartbeat;
use async_playground::web::runner::{run_to_end, Run};
use async_playground::web::storage;
use engine::metrics::{self, Outcome};
use engine::RunMode;
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
    let log = run_to_end(&s, RunMode::Concurrent).await;
    heartbeat.stop();
    let m = metrics::compute(&log, end(&log));
    let (hog, waiter) = (&m.tasks[0], &m.tasks[1]);
    assert!(
        waiter.scheduled_ms >= 0.6 * hog.busy_ms,
        "the waiter was ready but waiting {:.1} ms while the hog held the loop {:.1} ms",
        waiter.scheduled_ms,
        hog.busy_ms
    );
    // The waiter's first timer fell due during the hog's work, yet it resumed only once the
    // hog had finished: one thread, no preemption.
    let at = |task: u32, f: &dyn Fn(&EventKind) -> bool| {
        log.events.iter().find(|e| e.task.0 == task && f(&e.kind)).map(|e| e.t_ms).unwrap()
    };
    let hog_done = at(0, &|k| *k == EventKind::Finished);
    let waiter_back = at(1, &|k| matches!(k, EventKind::Resumed { step: Some(_) }));
    assert!(
        waiter_back >= hog_done,
        "the waiter resumed at {waiter_back:.1} ms, the hog finished at {hog_done:.1} ms"
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
        &run_to_end(&Scenario { tasks: vec![s.tasks[0].clone()], ..Default::default() }, RunMode::Concurrent)
            .await,
    );
    let c = wall(&run_to_end(&s, RunMode::Concurrent).await);
    let q = wall(&run_to_end(&s, RunMode::Sequential).await);
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
    let run = Run::start(&s, RunMode::Concurrent);
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
    // Without Stop the run would last until its 1,000 ms timers; half of that is a generous bound
    // (Stop was pressed at 50 ms) that only a Stop which waits for the timers fails.
    assert!(end(&log) < 0.5 * 1000.0, "stopped long before the first timer: {:.1} ms", end(&log));
    let m = metrics::compute(&log, end(&log));
    assert_eq!(m.count(Outcome::Cancelled), 2);

    // Sequential: the task never reached is cancelled before its first step.
    let run = Run::start(&s, RunMode::Sequential);
    TimeoutFuture::new(30).await;
    run.stop();
    let log = run.finished().await;
    let last: Vec<_> = log.events.iter().filter(|e| e.task.0 == 1).map(|e| e.kind.clone()).collect();
    assert_eq!(last, vec![EventKind::Cancelled { step: None }]);

    // And the page is still usable.
    let again = run_to_end(
        &Scenario { tasks: vec![task("again", vec![Step::Wait { ms: 5.0 }])], ..Default::default() },
        RunMode::Concurrent,
    )
    .await;
    assert!(again.events.iter().any(|e| e.kind == EventKind::Finished));
}

/// Guards `await asyncio.sleep(0)` semantics: a 0 ms wait yields to the other tasks.
#[wasm_bindgen_test]
async fn zero_ms_waits_yield_so_tasks_interleave() {
    let steps = vec![Step::Wait { ms: 0.0 }; 3];
    let s = Scenario { tasks: vec![task("a", steps.clone()), task("b", steps)], ..Default::default() };
    let log = run_to_end(&s, RunMode::Concurrent).await;
    assert!(log.interleaved());
    let order: Vec<u32> =
        log.events.iter().filter(|e| matches!(e.kind, EventKind::Resumed { .. })).map(|e| e.task.0).collect();
    assert_eq!(order, vec![0, 1, 0, 1, 0, 1], "they take turns");
}

/// Guards that the editor's draft survives a reload: the entry the page saves (the current,
/// versioned format) is what is loaded, not marked as migrated.
#[wasm_bindgen_test]
fn storage_round_trips_a_draft() {
    let key = "async-playground.test.draft";
    let draft = presets::by_id("many-small").unwrap().scenario.to_draft();
    storage::save(key, &engine::saved::encode_draft_entry(&draft)).unwrap();
    let back = engine::saved::decode_draft_entry(&storage::load(key).unwrap()).unwrap();
    assert_eq!((back.value, back.from_version), (draft, engine::saved::STORE_VERSION));
    storage::remove(key);
    assert_eq!(storage::load(key), None);
}

/// Guards a full storage: `save` says it failed (the page must tell the reader their edits are
/// not being kept) and the entry saved before is still there, unchanged.
#[wasm_bindgen_test]
fn a_full_storage_is_an_error_not_a_silent_loss() {
    let key = "async-playground.test.full";
    storage::save(key, "before").unwrap();
    // Browsers allow an origin about 5 million characters of localStorage (Chromium and Firefox
    // both); 12 million cannot fit.
    let err = storage::save(key, &"x".repeat(12_000_000)).unwrap_err();
    // The reason names the browser's exception, for the page's "not being saved" warning.
    assert!(err.starts_with("the browser refused it: ") && err.len() > 24, "{err}");
    assert_eq!(storage::load(key).as_deref(), Some("before"));
    storage::remove(key);
}

/// Guards the honesty of `RunMode::Parallel` on the event-loop runner: the event loop cannot run
/// tasks in parallel, so handed that mode it fails every task with the reason (the page sends
/// parallel runs to the worker pool) instead of quietly running them some other way.
#[wasm_bindgen_test]
async fn the_event_loop_runner_refuses_the_parallel_mode_visibly() {
    let s = Scenario {
        tasks: vec![task("a", vec![Step::Work { ms: 5.0 }]), task("b", vec![Step::Wait { ms: 5.0 }])],
        ..Default::default()
    };
    let log = run_to_end(&s, RunMode::Parallel).await;
    let m = metrics::compute(&log, end(&log));
    assert_eq!(m.count(Outcome::Failed), 2);
    assert!(log.events.iter().all(|e| match &e.kind {
        EventKind::Failed { reason } => reason.contains("worker pool"),
        _ => false,
    }));
}

/// Guards a task's start delay: the task starts its first step no sooner than its delay after
/// the run began (a timer is never early), while a task without one starts at once.
#[wasm_bindgen_test]
async fn a_start_delay_is_honoured() {
    let delayed =
        TaskSpec { name: "late".into(), start_delay_ms: 200.0, steps: vec![Step::Work { ms: 1.0 }] };
    let s =
        Scenario { tasks: vec![delayed, task("now", vec![Step::Wait { ms: 20.0 }])], ..Default::default() };
    let log = run_to_end(&s, RunMode::Concurrent).await;
    let started = |t: u32| {
        log.events
            .iter()
            .find(|e| e.task.0 == t && matches!(e.kind, EventKind::StepStarted { .. }))
            .map(|e| e.t_ms)
            .unwrap()
    };
    assert!(started(0) >= 200.0 - 1.0, "the delayed task started at {:.1} ms", started(0));
    assert!(started(1) < 0.25 * started(0), "the other started at {:.1} ms", started(1));
    assert_eq!(metrics::compute(&log, end(&log)).count(Outcome::Finished), 2);
}

/// Guards `Run::start_next_turn` (the playground's Run): work queued on the executor in the
/// click's turn — the page's own render — runs before the run, not between its tasks' spawn and
/// their first steps, where it would add to the run's time; the same events in the same order
/// either way; and Stop still works, before the run began and during it.
#[wasm_bindgen_test]
async fn a_run_started_next_turn_leaves_the_turns_queued_work_outside_its_time() {
    use async_playground::web::busy;
    // Stands for the page's render: a block queued on the executor in the same turn as the run.
    const BLOCK_MS: f64 = 100.0;
    let block = || {
        wasm_bindgen_futures::spawn_local(async {
            busy::busy_for(BLOCK_MS, 1);
        })
    };
    let s = Scenario {
        tasks: vec![task("a", vec![Step::Wait { ms: 0.0 }; 10]), task("b", vec![Step::Wait { ms: 0.0 }; 10])],
        ..Default::default()
    };
    // Started in this turn, the tasks' first steps run with the block in the next one: it holds
    // the run (the reason for start_next_turn; this is what makes the check below able to fail).
    let now = Run::start(&s, RunMode::Concurrent);
    block();
    let held = now.finished().await;
    assert!(wall(&held) >= BLOCK_MS, "the block lands inside a run started now: {:.1} ms", wall(&held));

    let next = Run::start_next_turn(&s, RunMode::Concurrent);
    block();
    let log = next.finished().await;
    // 20 steps of sleep(0) take microseconds; the bound is the block, so only a run that
    // waited for it inside its own time fails.
    assert!(wall(&log) < BLOCK_MS, "the block stayed outside the run: {:.1} ms", wall(&log));
    // (Times aside: a wait's deadline is a time.)
    let kinds = |l: &EventLog| {
        let untimed = |k: &EventKind| match *k {
            EventKind::Awaiting { step, .. } => EventKind::Awaiting { step, until_ms: 0.0 },
            ref k => k.clone(),
        };
        l.events.iter().map(|e| (e.task, untimed(&e.kind))).collect::<Vec<_>>()
    };
    assert_eq!(kinds(&log), kinds(&held), "the same events in the same order");

    // Stopped before it began: every task cancelled before its start, nothing else.
    let run = Run::start_next_turn(&s, RunMode::Concurrent);
    run.stop();
    let log = run.finished().await;
    let kinds: Vec<_> = log.events.iter().map(|e| (e.task.0, e.kind.clone())).collect();
    assert_eq!(
        kinds,
        vec![(0, EventKind::Cancelled { step: None }), (1, EventKind::Cancelled { step: None })]
    );

    // Stopped while it runs (both ways: on the sync runner too, a join makes it one).
    for scenario in [
        Scenario { tasks: vec![task("slow", vec![Step::Wait { ms: 1000.0 }])], ..Default::default() },
        Scenario {
            tasks: vec![
                task("slow", vec![Step::Wait { ms: 1000.0 }]),
                task("joiner", vec![Step::Join { task: 0 }]),
            ],
            ..Default::default()
        },
    ] {
        let run = Run::start_next_turn(&scenario, RunMode::Concurrent);
        let stopper = run.stopper();
        TimeoutFuture::new(30).await;
        stopper.stop();
        let log = run.finished().await;
        assert!(
            log.events.iter().any(|e| e.kind == EventKind::Cancelled { step: Some(0) }),
            "{:?}",
            log.events
        );
        assert!(end(&log) < 500.0, "stopped long before the 1,000 ms timer: {:.1} ms", end(&log));
    }
}
