//! Scenarios: what the reader asks the playground to run.
//!
//! The editor holds a [`ScenarioDraft`] — exactly what the reader typed, as strings, so nothing
//! typed is ever lost — and [`ScenarioDraft::validate`] turns it into a [`Scenario`] or a list of
//! [`FieldError`]s that name the task and the field, for the message shown beside that field.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Most tasks one scenario may hold (the "many small tasks" benchmark uses 10,000).
pub const MAX_TASKS: usize = 10_000;
/// Most steps one task may hold.
pub const MAX_STEPS: usize = 100;
/// Longest single wait, and longest start delay, in milliseconds (one minute).
pub const MAX_WAIT_MS: f64 = 60_000.0;
/// Longest single piece of CPU work in milliseconds: past this the page would look hung.
pub const MAX_WORK_MS: f64 = 10_000.0;
/// Longest task name, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// One step of a task.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// Hold the thread with real CPU work for this many milliseconds (a blocking computation).
    Work { ms: f64 },
    /// Await a timer for this many milliseconds (like `await asyncio.sleep(ms / 1000)`).
    Wait { ms: f64 },
}

impl Step {
    /// The step's nominal duration in milliseconds.
    pub fn ms(&self) -> f64 {
        match *self {
            Step::Work { ms } | Step::Wait { ms } => ms,
        }
    }

    /// True for CPU work, false for a wait.
    pub fn is_work(&self) -> bool {
        matches!(self, Step::Work { .. })
    }
}

/// One validated task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskSpec {
    /// Shown in the log and the timeline.
    pub name: String,
    /// Milliseconds to wait (a timer) after spawning, before the first step.
    pub start_delay_ms: f64,
    /// The steps, run in order.
    pub steps: Vec<Step>,
}

impl TaskSpec {
    /// Total CPU work in this task, in milliseconds.
    pub fn work_ms(&self) -> f64 {
        self.steps.iter().filter(|s| s.is_work()).map(Step::ms).sum()
    }

    /// Total awaited time in this task (its waits plus its start delay), in milliseconds.
    pub fn wait_ms(&self) -> f64 {
        self.start_delay_ms + self.steps.iter().filter(|s| !s.is_work()).map(Step::ms).sum::<f64>()
    }

    /// The time this task takes alone on an idle loop.
    pub fn solo_ms(&self) -> f64 {
        self.work_ms() + self.wait_ms()
    }
}

/// A validated scenario: every number finite, in range, every name non-empty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The tasks, in spawn order.
    pub tasks: Vec<TaskSpec>,
}

impl Scenario {
    /// Number of steps over all tasks (the progress bar's total).
    pub fn total_steps(&self) -> usize {
        self.tasks.iter().map(|t| t.steps.len()).sum()
    }

    /// Sum of all CPU work in milliseconds.
    pub fn total_work_ms(&self) -> f64 {
        self.tasks.iter().map(TaskSpec::work_ms).sum()
    }

    /// What a sequential run ideally takes: every task alone, one after another.
    pub fn sequential_ideal_ms(&self) -> f64 {
        self.tasks.iter().map(TaskSpec::solo_ms).sum()
    }

    /// What a concurrent run on one event loop ideally takes: CPU work cannot overlap, waits can.
    /// It is at least the total work, and at least the longest single task.
    pub fn concurrent_ideal_ms(&self) -> f64 {
        let longest = self.tasks.iter().map(TaskSpec::solo_ms).fold(0.0, f64::max);
        longest.max(self.total_work_ms())
    }

