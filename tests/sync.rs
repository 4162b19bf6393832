//! Browser tests of the resources runner (`web::sync`): each tutorial preset's claim holds in one
//! real run on the event loop (headless Chromium and Firefox), and cancellation runs cleanup.
//! Timing claims are ratios to a duration of the same run's scenario; one that fails is run once
//! more before failing (the machine may be loaded), as the project's tests do.
#![cfg(target_arch = "wasm32")]

use async_playground::web::runner::run_to_end;
use engine::sync::{Cause, Op};
use engine::sync_presets::{self, Claim};
use engine::RunMode;
use engine::{EventKind, EventLog, ScenarioDraft, StepDraft, StepKindDraft as K, TaskDraft, TaskId};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn timed(c: &Claim) -> bool {
    matches!(c, Claim::Wall { .. } | Claim::EndsBetween { .. } | Claim::PassTogether { .. })
}

/// Runs the preset and checks every claim; a timing claim that fails is measured once more.
async fn holds(id: &str) -> EventLog {
    let p = sync_presets::by_id(id).unwrap();
    let s = p.scenario();
    assert!(!s.tasks.is_empty(), "{id} is valid");
    let mut log = run_to_end(&s, RunMode::Concurrent).await;
    let failing = |log: &EventLog| {
        p.checks.iter().filter_map(|c| c.check(log).err().map(|e| (c.clone(), e))).collect::<Vec<_>>()
    };
    let first = failing(&log);
    if !first.is_empty() && first.iter().all(|(c, _)| timed(c)) {
        log = run_to_end(&s, RunMode::Concurrent).await;
    }
    let lines: Vec<String> = log.events.iter().map(|e| log.line(e)).collect();
    let again = failing(&log);
    assert!(again.is_empty(), "{id}: {again:?}\n{}", lines.join("\n"));
    log
}

fn events_of(log: &EventLog, name: &str) -> Vec<EventKind> {
    let t = TaskId(log.task_names.iter().position(|n| n == name).unwrap() as u32);
    log.of_task(t).map(|e| e.kind.clone()).collect()
}

#[wasm_bindgen_test]
async fn counter_race_ends_at_1_and_under_a_lock_at_n() {
    let log = holds("4_1-race").await;
    // Every task read 0: none saw another's write.
    let reads = log
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Granted { op: Op::Read, value: Some(0), .. }))
        .count();
    assert_eq!(reads, sync_presets::COUNTER_TASKS);
    let log = holds("4_2-locked").await;
    // Under the lock, all but the first had to wait, and the log names the holder.
    let blocked = log
        .events
        .iter()
        .filter(
            |e| matches!(&e.kind, EventKind::Blocked { op: Op::Acquire, holders, .. } if holders.len() == 1),
        )
        .count();
    assert_eq!(blocked, sync_presets::COUNTER_TASKS - 1);
    let woke = log.events.iter().any(|e| log.describe(e).starts_with("releases lock → wakes t"));
    assert!(woke, "a release names whom it wakes");
}

#[wasm_bindgen_test]
async fn semaphore_barrier_and_event_presets_hold() {
    holds("4_3-semaphore").await;
    let log = holds("4_4-barrier").await;
    let last = events_of(&log, "t3");
    assert!(last
        .iter()
        .any(|k| matches!(k, EventKind::Signalled { op: Op::Wait, woke, .. } if woke.len() == 2)));
    holds("4_5-event").await;
}

#[wasm_bindgen_test]
async fn tasks_groups_and_timeouts_hold() {
    holds("2_4-create-task").await;
    holds("2_7-task-group").await;
    let log = holds("2_8-timeout").await;
    assert!(events_of(&log, "slow").iter().any(|k| matches!(k, EventKind::TimedOut { block: 0, .. })));
    holds("8_1-orphan").await;
    holds("8_2-group-waits").await;
}

#[wasm_bindgen_test]
async fn failures_and_cancellation_hold() {
    holds("5_1-failure").await;
    let log = holds("5_3-cancel").await;
    let worker = events_of(&log, "worker");
    assert!(worker
        .iter()
        .any(|k| matches!(k, EventKind::Cancelling { cause: Cause::Task(TaskId(0)), step: Some(0) })));
    let log = holds("6_4-shutdown").await;
    assert!(
        matches!(events_of(&log, "producer").last(), Some(EventKind::Failed { reason }) if reason.contains("QueueShutDown"))
    );
}

#[wasm_bindgen_test]
async fn queues_hold() {
    holds("5_5-queue").await;
    holds("8_4-rendezvous").await;
}

