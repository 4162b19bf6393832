//! Scenarios: what the reader asks the playground to run.
//!
//! The editor holds a [`ScenarioDraft`] — exactly what the reader typed, as strings, so nothing
//! typed is ever lost — and [`ScenarioDraft::validate`] turns it into a [`Scenario`] or a list of
//! [`FieldError`]s that name the task and the field, for the message shown beside that field.

pub use crate::sync::{Resource, ResourceDraft, ResourceKind, ResourceKindDraft, Structure};
use crate::sync::{MAX_RESOURCES, MAX_RESOURCE_NAME_CHARS, MAX_RESOURCE_SIZE};
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
/// Longest message of a `fail` step, in characters.
pub const MAX_MESSAGE_CHARS: usize = 200;

/// One step of a task.
///
/// Blocks (`With`, `Timeout`) are flat: they cover the steps after them up to their matching
/// [`Step::End`], so a task stays one list of numbered steps (what the log's "step k/n" counts).
/// `res` is an index into [`Scenario::resources`]; `task` an index into [`Scenario::tasks`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// Hold the thread with real CPU work for this many milliseconds (a blocking computation).
    Work { ms: f64 },
    /// Await a timer for this many milliseconds (like `await asyncio.sleep(ms / 1000)`).
    Wait { ms: f64 },
    /// Take a lock or semaphore permit (a condition: its lock) and keep it until a `Release`.
    Acquire { res: u32 },
    /// Give back a lock or permit this task holds.
    Release { res: u32 },
    /// `async with res:` — acquire, run the block, release at its end or when cancelled.
    With { res: u32 },
    /// `async with asyncio.timeout(ms):` — the block is cancelled if it is not done in time; the
    /// task then goes on after the block (the `TimeoutError` is caught and logged).
    Timeout { ms: f64 },
    /// Closes the innermost open `With` or `Timeout` block.
    End,
    /// Wait for an event to be set, at a barrier, or on a condition (releasing its lock meanwhile).
    WaitOn { res: u32 },
    /// Set an event (wakes every waiter).
    Set { res: u32 },
    /// Clear an event.
    Clear { res: u32 },
    /// Wake one (`all`: every) waiter of a condition.
    Notify { res: u32, all: bool },
    /// Put the task's local value into a queue, then add 1 to the local value.
    Put { res: u32 },
    /// Take an item from a queue into the task's local value.
    Get { res: u32 },
    /// Shut a queue down: later puts raise, waiting getters are woken once it is empty.
    Shutdown { res: u32 },
    /// Read a counter into the task's local value.
    Read { res: u32 },
    /// Write the task's local value + 1 into a counter.
    Write { res: u32 },
    /// Start a child task (`asyncio.create_task`); the child does not start with the run.
    Spawn { task: u32 },
    /// Await another task's end (`await task`).
    Join { task: u32 },
    /// Cancel another task (`task.cancel()`), without waiting for it.
    Cancel { task: u32 },
    /// Raise an exception with this message: the task fails here.
    Fail { message: String },
}

impl Step {
    /// The step's nominal duration in milliseconds (0 for steps that take no set time).
    pub fn ms(&self) -> f64 {
        match *self {
            Step::Work { ms } | Step::Wait { ms } => ms,
            _ => 0.0,
        }
    }

    /// True for CPU work, false for any other step.
    pub fn is_work(&self) -> bool {
        matches!(self, Step::Work { .. })
    }

    /// True for the steps that only the event-loop modes run (everything but work and wait).
    pub fn needs_event_loop(&self) -> bool {
        !matches!(self, Step::Work { .. } | Step::Wait { .. })
    }

    /// The resource the step uses, if any.
    pub fn resource(&self) -> Option<u32> {
        match *self {
            Step::Acquire { res }
            | Step::Release { res }
            | Step::With { res }
            | Step::WaitOn { res }
            | Step::Set { res }
            | Step::Clear { res }
            | Step::Notify { res, .. }
            | Step::Put { res }
            | Step::Get { res }
            | Step::Shutdown { res }
            | Step::Read { res }
            | Step::Write { res } => Some(res),
            _ => None,
        }
    }

    /// The other task the step names, if any.
    pub fn other_task(&self) -> Option<u32> {
        match *self {
            Step::Spawn { task } | Step::Join { task } | Step::Cancel { task } => Some(task),
            _ => None,
        }
    }

