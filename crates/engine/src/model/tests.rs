//! The model's predictions, pinned for every preset.

use super::*;
use crate::scenario::{ScenarioDraft, StepDraft, StepKindDraft as K, TaskDraft};
use crate::sync::{ResourceDraft, ResourceKindDraft};
use crate::sync_presets::{self, COUNTER_TASKS};

/// The log as `time task what` lines, times in whole virtual milliseconds.
pub(crate) fn lines(log: &EventLog) -> Vec<String> {
    log.events.iter().map(|e| format!("{:.0} {} {}", e.t_ms, log.name(e.task), log.describe(e))).collect()
}

fn preset(id: &str) -> Prediction {
    predict(&sync_presets::by_id(id).unwrap().scenario())
}

/// The presets whose whole predicted log is pinned in `golden.txt`, each after a `== id` line.
const PINNED: [&str; 11] = [
    "2_4-create-task",
    "2_7-task-group",
    "2_8-timeout",
    "4_3-semaphore",
    "4_4-barrier",
    "4_5-event",
    "5_1-failure",
    "5_3-cancel",
    "5_5-queue",
    "6_4-shutdown",
    "8_1-orphan",
];

fn golden() -> String {
    let mut out = String::new();
    for id in PINNED.iter().chain(["8_2-group-waits", "8_4-rendezvous"].iter()) {
        out.push_str(&format!("== {id}\n"));
        for l in lines(&preset(id).log) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

#[test]
fn every_small_preset_predicts_its_pinned_log() {
    let want = include_str!("golden.txt");
    let got = golden();
    if std::env::var_os("MODEL_GOLDEN_WRITE").is_some() {
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/src/model/golden.txt"), &got).unwrap();
        return;
    }
    for (k, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        assert_eq!(w, g, "line {} of golden.txt", k + 1);
    }
    assert_eq!(want.lines().count(), got.lines().count());
}

#[test]
fn every_preset_claim_holds_on_the_prediction() {
    for p in sync_presets::all() {
        let pr = predict(&p.scenario());
        assert!(!pr.stalled, "{}", p.id);
        for c in &p.checks {
            assert!(c.check(&pr.log).is_ok(), "{}: {:?} → {:?}", p.id, c, c.check(&pr.log));
        }
    }
}

fn writes(log: &EventLog) -> Vec<(f64, i64)> {
    log.events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Granted { op: Op::Write, value: Some(v), .. } => Some((e.t_ms, v)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_unlocked_counter_ends_at_one_because_every_read_comes_before_any_write() {
    let log = preset("4_1-race").log;
    let first_write =
        log.events.iter().position(|e| matches!(e.kind, EventKind::Granted { op: Op::Write, .. }));
    let last_read =
        log.events.iter().rposition(|e| matches!(e.kind, EventKind::Granted { op: Op::Read, .. }));
    assert!(last_read < first_write);
    let w = writes(&log);
    assert_eq!(w.len(), COUNTER_TASKS);
    assert!(w.iter().all(|&(t, v)| t == 10.0 && v == 1), "every task writes 0 + 1 at 10 ms");
    assert_eq!(log.events.last().map(|e| e.t_ms), Some(10.0));
}

#[test]
fn the_locked_counter_counts_every_task_one_sleep_apart_in_spawn_order() {
    let log = preset("4_2-locked").log;
    let w = writes(&log);
    let want: Vec<(f64, i64)> = (1..=COUNTER_TASKS).map(|k| (10.0 * k as f64, k as i64)).collect();
    assert_eq!(w, want);
    let holders: Vec<u32> = log
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Granted { op: Op::Acquire, .. }))
        .map(|e| e.task.0)
        .collect();
    assert_eq!(
        holders,
        (0..COUNTER_TASKS as u32).collect::<Vec<_>>(),
        "the lock's queue is first in, first out"
    );
}

#[test]
fn the_producer_is_done_before_the_consumer_gets_the_last_item() {
    let log = preset("5_5-queue").log;
    let done = log.events.iter().position(|e| e.task == TaskId(0) && e.kind == EventKind::Finished).unwrap();
    let last_get = log
        .events
        .iter()
        .rposition(|e| e.task == TaskId(1) && matches!(e.kind, EventKind::Granted { op: Op::Get, .. }))
        .unwrap();
    assert_eq!(last_get, done + 1, "the consumer runs right after the producer's end, in the same turn");
    assert_eq!(
        log.events[last_get].kind,
        EventKind::Granted { res: 0, op: Op::Get, waited_ms: 1000.0, value: Some(4) }
    );
}

fn draft(resources: Vec<ResourceDraft>, tasks: Vec<(&str, Vec<StepDraft>)>) -> ScenarioDraft {
    ScenarioDraft {
        tasks: tasks
            .into_iter()
            .map(|(n, steps)| TaskDraft { name: n.into(), start_delay_ms: "0".into(), steps })
            .collect(),
        resources,
        structure: Structure::TaskGroup,
    }
}

#[test]
fn a_failing_task_group_member_cancels_its_sibling_which_releases_its_lock() {
    let lock = ResourceDraft {
        name: "L".into(),
        kind: ResourceKindDraft::Lock,
        size: String::new(),
        lock: String::new(),
    };
    let s = draft(
        vec![lock],
        vec![
            ("fails", vec![StepDraft::timed(K::Wait, "100"), StepDraft::named(K::Fail, "boom")]),
            (
                "slow",
                vec![
                    StepDraft::named(K::With, "L"),
                    StepDraft::timed(K::Wait, "1000"),
                    StepDraft::named(K::End, ""),
                ],
            ),
        ],
    )
    .validate()
    .unwrap();
    let pr = predict(&s);
    let got = lines(&pr.log);
    assert_eq!(
        got[got.len() - 6..],
        [
            "100 fails step 1/2: resumed",
            "100 fails step 2/2: wait starts",
            "100 fails failed: boom",
            "100 slow cancelled at step 2: fails failed in its task group",
            "100 slow releases L",
            "100 slow cancelled at step 2/3",
        ]
    );
    assert!(!pr.stalled);
}