    /// The draft that reproduces this scenario in the editor.
    pub fn to_draft(&self) -> ScenarioDraft {
        ScenarioDraft {
            tasks: self
                .tasks
                .iter()
                .map(|t| TaskDraft {
                    name: t.name.clone(),
                    start_delay_ms: fmt_num(t.start_delay_ms),
                    steps: t
                        .steps
                        .iter()
                        .map(|s| StepDraft {
                            kind: if s.is_work() { StepKindDraft::Work } else { StepKindDraft::Wait },
                            ms: fmt_num(s.ms()),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Which kind of step a draft step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepKindDraft {
    /// CPU work.
    Work,
    /// A timer wait.
    Wait,
}

/// A step as the reader typed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDraft {
    /// Work or wait.
    pub kind: StepKindDraft,
    /// The duration text, exactly as typed.
    pub ms: String,
}

/// A task as the reader typed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDraft {
    /// The name text.
    pub name: String,
    /// The start delay text.
    pub start_delay_ms: String,
    /// The steps.
    pub steps: Vec<StepDraft>,
}

/// A whole scenario as the reader typed it. (`Eq`, so that comparing two `Rc`s of the same draft,
/// as the editor's props do on every render of the page, is a pointer check, not a walk through
/// 10,000 tasks.)
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScenarioDraft {
    /// The tasks.
    pub tasks: Vec<TaskDraft>,
}

/// Which field of a task an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    /// The whole scenario (e.g. no tasks, or too many).
    Scenario,
    /// The task's name.
    Name,
    /// The task's start delay.
    StartDelay,
    /// The task's list of steps (e.g. too many).
    Steps,
    /// The duration of step `n` (0-based).
    StepMs(usize),
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Problem {
    /// Nothing typed.
    Empty,
    /// Not a number at all.
    NotANumber,
    /// NaN or infinite.
    NotFinite,
    /// Below zero.
    Negative,
    /// Above the page's limit.
    TooLarge { max: f64 },
    /// Too many items (tasks or steps).
    TooMany { max: usize },
    /// No tasks at all.
    NoTasks,
    /// A name longer than [`MAX_NAME_CHARS`].
    TooLong { max: usize },
}

/// One validation error, naming the task and the field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// Index of the task, or `None` for the whole scenario.
    pub task: Option<usize>,
    /// The field.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => write!(f, "cannot be empty"),
            Problem::NotANumber => write!(f, "must be a number of milliseconds, like 200"),
            Problem::NotFinite => write!(f, "must be a finite number"),
            Problem::Negative => write!(f, "cannot be negative"),
            Problem::TooLarge { max } => write!(f, "must be at most {} ms", fmt_num(*max)),
            Problem::TooMany { max } => write!(f, "at most {max} allowed"),
            Problem::NoTasks => write!(f, "add at least one task"),
            Problem::TooLong { max } => write!(f, "at most {max} characters"),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.field {
            Field::Scenario => "Scenario".to_string(),
            Field::Name => "Name".to_string(),
            Field::StartDelay => "Start delay".to_string(),
            Field::Steps => "Steps".to_string(),
            Field::StepMs(i) => format!("Step {}", i + 1),
        };
        match self.task {
            Some(t) => write!(f, "Task {}: {what} {}", t + 1, self.problem),
            None => write!(f, "{what}: {}", self.problem),
        }
    }
}

/// Parses a millisecond field: a finite, non-negative number no larger than `max`.
pub fn parse_ms(text: &str, max: f64) -> Result<f64, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Empty);
    }
    let x: f64 = t.parse().map_err(|_| Problem::NotANumber)?;
    if !x.is_finite() {
        return Err(Problem::NotFinite);
    }
    if x < 0.0 {
        return Err(Problem::Negative);
    }
    if x > max {
        return Err(Problem::TooLarge { max });
    }
    Ok(x)
}