    /// The draft kind of this step.
    pub fn draft_kind(&self) -> StepKindDraft {
        match self {
            Step::Work { .. } => StepKindDraft::Work,
            Step::Wait { .. } => StepKindDraft::Wait,
            Step::Acquire { .. } => StepKindDraft::Acquire,
            Step::Release { .. } => StepKindDraft::Release,
            Step::With { .. } => StepKindDraft::With,
            Step::Timeout { .. } => StepKindDraft::Timeout,
            Step::End => StepKindDraft::End,
            Step::WaitOn { .. } => StepKindDraft::WaitOn,
            Step::Set { .. } => StepKindDraft::Set,
            Step::Clear { .. } => StepKindDraft::Clear,
            Step::Notify { all: false, .. } => StepKindDraft::Notify,
            Step::Notify { all: true, .. } => StepKindDraft::NotifyAll,
            Step::Put { .. } => StepKindDraft::Put,
            Step::Get { .. } => StepKindDraft::Get,
            Step::Shutdown { .. } => StepKindDraft::Shutdown,
            Step::Read { .. } => StepKindDraft::Read,
            Step::Write { .. } => StepKindDraft::Write,
            Step::Spawn { .. } => StepKindDraft::Spawn,
            Step::Join { .. } => StepKindDraft::Join,
            Step::Cancel { .. } => StepKindDraft::Cancel,
            Step::Fail { .. } => StepKindDraft::Fail,
        }
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
        self.steps.iter().filter(|s| s.is_work()).map(Step::ms).fold(0.0, |a, b| a + b)
    }

    /// Total awaited time in this task (its waits plus its start delay), in milliseconds.
    pub fn wait_ms(&self) -> f64 {
        self.start_delay_ms + self.steps.iter().filter(|s| !s.is_work()).map(Step::ms).fold(0.0, |a, b| a + b)
    }

    /// The time this task takes alone on an idle loop.
    pub fn solo_ms(&self) -> f64 {
        self.work_ms() + self.wait_ms()
    }
}

/// A validated scenario: every number finite, in range, every name non-empty, every resource
/// and task a step names declared, every block closed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The tasks, in spawn order.
    pub tasks: Vec<TaskSpec>,
    /// The shared resources the steps name, by index.
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// How the top-level tasks run together.
    #[serde(default)]
    pub structure: Structure,
}

impl Scenario {
    /// Number of steps over all tasks (the progress bar's total).
    pub fn total_steps(&self) -> usize {
        self.tasks.iter().map(|t| t.steps.len()).sum()
    }

    /// Sum of all CPU work in milliseconds.
    pub fn total_work_ms(&self) -> f64 {
        self.tasks.iter().map(TaskSpec::work_ms).fold(0.0, |a, b| a + b)
    }

    /// What a sequential run ideally takes: every task alone, one after another.
    pub fn sequential_ideal_ms(&self) -> f64 {
        self.tasks.iter().map(TaskSpec::solo_ms).fold(0.0, |a, b| a + b)
    }

    /// What a concurrent run on one event loop ideally takes: CPU work cannot overlap, waits can.
    /// It is at least the total work, and at least the longest single task.
    pub fn concurrent_ideal_ms(&self) -> f64 {
        let longest = self.tasks.iter().map(TaskSpec::solo_ms).fold(0.0, f64::max);
        longest.max(self.total_work_ms())
    }

    /// Whether any task is spawned by another (so does not start with the run), by task index.
    pub fn children(&self) -> Vec<bool> {
        let mut child = vec![false; self.tasks.len()];
        for t in &self.tasks {
            for s in &t.steps {
                if let Step::Spawn { task } = *s {
                    if let Some(c) = child.get_mut(task as usize) {
                        *c = true;
                    }
                }
            }
        }
        child
    }

    /// Whether the scenario has resources, a structure other than the classic one, or any step
    /// beyond work and wait (what only the event-loop modes run, recorded per operation).
    pub fn uses_sync(&self) -> bool {
        !(self.resources.is_empty()
            && self.structure == Structure::All
            && self.tasks.iter().all(|t| t.steps.iter().all(|s| !s.needs_event_loop())))
    }

    /// Why the parallel mode cannot run this scenario (each task runs alone in a worker; only
    /// locks, semaphores and counters cross workers, in shared memory), or `None` if it can. See
    /// [`crate::shared_sync::refusal`].
    pub fn parallel_refusal(&self) -> Option<String> {
        crate::shared_sync::refusal(self)
    }

