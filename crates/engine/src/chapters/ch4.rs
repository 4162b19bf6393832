//! Chapter 4's models and presets: the semaphore demo's scenario built from its number of
//! permits (with the model's prediction and the verdict on a run), the barrier's phases read
//! from a run's log, and a condition preset (the tutorial has no example of one).

use crate::claims::Measured;
use crate::event::{EventKind, EventLog};
use crate::scenario::{Scenario, ScenarioDraft, StepKindDraft as K};
use crate::sync::{Op, ResourceKind, ResourceKindDraft, Structure};
use crate::sync_presets::{draft, end, named, res, task, wait, Claim, SyncPreset};

/// Tasks in the semaphore demo (the tutorial's 4).
pub const SEM_TASKS: u32 = 4;

/// How long each of the semaphore demo's tasks sleeps while it holds a permit, ms.
pub const SEM_TASK_MS: u32 = 1000;

/// The most permits the demo offers (one per task: more change nothing).
pub const MAX_PERMITS: u32 = SEM_TASKS;

/// Reads the number of permits the reader chose: a whole number from 1 to [`MAX_PERMITS`], or
/// the message shown beside the field.
pub fn parse_permits(text: &str) -> Result<u32, String> {
    let t = text.trim();
    match t.parse::<u32>() {
        Ok(n) if (1..=MAX_PERMITS).contains(&n) => Ok(n),
        Ok(_) => Err(format!("Choose from 1 to {MAX_PERMITS} permits.")),
        Err(_) if t.is_empty() => Err("Type a number of permits.".into()),
        Err(_) => Err(format!("\"{t}\" is not a whole number from 1 to {MAX_PERMITS}.")),
    }
}

/// The semaphore demo's scenario as the playground's editor shows it: [`SEM_TASKS`] tasks that
/// each sleep [`SEM_TASK_MS`] inside `async with sem`, where `sem` is `Semaphore(permits)`.
pub fn semaphore_draft(permits: u32) -> ScenarioDraft {
    draft(
        vec![res("sem", ResourceKindDraft::Semaphore, &permits.to_string())],
        Structure::Gather { return_exceptions: false },
        (1..=SEM_TASKS)
            .map(|i| task(&format!("t{i}"), vec![named(K::With, "sem"), wait(SEM_TASK_MS), end()]))
            .collect(),
    )
}

/// The validated semaphore scenario (permits are clamped to 1..=[`MAX_PERMITS`]).
pub fn semaphore_scenario(permits: u32) -> Scenario {
    semaphore_draft(permits.clamp(1, MAX_PERMITS)).validate().unwrap_or_default()
}

/// Rounds of tasks the semaphore lets through one after another: ⌈tasks / permits⌉.
pub fn semaphore_rounds(permits: u32) -> u32 {
    SEM_TASKS.div_ceil(permits.clamp(1, MAX_PERMITS))
}

/// The model's predicted wall time of the semaphore scenario, ms.
pub fn semaphore_predicted_ms(permits: u32) -> f64 {
    crate::model::predict(&semaphore_scenario(permits)).end_ms()
}

/// How far a real run may run past the model's virtual time before the demo says it does not
/// match: timers overshoot and the page does other work (see `crate::model`), never the other
/// way round.
pub const SEM_SLACK: f64 = 1.25;

/// What the semaphore demo measured.
#[derive(Clone, Debug, PartialEq)]
pub struct SemaphoreRun {
    /// The permits.
    pub permits: u32,
    /// The model's wall time, ms.
    pub predicted_ms: f64,
    /// The measured wall time, ms.
    pub measured_ms: f64,
    /// The most tasks holding a permit at once in the run's log.
    pub most_inside: u32,
}

impl SemaphoreRun {
    /// Reads a finished run's log of [`semaphore_scenario`]`(permits)`.
    pub fn from_log(permits: u32, log: &EventLog) -> SemaphoreRun {
        let (mut inside, mut most) = (0i64, 0i64);
        for e in &log.events {
            match e.kind {
                EventKind::Granted { op: Op::Acquire, .. } => {
                    inside += 1;
                    most = most.max(inside);
                }
                EventKind::Signalled { op: Op::Release, .. } => inside -= 1,
                _ => {}
            }
        }
        SemaphoreRun {
            permits,
            predicted_ms: semaphore_predicted_ms(permits),
            measured_ms: log.events.last().map_or(0.0, |e| e.t_ms),
            most_inside: most.max(0) as u32,
        }
    }

