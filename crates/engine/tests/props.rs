//! Property tests: the engine's fuzz run. Random drafts (sensible, out of range and garbage text)
//! go through validation, and random bytes and strings go to every decoder; nothing may panic,
//! and every accepted scenario survives the saved-draft encoding exactly.
//!
//! Stable Rust has no `cargo fuzz`, so this bounded run inside `cargo test` is the fuzz run; the
//! case counts keep it to a few seconds.
#![cfg(not(target_arch = "wasm32"))]

use engine::fields;
use engine::permalink::{decode_draft, encode_draft, HEADER};
use engine::protocol::{self, FromWorker, ToWorker};
use engine::scenario::{parse_ms, MAX_STEPS, MAX_TASKS, MAX_WAIT_MS};
use engine::{ScenarioDraft, StepDraft, StepKindDraft, TaskDraft};
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