    /// The draft that reproduces this scenario in the editor.
    pub fn to_draft(&self) -> ScenarioDraft {
        let res_name = |r: u32| self.resources.get(r as usize).map(|r| r.name.clone()).unwrap_or_default();
        let task_name = |t: u32| self.tasks.get(t as usize).map(|t| t.name.clone()).unwrap_or_default();
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
                        .map(|s| {
                            let (ms, arg) = match s {
                                Step::Work { ms } | Step::Wait { ms } | Step::Timeout { ms } => {
                                    (fmt_num(*ms), String::new())
                                }
                                Step::Fail { message } => (String::new(), message.clone()),
                                Step::End => (String::new(), String::new()),
                                other => match (other.resource(), other.other_task()) {
                                    (Some(r), _) => (String::new(), res_name(r)),
                                    (_, Some(t)) => (String::new(), task_name(t)),
                                    _ => (String::new(), String::new()),
                                },
                            };
                            StepDraft { kind: s.draft_kind(), ms, arg }
                        })
                        .collect(),
                })
                .collect(),
            resources: self
                .resources
                .iter()
                .map(|r| {
                    let (size, lock) = match r.kind {
                        ResourceKind::Semaphore { permits: n }
                        | ResourceKind::Barrier { parties: n }
                        | ResourceKind::Queue { capacity: n } => (n.to_string(), String::new()),
                        ResourceKind::Condition { lock } => (String::new(), res_name(lock)),
                        _ => (String::new(), String::new()),
                    };
                    ResourceDraft { name: r.name.clone(), kind: r.kind.draft_kind(), size, lock }
                })
                .collect(),
            structure: self.structure,
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

/// Which kind of step a draft step is (see [`Step`] for each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepKindDraft {
    /// CPU work.
    Work,
    /// A timer wait.
    Wait,
    /// Acquire a lock, semaphore or condition; `arg` names it.
    Acquire,
    /// Release it; `arg` names it.
    Release,
    /// Open a `with` block on `arg`.
    With,
    /// Open a timeout block of `ms`.
    Timeout,
    /// Close the innermost block.
    End,
    /// Wait on the event, barrier or condition `arg`.
    WaitOn,
    /// Set the event `arg`.
    Set,
    /// Clear the event `arg`.
    Clear,
    /// Notify one waiter of the condition `arg`.
    Notify,
    /// Notify every waiter of the condition `arg`.
    NotifyAll,
    /// Put into the queue `arg`.
    Put,
    /// Get from the queue `arg`.
    Get,
    /// Shut the queue `arg` down.
    Shutdown,
    /// Read the counter `arg`.
    Read,
    /// Write the counter `arg`.
    Write,
    /// Spawn the task named `arg`.
    Spawn,
    /// Join the task named `arg`.
    Join,
    /// Cancel the task named `arg`.
    Cancel,
    /// Fail with the message `arg`.
    Fail,
}

impl StepKindDraft {
    /// Every kind, in the order the editor offers them.
    pub const ALL: [StepKindDraft; 21] = [
        StepKindDraft::Work,
        StepKindDraft::Wait,
        StepKindDraft::With,
        StepKindDraft::Acquire,
        StepKindDraft::Release,
        StepKindDraft::Timeout,
        StepKindDraft::End,
        StepKindDraft::WaitOn,
        StepKindDraft::Set,
        StepKindDraft::Clear,
        StepKindDraft::Notify,
        StepKindDraft::NotifyAll,
        StepKindDraft::Put,
        StepKindDraft::Get,
        StepKindDraft::Shutdown,
        StepKindDraft::Read,
        StepKindDraft::Write,
        StepKindDraft::Spawn,
        StepKindDraft::Join,
        StepKindDraft::Cancel,
        StepKindDraft::Fail,
    ];