    /// Measured over predicted wall time.
    pub fn ratio(&self) -> f64 {
        if self.predicted_ms > 0.0 {
            self.measured_ms / self.predicted_ms
        } else {
            f64::NAN
        }
    }

    /// The run matches the model: no more tasks inside than permits, and the wall time from the
    /// predicted one to [`SEM_SLACK`] times it.
    pub fn matches_model(&self) -> bool {
        self.most_inside == self.permits.min(SEM_TASKS) && (0.99..=SEM_SLACK).contains(&self.ratio())
    }

    /// The run in words.
    pub fn summary(&self) -> String {
        format!(
            "Semaphore({}): {:.0} ms measured, {:.0} ms predicted ({:.2}×), at most {} inside",
            self.permits,
            self.measured_ms,
            self.predicted_ms,
            self.ratio(),
            self.most_inside
        )
    }

    /// The tutorial's claim (4_3: Semaphore(2), four 1 s tasks take 2–3 s) measured by this run,
    /// checked as its preset checks it; `None` for other numbers of permits.
    pub fn tutorial_claim(&self, log: &EventLog, at_ms: f64) -> Option<Measured> {
        if self.permits != 2 {
            return None;
        }
        let preset = crate::sync_presets::by_id("4_3-semaphore")?;
        let checks: Vec<_> = preset.checks.iter().map(|c| c.check(log)).collect();
        Some(crate::claims::from_preset_checks(&checks, at_ms))
    }
}

/// A barrier's state at a moment of a run, as Python's `asyncio.Barrier` reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct BarrierPhase {
    /// When, ms since the run started.
    pub t_ms: f64,
    /// The task whose step changed it.
    pub task: String,
    /// `filling` (tasks arrive and wait) or `draining` (the last one came: all are let go).
    pub state: &'static str,
    /// Tasks waiting at the barrier.
    pub waiting: u32,
    /// The barrier's parties.
    pub parties: u32,
}

impl BarrierPhase {
    /// The phase as the tutorial prints it: `filling, waiters 2/3`.
    pub fn words(&self) -> String {
        format!("{}, waiters {}/{}", self.state, self.waiting, self.parties)
    }
}

