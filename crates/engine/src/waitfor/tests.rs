//! The wait-for graph, the detector and the scrubber, on predicted logs.

use super::*;
use crate::deadlock_presets;
use crate::model::predict;
use crate::permalink::{decode_link, encode_link, RunMode, SharedRun};
use crate::sync_presets;

fn ids(v: &[u32]) -> Vec<TaskId> {
    v.iter().map(|i| TaskId(*i)).collect()
}

/// (preset, stuck tasks, cycle, explanation)
const EXPECTED: [(&str, &[u32], &[u32], &str); 5] = [
    ("dl-opposite-locks", &[0, 1], &[1, 0], "T2 waits for lock A, held by T1, which waits for lock B, held by T2"),
    (
        "dl-philosophers",
        &[0, 1, 2, 3, 4],
        &[4, 0, 1, 2, 3],
        "P5 waits for lock fork1, held by P1, which waits for lock fork2, held by P2, which waits for \
         lock fork3, held by P3, which waits for lock fork4, held by P4, which waits for lock fork5, held by P5",
    ),
    (
        "dl-barrier-short",
        &[0, 1],
        &[],
        "T2 waits at barrier B (2 of 3 arrived), and no task that can still run will reach it",
    ),
    (
        "dl-queue-no-producer",
        &[1],
        &[],
        "consumer waits for an item in queue Q, and no task that can still run will put into it",
    ),
    ("dl-leaked-lock", &[1], &[], "other waits for lock L, held by worker, which failed without releasing it"),
];

#[test]
fn every_deadlock_preset_stalls_and_is_detected_at_its_last_event_with_its_explanation() {
    let presets = deadlock_presets::all();
    assert_eq!(presets.len(), EXPECTED.len());
    for (p, (id, tasks, cycle, sentence)) in presets.iter().zip(EXPECTED) {
        assert_eq!(p.id, id);
        let s = p.draft.validate().unwrap_or_else(|e| panic!("{id}: {e:?}"));
        let pr = predict(&s);
        assert!(pr.stalled, "{id}: the model sees the run never end");
        let d = detect(&s, &pr.log).unwrap_or_else(|| panic!("{id}: not detected"));
        assert_eq!(d.at, pr.log.events.len() - 1, "{id}: found as the last task blocks");
        assert_eq!(d.tasks, ids(tasks), "{id}");
        assert_eq!(d.cycle, ids(cycle), "{id}");
        assert_eq!(d.explanation, sentence, "{id}");
    }
}

#[test]
fn no_tutorial_preset_is_taken_for_a_deadlock() {
    for p in sync_presets::all() {
        let s = p.scenario();
        let pr = predict(&s);
        assert_eq!(detect(&s, &pr.log), None, "{}", p.id);
    }
    // Nor is the 5_5 consumer, stuck once its producer ends: the run's end cancels it.
    let s = sync_presets::by_id("5_5-queue").unwrap().scenario();
    let log = predict(&s).log;
    let stuck_at = log.events.iter().rposition(|e| matches!(e.kind, EventKind::Blocked { .. })).unwrap();
    let g = Scrubber::new(&s, &log, 8).at(stuck_at + 1);
    assert_eq!(
        g.explain(TaskId(1)).as_deref(),
        Some("consumer waits for an item in queue queue, and no task that can still run will put into it")
    );
}

