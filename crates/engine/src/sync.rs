//! Shared resources a scenario declares by name — the synchronisation primitives of asyncio and
//! their Rust counterparts — and how tasks are combined (gather or task group).
//!
//! A resource is declared once in the scenario ([`Resource`]) and used by steps that name it
//! (`Step::Acquire { res }` and friends, `res` being its index). The draft keeps what the reader
//! typed ([`ResourceDraft`]); validation lives with the rest in [`crate::scenario`].

use serde::{Deserialize, Serialize};

/// Longest resource name, in characters.
pub const MAX_RESOURCE_NAME_CHARS: usize = 20;
/// Most resources one scenario may declare.
pub const MAX_RESOURCES: usize = 50;
/// Largest semaphore size, barrier party count or queue capacity.
pub const MAX_RESOURCE_SIZE: u32 = 10_000;

/// What kind of primitive a resource is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResourceKind {
    /// A mutual-exclusion lock: one holder at a time (`asyncio.Lock`).
    Lock,
    /// A semaphore with this many permits (`asyncio.Semaphore(n)`).
    Semaphore { permits: u32 },
    /// A flag tasks wait for until it is set (`asyncio.Event`).
    Event,
    /// Releases its waiters once this many have arrived (`asyncio.Barrier(n)`).
    Barrier { parties: u32 },
    /// A condition variable on the lock with this resource index (`asyncio.Condition(lock)`).
    Condition { lock: u32 },
    /// A FIFO queue holding at most `capacity` items; 0 is a rendezvous (a put waits for a get).
    Queue { capacity: u32 },
    /// A shared integer variable tasks read and write (starts at 0), to show races.
    Counter,
}

impl ResourceKind {
    /// The kind's name as the log and messages say it.
    pub fn noun(self) -> &'static str {
        match self {
            ResourceKind::Lock => "lock",
            ResourceKind::Semaphore { .. } => "semaphore",
            ResourceKind::Event => "event",
            ResourceKind::Barrier { .. } => "barrier",
            ResourceKind::Condition { .. } => "condition",
            ResourceKind::Queue { .. } => "queue",
            ResourceKind::Counter => "counter",
        }
    }

    /// The draft kind that declares it.
    pub fn draft_kind(self) -> ResourceKindDraft {
        match self {
            ResourceKind::Lock => ResourceKindDraft::Lock,
            ResourceKind::Semaphore { .. } => ResourceKindDraft::Semaphore,
            ResourceKind::Event => ResourceKindDraft::Event,
            ResourceKind::Barrier { .. } => ResourceKindDraft::Barrier,
            ResourceKind::Condition { .. } => ResourceKindDraft::Condition,
            ResourceKind::Queue { .. } => ResourceKindDraft::Queue,
            ResourceKind::Counter => ResourceKindDraft::Counter,
        }
    }
}

/// One validated resource.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    /// Its name, unique in the scenario; steps refer to it by this name in the editor.
    pub name: String,
    /// What it is.
    pub kind: ResourceKind,
}

/// Which kind a draft resource is (a choice, so nothing typed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResourceKindDraft {
    /// See [`ResourceKind::Lock`].
    Lock,
    /// See [`ResourceKind::Semaphore`]; `size` is its permits.
    Semaphore,
    /// See [`ResourceKind::Event`].
    Event,
    /// See [`ResourceKind::Barrier`]; `size` is its parties.
    Barrier,
    /// See [`ResourceKind::Condition`]; `lock` names its lock.
    Condition,
    /// See [`ResourceKind::Queue`]; `size` is its capacity.
    Queue,
    /// See [`ResourceKind::Counter`].
    Counter,
}

impl ResourceKindDraft {
    /// Every kind, in the order the editor offers them.
    pub const ALL: [ResourceKindDraft; 7] = [
        ResourceKindDraft::Lock,
        ResourceKindDraft::Semaphore,
        ResourceKindDraft::Event,
        ResourceKindDraft::Barrier,
        ResourceKindDraft::Condition,
        ResourceKindDraft::Queue,
        ResourceKindDraft::Counter,
    ];