    /// The short word the editor and messages use.
    pub fn label(self) -> &'static str {
        match self {
            StepKindDraft::Work => "work",
            StepKindDraft::Wait => "wait",
            StepKindDraft::Acquire => "acquire",
            StepKindDraft::Release => "release",
            StepKindDraft::With => "with",
            StepKindDraft::Timeout => "timeout",
            StepKindDraft::End => "end",
            StepKindDraft::WaitOn => "wait-on",
            StepKindDraft::Set => "set",
            StepKindDraft::Clear => "clear",
            StepKindDraft::Notify => "notify",
            StepKindDraft::NotifyAll => "notify-all",
            StepKindDraft::Put => "put",
            StepKindDraft::Get => "get",
            StepKindDraft::Shutdown => "shutdown",
            StepKindDraft::Read => "read",
            StepKindDraft::Write => "write",
            StepKindDraft::Spawn => "spawn",
            StepKindDraft::Join => "join",
            StepKindDraft::Cancel => "cancel",
            StepKindDraft::Fail => "fail",
        }
    }

    /// The kind with this label.
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.label() == label)
    }

    /// Whether the step has a duration field (`ms`).
    pub fn has_ms(self) -> bool {
        matches!(self, StepKindDraft::Work | StepKindDraft::Wait | StepKindDraft::Timeout)
    }

    /// Whether the step's `arg` names a resource.
    pub fn names_resource(self) -> bool {
        !self.has_ms() && !self.names_task() && !matches!(self, StepKindDraft::End | StepKindDraft::Fail)
    }

    /// Whether the step's `arg` names a task.
    pub fn names_task(self) -> bool {
        matches!(self, StepKindDraft::Spawn | StepKindDraft::Join | StepKindDraft::Cancel)
    }

    /// Whether this kind is one of the original two (work, wait), which every format version reads.
    pub fn is_classic(self) -> bool {
        matches!(self, StepKindDraft::Work | StepKindDraft::Wait)
    }
}

/// A step as the reader typed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDraft {
    /// Which step.
    pub kind: StepKindDraft,
    /// The duration text, exactly as typed (work, wait, timeout).
    pub ms: String,
    /// The resource name, task name or failure message, exactly as typed.
    #[serde(default)]
    pub arg: String,
}

impl StepDraft {
    /// A work or wait step of this duration text.
    pub fn timed(kind: StepKindDraft, ms: impl Into<String>) -> Self {
        Self { kind, ms: ms.into(), arg: String::new() }
    }

    /// A step naming a resource, a task, or a message.
    pub fn named(kind: StepKindDraft, arg: impl Into<String>) -> Self {
        Self { kind, ms: String::new(), arg: arg.into() }
    }
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
    /// The declared resources.
    #[serde(default)]
    pub resources: Vec<ResourceDraft>,
    /// How the tasks run together.
    #[serde(default)]
    pub structure: Structure,
}

impl ScenarioDraft {
    /// A draft of these tasks only (no resources, the classic structure).
    pub fn of_tasks(tasks: Vec<TaskDraft>) -> Self {
        Self { tasks, ..Self::default() }
    }

