//! The resources, structure and new step kinds: validation, the text formats (and that today's
//! encodings still open), the log's wording and the per-resource metrics.

use engine::event::{EventKind, EventLog, Lane, TaskId};
use engine::export::{to_csv, LogFile, LOG_VERSION, LOG_VERSION_SYNC};
use engine::metrics::{endings, resource_metrics, Ending};
use engine::permalink::{decode_draft, decode_link, encode_draft, encode_link, RunMode, SharedRun};
use engine::saved::{decode_draft_entry, encode_draft_entry};
use engine::scenario::{Field, Problem};
use engine::sync::{Cause, Op, Resource, ResourceKind, ResourceKindDraft, Structure};
use engine::{DraftEdit, ScenarioDraft, Step, StepDraft, StepKindDraft as K, TaskDraft};

fn task(name: &str, steps: Vec<StepDraft>) -> TaskDraft {
    TaskDraft { name: name.into(), start_delay_ms: "0".into(), steps }
}
fn n(kind: K, arg: &str) -> StepDraft {
    StepDraft::named(kind, arg)
}
fn t(kind: K, ms: &str) -> StepDraft {
    StepDraft::timed(kind, ms)
}

/// A draft using every resource kind and every step kind.
fn everything() -> ScenarioDraft {
    let mut d = ScenarioDraft::default();
    for k in ResourceKindDraft::ALL {
        d.apply(DraftEdit::AddResource(k));
    }
    let names: Vec<String> = d.resources.iter().map(|r| r.name.clone()).collect();
    let [lock, sem, ev, bar, cond, q, ctr] = &names[..] else { panic!("{names:?}") };
    d.tasks = vec![
        task(
            "main",
            vec![
                n(K::Spawn, "child"),
                n(K::With, lock),
                t(K::Wait, "10"),
                n(K::End, ""),
                n(K::Acquire, sem),
                n(K::Release, sem),
                t(K::Timeout, "500"),
                n(K::WaitOn, ev),
                n(K::End, ""),
                n(K::WaitOn, bar),
                n(K::With, cond),
                n(K::Notify, cond),
                n(K::NotifyAll, cond),
                n(K::End, ""),
                n(K::Put, q),
                n(K::Shutdown, q),
                n(K::Read, ctr),
                n(K::Write, ctr),
                n(K::Join, "child"),
            ],
        ),
        task(
            "child",
            vec![
                n(K::Set, ev),
                n(K::Clear, ev),
                n(K::Get, q),
                n(K::With, cond),
                n(K::WaitOn, cond),
                n(K::End, ""),
                n(K::Cancel, "main"),
                n(K::Fail, "boom, really"),
                t(K::Work, "1"),
            ],
        ),
    ];
    d.structure = Structure::TaskGroup;
    d
}

#[test]
fn every_step_kind_validates_and_round_trips_through_the_draft() {
    let d = everything();
    let s = d.validate().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(s.resources.len(), 7);
    assert_eq!(s.resources[4].kind, ResourceKind::Condition { lock: 0 });
    assert_eq!(s.resources[1].kind, ResourceKind::Semaphore { permits: 2 });
    assert_eq!(s.tasks[0].steps[0], Step::Spawn { task: 1 });
    assert_eq!(s.tasks[0].steps[1], Step::With { res: 0 });
    assert_eq!(s.tasks[1].steps[7], Step::Fail { message: "boom, really".into() });
    assert_eq!(s.children(), vec![false, true]);
    assert_eq!(s.to_draft(), d);
    assert_eq!(s.to_draft().validate(), Ok(s.clone()));
    assert!(s.parallel_refusal().unwrap().contains("cannot cross workers"));
    let every: std::collections::HashSet<K> =
        d.tasks.iter().flat_map(|t| t.steps.iter().map(|s| s.kind)).collect();
    assert_eq!(every.len(), K::ALL.len(), "the fixture uses every step kind");
}