impl ScenarioDraft {
    /// Validates every field; returns the scenario or every error found (not just the first).
    pub fn validate(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.tasks.is_empty() {
            errors.push(FieldError { task: None, field: Field::Scenario, problem: Problem::NoTasks });
        }
        if self.tasks.len() > MAX_TASKS {
            errors.push(FieldError {
                task: None,
                field: Field::Scenario,
                problem: Problem::TooMany { max: MAX_TASKS },
            });
        }
        let mut tasks = Vec::with_capacity(self.tasks.len());
        for (i, t) in self.tasks.iter().enumerate() {
            let mut err = |field, problem| errors.push(FieldError { task: Some(i), field, problem });
            let name = t.name.trim();
            if name.is_empty() {
                err(Field::Name, Problem::Empty);
            } else if name.chars().count() > MAX_NAME_CHARS {
                err(Field::Name, Problem::TooLong { max: MAX_NAME_CHARS });
            }
            let delay = parse_ms(&t.start_delay_ms, MAX_WAIT_MS).map_err(|p| err(Field::StartDelay, p));
            if t.steps.len() > MAX_STEPS {
                err(Field::Steps, Problem::TooMany { max: MAX_STEPS });
            }
            let mut steps = Vec::with_capacity(t.steps.len());
            for (k, s) in t.steps.iter().enumerate() {
                let max = match s.kind {
                    StepKindDraft::Work => MAX_WORK_MS,
                    StepKindDraft::Wait => MAX_WAIT_MS,
                };
                match parse_ms(&s.ms, max) {
                    Ok(ms) => steps.push(match s.kind {
                        StepKindDraft::Work => Step::Work { ms },
                        StepKindDraft::Wait => Step::Wait { ms },
                    }),
                    Err(p) => err(Field::StepMs(k), p),
                }
            }
            if let Ok(start_delay_ms) = delay {
                tasks.push(TaskSpec { name: name.to_string(), start_delay_ms, steps });
            }
        }
        if errors.is_empty() {
            Ok(Scenario { tasks })
        } else {
            Err(errors)
        }
    }
}

/// One edit the reader makes in the scenario editor. Edits keep text exactly as typed.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftEdit {
    /// Appends a new task (one 100 ms await), named after its position.
    AddTask,
    /// Removes task `i`.
    RemoveTask(usize),
    /// Inserts a copy of task `i` right after it.
    DuplicateTask(usize),
    /// Moves task `from` to position `to`.
    MoveTask { from: usize, to: usize },
    /// Sets task `i`'s name text.
    SetName(usize, String),
    /// Sets task `i`'s start-delay text.
    SetStartDelay(usize, String),
    /// Appends a step of this kind to a task (copying the duration of its last step of that kind).
    AddStep { task: usize, kind: StepKindDraft },
    /// Removes a step.
    RemoveStep { task: usize, step: usize },
    /// Changes a step between CPU work and await.
    SetStepKind { task: usize, step: usize, kind: StepKindDraft },
    /// Sets a step's duration text.
    SetStepMs { task: usize, step: usize, ms: String },
    /// Sets the duration text of every step of this kind in a task at once.
    SetAllSteps { task: usize, kind: StepKindDraft, ms: String },
}

impl TaskDraft {
    /// The duration text shared by every step of `kind`, if they all have the same text
    /// (what the "all steps at once" field shows); `None` if mixed or there are none.
    pub fn common_ms(&self, kind: StepKindDraft) -> Option<&str> {
        let mut it = self.steps.iter().filter(|s| s.kind == kind).map(|s| s.ms.as_str());
        let first = it.next()?;
        it.all(|m| m == first).then_some(first)
    }
}