#[test]
fn a_blocked_task_is_explained_mid_run_and_a_deadlock_half_formed_is_not_reported() {
    let s = sync_presets::by_id("4_2-locked").unwrap().scenario();
    let log = predict(&s).log;
    let t2_blocks =
        log.events.iter().position(|e| e.task == TaskId(1) && matches!(e.kind, EventKind::Blocked { .. }));
    let g = Scrubber::new(&s, &log, 64).at(t2_blocks.unwrap() + 1);
    assert_eq!(
        g.explain(TaskId(1)).as_deref(),
        Some("t2 waits for lock lock, held by t1, which sleeps until 10 ms")
    );
    assert_eq!(g.explain(TaskId(0)), None, "t1 is not waiting for anything but its timer");

    let p = deadlock_presets::by_id("dl-opposite-locks").unwrap().scenario();
    let log = predict(&p).log;
    let mut d = Detector::new(&p);
    let first_block = log.events.iter().position(|e| matches!(e.kind, EventKind::Blocked { .. })).unwrap();
    for e in &log.events[..=first_block] {
        assert_eq!(d.push(e), None, "one task waiting for a lock whose holder still runs is no deadlock");
    }
    assert_eq!(
        d.graph.explain(TaskId(0)).as_deref(),
        Some("T1 waits for lock B, held by T2, which sleeps until 10 ms")
    );
}

#[test]
fn the_scrubber_gives_the_same_state_as_replaying_from_the_start() {
    let s = sync_presets::by_id("4_3-semaphore").unwrap().scenario();
    let log = predict(&s).log;
    let scrub = Scrubber::new(&s, &log, 5);
    let mut g = Graph::new(&s);
    assert_eq!(scrub.at(0).snapshot(), g.snapshot());
    for (k, e) in log.events.iter().enumerate() {
        g.apply(e);
        assert_eq!(scrub.at(k + 1).snapshot(), g.snapshot(), "after event {k}");
    }
    // Backwards too: any order of indexes gives the same states.
    for n in (0..=scrub.len()).rev() {
        assert_eq!(scrub.at(n).applied, n);
    }
}

#[test]
fn a_step_shows_the_ready_queue_the_timers_and_each_resource() {
    let s = sync_presets::by_id("4_3-semaphore").unwrap().scenario();
    let log = predict(&s).log;
    let scrub = Scrubber::new(&s, &log, 4);
    // All four spawned, none run yet.
    let at = scrub.at(4).snapshot();
    assert_eq!(at.ready, ids(&[0, 1, 2, 3]));
    assert!(at.timers.is_empty());
    // t4 has just blocked: t1 and t2 hold the semaphore and sleep, t3 and t4 wait.
    let t4_blocks =
        log.events.iter().position(|e| e.task == TaskId(3) && matches!(e.kind, EventKind::Blocked { .. }));
    let at = scrub.at(t4_blocks.unwrap() + 1).snapshot();
    assert!(at.ready.is_empty());
    assert_eq!(at.timers, vec![(TaskId(0), 1000.0), (TaskId(1), 1000.0)]);
    assert_eq!(at.resources[0], ResourceNode { holders: ids(&[0, 1]), waiters: ids(&[2, 3]) });
    assert_eq!(at.tasks[3], TaskState::Blocked { res: 0, op: Op::Acquire });
    // t1's release names t3, which is then ready, about to hold it.
    let release =
        log.events.iter().position(|e| matches!(e.kind, EventKind::Signalled { op: Op::Release, .. }));
    let at = scrub.at(release.unwrap() + 1).snapshot();
    assert_eq!(at.resources[0].holders, ids(&[1]));
    assert_eq!(at.ready, ids(&[2]));
}

#[test]
fn a_share_link_can_point_at_a_step_and_still_opens() {
    let draft = sync_presets::by_id("4_3-semaphore").unwrap().draft;
    let link = encode_link(&SharedRun { draft: draft.clone(), mode: RunMode::Concurrent, workers: None });
    let at = link_with_step(&link, 17);
    let (rest, step) = split_step(&at);
    assert_eq!(step, Ok(Some(17)));
    assert_eq!(decode_link(rest).unwrap().draft, draft);
    assert_eq!(split_step(&link), (link.as_str(), Ok(None)));
    assert_eq!(split_step(&link_with_step(&at, 3)).1, Ok(Some(3)), "a new step replaces the old");
    assert!(split_step(&format!("{link}&step=x")).1.is_err());
}