#[test]
fn validation_names_the_field_and_says_what_is_wrong() {
    let mut d = ScenarioDraft::default();
    d.apply(DraftEdit::AddResource(ResourceKindDraft::Lock));
    d.apply(DraftEdit::AddResource(ResourceKindDraft::Semaphore));
    d.apply(DraftEdit::AddResource(ResourceKindDraft::Barrier));
    d.apply(DraftEdit::AddResource(ResourceKindDraft::Condition));
    d.apply(DraftEdit::SetResourceSize(1, "0".into()));
    d.apply(DraftEdit::SetResourceSize(2, "two".into()));
    d.apply(DraftEdit::SetResourceLock(3, "semaphore2".into()));
    d.tasks = vec![
        task(
            "a",
            vec![
                n(K::Release, "lock1"),
                n(K::Acquire, "nope"),
                n(K::Put, "lock1"),
                n(K::Join, "ghost"),
                n(K::Cancel, "a"),
                n(K::End, ""),
                n(K::With, "lock1"),
            ],
        ),
        task("b", vec![n(K::Spawn, "c")]),
        task("c", vec![n(K::Spawn, "b")]),
    ];
    let errs = d.validate().unwrap_err();
    let got: Vec<_> = errs.iter().map(|e| (e.task, e.field, e.problem.clone())).collect();
    assert!(got.contains(&(None, Field::ResourceSize(1), Problem::Zero)), "{got:?}");
    assert!(got.contains(&(None, Field::ResourceSize(2), Problem::NotACount)), "{got:?}");
    assert!(got.iter().any(|g| g.1 == Field::ResourceLock(3)), "{got:?}");
    assert!(got.contains(&(Some(0), Field::StepArg(0), Problem::NotHeld { name: "lock1".into() })));
    assert!(got.contains(&(Some(0), Field::StepArg(1), Problem::UnknownResource { name: "nope".into() })));
    assert!(got.iter().any(|g| g.0 == Some(0) && g.1 == Field::StepArg(2)), "put on a lock: {got:?}");
    assert!(got.contains(&(Some(0), Field::StepArg(3), Problem::UnknownTask { name: "ghost".into() })));
    assert!(got.contains(&(Some(0), Field::StepArg(4), Problem::ItSelf)));
    assert!(got.contains(&(Some(0), Field::StepArg(5), Problem::StrayEnd)));
    assert!(got.contains(&(Some(0), Field::StepArg(6), Problem::Unclosed)));
    assert!(got.iter().any(|g| matches!(g.2, Problem::NeverStarts { .. })), "{got:?}");
    let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert!(text.contains(&"Resource 2: Size must be at least 1".to_string()), "{text:?}");
    assert!(text.contains(&"Task 1: Step 1 needs lock1, which the task does not hold here".to_string()));
    assert!(
        text.contains(&"Task 1: Step 3 lock1 is a lock; a put step cannot use it".to_string()),
        "{text:?}"
    );
    // What the reader typed stays in the draft.
    assert_eq!(d.resources[2].size, "two");
    assert_eq!(d.tasks[0].steps[3].arg, "ghost");
}

/// A lock acquired and never released, and two locks taken in opposite orders (a possible
/// deadlock), are valid: the reader may want to see them.
#[test]
fn a_leak_and_a_possible_deadlock_are_valid() {
    let mut d = ScenarioDraft::default();
    d.apply(DraftEdit::AddResource(ResourceKindDraft::Lock));
    d.apply(DraftEdit::AddResource(ResourceKindDraft::Lock));
    d.tasks = vec![
        task("a", vec![n(K::With, "lock1"), n(K::With, "lock2"), n(K::End, ""), n(K::End, "")]),
        task("b", vec![n(K::With, "lock2"), n(K::With, "lock1"), n(K::End, ""), n(K::End, "")]),
        task("leak", vec![n(K::Acquire, "lock1")]),
    ];
    assert!(d.validate().is_ok());
}

#[test]
fn add_step_starts_on_a_fitting_resource() {
    let mut d = everything();
    d.tasks.truncate(1);
    d.tasks[0].steps.clear();
    for k in [K::Put, K::With, K::Set, K::Read, K::Timeout] {
        d.apply(DraftEdit::AddStep { task: 0, kind: k });
    }
    let args: Vec<_> = d.tasks[0].steps.iter().map(|s| (s.arg.as_str(), s.ms.as_str())).collect();
    assert_eq!(args, [("queue6", ""), ("lock1", ""), ("event3", ""), ("counter7", ""), ("", "1000")]);
    d.apply(DraftEdit::SetStepArg { task: 0, step: 0, arg: "typed text".into() });
    assert_eq!(d.tasks[0].steps[0].arg, "typed text");
}