impl ScenarioDraft {
    /// Applies one edit. Out-of-range indexes are ignored (a stale click cannot panic the page).
    pub fn apply(&mut self, edit: DraftEdit) {
        let n = self.tasks.len();
        match edit {
            DraftEdit::AddTask => self.tasks.push(TaskDraft {
                name: format!("task-{}", n + 1),
                start_delay_ms: "0".into(),
                steps: vec![StepDraft { kind: StepKindDraft::Wait, ms: "100".into() }],
            }),
            DraftEdit::RemoveTask(i) if i < n => {
                self.tasks.remove(i);
            }
            DraftEdit::DuplicateTask(i) if i < n => {
                let mut copy = self.tasks[i].clone();
                copy.name.push_str(" copy");
                self.tasks.insert(i + 1, copy);
            }
            DraftEdit::MoveTask { from, to } if from < n && to < n => {
                let t = self.tasks.remove(from);
                self.tasks.insert(to, t);
            }
            DraftEdit::SetName(i, text) if i < n => self.tasks[i].name = text,
            DraftEdit::SetStartDelay(i, text) if i < n => self.tasks[i].start_delay_ms = text,
            DraftEdit::AddStep { task, kind } if task < n => {
                let steps = &mut self.tasks[task].steps;
                let ms = steps.iter().rev().find(|s| s.kind == kind).map_or_else(
                    || if kind == StepKindDraft::Work { "50".to_string() } else { "100".to_string() },
                    |s| s.ms.clone(),
                );
                steps.push(StepDraft { kind, ms });
            }
            DraftEdit::RemoveStep { task, step } if task < n && step < self.tasks[task].steps.len() => {
                self.tasks[task].steps.remove(step);
            }
            DraftEdit::SetStepKind { task, step, kind } => {
                if let Some(s) = self.tasks.get_mut(task).and_then(|t| t.steps.get_mut(step)) {
                    s.kind = kind;
                }
            }
            DraftEdit::SetStepMs { task, step, ms } => {
                if let Some(s) = self.tasks.get_mut(task).and_then(|t| t.steps.get_mut(step)) {
                    s.ms = ms;
                }
            }
            DraftEdit::SetAllSteps { task, kind, ms } if task < n => {
                for s in self.tasks[task].steps.iter_mut().filter(|s| s.kind == kind) {
                    s.ms.clone_from(&ms);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

    fn draft(tasks: &[Row]) -> ScenarioDraft {
        ScenarioDraft {
            tasks: tasks
                .iter()
                .map(|(name, delay, steps)| TaskDraft {
                    name: name.to_string(),
                    start_delay_ms: delay.to_string(),
                    steps: steps
                        .iter()
                        .map(|(k, ms)| StepDraft {
                            kind: if *k == "work" { StepKindDraft::Work } else { StepKindDraft::Wait },
                            ms: ms.to_string(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn valid_draft_becomes_a_scenario() {
        let s =
            draft(&[("a", "0", &[("work", "10"), ("wait", "200.5")]), ("b", " 5 ", &[])]).validate().unwrap();
        assert_eq!(s.tasks.len(), 2);
        assert_eq!(s.tasks[0].steps, vec![Step::Work { ms: 10.0 }, Step::Wait { ms: 200.5 }]);
        assert_eq!(s.tasks[1].start_delay_ms, 5.0);
        assert_eq!(s.total_steps(), 2);
    }

    #[test]
    fn every_bad_field_is_named_with_its_task() {
        let errs = draft(&[
            ("", "-1", &[("work", "abc"), ("wait", "NaN")]),
            ("ok", "inf", &[("work", "10001"), ("wait", "")]),
        ])
        .validate()
        .unwrap_err();
        let got: Vec<_> = errs.iter().map(|e| (e.task, e.field, e.problem.clone())).collect();
        assert_eq!(
            got,
            vec![
                (Some(0), Field::Name, Problem::Empty),
                (Some(0), Field::StartDelay, Problem::Negative),
                (Some(0), Field::StepMs(0), Problem::NotANumber),
                (Some(0), Field::StepMs(1), Problem::NotFinite),
                (Some(1), Field::StartDelay, Problem::NotFinite),
                (Some(1), Field::StepMs(0), Problem::TooLarge { max: MAX_WORK_MS }),
                (Some(1), Field::StepMs(1), Problem::Empty),
            ]
        );
        assert_eq!(errs[0].to_string(), "Task 1: Name cannot be empty");
        assert_eq!(errs[5].to_string(), "Task 2: Step 1 must be at most 10000 ms");
    }

    #[test]
    fn empty_and_oversized_scenarios_are_rejected() {
        let errs = ScenarioDraft::default().validate().unwrap_err();
        assert_eq!(errs[0].problem, Problem::NoTasks);

        let many_steps: Vec<(&str, &str)> = vec![("wait", "1"); MAX_STEPS + 1];
        let errs = draft(&[("t", "0", &many_steps)]).validate().unwrap_err();
        assert_eq!(errs[0].field, Field::Steps);

        let long = "x".repeat(MAX_NAME_CHARS + 1);
        let errs = draft(&[(&long, "0", &[])]).validate().unwrap_err();
        assert_eq!(errs[0].problem, Problem::TooLong { max: MAX_NAME_CHARS });

        let d = ScenarioDraft { tasks: vec![draft(&[("t", "0", &[])]).tasks[0].clone(); MAX_TASKS + 1] };
        assert!(d.validate().unwrap_err().iter().any(|e| e.problem == Problem::TooMany { max: MAX_TASKS }));
    }

    #[test]
    fn draft_round_trips_through_scenario() {
        let d = draft(&[("io", "0", &[("wait", "200")]), ("cpu", "1.5", &[("work", "30")])]);
        let s = d.validate().unwrap();
        assert_eq!(s.to_draft(), d);
    }

    #[test]
    fn ideal_times_follow_the_model() {
        let s = draft(&[
            ("a", "0", &[("wait", "200")]),
            ("b", "0", &[("wait", "200")]),
            ("c", "0", &[("wait", "200")]),
        ])
        .validate()
        .unwrap();
        assert_eq!(s.sequential_ideal_ms(), 600.0);
        assert_eq!(s.concurrent_ideal_ms(), 200.0);
        let cpu =
            draft(&[("a", "0", &[("work", "100")]), ("b", "0", &[("work", "100")])]).validate().unwrap();
        assert_eq!(cpu.concurrent_ideal_ms(), 200.0);
    }

    #[test]
    fn edits_add_remove_duplicate_and_reorder_tasks() {
        let mut d = draft(&[("a", "0", &[("wait", "10")]), ("b", "0", &[("work", "5")])]);
        d.apply(DraftEdit::AddTask);
        assert_eq!(d.tasks[2].name, "task-3");
        d.apply(DraftEdit::DuplicateTask(0));
        let names: Vec<_> = d.tasks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["a", "a copy", "b", "task-3"]);
        d.apply(DraftEdit::MoveTask { from: 3, to: 0 });
        d.apply(DraftEdit::RemoveTask(1));
        let names: Vec<_> = d.tasks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["task-3", "a copy", "b"]);
        // Stale indexes are ignored rather than panicking.
        d.apply(DraftEdit::RemoveTask(99));
        d.apply(DraftEdit::MoveTask { from: 0, to: 99 });
        d.apply(DraftEdit::SetStepMs { task: 0, step: 9, ms: "1".into() });
        assert_eq!(d.tasks.len(), 3);
    }

    /// Guards "what the reader typed is never thrown away": invalid text stays in the draft.
    #[test]
    fn edits_keep_typed_text_even_when_invalid() {
        let mut d = draft(&[("a", "0", &[("wait", "10"), ("work", "5"), ("wait", "10")])]);
        d.apply(DraftEdit::SetStartDelay(0, "12x".into()));
        d.apply(DraftEdit::SetAllSteps { task: 0, kind: StepKindDraft::Wait, ms: "-3".into() });
        assert_eq!(d.tasks[0].start_delay_ms, "12x");
        assert_eq!(d.tasks[0].common_ms(StepKindDraft::Wait), Some("-3"));
        assert_eq!(d.tasks[0].common_ms(StepKindDraft::Work), Some("5"));
        let errs = d.validate().unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        d.apply(DraftEdit::SetStepMs { task: 0, step: 0, ms: "7".into() });
        assert_eq!(d.tasks[0].common_ms(StepKindDraft::Wait), None, "mixed values");
        d.apply(DraftEdit::AddStep { task: 0, kind: StepKindDraft::Work });
        assert_eq!(d.tasks[0].steps[3], StepDraft { kind: StepKindDraft::Work, ms: "5".into() });
        d.apply(DraftEdit::SetStepKind { task: 0, step: 3, kind: StepKindDraft::Wait });
        d.apply(DraftEdit::RemoveStep { task: 0, step: 1 });
        assert_eq!(d.tasks[0].steps.len(), 3);
        assert!(d.tasks[0].steps.iter().all(|s| s.kind == StepKindDraft::Wait));
    }
}
