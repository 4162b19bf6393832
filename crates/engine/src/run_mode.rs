//! How a scenario's tasks are run: one after another, taking turns on the event loop, or in
//! parallel on a pool of workers. One type for the runner (`web::runner`), links and storage
//! ([`crate::permalink`], [`crate::saved`]), exported logs ([`crate::export`]), code generation
//! ([`crate::codegen`]) and the pages; its [`RunMode::key`] is what links and storage carry.

/// How the tasks of a scenario are run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunMode {
    /// Await each task in turn: `for t in tasks: await t()`.
    Sequential,
    /// Spawn every task on the event loop at once: `await asyncio.gather(*tasks)`.
    Concurrent,
    /// Each task on the next free worker of a pool, like a process pool running synchronous
    /// functions. The event-loop runner does not run it: the page hands it to its pool.
    Parallel,
}

impl RunMode {
    /// Every mode, in the order a message lists them.
    pub const ALL: [RunMode; 3] = [RunMode::Sequential, RunMode::Concurrent, RunMode::Parallel];

    /// Every mode, in the order the playground offers them.
    pub const OFFERED: [RunMode; 3] = [RunMode::Concurrent, RunMode::Sequential, RunMode::Parallel];

    /// The name stored and put in links (fixed: stored entries and shared links carry it).
    pub fn key(self) -> &'static str {
        match self {
            RunMode::Sequential => "sequential",
            RunMode::Concurrent => "concurrent",
            RunMode::Parallel => "parallel",
        }
    }

    /// The mode named `key`, if any.
    pub fn from_key(key: &str) -> Option<RunMode> {
        RunMode::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Short name for buttons and labels.
    pub fn label(self) -> &'static str {
        match self {
            RunMode::Sequential => "Sequential",
            RunMode::Concurrent => "Concurrent",
            RunMode::Parallel => "Parallel (N workers)",
        }
    }

    /// One line saying what the mode does.
    pub fn description(self) -> &'static str {
        match self {
            RunMode::Sequential => "await each task to the end before starting the next",
            RunMode::Concurrent => {
                "spawn every task on the event loop at once (asyncio.gather); they take turns"
            }
            RunMode::Parallel => {
                "each task runs on the next free worker: its CPU work is a fixed computation (units \
                 calibrated so 1 unit ≈ 1 ms here), its waits use the worker's own timers, so a worker \
                 is busy while its task waits — like a process pool running synchronous tasks"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_is_found_by_its_key_and_keys_differ() {
        for m in RunMode::ALL {
            assert_eq!(RunMode::from_key(m.key()), Some(m));
            assert!(RunMode::OFFERED.contains(&m));
        }
        assert_eq!(RunMode::from_key("Parallel"), None);
        assert_eq!(RunMode::from_key(""), None);
    }
}
