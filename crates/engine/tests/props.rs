//! Property tests: the engine's fuzz run. Random drafts (sensible, out of range and garbage text)
//! go through validation, which must agree with an independent reading of the rules; random bytes
//! and strings go to every decoder, which must not panic; and valid values — drafts, share links,
//! storage entries, worker messages, log files — generated valid on every case survive their
//! encoding exactly (`decode(encode(x)) == x`).
//!
//! Stable Rust has no `cargo fuzz`, so this bounded run inside `cargo test` is the fuzz run; the
//! case counts keep it to a few seconds.
#![cfg(not(target_arch = "wasm32"))]

use engine::export::LogFile;
use engine::fields;
use engine::permalink::{
    decode_draft, decode_link, encode_draft, encode_link, RunMode, SharedRun, HEADER, MAX_LINK_WORKERS,
};
use engine::protocol::{self, FromWorker, ToWorker};
use engine::saved::{
    decode_draft_entry, decode_mode_entry, encode_draft_entry, encode_mode_entry, STORE_VERSION,
};
use engine::scenario::{parse_ms, MAX_NAME_CHARS, MAX_STEPS, MAX_TASKS, MAX_WAIT_MS, MAX_WORK_MS};
use engine::{
    EventKind, EventLog, Lane, Scenario, ScenarioDraft, Step, StepDraft, StepKindDraft, TaskDraft, TaskId,
    TaskSpec,
};
use proptest::prelude::*;

/// Text a reader could type in a number field: good numbers, edge cases and garbage.
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (0.0f64..70_000.0).prop_map(|x| format!("{x}")),
        (0u32..70_000).prop_map(|n| n.to_string()),
        Just(String::new()),
        Just("-0".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("1e400".to_string()),
        Just(" 12 ".to_string()),
        (-1e6f64..1e6).prop_map(|x| format!("{x:e}")),
        ".*",
    ]
}

/// A task name: ordinary words, long ones, blanks, markup and any Unicode.
fn name_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,12}",
        ".{0,60}",
        Just("<b>x</b>".to_string()),
        Just("   ".to_string()),
        "\\PC{0,45}"
    ]
}

fn step() -> impl Strategy<Value = StepDraft> {
    (any::<bool>(), number_text()).prop_map(|(w, ms)| StepDraft {
        kind: if w { StepKindDraft::Work } else { StepKindDraft::Wait },
        ms,
        arg: String::new(),
    })
}

fn task() -> impl Strategy<Value = TaskDraft> {
    // Mostly short step lists, sometimes past the limit.
    let steps = prop_oneof![8 => prop::collection::vec(step(), 0..6), 1 => prop::collection::vec(step(), MAX_STEPS..MAX_STEPS + 3)];
    (name_text(), number_text(), steps).prop_map(|(name, start_delay_ms, steps)| TaskDraft {
        name,
        start_delay_ms,
        steps,
    })
}

fn draft() -> impl Strategy<Value = ScenarioDraft> {
    prop::collection::vec(task(), 0..12).prop_map(|tasks| ScenarioDraft { tasks, ..Default::default() })
}

/// A draft whose fields are all valid, so validation must accept it.
fn valid_draft() -> impl Strategy<Value = ScenarioDraft> {
    let step = (any::<bool>(), 0.0f64..5_000.0).prop_map(|(w, ms)| StepDraft {
        kind: if w { StepKindDraft::Work } else { StepKindDraft::Wait },
        ms: format!("{ms}"),
        arg: String::new(),
    });
    let task = ("[A-Za-z][A-Za-z0-9 _-]{0,20}[a-z]", 0.0f64..MAX_WAIT_MS, prop::collection::vec(step, 0..8))
        .prop_map(|(name, d, steps)| TaskDraft { name, start_delay_ms: format!("{d}"), steps });
    prop::collection::vec(task, 1..10).prop_map(|tasks| ScenarioDraft { tasks, ..Default::default() })
}

