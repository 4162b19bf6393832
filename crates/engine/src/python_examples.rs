//! The tutorial's pure-asyncio examples, as our own Python, for the CPython page. Each shows
//! the behaviour of one of the tutorial's examples (named by its number, e.g. 2_5) and prints
//! the line its claim is checked against; where the playground can express the same behaviour,
//! the equivalent Rust scenario runs beside it.
//!
//! The programs themselves are files, `static/python/<id>.py`, each opening with a comment that
//! says what it shows, compiled in: only the CPython page's module carries them (about 3.4 KB
//! gzipped), since each page of the release build has its own module.

use crate::python::seconds;
use crate::python_session::RustRun;
use crate::scenario::{Scenario, Step, TaskSpec};

/// How the Rust column of an example's claims table is filled.
#[derive(Clone, Debug, PartialEq)]
pub enum RustSide {
    /// This scenario, run concurrently on the page's event loop; its wall time is compared.
    Scenario(Scenario),
    /// The playground cannot express it: the reason is shown instead of a number.
    None(&'static str),
}

impl RustSide {
    /// The claims table's Rust cell, given the example's latest Rust run: its wall time, or why
    /// there is none.
    pub fn claim(&self, run: &RustRun) -> String {
        match (self, run) {
            (RustSide::None(why), _) => format!("— {why}"),
            (RustSide::Scenario(_), RustRun::Done(_)) => seconds(run.end_ms().unwrap_or(0.0)),
            (RustSide::Scenario(_), RustRun::Running) => "running…".into(),
            (RustSide::Scenario(_), RustRun::None) => {
                "— (runs after a CPython run that ends without error)".into()
            }
        }
    }
}

/// One example.
#[derive(Clone, Debug, PartialEq)]
pub struct PyExample {
    /// The tutorial's example number, e.g. "2_5".
    pub id: &'static str,
    /// Its program (`static/python/<id>.py`), in the page from the start: in the build's static
    /// page too, so nothing arrives later to move the page or repaint it.
    pub source: &'static str,
    /// Its chapter.
    pub chapter: u32,
    /// A short title.
    pub title: &'static str,
    /// What the tutorial says its example gives.
    pub claim: &'static str,
    /// The output line the result is read from starts with this.
    pub result_prefix: &'static str,
    /// The Rust column.
    pub rust: RustSide,
}

fn waits(name: &str, n: usize, ms: f64) -> Vec<TaskSpec> {
    (0..n)
        .map(|i| TaskSpec {
            name: format!("{name} {}", i + 1),
            start_delay_ms: 0.0,
            steps: vec![Step::Wait { ms }],
        })
        .collect()
}

fn scenario(tasks: Vec<TaskSpec>) -> RustSide {
    RustSide::Scenario(Scenario { tasks, ..Default::default() })
}

/// Every example, by chapter.
pub fn all() -> Vec<PyExample> {
    vec![
        PyExample {
            id: "2_5",
            source: include_str!("../../../static/python/2_5.py"),
            chapter: 2,
            title: "Two tasks, one second each",
            claim: "< 1.1 s",
            result_prefix: "took ",
            rust: scenario(waits("sleep", 2, 1000.0)),
        },
        PyExample {
            id: "2_7",
            source: include_str!("../../../static/python/2_7.py"),
            chapter: 2,
            title: "A TaskGroup of 2 s and 3 s",
            claim: "< 3.1 s",
            result_prefix: "took ",
            rust: scenario(vec![
                TaskSpec { name: "two".into(), start_delay_ms: 0.0, steps: vec![Step::Wait { ms: 2000.0 }] },
                TaskSpec {
                    name: "three".into(),
                    start_delay_ms: 0.0,
                    steps: vec![Step::Wait { ms: 3000.0 }],
                },
            ]),
        },
        PyExample {
            id: "2_8",
            source: include_str!("../../../static/python/2_8.py"),
            chapter: 2,
            title: "A timeout",
            claim: "timeout! (after 1 s)",
            result_prefix: "result: ",
            rust: RustSide::None("the playground's tasks have no timeout"),
        },
        PyExample {
            id: "2_x",
            source: include_str!("../../../static/python/2_x.py"),
            chapter: 2,
            title: "time.sleep blocks the loop",
            claim: "(not in the tutorial: why its examples await asyncio.sleep)",
            result_prefix: "took ",
            rust: scenario(
                (0..2)
                    .map(|i| TaskSpec {
                        name: format!("blocker {}", i + 1),
                        start_delay_ms: 0.0,
                        steps: vec![Step::Work { ms: 1000.0 }],
                    })
                    .collect(),
            ),
        },
        PyExample {
            id: "4_1",
            source: include_str!("../../../static/python/4_1.py"),
            chapter: 4,
            title: "A race on a counter",
            claim: "prints 1 (10,000 tasks; here 1,000)",
            result_prefix: "counter = ",
            rust: RustSide::None(
                "the playground's tasks share no counter (the tour's race demo uses workers)",
            ),
        },
        PyExample {
            id: "4_2",
            source: include_str!("../../../static/python/4_2.py"),
            chapter: 4,
            title: "The same race under a Lock",
            claim: "prints 10000 (10,000 tasks; here 200, each holding the lock 1 ms)",
            result_prefix: "counter = ",
            rust: RustSide::None("the playground has no lock"),
        },
        PyExample {
            id: "4_3",
            source: include_str!("../../../static/python/4_3.py"),
            chapter: 4,
            title: "A Semaphore of 2",
            claim: "between 2 s and 3 s",
            result_prefix: "took ",
            rust: RustSide::None("the playground has no semaphore"),
        },
        PyExample {
            id: "4_5",
            source: include_str!("../../../static/python/4_5.py"),
            chapter: 4,
            title: "An Event",
            claim: "the waiter wakes after 1 s",
            result_prefix: "woke after ",
            rust: RustSide::None("the playground has no event"),
        },
        PyExample {
            id: "5_1",
            source: include_str!("../../../static/python/5_1.py"),
            chapter: 5,
            title: "A task that fails",
            claim: "the exception is read from the task",
            result_prefix: "exception: ",
            rust: RustSide::None("a failing task is not a scenario step"),
        },
        PyExample {
            id: "5_3",
            source: include_str!("../../../static/python/5_3.py"),
            chapter: 5,
            title: "Cancelling a task",
            claim: "CancelledError caught",
            result_prefix: "result: ",
            rust: RustSide::None("the playground cancels whole runs (Stop), not single tasks"),
        },
        PyExample {
            id: "5_5",
            source: include_str!("../../../static/python/5_5.py"),
            chapter: 5,
            title: "A Queue between a producer and a consumer",
            claim: "\"Done!\" prints before the last number is consumed",
            result_prefix: "order: ",
            rust: RustSide::None("the playground has no queue"),
        },
        PyExample {
            id: "6_1",
            source: include_str!("../../../static/python/6_1.py"),
            chapter: 6,
            title: "The eager task factory",
            claim: "nearly 6× faster (1,000,000 tasks; here 20,000)",
            result_prefix: "speed-up: ",
            rust: RustSide::None("Rust futures run when polled; there is no task factory to change"),
        },
        PyExample {
            id: "6_x",
            source: include_str!("../../../static/python/6_x.py"),
            chapter: 6,
            title: "What one step costs",
            claim: "(not in the tutorial: the loop's cost per task switch)",
            result_prefix: "took ",
            rust: scenario(
                (0..100)
                    .map(|i| TaskSpec {
                        name: format!("yielder {}", i + 1),
                        start_delay_ms: 0.0,
                        steps: vec![Step::Wait { ms: 0.0 }; 100],
                    })
                    .collect(),
            ),
        },
        PyExample {
            id: "6_4",
            source: include_str!("../../../static/python/6_4.py"),
            chapter: 6,
            title: "Shutting a Queue down",
            claim: "put after shutdown raises",
            result_prefix: "result: ",
            rust: RustSide::None("the playground has no queue"),
        },
        PyExample {
            id: "8_1",
            source: include_str!("../../../static/python/8_1.py"),
            chapter: 8,
            title: "An orphaned task",
            claim: "the orphan never finishes",
            result_prefix: "orphan ",
            rust: RustSide::None("a Rust future nobody polls never starts at all"),
        },
    ]
}

/// The example with this id.
pub fn by_id(id: &str) -> Option<PyExample> {
    all().into_iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_example_prints_its_result_line() {
        let all = all();
        let mut ids: Vec<_> = all.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/python");
        for e in &all {
            let file = std::fs::read_to_string(dir.join(format!("{}.py", e.id)))
                .unwrap_or_else(|err| panic!("static/python/{}.py: {err}", e.id));
            assert_eq!(e.source, file, "{}: its own program", e.id);
            assert!(
                e.source.contains(e.result_prefix.trim_end()),
                "{} never prints {:?}",
                e.id,
                e.result_prefix
            );
            assert!([2, 4, 5, 6, 8].contains(&e.chapter));
            if let RustSide::Scenario(s) = &e.rust {
                assert!(!s.tasks.is_empty(), "{}", e.id);
            }
        }
        assert_eq!(by_id("4_1").map(|e| e.chapter), Some(4));
        // Every program file is an example's (no orphan left behind by a removed one).
        for f in std::fs::read_dir(&dir).unwrap() {
            let name = f.unwrap().file_name().into_string().unwrap();
            let id = name.strip_suffix(".py").unwrap_or(&name);
            assert!(by_id(id).is_some(), "static/python/{name} is no example's program");
        }
    }

    #[test]
    fn the_rust_column_says_the_time_or_why_not() {
        let ex = by_id("2_5").unwrap();
        assert_eq!(ex.rust.claim(&RustRun::None), "— (runs after a CPython run that ends without error)");
        assert_eq!(ex.rust.claim(&RustRun::Running), "running…");
        let mut log = crate::EventLog::default();
        log.push(1002.0, crate::event::TaskId(0), crate::event::Lane::EventLoop, crate::EventKind::Finished);
        assert_eq!(ex.rust.claim(&RustRun::Done(std::rc::Rc::new(log))), "1.002 s");
        let lock = by_id("4_2").unwrap();
        assert_eq!(lock.rust.claim(&RustRun::None), "— the playground has no lock");
    }
}
