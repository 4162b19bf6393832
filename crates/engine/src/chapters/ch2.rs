//! Chapter 2's models and presets: the never-polled future (the Rust side of "a coroutine
//! called without `await` does nothing") and the two-tasks preset of the tutorial's 2_5.

use crate::claims::Measured;
use crate::scenario::StepKindDraft as K;
use crate::sync::Structure;
use crate::sync_presets::{draft, named, task, wait, Claim, SyncPreset};
use std::cell::RefCell;
use std::rc::Rc;

/// The line [`nested`] records when its body runs.
pub const NESTED_LINE: &str = "nested() ran";

/// What [`nested`] returns (the tutorial's 42).
pub const NESTED_VALUE: i64 = 42;

/// The tutorial's `nested()` as a Rust future: its body records [`NESTED_LINE`] in `log` and
/// returns [`NESTED_VALUE`]. Calling it builds the future and runs none of the body: an
/// `async fn` runs only when its future is polled (awaited, or handed to an executor).
pub async fn nested(log: Rc<RefCell<Vec<String>>>) -> i64 {
    log.borrow_mut().push(NESTED_LINE.to_string());
    NESTED_VALUE
}

/// What the unawaited-future demo saw.
#[derive(Clone, Debug, PartialEq)]
pub struct Unawaited {
    /// Lines the body had recorded when the future had existed, unpolled, for `waited_ms`.
    pub lines_before: usize,
    /// How long the future existed before it was awaited, ms (measured).
    pub waited_ms: f64,
    /// Lines recorded once it was awaited.
    pub lines_after: usize,
    /// What awaiting it returned.
    pub result: i64,
}

impl Unawaited {
    /// The claim holds when nothing ran before the await, and the await ran the body once and
    /// gave 42.
    pub fn holds(&self) -> bool {
        self.lines_before == 0 && self.lines_after == 1 && self.result == NESTED_VALUE
    }

    /// The claim's measurement, for the claims table.
    pub fn measured(&self, at_ms: f64) -> Measured {
        Measured {
            value: format!(
                "{} line(s) recorded after {:.0} ms unawaited; awaited: {} line(s), result {}",
                self.lines_before, self.waited_ms, self.lines_after, self.result
            ),
            holds: self.holds(),
            at_ms,
        }
    }
}

/// Id of the two-tasks preset.
pub const TWO_TASKS: &str = "2_5-two-tasks";

/// The presets this chapter adds.
pub fn presets() -> Vec<SyncPreset> {
    vec![SyncPreset {
        id: TWO_TASKS,
        title: "Two 1 s tasks with create_task (tutorial 2_5)",
        claim: "main creates two tasks that each sleep 1 s, then awaits both: they sleep at the same \
                time, so the whole takes about 1 s, not 2 s.",
        draft: draft(
            vec![],
            Structure::All,
            vec![
                task(
                    "main",
                    vec![
                        named(K::Spawn, "first"),
                        named(K::Spawn, "second"),
                        named(K::Join, "first"),
                        named(K::Join, "second"),
                    ],
                ),
                task("first", vec![wait(1000)]),
                task("second", vec![wait(1000)]),
            ],
        ),
        checks: vec![Claim::Wall { unit_ms: 1000.0, lo: 1.0, hi: 1.5 }],
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::pin;
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }

    #[test]
    fn a_future_never_polled_runs_nothing_and_awaiting_it_gives_42() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let fut = nested(log.clone());
        assert!(log.borrow().is_empty(), "building the future ran its body");
        let mut fut = pin!(fut);
        let waker = Waker::from(Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(42));
        assert_eq!(*log.borrow(), [NESTED_LINE]);
    }

    #[test]
    fn the_verdict_needs_nothing_before_and_one_line_and_42_after() {
        let ok = Unawaited { lines_before: 0, waited_ms: 500.0, lines_after: 1, result: 42 };
        assert!(ok.holds());
        let m = ok.measured(7.0);
        assert!(m.holds && m.value.contains("after 500 ms") && m.value.contains("result 42"), "{}", m.value);
        assert!(!Unawaited { lines_before: 1, ..ok.clone() }.holds());
        assert!(!Unawaited { result: 0, ..ok.clone() }.holds());
        assert!(!Unawaited { lines_after: 0, ..ok }.holds());
    }

    #[test]
    fn two_tasks_are_predicted_to_take_one_second_and_the_claim_names_the_preset() {
        let p = crate::sync_presets::by_id(TWO_TASKS).expect("found by id");
        let s = p.draft.validate().expect("valid");
        let end = crate::model::predict(&s).end_ms();
        assert!((1000.0..1010.0).contains(&end), "{end}");
        assert!(p.checks.iter().all(|c| c.check(&crate::model::predict(&s).log).is_ok()));
        assert_eq!(crate::claims::by_id("2_5-two-tasks").unwrap().preset, Some(TWO_TASKS));
    }
}