/// The validation rules read independently of `validate`: a name of 1 to [`MAX_NAME_CHARS`]
/// characters once trimmed, milliseconds a finite number from 0 to the field's limit, 1 to
/// [`MAX_TASKS`] tasks of at most [`MAX_STEPS`] steps. `Some` exactly when every field is valid.
fn oracle(d: &ScenarioDraft) -> Option<Scenario> {
    let ms = |text: &str, max: f64| {
        text.trim().parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0 && *x <= max)
    };
    if d.tasks.is_empty() || d.tasks.len() > MAX_TASKS {
        return None;
    }
    let tasks = d.tasks.iter().map(|t| {
        let name = t.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || t.steps.len() > MAX_STEPS {
            return None;
        }
        let steps = t.steps.iter().map(|s| match s.kind {
            StepKindDraft::Work => ms(&s.ms, MAX_WORK_MS).map(|ms| Step::Work { ms }),
            StepKindDraft::Wait => ms(&s.ms, MAX_WAIT_MS).map(|ms| Step::Wait { ms }),
            // The generators make work and wait steps only; the resource steps' validation has
            // its own tests beside `engine::sync`.
            _ => None,
        });
        Some(TaskSpec {
            name: name.to_string(),
            start_delay_ms: ms(&t.start_delay_ms, MAX_WAIT_MS)?,
            steps: steps.collect::<Option<_>>()?,
        })
    });
    Some(Scenario { tasks: tasks.collect::<Option<_>>()?, ..Default::default() })
}

/// A valid draft with one field set to a value at or just past its limit (either side), so
/// validation's boundaries are tried on every case, not only when random text happens on them.
fn edge_draft() -> impl Strategy<Value = ScenarioDraft> {
    let name = prop_oneof![
        Just("n".repeat(MAX_NAME_CHARS)),
        Just("n".repeat(MAX_NAME_CHARS + 1)),
        Just(format!("  {}  ", "é".repeat(MAX_NAME_CHARS))),
        Just(" \t ".to_string()),
    ];
    let ms = |max: f64| {
        prop_oneof![
            Just(format!("{max}")),
            Just(format!("{}", max + 0.001)),
            Just("0".to_string()),
            Just("-0.001".to_string()),
            Just("1e999".to_string()),
            Just(" 7 ".to_string()),
        ]
    };
    (valid_draft(), any::<prop::sample::Index>(), 0..5u8, name, ms(MAX_WORK_MS), ms(MAX_WAIT_MS)).prop_map(
        |(mut d, at, which, name, work, wait)| {
            let t = at.index(d.tasks.len());
            let task = &mut d.tasks[t];
            match which {
                0 => task.name = name,
                1 => task.start_delay_ms = wait,
                2 => task.steps.push(StepDraft::timed(StepKindDraft::Work, work)),
                3 => task.steps.push(StepDraft::timed(StepKindDraft::Wait, wait)),
                _ => task
                    .steps
                    .resize(MAX_STEPS + usize::from(t % 2 == 0), StepDraft::timed(StepKindDraft::Wait, "1")),
            }
            d
        },
    )
}

fn run_mode() -> impl Strategy<Value = RunMode> {
    prop::sample::select(RunMode::ALL.to_vec())
}

/// A valid share link's contents.
fn shared_run() -> impl Strategy<Value = SharedRun> {
    (valid_draft(), run_mode(), prop::option::of(1..=MAX_LINK_WORKERS))
        .prop_map(|(draft, mode, workers)| SharedRun { draft, mode, workers })
}

/// Any finite number, from tiny to huge (the messages carry times and rates as `f64`).
fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![any::<f64>().prop_filter("finite", |x| x.is_finite()), 0.0f64..1e13]
}

fn task_spec() -> impl Strategy<Value = TaskSpec> {
    let step =
        (any::<bool>(), finite()).prop_map(|(w, ms)| if w { Step::Work { ms } } else { Step::Wait { ms } });
    (".{0,20}", finite(), prop::collection::vec(step, 0..6))
        .prop_map(|(name, start_delay_ms, steps)| TaskSpec { name, start_delay_ms, steps })
}