    /// The kind's name as messages say it.
    pub fn noun(self) -> &'static str {
        match self {
            ResourceKindDraft::Lock => "lock",
            ResourceKindDraft::Semaphore => "semaphore",
            ResourceKindDraft::Event => "event",
            ResourceKindDraft::Barrier => "barrier",
            ResourceKindDraft::Condition => "condition",
            ResourceKindDraft::Queue => "queue",
            ResourceKindDraft::Counter => "counter",
        }
    }

    /// Whether the kind has a size field (permits, parties, capacity).
    pub fn has_size(self) -> bool {
        matches!(self, ResourceKindDraft::Semaphore | ResourceKindDraft::Barrier | ResourceKindDraft::Queue)
    }

    /// The one-letter code of the text formats.
    pub fn code(self) -> char {
        match self {
            ResourceKindDraft::Lock => 'L',
            ResourceKindDraft::Semaphore => 'S',
            ResourceKindDraft::Event => 'E',
            ResourceKindDraft::Barrier => 'B',
            ResourceKindDraft::Condition => 'C',
            ResourceKindDraft::Queue => 'Q',
            ResourceKindDraft::Counter => 'N',
        }
    }

    /// The kind with this code.
    pub fn from_code(c: char) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == c)
    }
}

/// A resource as the reader typed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceDraft {
    /// The name text.
    pub name: String,
    /// The kind.
    pub kind: ResourceKindDraft,
    /// The size text (semaphore permits, barrier parties, queue capacity); ignored otherwise.
    pub size: String,
    /// The name of a condition's lock; ignored otherwise.
    pub lock: String,
}

/// How the scenario's top-level tasks are run together in the concurrent mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Structure {
    /// `asyncio.gather(...)`: a failure is raised to the caller; the other tasks are not cancelled
    /// by it (the run's end cancels what is left). With `return_exceptions`, failures are returned
    /// as values and the run waits for every task.
    Gather { return_exceptions: bool },
    /// `asyncio.TaskGroup`: the first failure cancels the siblings, and the group raises.
    TaskGroup,
    /// Every task awaited to its end whatever the others do (the playground's classic run).
    #[default]
    All,
}

impl Structure {
    /// The one-word key of the text formats.
    pub fn key(self) -> &'static str {
        match self {
            Structure::All => "all",
            Structure::Gather { return_exceptions: false } => "gather",
            Structure::Gather { return_exceptions: true } => "gather-return",
            Structure::TaskGroup => "group",
        }
    }

    /// The structure named `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        [
            Structure::All,
            Structure::Gather { return_exceptions: false },
            Structure::Gather { return_exceptions: true },
            Structure::TaskGroup,
        ]
        .into_iter()
        .find(|s| s.key() == key)
    }
}

/// An operation on a resource, as the log records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// Take a lock or a semaphore permit (also a `with` block's entry, and a condition's lock).
    Acquire,
    /// Give it back (also a `with` block's exit, and cleanup on cancellation).
    Release,
    /// Wait for an event, at a barrier, or on a condition.
    Wait,
    /// Set an event.
    Set,
    /// Clear an event.
    Clear,
    /// Wake one waiter of a condition.
    Notify,
    /// Wake every waiter of a condition.
    NotifyAll,
    /// Put an item into a queue.
    Put,
    /// Take an item from a queue.
    Get,
    /// Shut a queue down: later puts raise.
    Shutdown,
    /// Read the counter into the task's local value.
    Read,
    /// Write the task's local value + 1 into the counter.
    Write,
}

impl Op {
    /// The verb the log uses ("acquires", "puts into", …).
    pub fn verb(self) -> &'static str {
        match self {
            Op::Acquire => "acquires",
            Op::Release => "releases",
            Op::Wait => "waits on",
            Op::Set => "sets",
            Op::Clear => "clears",
            Op::Notify => "notifies one waiter of",
            Op::NotifyAll => "notifies every waiter of",
            Op::Put => "puts into",
            Op::Get => "gets from",
            Op::Shutdown => "shuts down",
            Op::Read => "reads",
            Op::Write => "writes",
        }
    }
}

/// Why a task is being cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cause {
    /// Another task called `cancel()` on it.
    Task(crate::event::TaskId),
    /// A sibling in its task group failed (the task named).
    GroupFailure(crate::event::TaskId),
    /// The timeout block opened at this step expired.
    Timeout { block: u32 },
    /// The run ended (its top-level tasks are done) while this task was still going, as
    /// `asyncio.run` cancels what is left.
    RunEnd,
}