#[test]
fn formats_get_a_new_version_and_todays_encodings_still_open() {
    // Today's encodings, as the page writes them before this change.
    let old = "ap-draft-1\nio\t0\ta200\ncpu\t1.5\tw30";
    let d = decode_draft(old).unwrap();
    assert_eq!(encode_draft(&d), old, "a classic draft is still written in version 1");
    let entry = "ap-store-2 draft\nap-draft-1\nio\t0\ta200";
    assert_eq!(decode_draft_entry(entry).unwrap().value.tasks[0].steps[0], t(K::Wait, "200"));
    let link = "share=ap-link-1%0Amode%09concurrent%0Aap-draft-1%0At%090%09a5";
    assert_eq!(decode_link(link).unwrap().draft.tasks[0].name, "t");

    // The new version keeps every text as typed, even invalid.
    let mut d = everything();
    d.tasks[1].steps.push(n(K::Fail, "two words\tand a tab\\"));
    d.resources[1].size = " 2x ".into();
    let text = encode_draft(&d);
    assert!(text.starts_with("ap-draft-2\nstructure\tgroup\tresources\t7\n"), "{text}");
    assert_eq!(decode_draft(&text).unwrap(), d);
    let e = encode_draft_entry(&d);
    assert!(e.starts_with("ap-store-3 draft\nap-draft-2\n"), "{e}");
    assert_eq!(decode_draft_entry(&e).unwrap().value, d);
    // A v1 reader's rule still holds for v1 text: a `~` step is not one it knows.
    assert!(decode_draft("ap-draft-1\nt\t0\t~end:").is_err());
    assert!(decode_draft("ap-draft-2\nstructure\tnope\tresources\t0").is_err());
    assert!(decode_draft("ap-draft-2\nstructure\tall\tresources\t2\nL\ta\t\t").is_err());
    assert!(decode_draft("ap-draft-2\nstructure\tall\tresources\t1\nZ\ta\t\t").is_err());
    assert!(decode_draft("ap-draft-2\nstructure\tall\tresources\t0\nt\t0\t~bogus:x").is_err());

    let mut valid = everything();
    valid.structure = Structure::Gather { return_exceptions: true };
    let run = SharedRun { draft: valid.clone(), mode: RunMode::Concurrent, workers: None };
    let frag = encode_link(&run);
    assert!(frag.starts_with("share=ap-link-2"), "{frag}");
    assert_eq!(decode_link(&frag).unwrap(), run);
    // A link whose scenario names an unknown lock says which field.
    let mut bad = valid;
    bad.tasks[0].steps[1].arg = "missing".into();
    let err = decode_link(&encode_link(&SharedRun { draft: bad, mode: RunMode::Concurrent, workers: None }))
        .unwrap_err();
    assert_eq!(err.field, "scenario, task 1");
    assert!(err.problem.contains("names no declared resource: \"missing\""), "{}", err.problem);
}

/// The log of a small lock run, written by hand as the runner records it.
fn lock_log() -> EventLog {
    let mut log = EventLog::new(vec!["T1".into(), "T2".into(), "T3".into()], vec![3, 3, 1]);
    log.resources = vec![Resource { name: "L".into(), kind: ResourceKind::Lock }];
    let ev = |log: &mut EventLog, t: f64, task: u32, kind| log.push(t, TaskId(task), Lane::EventLoop, kind);
    ev(&mut log, 0.0, 0, EventKind::Requested { step: 0, res: 0, op: Op::Acquire });
    ev(&mut log, 0.0, 0, EventKind::Granted { res: 0, op: Op::Acquire, waited_ms: 0.0, value: None });
    ev(&mut log, 0.1, 2, EventKind::Requested { step: 0, res: 0, op: Op::Acquire });
    ev(&mut log, 0.1, 2, EventKind::Blocked { res: 0, op: Op::Acquire, holders: vec![TaskId(0)] });
    ev(&mut log, 100.0, 0, EventKind::Signalled { res: 0, op: Op::Release, woke: vec![TaskId(2)] });
    ev(&mut log, 100.2, 2, EventKind::Granted { res: 0, op: Op::Acquire, waited_ms: 100.1, value: None });
    ev(&mut log, 101.0, 1, EventKind::CancelSent { target: TaskId(2) });
    ev(&mut log, 101.5, 2, EventKind::Cancelling { step: Some(0), cause: Cause::Task(TaskId(1)) });
    ev(&mut log, 101.5, 2, EventKind::Signalled { res: 0, op: Op::Release, woke: vec![] });
    ev(&mut log, 101.5, 2, EventKind::Cancelled { step: Some(0) });
    ev(&mut log, 102.0, 1, EventKind::Failed { reason: "boom".into() });
    log
}