fn event_kind() -> impl Strategy<Value = EventKind> {
    let step = prop::option::of(any::<u32>());
    prop_oneof![
        Just(EventKind::Spawned),
        (any::<u32>(), any::<u32>(), any::<bool>()).prop_map(|(step, of, work)| EventKind::StepStarted {
            step,
            of,
            work
        }),
        (step.clone(), finite()).prop_map(|(step, until_ms)| EventKind::Awaiting { step, until_ms }),
        step.clone().prop_map(|step| EventKind::Resumed { step }),
        Just(EventKind::Finished),
        ".{0,30}".prop_map(|reason| EventKind::Failed { reason }),
        step.prop_map(|step| EventKind::Cancelled { step }),
    ]
}

/// Every request the page can send, with any field values.
fn to_worker() -> impl Strategy<Value = ToWorker> {
    let id = any::<u64>();
    prop_oneof![
        (id, any::<u64>(), any::<u64>(), any::<u64>()).prop_map(|(id, seed, units, rounds_per_unit)| {
            ToWorker::Checksum { id, seed, units, rounds_per_unit }
        }),
        (id, finite()).prop_map(|(id, sample_ms)| ToWorker::Calibrate { id, sample_ms }),
        (id, any::<u32>(), task_spec(), any::<u64>(), any::<u64>(), any::<bool>()).prop_map(
            |(id, task, spec, seed, rounds_per_ms, panic)| ToWorker::RunTask {
                id,
                task,
                spec,
                seed,
                rounds_per_ms,
                panic
            }
        ),
        id.prop_map(|id| ToWorker::Ping { id }),
        (id, any::<bool>()).prop_map(|(id, transfer)| ToWorker::Echo { id, transfer }),
        (id, any::<i32>()).prop_map(|(id, value)| ToWorker::Overwrite { id, value }),
        (id, any::<u32>(), any::<u32>(), any::<bool>(), any::<u32>(), any::<u32>()).prop_map(
            |(id, index, times, atomic, work_rounds, start_together)| ToWorker::Increment {
                id,
                index,
                times,
                atomic,
                work_rounds,
                start_together
            }
        ),
        (id, any::<u32>(), task_spec(), any::<u64>(), finite(), any::<bool>(), any::<u64>()).prop_map(
            |(id, task, spec, rounds_per_ms, switch_ms, use_lock, seed)| ToWorker::GilWork {
                id,
                task,
                spec,
                rounds_per_ms,
                switch_ms,
                use_lock,
                seed
            }
        ),
    ]
}

/// Every answer a worker can send, with any field values.
fn from_worker() -> impl Strategy<Value = FromWorker> {
    let id = any::<u64>();
    prop_oneof![
        Just(FromWorker::Ready),
        (id, any::<u64>(), finite()).prop_map(|(id, value, elapsed_ms)| FromWorker::Checksum {
            id,
            value,
            elapsed_ms
        }),
        (id, any::<u64>()).prop_map(|(id, rounds_per_ms)| FromWorker::Calibrated { id, rounds_per_ms }),
        (id, any::<u32>(), finite(), event_kind())
            .prop_map(|(id, task, at_ms, kind)| FromWorker::TaskEvent { id, task, at_ms, kind }),
        (id, any::<u64>(), finite()).prop_map(|(id, checksum, work_ms)| FromWorker::TaskDone {
            id,
            checksum,
            work_ms
        }),
        id.prop_map(|id| FromWorker::Pong { id }),
        (id, any::<u64>()).prop_map(|(id, bytes)| FromWorker::Echoed { id, bytes }),
        (id, any::<i32>(), any::<i32>()).prop_map(|(id, before, after)| FromWorker::Overwritten {
            id,
            before,
            after
        }),
        (id, finite()).prop_map(|(id, elapsed_ms)| FromWorker::Incremented { id, elapsed_ms }),
        ".{0,40}".prop_map(|message| FromWorker::Panicked { message }),
        (prop::option::of(id), ".{0,40}").prop_map(|(id, message)| FromWorker::Error { id, message }),
    ]
}