    /// Whether the draft uses only what the first text format can say (work and wait steps, no
    /// resources, the classic structure), so it is written in that format.
    pub fn is_classic(&self) -> bool {
        self.resources.is_empty()
            && self.structure == Structure::All
            && self.tasks.iter().all(|t| t.steps.iter().all(|s| s.kind.is_classic()))
    }
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
    /// The resource, task or message a step `n` names (0-based).
    StepArg(usize),
    /// The name of resource `n` (0-based; the error's `task` is `None`).
    ResourceName(usize),
    /// The size of resource `n`.
    ResourceSize(usize),
    /// The lock of condition `n`.
    ResourceLock(usize),
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
    /// No resource of this name is declared.
    UnknownResource { name: String },
    /// The named resource is of a kind this step cannot use.
    WrongKind { name: String, kind: String, step: String },
    /// Two resources share this name.
    DuplicateName,
    /// A semaphore, barrier or queue size that is not a whole number.
    NotACount,
    /// A semaphore or barrier of size 0.
    Zero,
    /// A size above [`MAX_RESOURCE_SIZE`].
    TooBig { max: u32 },
    /// A release, notify or condition wait on something the task does not hold at that point.
    NotHeld { name: String },
    /// No task of this name.
    UnknownTask { name: String },
    /// Two tasks share this name, so a step naming it is ambiguous.
    AmbiguousTask { name: String },
    /// A task that names itself (join, cancel or spawn itself).
    ItSelf,
    /// A task spawned by more than one step.
    SpawnedTwice { name: String },
    /// A task spawned only by tasks that never start (a spawn cycle).
    NeverStarts { name: String },
    /// A block (`with`, `timeout`) with no `end`.
    Unclosed,
    /// An `end` with no open block.
    StrayEnd,
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
            Problem::UnknownResource { name } if name.trim().is_empty() => {
                write!(f, "must name a resource")
            }
            Problem::UnknownResource { name } => write!(f, "names no declared resource: \"{name}\""),
            Problem::WrongKind { name, kind, step } => {
                write!(f, "{name} is a {kind}; a {step} step cannot use it")
            }
            Problem::DuplicateName => write!(f, "is already the name of another resource"),
            Problem::NotACount => write!(f, "must be a whole number, like 2"),
            Problem::Zero => write!(f, "must be at least 1"),
            Problem::TooBig { max } => write!(f, "must be at most {max}"),
            Problem::NotHeld { name } => write!(f, "needs {name}, which the task does not hold here"),
            Problem::UnknownTask { name } if name.trim().is_empty() => write!(f, "must name a task"),
            Problem::UnknownTask { name } => write!(f, "names no task: \"{name}\""),
            Problem::AmbiguousTask { name } => {
                write!(f, "names \"{name}\", which more than one task is called")
            }
            Problem::ItSelf => write!(f, "cannot name its own task"),
            Problem::SpawnedTwice { name } => write!(f, "spawns {name}, which another step spawns too"),
            Problem::NeverStarts { name } => {
                write!(f, "spawns {name}, but only tasks that never start spawn it")
            }
            Problem::Unclosed => write!(f, "opens a block with no end step"),
            Problem::StrayEnd => write!(f, "ends a block that was never opened"),
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
            Field::StepMs(i) | Field::StepArg(i) => format!("Step {}", i + 1),
            Field::ResourceName(i) => format!("Resource {}: Name", i + 1),
            Field::ResourceSize(i) => format!("Resource {}: Size", i + 1),
            Field::ResourceLock(i) => format!("Resource {}: Lock", i + 1),
        };
        match self.task {
            Some(t) => write!(f, "Task {}: {what} {}", t + 1, self.problem),
            None if matches!(
                self.field,
                Field::ResourceName(_) | Field::ResourceSize(_) | Field::ResourceLock(_)
            ) =>
            {
                write!(f, "{what} {}", self.problem)
            }
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

/// Parses a resource size: a whole number from `min` to [`MAX_RESOURCE_SIZE`].
fn parse_size(text: &str, min: u32) -> Result<u32, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Empty);
    }
    let n: u64 = t.parse().map_err(|_| Problem::NotACount)?;
    if n < u64::from(min) {
        return Err(Problem::Zero);
    }
    if n > u64::from(MAX_RESOURCE_SIZE) {
        return Err(Problem::TooBig { max: MAX_RESOURCE_SIZE });
    }
    Ok(n as u32)
}

/// Which resource kinds a step kind may name.
fn kind_fits(step: StepKindDraft, kind: ResourceKindDraft) -> bool {
    use ResourceKindDraft as R;
    use StepKindDraft as S;
    match step {
        S::Acquire | S::Release | S::With => matches!(kind, R::Lock | R::Semaphore | R::Condition),
        S::WaitOn => matches!(kind, R::Event | R::Barrier | R::Condition),
        S::Set | S::Clear => kind == R::Event,
        S::Notify | S::NotifyAll => kind == R::Condition,
        S::Put | S::Get | S::Shutdown => kind == R::Queue,
        S::Read | S::Write => kind == R::Counter,
        _ => false,
    }
}

