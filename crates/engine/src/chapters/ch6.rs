//! Chapter 6's models and presets: the event-loop turns an eager task start saves, and a
//! queue's shutdown waking the getters that wait on it.

use crate::fields;
use crate::measure::Spread;
use crate::scenario::StepKindDraft as K;
use crate::sync::{ResourceKindDraft, Structure};
use crate::sync_presets::{draft, named, res, task, wait, Claim, End, SyncPreset};

/// The most tasks the eager-start demo creates per run.
pub const MAX_TASKS: u32 = 200_000;

/// What the reader asks the eager-start demo for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EagerRequest {
    /// Tasks created per run.
    pub tasks: u32,
    /// How many of them await once (yield to the executor) before finishing; the rest finish
    /// without awaiting.
    pub awaiting: u32,
}

impl EagerRequest {
    /// Parses the demo's two fields: tasks from 1 to [`MAX_TASKS`], awaiting from 0 to tasks.
    pub fn parse(tasks: &str, awaiting: &str) -> (Result<u32, String>, Result<u32, String>) {
        let t = fields::whole(tasks, 1, MAX_TASKS);
        let a = fields::whole(awaiting, 0, *t.as_ref().unwrap_or(&MAX_TASKS));
        (t, a)
    }

    /// Whether task `i` awaits once (the first `awaiting` tasks do).
    pub fn awaits(&self, i: u32) -> bool {
        i < self.awaiting
    }
}

/// Executor turns: polls of a task that the executor made because the task was scheduled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Turns {
    /// Tasks started lazily (every task is scheduled and waits for a turn to start).
    pub lazy: u64,
    /// Tasks started eagerly (polled once inline at creation; scheduled only if not done).
    pub eager: u64,
}

/// The model's prediction. A lazy start costs every task one turn to start, and each task that
/// awaits one more to resume. An eager start runs each task to its first await inline, so only
/// the tasks that await are scheduled: one turn each to resume.
pub fn predicted_turns(r: EagerRequest) -> Turns {
    Turns { lazy: u64::from(r.tasks) + u64::from(r.awaiting), eager: u64::from(r.awaiting) }
}

/// What the demo measured over its interleaved rounds.
#[derive(Clone, Debug, PartialEq)]
pub struct EagerMeasurement {
    /// What was asked.
    pub request: EagerRequest,
    /// Turns counted in each round (the same every round, or the model is wrong).
    pub turns: Vec<Turns>,
    /// Wall times of the lazy runs, ms.
    pub lazy_ms: Vec<f64>,
    /// Wall times of the eager runs, ms.
    pub eager_ms: Vec<f64>,
    /// Whether every run's results added up to the expected sum.
    pub results_ok: bool,
}

/// The sum of the results of `tasks` tasks when task `i` returns `i`.
pub fn expected_sum(tasks: u32) -> u64 {
    let n = u64::from(tasks);
    n * n.saturating_sub(1) / 2
}

/// The verdict on a measurement: the model's turns, the counts, the timing, and whether the claim
/// held (every round's turns equal the model's exactly, and every run's results were right).
#[derive(Clone, Debug, PartialEq)]
pub struct EagerVerdict {
    /// The model's prediction.
    pub predicted: Turns,
    /// Whether every round counted exactly the predicted turns.
    pub turns_match: bool,
    /// Lazy wall times summed up.
    pub lazy: Spread,
    /// Eager wall times summed up.
    pub eager: Spread,
    /// Median lazy time over median eager time (how many times faster eager was here).
    pub ratio: f64,
    /// Whether the claim held.
    pub holds: bool,
    /// The figure in words.
    pub value: String,
}

/// Judges `m` against the model.
pub fn eager_verdict(m: &EagerMeasurement) -> Option<EagerVerdict> {
    let predicted = predicted_turns(m.request);
    let turns_match = !m.turns.is_empty() && m.turns.iter().all(|t| *t == predicted);
    let lazy = Spread::of(&m.lazy_ms)?;
    let eager = Spread::of(&m.eager_ms)?;
    let ratio = if eager.median > 0.0 { lazy.median / eager.median } else { f64::INFINITY };
    let holds = turns_match && m.results_ok;
    let counted = m.turns.first().copied().unwrap_or(Turns { lazy: 0, eager: 0 });
    let value = format!(
        "{} turns lazily, {} eagerly (model: {}, {}); eager {} in this browser",
        counted.lazy,
        counted.eager,
        predicted.lazy,
        predicted.eager,
        ratio_words(ratio)
    );
    Some(EagerVerdict { predicted, turns_match, lazy, eager, ratio, holds, value })
}