/// A log the views can show: every event's task known, times from 0 to a minute, steps within
/// their task; with an optional mode and worker count.
fn log_file() -> impl Strategy<Value = LogFile> {
    let tasks = prop::collection::vec(("[a-z]{1,8}", 1u32..5), 1..5);
    (tasks, prop::option::of(run_mode()), prop::option::of(1u32..64))
        .prop_flat_map(|(tasks, mode, workers)| {
            let n = tasks.len() as u32;
            let steps: Vec<u32> = tasks.iter().map(|t| t.1).collect();
            let event = (0..n, 0.0f64..60_000.0, any::<bool>(), 0u32..8, 0u32..4, 0.0f64..60_000.0).prop_map(
                move |(task, t_ms, on_worker, lane, which, until_ms)| {
                    let of = steps[task as usize];
                    let step = lane % of;
                    let kind = match which {
                        0 => EventKind::Spawned,
                        1 => EventKind::StepStarted { step, of, work: on_worker },
                        2 => EventKind::Awaiting { step: Some(step), until_ms },
                        _ => EventKind::Finished,
                    };
                    let lane = if on_worker { Lane::Worker(lane) } else { Lane::EventLoop };
                    (TaskId(task), t_ms, lane, kind)
                },
            );
            (Just((tasks, mode, workers)), prop::collection::vec(event, 0..20))
        })
        .prop_map(|((tasks, mode, workers), events)| {
            let mut log = EventLog::new(
                tasks.iter().map(|t| t.0.clone()).collect(),
                tasks.iter().map(|t| t.1).collect(),
            );
            for (task, t_ms, lane, kind) in events {
                log.push(t_ms, task, lane, kind);
            }
            LogFile::new(log, mode.map(RunMode::key), workers)
        })
}