/// The phases the barrier named `name` went through in a run's log: `filling` with one more
/// waiter at each arrival that has to wait, `draining` with 0 waiting when the last party
/// arrives, and `filling` with 0 again once every party has passed.
pub fn barrier_phases(log: &EventLog, name: &str) -> Vec<BarrierPhase> {
    let Some(r) = log.resources.iter().position(|x| x.name == name) else { return Vec::new() };
    let ResourceKind::Barrier { parties } = log.resources[r].kind else { return Vec::new() };
    let r = r as u32;
    let (mut waiting, mut passed) = (0u32, 0u32);
    let mut out = Vec::new();
    let mut phase = |e: &crate::event::Event, state, waiting| {
        let task = log.task_names.get(e.task.0 as usize).cloned().unwrap_or_default();
        out.push(BarrierPhase { t_ms: e.t_ms, task, state, waiting, parties });
    };
    for e in &log.events {
        match e.kind {
            EventKind::Blocked { res, op: Op::Wait, .. } if res == r => {
                waiting += 1;
                phase(e, "filling", waiting);
            }
            EventKind::Signalled { res, .. } if res == r => {
                waiting = 0;
                phase(e, "draining", 0);
            }
            EventKind::Granted { res, op: Op::Wait, .. } if res == r => {
                passed += 1;
                if passed % parties.max(1) == 0 {
                    phase(e, "filling", 0);
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether the phases show the tutorial's 4_4: `filling` up to parties − 1 waiters, then
/// `draining` with 0 waiting, then `filling` with 0 again.
pub fn barrier_phases_hold(phases: &[BarrierPhase]) -> bool {
    let words: Vec<String> = phases.iter().map(BarrierPhase::words).collect();
    let Some(p) = phases.first().map(|p| p.parties) else { return false };
    let want = [
        format!("filling, waiters {}/{p}", p - 1),
        format!("draining, waiters 0/{p}"),
        format!("filling, waiters 0/{p}"),
    ];
    words.windows(3).any(|w| w == want)
}

/// Id of the condition preset and of its claim.
pub const CONDITION: &str = "4_condition";

/// Consumers in the condition preset.
pub const CONSUMERS: u32 = 3;

/// The presets this chapter adds.
pub fn presets() -> Vec<SyncPreset> {
    let consumers = (1..=CONSUMERS).map(|i| {
        task(&format!("consumer{i}"), vec![named(K::With, "cond"), named(K::WaitOn, "cond"), end()])
    });
    let producer =
        task("producer", vec![wait(1000), named(K::With, "cond"), named(K::NotifyAll, "cond"), end()]);
    let mut cond = res("cond", ResourceKindDraft::Condition, "");
    cond.lock = "lock".into();
    vec![SyncPreset {
        id: CONDITION,
        title: "A condition: three consumers wait for a producer (our example)",
        claim: "Each consumer takes the condition's lock and waits on it, which lets the lock go; \
                after 1 s the producer takes the lock and notifies all: the three wake together \
                and take the lock back one after another.",
        draft: draft(
            vec![res("lock", ResourceKindDraft::Lock, ""), cond],
            Structure::Gather { return_exceptions: false },
            consumers.chain([producer]).collect(),
        ),
        checks: vec![
            Claim::PassTogether { res: "cond", after_ms: 1000.0, spread_ms: 50.0 },
            Claim::EndsBetween { task: "consumer3", lo_ms: 1000.0, hi_ms: 1500.0 },
        ],
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::predict;

    #[test]
    fn permits_are_read_with_a_message_for_bad_input() {
        assert_eq!(parse_permits(" 2 "), Ok(2));
        assert_eq!(parse_permits("4"), Ok(4));
        assert_eq!(parse_permits("0"), Err("Choose from 1 to 4 permits.".into()));
        assert_eq!(parse_permits("5"), Err("Choose from 1 to 4 permits.".into()));
        assert_eq!(parse_permits(""), Err("Type a number of permits.".into()));
        assert!(parse_permits("two").unwrap_err().contains("\"two\""));
    }

    #[test]
    fn the_model_predicts_one_second_per_round_of_permits() {
        for (n, rounds) in [(1, 4), (2, 2), (3, 2), (4, 1)] {
            assert_eq!(semaphore_rounds(n), rounds);
            let p = semaphore_predicted_ms(n);
            let want = f64::from(rounds * SEM_TASK_MS);
            assert!((want..want + 10.0).contains(&p), "Semaphore({n}): {p} ms, not about {want}");
        }
    }

    #[test]
    fn a_run_is_judged_against_the_model_and_the_tutorial() {
        let log = predict(&semaphore_scenario(2)).log;
        let run = SemaphoreRun::from_log(2, &log);
        assert_eq!(run.most_inside, 2);
        assert!(run.matches_model(), "{}", run.summary());
        let m = run.tutorial_claim(&log, 1.0).expect("Semaphore(2) measures 4_3");
        assert!(m.holds, "{}", m.value);
        let slow = SemaphoreRun { measured_ms: run.predicted_ms * 1.6, ..run.clone() };
        assert!(!slow.matches_model());
        let crowded = SemaphoreRun { most_inside: 3, ..run };
        assert!(!crowded.matches_model());
        let four = SemaphoreRun::from_log(4, &predict(&semaphore_scenario(4)).log);
        assert_eq!(four.most_inside, 4);
        assert!(four.tutorial_claim(&log, 1.0).is_none());
    }

    #[test]
    fn the_barrier_fills_drains_and_fills_again() {
        let p = crate::sync_presets::by_id("4_4-barrier").unwrap();
        let phases = barrier_phases(&predict(&p.scenario()).log, "barrier");
        let words: Vec<_> = phases.iter().map(BarrierPhase::words).collect();
        assert_eq!(
            words,
            ["filling, waiters 1/3", "filling, waiters 2/3", "draining, waiters 0/3", "filling, waiters 0/3"]
        );
        assert_eq!(phases[2].task, "t3");
        assert!(barrier_phases_hold(&phases));
        assert!(!barrier_phases_hold(&phases[..3]));
        assert!(barrier_phases(&predict(&p.scenario()).log, "nothing").is_empty());
    }

    #[test]
    fn the_condition_wakes_every_consumer_after_the_producer_notifies() {
        let p = crate::sync_presets::by_id(CONDITION).expect("found by id");
        let s = p.draft.validate().expect("valid");
        assert_eq!(s.to_draft(), p.draft);
        let pred = predict(&s);
        assert!(!pred.stalled);
        for c in &p.checks {
            assert!(c.check(&pred.log).is_ok(), "{:?}", c.check(&pred.log));
        }
        assert_eq!(crate::claims::by_id(CONDITION).unwrap().preset, Some(CONDITION));
        // Without the notify, the consumers wait forever.
        let mut silent = p.draft.clone();
        silent.tasks[3].steps.remove(2);
        assert!(predict(&silent.validate().unwrap()).stalled);
    }
}