/// A task cancelled inside `async with lock` releases the lock on its way out, and the task
/// waiting for the lock gets it then, not when the cancelled task's 1 s wait would have ended.
#[wasm_bindgen_test]
async fn cancellation_releases_a_lock_held_in_a_with_block() {
    let step = |k, a: &str| StepDraft::named(k, a);
    let wait = |ms: &str| StepDraft::timed(K::Wait, ms);
    let mut d = ScenarioDraft::default();
    d.apply(engine::DraftEdit::AddResource(engine::sync::ResourceKindDraft::Lock));
    let task = |n: &str, steps| TaskDraft { name: n.into(), start_delay_ms: "0".into(), steps };
    d.tasks = vec![
        task("holder", vec![step(K::With, "lock1"), wait("1000"), step(K::End, "")]),
        task("waiter", vec![wait("10"), step(K::With, "lock1"), step(K::End, "")]),
        task("killer", vec![wait("50"), step(K::Cancel, "holder")]),
    ];
    let s = d.validate().unwrap();
    let log = run_to_end(&s, RunMode::Concurrent).await;
    let lines: Vec<String> = log.events.iter().map(|e| log.line(e)).collect();
    let holder = events_of(&log, "holder");
    let n = holder.len();
    assert!(
        matches!(holder[n - 3], EventKind::Cancelling { cause: Cause::Task(TaskId(2)), step: Some(1) }),
        "{lines:#?}"
    );
    assert_eq!(
        holder[n - 2],
        EventKind::Signalled { res: 0, op: Op::Release, woke: vec![TaskId(1)] },
        "{lines:#?}"
    );
    assert!(matches!(holder[n - 1], EventKind::Cancelled { .. }));
    let got = log
        .events
        .iter()
        .find(|e| e.task == TaskId(1) && matches!(e.kind, EventKind::Granted { op: Op::Acquire, .. }))
        .map(|e| e.t_ms)
        .unwrap();
    let cancelled = log.events.iter().find(|e| matches!(e.kind, EventKind::CancelSent { .. })).unwrap().t_ms;
    // Granted right after the cancel, far from the holder's 1 s (a ratio within this run).
    assert!(got - cancelled < 0.5 * (1000.0 - cancelled), "{lines:#?}");
    assert!(lines.iter().any(|l| l.ends_with("holder  releases lock1 → wakes waiter")), "{lines:#?}");
}

/// Stop cancels a run with resources as it does any run: every task still going is dropped, the
/// log says where, and the run ends (no task waits forever on a lock its holder never releases).
#[wasm_bindgen_test]
async fn stop_cancels_every_task_of_a_run_with_resources() {
    use async_playground::web::runner::Run;
    let s = sync_presets::by_id("4_2-locked").unwrap().scenario();
    let run = Run::start(&s, RunMode::Concurrent);
    let stopper = run.stopper();
    gloo_timers::future::TimeoutFuture::new(55).await;
    stopper.stop();
    let log = run.finished().await;
    let ended: Vec<bool> =
        (0..s.tasks.len()).map(|i| log.of_task(TaskId(i as u32)).any(|e| e.kind.is_terminal())).collect();
    assert!(ended.iter().all(|e| *e), "every task ended");
    let finished = log.events.iter().filter(|e| e.kind == EventKind::Finished).count();
    let cancelled = log.events.iter().filter(|e| matches!(e.kind, EventKind::Cancelled { .. })).count();
    assert!((1..20).contains(&finished), "about 5 of 10 ms turns done: {finished}");
    assert_eq!(finished + cancelled, s.tasks.len());
}

/// A condition: the waiter lets go of the lock while it waits (so the notifier can take it),
/// is woken by the notify, and takes the lock back before going on.
#[wasm_bindgen_test]
async fn a_condition_wait_releases_the_lock_until_notified() {
    let step = |k, a: &str| StepDraft::named(k, a);
    let mut d = ScenarioDraft::default();
    d.apply(engine::DraftEdit::AddResource(engine::sync::ResourceKindDraft::Lock));
    d.apply(engine::DraftEdit::AddResource(engine::sync::ResourceKindDraft::Condition));
    let task = |n: &str, steps| TaskDraft { name: n.into(), start_delay_ms: "0".into(), steps };
    d.tasks = vec![
        task("waiter", vec![step(K::With, "condition2"), step(K::WaitOn, "condition2"), step(K::End, "")]),
        task(
            "notifier",
            vec![
                StepDraft::timed(K::Wait, "50"),
                step(K::With, "condition2"),
                step(K::Notify, "condition2"),
                step(K::End, ""),
            ],
        ),
    ];
    let s = d.validate().unwrap();
    let log = run_to_end(&s, RunMode::Concurrent).await;
    let lines: Vec<String> = log.events.iter().map(|e| log.line(e)).collect();
    let waiter = events_of(&log, "waiter");
    assert_eq!(waiter.last(), Some(&EventKind::Finished), "{lines:#?}");
    assert!(
        lines.iter().any(|l| l.ends_with("notifier  notifies one waiter of condition2 → wakes waiter")),
        "{lines:#?}"
    );
    // The waiter took the lock back only after the notifier's with-block released it (in the
    // same turn as the notify, before the woken waiter ran: so the release wakes no one).
    let release = lines.iter().position(|l| l.ends_with("notifier  releases lock1")).expect("release");
    let retake = lines.iter().rposition(|l| l.contains("waiter  holds lock1")).expect("retake");
    assert!(retake > release, "{lines:#?}");
}