/// 400 cases per property (a few seconds in all); `PROPTEST_CASES=100000` for a long local run.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    /// Guards the editor: any draft validates to a scenario or to field errors, never a panic,
    /// and an error always names a task that exists.
    #[test]
    fn validation_never_panics(d in draft()) {
        // Accepted exactly when every field is valid by the rules read independently, and the
        // scenario holds exactly the values typed.
        prop_assert_eq!(d.validate().ok(), oracle(&d));
        match d.validate() {
            Ok(s) => prop_assert_eq!(s.tasks.len(), d.tasks.len()),
            Err(errs) => {
                prop_assert!(!errs.is_empty());
                for e in errs {
                    prop_assert!(e.task.is_none_or(|t| t < d.tasks.len()));
                    prop_assert!(!e.to_string().is_empty());
                }
            }
        }
    }

    /// Guards saved and shared scenarios: every draft, valid or not, comes back exactly as typed.
    #[test]
    fn every_draft_round_trips(d in draft()) {
        prop_assert_eq!(decode_draft(&encode_draft(&d)), Ok(d));
    }

    /// Guards the permalink: every accepted scenario decodes to the very same scenario.
    #[test]
    fn accepted_scenarios_round_trip_exactly(d in valid_draft()) {
        let s = d.validate().expect("valid by construction");
        let back = decode_draft(&encode_draft(&s.to_draft())).expect("decodes");
        prop_assert_eq!(back.validate().expect("still valid"), s);
    }

    /// Guards validation's limits: one field at or just past its limit is accepted or refused
    /// exactly as the rules say.
    #[test]
    fn validation_holds_at_every_limit(d in edge_draft()) {
        prop_assert_eq!(d.validate().ok(), oracle(&d));
    }

    /// Guards the validation oracle itself: a draft made valid is accepted by both.
    #[test]
    fn valid_drafts_are_accepted(d in valid_draft()) {
        prop_assert!(oracle(&d).is_some());
        prop_assert_eq!(d.validate().ok(), oracle(&d));
    }

    /// Guards share links: every valid link's contents open as the very same run.
    #[test]
    fn share_links_round_trip(run in shared_run()) {
        prop_assert_eq!(decode_link(&encode_link(&run)), Ok(run));
    }

    /// Guards the storage entries the page saves (format 2): drafts — valid or not, as typed —
    /// and modes come back exactly, not marked as migrated.
    #[test]
    fn storage_entries_round_trip(d in draft(), mode in run_mode()) {
        let back = decode_draft_entry(&encode_draft_entry(&d)).expect("decodes");
        prop_assert_eq!(back.from_version, STORE_VERSION);
        prop_assert_eq!(back.value, d);
        let back = decode_mode_entry(&encode_mode_entry(mode)).expect("decodes");
        prop_assert_eq!((back.value, back.from_version), (mode, STORE_VERSION));
    }

    /// Guards the worker bridge: every request and answer, any field values, survives its bytes.
    #[test]
    fn worker_messages_round_trip(req in to_worker(), answer in from_worker()) {
        prop_assert_eq!(protocol::decode::<ToWorker>(&protocol::encode(&req)), Ok(req));
        prop_assert_eq!(protocol::decode::<FromWorker>(&protocol::encode(&answer)), Ok(answer));
    }

    /// Guards exported logs: every valid log file reads back as the same file.
    #[test]
    fn log_files_round_trip(file in log_file()) {
        prop_assert_eq!(LogFile::from_json(&file.to_json()), Ok(file));
    }

    /// Guards the decoders against whatever sits in a URL or in storage.
    #[test]
    fn the_draft_decoder_survives_any_text(body in ".{0,300}", raw in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode_draft(&body);
        let _ = decode_draft(&format!("{HEADER}\n{body}"));
        let lossy = String::from_utf8_lossy(&raw);
        let _ = decode_draft(&lossy);
        if let Ok(d) = decode_draft(&format!("{HEADER}\n{lossy}")) {
            let _ = d.validate();
        }
    }

    /// Guards the worker bridge: garbled bytes are an error, never a panic, and so is a real
    /// message with one byte changed or cut short.
    #[test]
    fn the_protocol_decoder_survives_any_bytes(raw in prop::collection::vec(any::<u8>(), 0..200), at in any::<usize>(), byte in any::<u8>()) {
        let _ = protocol::decode::<ToWorker>(&raw);
        let _ = protocol::decode::<FromWorker>(&raw);
        let spec = engine::TaskSpec { name: "t".into(), start_delay_ms: 0.0, steps: vec![engine::Step::Wait { ms: 1.0 }] };
        let mut m = protocol::encode(&ToWorker::RunTask { id: 1, task: 0, spec, seed: 2, rounds_per_ms: 3, panic: false });
        let i = at % m.len();
        m[i] = byte;
        let _ = protocol::decode::<ToWorker>(&m);
        let _ = protocol::decode::<ToWorker>(&m[..i]);
    }

    /// Guards the numeric fields: any text parses to an in-range value or to a message.
    #[test]
    fn the_field_parsers_survive_any_text(t in prop_oneof![number_text(), ".{0,40}"], a in 0u32..100, b in 0u32..100) {
        let (lo, hi) = (a.min(b), a.max(b));
        if let Ok(n) = fields::whole(&t, lo, hi) { prop_assert!((lo..=hi).contains(&n)); }
        if let Ok(n) = fields::workers(&t, hi.max(1)) { prop_assert!((1..=hi.max(1)).contains(&n)); }
        if let Ok(x) = fields::millis(&t, f64::from(lo), f64::from(hi)) {
            prop_assert!(x >= f64::from(lo) && x <= f64::from(hi));
        }
        if let Ok(x) = parse_ms(&t, MAX_WAIT_MS) { prop_assert!(x.is_finite() && (0.0..=MAX_WAIT_MS).contains(&x)); }
    }
}

/// Guards the limits: a draft past the task limit is refused with a message naming the limit.
#[test]
fn too_many_tasks_is_refused_by_name() {
    let t = TaskDraft { name: "t".into(), start_delay_ms: "0".into(), steps: vec![] };
    let d = ScenarioDraft { tasks: vec![t; MAX_TASKS + 1], ..Default::default() };
    let errs = d.validate().unwrap_err();
    assert!(
        errs.iter().any(|e| e.task.is_none() && e.to_string().contains(&format!("{MAX_TASKS}"))),
        "{errs:?}"
    );
}