#[test]
fn the_log_names_the_resource_and_the_other_task() {
    let log = lock_log();
    let lines: Vec<String> = log.events.iter().map(|e| log.describe(e)).collect();
    assert_eq!(lines[0], "step 1: acquires lock L");
    assert_eq!(lines[3], "waits for lock L (held by T1)");
    assert_eq!(lines[4], "releases L → wakes T3");
    assert_eq!(lines[5], "holds L after waiting 100.1 ms");
    assert_eq!(lines[6], "cancels T3");
    assert_eq!(lines[7], "cancelled by T2 at step 1");
    assert_eq!(log.line(&log.events[3]), "      0.1 ms  T3  waits for lock L (held by T1)");
}

#[test]
fn metrics_count_waits_per_resource_and_endings_per_task() {
    let log = lock_log();
    let m = resource_metrics(&log);
    assert_eq!((m[0].acquisitions, m[0].contended, m[0].wakeups), (2, 1, 1));
    assert_eq!((m[0].total_wait_ms, m[0].worst_wait_ms), (100.1, 100.1));
    assert_eq!(m[0].contention(), 0.5);
    let ends = endings(&log);
    assert_eq!(ends[0], None);
    assert_eq!(ends[1], Some(Ending::Failed("boom".into())));
    assert_eq!(ends[2], Some(Ending::Cancelled { cause: Some(Cause::Task(TaskId(1))), step: Some(0) }));
    // A blocked task is waiting, not running, in the timeline's segments; its request took a
    // turn of 0 ms on the clock, which is kept.
    let segs = engine::metrics::segments(&log, 110.0);
    let t3: Vec<_> = segs.iter().filter(|s| s.task == TaskId(2)).map(|s| s.kind).collect();
    use engine::SegmentKind::{Awaiting, Running};
    assert_eq!(t3, [Running, Awaiting, Running]);
}

#[test]
fn log_files_with_resources_are_version_2_and_round_trip() {
    let log = lock_log();
    let file = LogFile::new(log.clone(), Some("concurrent"), None);
    assert_eq!(file.version, LOG_VERSION_SYNC);
    let back = LogFile::from_json(&file.to_json()).unwrap();
    assert_eq!(back.log, log);
    let mut classic = EventLog::new(vec!["a".into()], vec![0]);
    classic.push(0.0, TaskId(0), Lane::EventLoop, EventKind::Spawned);
    assert_eq!(LogFile::new(classic.clone(), None, None).version, LOG_VERSION);
    assert!(!LogFile::new(classic, None, None).to_json().contains("resources"));
    // An event naming a resource the log does not have is refused with where.
    let mut bad = log.clone();
    bad.events[0].kind = EventKind::Requested { step: 0, res: 5, op: Op::Acquire };
    let err = LogFile::from_json(&LogFile::new(bad, None, None).to_json()).unwrap_err();
    assert!(err.contains("event 1: resource 6"), "{err}");
    let csv = to_csv(&log);
    let rows = engine::export::parse_csv(&csv).unwrap();
    assert!(rows[0].join(",").ends_with("resource,op,other_tasks,value,description"));
    assert_eq!(rows[4][10..14], ["L".to_string(), "acquire".into(), "T1".into(), "".into()]);
    assert_eq!(rows[4][14], "waits for lock L (held by T1)");
}
