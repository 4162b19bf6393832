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

#[test]
fn an_observed_log_is_compared_in_order_with_times_left_out() {
    let pred = preset("4_3-semaphore").log;
    // A real run: every time later, the order the same.
    let mut obs = pred.clone();
    for (k, e) in obs.events.iter_mut().enumerate() {
        e.t_ms += 1.5 + k as f64 * 0.01;
        if let EventKind::Granted { waited_ms, .. } = &mut e.kind {
            *waited_ms += 2.0;
        }
    }
    assert_eq!(first_difference(&pred, &obs, 5.0), None);
    // The second timer's task resumes before the first's: both were due at 1000 ms, but set in
    // the same turn, so a browser keeps their order and this is no documented tie.
    let first_resume = obs.events.iter().position(|e| matches!(e.kind, EventKind::Resumed { .. })).unwrap();
    let t2_resume = obs
        .events
        .iter()
        .position(|e| e.task == TaskId(1) && matches!(e.kind, EventKind::Resumed { .. }))
        .unwrap();
    let moved = obs.events.remove(t2_resume);
    obs.events.insert(first_resume, moved);
    let d = first_difference(&pred, &obs, 5.0).unwrap();
    assert_eq!(d.index, first_resume);
    assert_eq!(d.predicted.as_deref(), Some("t1 step 2/3: resumed"));
    assert_eq!(d.observed.as_deref(), Some("t2 step 2/3: resumed"));
    assert!(!d.timer_tie);
    obs.events.truncate(3);
    assert_eq!(first_difference(&pred, &obs, 5.0).unwrap().observed, None);
}

#[test]
fn timers_due_together_but_set_at_different_moments_are_a_documented_tie() {
    // a sets a 100 ms timer at 0; b works 50 ms, then sets a 50 ms timer: both due at 100.
    let s = ScenarioDraft::of_tasks(vec![
        TaskDraft {
            name: "a".into(),
            start_delay_ms: "0".into(),
            steps: vec![StepDraft::timed(K::Wait, "100")],
        },
        TaskDraft {
            name: "b".into(),
            start_delay_ms: "0".into(),
            steps: vec![StepDraft::timed(K::Work, "50"), StepDraft::timed(K::Wait, "50")],
        },
    ])
    .validate()
    .unwrap();
    let pred = predict(&s).log;
    assert_eq!(
        lines(&pred),
        [
            "0 a spawned on the event loop",
            "0 b spawned on the event loop",
            "0 a step 1/1: wait starts",
            "0 a step 1/1: awaiting a timer due at 100.0 ms (yields the thread)",
            "0 b step 1/2: CPU work starts (holds the event loop)",
            "50 b step 2/2: wait starts",
            "50 b step 2/2: awaiting a timer due at 100.0 ms (yields the thread)",
            "100 a step 1/1: resumed",
            "100 a finished",
            "100 b step 2/2: resumed",
            "100 b finished",
        ]
    );
    let mut obs = pred.clone();
    let (a, b) = (7, 9);
    let moved: Vec<_> = obs.events.drain(b..b + 2).collect();
    obs.events.splice(a..a, moved);
    let d = first_difference(&pred, &obs, 4.0).unwrap();
    assert_eq!(d.index, 7);
    assert!(d.timer_tie, "equal deadlines set 50 ms apart may fire in either order");
}

#[test]
fn cpu_work_delays_the_timers_due_meanwhile_which_then_fire_in_deadline_order() {
    let s = ScenarioDraft::of_tasks(vec![
        TaskDraft {
            name: "late".into(),
            start_delay_ms: "0".into(),
            steps: vec![StepDraft::timed(K::Wait, "30")],
        },
        TaskDraft {
            name: "early".into(),
            start_delay_ms: "0".into(),
            steps: vec![StepDraft::timed(K::Wait, "10")],
        },
        TaskDraft {
            name: "busy".into(),
            start_delay_ms: "0".into(),
            steps: vec![StepDraft::timed(K::Work, "100")],
        },
    ])
    .validate()
    .unwrap();
    let got = lines(&predict(&s).log);
    assert_eq!(
        got[got.len() - 5..],
        [
            "100 busy finished",
            "100 early step 1/1: resumed",
            "100 early finished",
            "100 late step 1/1: resumed",
            "100 late finished",
        ]
    );
}

#[test]
fn more_than_eight_barrier_waiters_resume_list_by_list_as_tokio_s_watch_channel_wakes_them() {
    let tasks = (1..=10)
        .map(|k| TaskDraft {
            name: format!("t{k}"),
            start_delay_ms: "0".into(),
            steps: vec![StepDraft::timed(K::Wait, (10 * k).to_string()), StepDraft::named(K::WaitOn, "B")],
        })
        .collect();
    let mut d = ScenarioDraft::of_tasks(tasks);
    d.resources = vec![ResourceDraft {
        name: "B".into(),
        kind: ResourceKindDraft::Barrier,
        size: "10".into(),
        lock: String::new(),
    }];
    let log = predict(&d.validate().unwrap()).log;
    let passed: Vec<String> = log
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Granted { op: Op::Wait, .. }))
        .map(|e| log.name(e.task))
        .collect();
    // The last to arrive goes on at once; the nine waiters sit in 8 lists filled round robin
    // (t1 and t9 share the first), notified list by list.
    assert_eq!(passed, ["t10", "t1", "t9", "t2", "t3", "t4", "t5", "t6", "t7", "t8"]);
}

#[test]
fn a_sequential_run_starts_each_top_level_task_when_the_one_before_has_ended() {
    let s = sync_presets::by_id("2_7-task-group").unwrap().scenario();
    let pr = predict_mode(&s, true);
    assert_eq!(
        lines(&pr.log),
        [
            "0 two spawned on the event loop",
            "0 two step 1/1: wait starts",
            "0 two step 1/1: awaiting a timer due at 2000.0 ms (yields the thread)",
            "2000 two step 1/1: resumed",
            "2000 two finished",
            "2000 three spawned on the event loop",
            "2000 three step 1/1: wait starts",
            "2000 three step 1/1: awaiting a timer due at 5000.0 ms (yields the thread)",
            "5000 three step 1/1: resumed",
            "5000 three finished",
        ]
    );
    // Run one at a time, the unlocked counter has no race: it counts every task.
    let log = predict_mode(&sync_presets::by_id("4_1-race").unwrap().scenario(), true).log;
    assert_eq!(writes(&log).last(), Some(&(10.0 * COUNTER_TASKS as f64, COUNTER_TASKS as i64)));
}