/// `"3.1× faster"`, `"1.00× (no faster)"`, `"too fast to time"`.
pub fn ratio_words(ratio: f64) -> String {
    if !ratio.is_finite() {
        "too fast to time".into()
    } else if ratio >= 1.0 {
        format!("{ratio:.1}× faster")
    } else {
        format!("{:.1}× slower", 1.0 / ratio)
    }
}

/// The presets this chapter adds.
pub fn presets() -> Vec<SyncPreset> {
    vec![SyncPreset {
        id: "6_4-getters",
        title: "Shutdown wakes the getters (tutorial 6_4)",
        claim: "A getter waiting on an empty queue is woken by shutdown and raises (QueueShutDown in \
                Python 3.13+); the item put before the shutdown is still taken.",
        draft: draft(
            vec![res("queue", ResourceKindDraft::Queue, "5")],
            Structure::All,
            vec![
                task(
                    "producer",
                    vec![wait(100), named(K::Put, "queue"), wait(100), named(K::Shutdown, "queue")],
                ),
                task("consumer", vec![named(K::Get, "queue"), named(K::Get, "queue")]),
            ],
        ),
        checks: vec![
            Claim::Ends { task: "producer", how: End::Finished },
            Claim::Ends { task: "consumer", how: End::Failed },
            Claim::EndsBetween { task: "consumer", lo_ms: 200.0, hi_ms: 400.0 },
        ],
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_costs_a_turn_per_task_and_eager_only_the_tasks_that_await() {
        let r = EagerRequest { tasks: 1000, awaiting: 0 };
        assert_eq!(predicted_turns(r), Turns { lazy: 1000, eager: 0 });
        let r = EagerRequest { tasks: 1000, awaiting: 10 };
        assert_eq!(predicted_turns(r), Turns { lazy: 1010, eager: 10 });
        assert!(r.awaits(9) && !r.awaits(10));
    }

    #[test]
    fn fields_are_validated_and_awaiting_is_at_most_tasks() {
        assert_eq!(EagerRequest::parse("10000", "0"), (Ok(10000), Ok(0)));
        let (t, a) = EagerRequest::parse("10", "11");
        assert_eq!(t, Ok(10));
        assert!(a.is_err());
        assert!(EagerRequest::parse("lots", "0").0.is_err());
        assert!(EagerRequest::parse("0", "0").0.is_err());
    }

    fn measured(turns: Turns, results_ok: bool) -> EagerMeasurement {
        EagerMeasurement {
            request: EagerRequest { tasks: 100, awaiting: 5 },
            turns: vec![turns; 3],
            lazy_ms: vec![6.0, 5.0, 7.0],
            eager_ms: vec![2.0, 3.0, 2.0],
            results_ok,
        }
    }

    #[test]
    fn the_claim_holds_only_on_the_exact_count() {
        let v = eager_verdict(&measured(Turns { lazy: 105, eager: 5 }, true)).unwrap();
        assert!(v.holds);
        assert_eq!(v.ratio, 3.0);
        assert_eq!(v.value, "105 turns lazily, 5 eagerly (model: 105, 5); eager 3.0× faster in this browser");
        assert!(!eager_verdict(&measured(Turns { lazy: 105, eager: 6 }, true)).unwrap().holds);
        assert!(!eager_verdict(&measured(Turns { lazy: 100, eager: 5 }, true)).unwrap().holds);
        assert!(!eager_verdict(&measured(Turns { lazy: 105, eager: 5 }, false)).unwrap().holds);
    }

    #[test]
    fn sums_and_ratio_words() {
        assert_eq!(expected_sum(4), 6);
        assert_eq!(expected_sum(1), 0);
        assert_eq!(ratio_words(0.5), "2.0× slower");
        assert_eq!(ratio_words(f64::INFINITY), "too fast to time");
    }

    #[test]
    fn a_getter_waiting_at_shutdown_raises_and_the_run_shows_it() {
        let p = presets().into_iter().find(|p| p.id == "6_4-getters").unwrap();
        let s = p.scenario();
        assert!(!s.tasks.is_empty(), "the draft validates");
        let log = crate::model::predict(&s).log;
        for c in &p.checks {
            assert!(c.check(&log).is_ok(), "{c:?}: {:?}", c.check(&log));
        }
    }
}