impl ScenarioDraft {
    fn validate_resources(&self, errors: &mut Vec<FieldError>) -> Vec<Resource> {
        if self.resources.len() > MAX_RESOURCES {
            errors.push(FieldError {
                task: None,
                field: Field::Scenario,
                problem: Problem::TooMany { max: MAX_RESOURCES },
            });
        }
        let mut out = Vec::with_capacity(self.resources.len());
        for (i, r) in self.resources.iter().enumerate() {
            let mut err = |field, problem| errors.push(FieldError { task: None, field, problem });
            let name = r.name.trim();
            if name.is_empty() {
                err(Field::ResourceName(i), Problem::Empty);
            } else if name.chars().count() > MAX_RESOURCE_NAME_CHARS {
                err(Field::ResourceName(i), Problem::TooLong { max: MAX_RESOURCE_NAME_CHARS });
            } else if self.resources[..i].iter().any(|o| o.name.trim() == name) {
                err(Field::ResourceName(i), Problem::DuplicateName);
            }
            let size = |min| parse_size(&r.size, min);
            let kind = match r.kind {
                ResourceKindDraft::Lock => Some(ResourceKind::Lock),
                ResourceKindDraft::Event => Some(ResourceKind::Event),
                ResourceKindDraft::Counter => Some(ResourceKind::Counter),
                ResourceKindDraft::Semaphore => size(1)
                    .map(|permits| ResourceKind::Semaphore { permits })
                    .map_err(|p| err(Field::ResourceSize(i), p))
                    .ok(),
                ResourceKindDraft::Barrier => size(1)
                    .map(|parties| ResourceKind::Barrier { parties })
                    .map_err(|p| err(Field::ResourceSize(i), p))
                    .ok(),
                ResourceKindDraft::Queue => size(0)
                    .map(|capacity| ResourceKind::Queue { capacity })
                    .map_err(|p| err(Field::ResourceSize(i), p))
                    .ok(),
                ResourceKindDraft::Condition => {
                    let lock = r.lock.trim();
                    match self.resources.iter().position(|o| o.name.trim() == lock) {
                        Some(k) if self.resources[k].kind == ResourceKindDraft::Lock => {
                            Some(ResourceKind::Condition { lock: k as u32 })
                        }
                        Some(k) => {
                            err(
                                Field::ResourceLock(i),
                                Problem::WrongKind {
                                    name: lock.to_string(),
                                    kind: self.resources[k].kind.noun().into(),
                                    step: "condition".into(),
                                },
                            );
                            None
                        }
                        None => {
                            err(Field::ResourceLock(i), Problem::UnknownResource { name: lock.to_string() });
                            None
                        }
                    }
                }
            };
            if let Some(kind) = kind {
                out.push(Resource { name: name.to_string(), kind });
            }
        }
        out
    }

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
        let resources = self.validate_resources(&mut errors);
        let res_index = |name: &str| self.resources.iter().position(|r| r.name.trim() == name);
        // Task names are looked up only when a step names one; most scenarios never build this.
        let mut task_index: Option<std::collections::HashMap<&str, Option<usize>>> = None;
        let mut spawned_by: Vec<Vec<usize>> = Vec::new();
        let mut spawn_steps: Vec<(usize, usize, usize)> = Vec::new();
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
            // What the task holds at each point (lock or semaphore indexes), and the open blocks:
            // (step index, the resource a `with` holds).
            let mut held: Vec<usize> = Vec::new();
            let mut blocks: Vec<(usize, Option<usize>)> = Vec::new();
            for (k, s) in t.steps.iter().enumerate() {
                if s.kind.has_ms() {
                    let max = if s.kind == StepKindDraft::Work { MAX_WORK_MS } else { MAX_WAIT_MS };
                    match parse_ms(&s.ms, max) {
                        Ok(ms) => steps.push(match s.kind {
                            StepKindDraft::Work => Step::Work { ms },
                            StepKindDraft::Wait => Step::Wait { ms },
                            _ => Step::Timeout { ms },
                        }),
                        Err(p) => err(Field::StepMs(k), p),
                    }
                    if s.kind == StepKindDraft::Timeout {
                        blocks.push((k, None));
                    }
                    continue;
                }
                match s.kind {
                    StepKindDraft::End => match blocks.pop() {
                        Some((_, with)) => {
                            if let Some(r) = with {
                                if let Some(p) = held.iter().rposition(|h| *h == r) {
                                    held.remove(p);
                                }
                            }
                            steps.push(Step::End);
                        }
                        None => err(Field::StepArg(k), Problem::StrayEnd),
                    },
                    StepKindDraft::Fail => {
                        if s.arg.chars().count() > MAX_MESSAGE_CHARS {
                            err(Field::StepArg(k), Problem::TooLong { max: MAX_MESSAGE_CHARS });
                        } else {
                            steps.push(Step::Fail { message: s.arg.trim().to_string() });
                        }
                    }
                    kind if kind.names_task() => {
                        let wanted = s.arg.trim();
                        let index = task_index.get_or_insert_with(|| {
                            let mut m = std::collections::HashMap::new();
                            for (j, o) in self.tasks.iter().enumerate() {
                                m.entry(o.name.trim()).and_modify(|v| *v = None).or_insert(Some(j));
                            }
                            m
                        });
                        match index.get(wanted) {
                            None => err(Field::StepArg(k), Problem::UnknownTask { name: wanted.into() }),
                            Some(None) => {
                                err(Field::StepArg(k), Problem::AmbiguousTask { name: wanted.into() })
                            }
                            Some(Some(j)) if *j == i => err(Field::StepArg(k), Problem::ItSelf),
                            Some(Some(j)) => {
                                let task = *j as u32;
                                steps.push(match kind {
                                    StepKindDraft::Spawn => {
                                        if spawned_by.is_empty() {
                                            spawned_by = vec![Vec::new(); self.tasks.len()];
                                        }
                                        spawned_by[*j].push(i);
                                        spawn_steps.push((i, k, *j));
                                        Step::Spawn { task }
                                    }
                                    StepKindDraft::Join => Step::Join { task },
                                    _ => Step::Cancel { task },
                                });
                            }
                        }
                    }
                    kind => {
                        let wanted = s.arg.trim();
                        let Some(r) = res_index(wanted) else {
                            err(Field::StepArg(k), Problem::UnknownResource { name: wanted.into() });
                            continue;
                        };
                        let rkind = self.resources[r].kind;
                        if !kind_fits(kind, rkind) {
                            err(
                                Field::StepArg(k),
                                Problem::WrongKind {
                                    name: wanted.into(),
                                    kind: rkind.noun().into(),
                                    step: kind.label().into(),
                                },
                            );
                            continue;
                        }
                        // A condition is held through its lock.
                        let lock_of = |r: usize| match resources.get(r).map(|x| x.kind) {
                            Some(ResourceKind::Condition { lock }) => lock as usize,
                            _ => r,
                        };
                        let needs_hold = matches!(
                            kind,
                            StepKindDraft::Release | StepKindDraft::Notify | StepKindDraft::NotifyAll
                        ) || (kind == StepKindDraft::WaitOn
                            && rkind == ResourceKindDraft::Condition);
                        if needs_hold && !held.contains(&lock_of(r)) {
                            err(Field::StepArg(k), Problem::NotHeld { name: wanted.into() });
                            continue;
                        }
                        let res = r as u32;
                        steps.push(match kind {
                            StepKindDraft::Acquire => {
                                held.push(lock_of(r));
                                Step::Acquire { res }
                            }
                            StepKindDraft::Release => {
                                let l = lock_of(r);
                                if let Some(p) = held.iter().rposition(|h| *h == l) {
                                    held.remove(p);
                                }
                                Step::Release { res }
                            }
                            StepKindDraft::With => {
                                held.push(lock_of(r));
                                blocks.push((k, Some(lock_of(r))));
                                Step::With { res }
                            }
                            StepKindDraft::WaitOn => Step::WaitOn { res },
                            StepKindDraft::Set => Step::Set { res },
                            StepKindDraft::Clear => Step::Clear { res },
                            StepKindDraft::Notify => Step::Notify { res, all: false },
                            StepKindDraft::NotifyAll => Step::Notify { res, all: true },
                            StepKindDraft::Put => Step::Put { res },
                            StepKindDraft::Get => Step::Get { res },
                            StepKindDraft::Shutdown => Step::Shutdown { res },
                            StepKindDraft::Read => Step::Read { res },
                            _ => Step::Write { res },
                        });
                    }
                }
            }
            for (k, _) in blocks {
                err(Field::StepArg(k), Problem::Unclosed);
            }
            if let Ok(start_delay_ms) = delay {
                tasks.push(TaskSpec { name: name.to_string(), start_delay_ms, steps });
            }
        }
        // Each child has one parent, and some chain of parents starts with the run.
        for &(i, k, j) in &spawn_steps {
            let name = self.tasks[j].name.trim().to_string();
            if spawned_by[j].len() > 1 {
                errors.push(FieldError {
                    task: Some(i),
                    field: Field::StepArg(k),
                    problem: Problem::SpawnedTwice { name },
                });
                continue;
            }
            let mut at = i;
            let mut hops = 0;
            while !spawned_by[at].is_empty() && hops <= self.tasks.len() {
                at = spawned_by[at][0];
                hops += 1;
            }
            if hops > self.tasks.len() {
                errors.push(FieldError {
                    task: Some(i),
                    field: Field::StepArg(k),
                    problem: Problem::NeverStarts { name },
                });
            }
        }
        if errors.is_empty() {
            Ok(Scenario { tasks, resources, structure: self.structure })
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
    /// Sets a step's resource, task or message text.
    SetStepArg { task: usize, step: usize, arg: String },
    /// Appends a resource of this kind, named after its kind and position.
    AddResource(ResourceKindDraft),
    /// Removes resource `i` (steps naming it keep their text and are flagged by validation).
    RemoveResource(usize),
    /// Sets resource `i`'s name text.
    SetResourceName(usize, String),
    /// Sets resource `i`'s size text.
    SetResourceSize(usize, String),
    /// Sets condition `i`'s lock name text.
    SetResourceLock(usize, String),
    /// Chooses how the tasks run together.
    SetStructure(Structure),
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
                steps: vec![StepDraft::timed(StepKindDraft::Wait, "100")],
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
                let steps = &self.tasks[task].steps;
                let ms = if kind.has_ms() {
                    steps.iter().rev().find(|s| s.kind == kind).map_or_else(
                        || match kind {
                            StepKindDraft::Work => "50".to_string(),
                            StepKindDraft::Timeout => "1000".to_string(),
                            _ => "100".to_string(),
                        },
                        |s| s.ms.clone(),
                    )
                } else {
                    String::new()
                };
                // A resource step starts on the first declared resource it can use.
                let arg = if kind.names_resource() {
                    self.resources
                        .iter()
                        .find(|r| kind_fits(kind, r.kind))
                        .map(|r| r.name.clone())
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                self.tasks[task].steps.push(StepDraft { kind, ms, arg });
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
            DraftEdit::SetStepArg { task, step, arg } => {
                if let Some(s) = self.tasks.get_mut(task).and_then(|t| t.steps.get_mut(step)) {
                    s.arg = arg;
                }
            }
            DraftEdit::AddResource(kind) => {
                let k = self.resources.len() + 1;
                let size = match kind {
                    ResourceKindDraft::Semaphore | ResourceKindDraft::Barrier => "2",
                    ResourceKindDraft::Queue => "1",
                    _ => "",
                };
                let lock = match kind {
                    ResourceKindDraft::Condition => self
                        .resources
                        .iter()
                        .find(|r| r.kind == ResourceKindDraft::Lock)
                        .map(|r| r.name.clone())
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                self.resources.push(ResourceDraft {
                    name: format!("{}{k}", kind.noun()),
                    kind,
                    size: size.into(),
                    lock,
                });
            }
            DraftEdit::RemoveResource(i) if i < self.resources.len() => {
                self.resources.remove(i);
            }
            DraftEdit::SetResourceName(i, text) if i < self.resources.len() => self.resources[i].name = text,
            DraftEdit::SetResourceSize(i, text) if i < self.resources.len() => self.resources[i].size = text,
            DraftEdit::SetResourceLock(i, text) if i < self.resources.len() => self.resources[i].lock = text,
            DraftEdit::SetStructure(st) => self.structure = st,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_of_nothing_are_zero_never_minus_zero() {
        // Rust's f64 `sum` of nothing is −0.0, which a page prints as "-0 units" / "-0.0 ms".
        let waits_only =
            TaskSpec { name: "w".into(), start_delay_ms: 0.0, steps: vec![Step::Wait { ms: 5.0 }] };
        let empty = Scenario::default();
        for x in [
            waits_only.work_ms(),
            empty.total_work_ms(),
            empty.sequential_ideal_ms(),
            crate::metrics::compute(&crate::EventLog::default(), 0.0).total_busy_ms(),
            crate::metrics::compute(&crate::EventLog::default(), 0.0).total_scheduled_ms(),
        ] {
            assert_eq!(format!("{x:.1}"), "0.0");
        }
    }

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
                            arg: String::new(),
                        })
                        .collect(),
                })
                .collect(),
            ..Default::default()
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

        let d = ScenarioDraft::of_tasks(vec![draft(&[("t", "0", &[])]).tasks[0].clone(); MAX_TASKS + 1]);
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
        assert_eq!(d.tasks[0].steps[3], StepDraft::timed(StepKindDraft::Work, "5"));
        d.apply(DraftEdit::SetStepKind { task: 0, step: 3, kind: StepKindDraft::Wait });
        d.apply(DraftEdit::RemoveStep { task: 0, step: 1 });
        assert_eq!(d.tasks[0].steps.len(), 3);
        assert!(d.tasks[0].steps.iter().all(|s| s.kind == StepKindDraft::Wait));
    }
}
