//! CPython in the page: turning what the Python worker reports into the engine's event log, and
//! its outputs into what the page shows.
//!
//! The worker (static/python-worker.js) wraps every asyncio task's coroutine and reports each
//! step as `(time on the page's clock, task, kind code)`. [`PyTrace`] maps those onto
//! [`EventKind`]s so a CPython run draws on the same timeline as a Rust run:
//! running → `Resumed`, awaiting → `Awaiting` (due "never", so it stays awaiting), ready →
//! `Awaiting` due at that very moment (so the time until the task runs again draws as "ready but
//! waiting for the thread").

use crate::event::{EventKind, EventLog, Lane, TaskId};

/// What a task did, as the worker codes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PyStep {
    /// The task was created.
    Spawned,
    /// The loop ran one step of the task's coroutine.
    Running,
    /// The coroutine yielded: it awaits a future.
    Awaiting,
    /// The loop scheduled the task to run (its future finished, or it yielded to the loop).
    Ready,
    /// The coroutine returned.
    Done,
    /// The coroutine ended by `CancelledError`.
    Cancelled,
    /// The coroutine raised.
    Failed,
}

impl PyStep {
    /// The step for the worker's code, if it is one.
    pub fn from_code(code: u32) -> Option<Self> {
        Some(match code {
            0 => Self::Spawned,
            1 => Self::Running,
            2 => Self::Awaiting,
            3 => Self::Ready,
            4 => Self::Done,
            5 => Self::Cancelled,
            6 => Self::Failed,
            _ => return None,
        })
    }
}

/// Builds the event log of one CPython run from the worker's step reports, as they arrive.
#[derive(Clone, Debug, Default)]
pub struct PyTrace {
    /// Page time (ms) at which the run started: log times are relative to it.
    t0_ms: f64,
    /// Steps run so far, per task.
    steps: Vec<u32>,
}

impl PyTrace {
    /// A trace of a run that started at page time `t0_ms`.
    pub fn new(t0_ms: f64) -> Self {
        Self { t0_ms, steps: Vec::new() }
    }

    /// Records the name of task `task` (tasks are numbered from 0 in the order they were made).
    pub fn name(&mut self, log: &mut EventLog, task: u32, name: &str) {
        let i = task as usize;
        if log.task_names.len() <= i {
            log.task_names.resize_with(i + 1, String::new);
            log.task_steps.resize(i + 1, 0);
        }
        if self.steps.len() <= i {
            self.steps.resize(i + 1, 0);
        }
        log.task_names[i] = format!("{name} #{}", task + 1);
    }

    /// Records one step reported at page time `t_page_ms`. Unknown codes and tasks never named
    /// are ignored (a report the page cannot place is not drawn).
    pub fn step(&mut self, log: &mut EventLog, t_page_ms: f64, task: u32, code: u32) {
        let Some(step) = PyStep::from_code(code) else { return };
        let i = task as usize;
        if i >= log.task_names.len() || i >= self.steps.len() {
            return;
        }
        let t = (t_page_ms - self.t0_ms).max(0.0);
        let k = self.steps[i];
        let kind = match step {
            PyStep::Spawned => EventKind::Spawned,
            PyStep::Running => {
                self.steps[i] += 1;
                log.task_steps[i] = self.steps[i];
                EventKind::Resumed { step: Some(k) }
            }
            PyStep::Awaiting => EventKind::Awaiting { step: Some(k.saturating_sub(1)), until_ms: f64::MAX },
            PyStep::Ready => EventKind::Awaiting { step: Some(k.saturating_sub(1)), until_ms: t },
            PyStep::Done => EventKind::Finished,
            PyStep::Cancelled => EventKind::Cancelled { step: Some(k.saturating_sub(1)) },
            PyStep::Failed => EventKind::Failed { reason: "raised an exception".to_string() },
        };
        log.push(t, TaskId(task), Lane::EventLoop, kind);
    }
}

/// The part of a Python traceback that is about the reader's program: the header, then the
/// frames from the first one in `file` (the name the worker gives the program) on. Frames of
/// Pyodide's own runner and of the task wrapper come before it and are dropped. A traceback with
/// no frame in `file` is returned whole.
pub fn clean_traceback(raw: &str, file: &str) -> String {
    let marker = format!("File \"{file}\"");
    let lines: Vec<&str> = raw.trim_end().lines().collect();
    let Some(first) = lines.iter().position(|l| l.trim_start().starts_with(&marker)) else {
        return raw.trim_end().to_string();
    };
    let mut out = Vec::with_capacity(lines.len() - first + 1);
    if lines.first().is_some_and(|l| l.starts_with("Traceback")) {
        out.push(lines[0]);
    }
    out.extend_from_slice(&lines[first..]);
    out.join("\n")
}

/// The value after `prefix` on the last output line that starts with it: how an example's
/// result is read from what it printed (e.g. `took 1.003 s`, `counter = 1`).
pub fn read_result<'a>(lines: impl DoubleEndedIterator<Item = &'a str>, prefix: &str) -> Option<String> {
    lines.rev().find_map(|l| l.trim_end().strip_prefix(prefix).map(|v| v.trim().to_string()))
}

/// Milliseconds as seconds with three decimals, as the page shows run times.
pub fn seconds(ms: f64) -> String {
    format!("{:.3} s", ms / 1000.0)
}

/// A byte count in megabytes (10^6 bytes) with one decimal, for the download button.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{segments, SegmentKind};

    fn traced(reports: &[(f64, u32, u32)]) -> EventLog {
        let mut log = EventLog::default();
        let mut tr = PyTrace::new(100.0);
        tr.name(&mut log, 0, "main");
        tr.name(&mut log, 1, "sleeper");
        for (t, task, code) in reports {
            tr.step(&mut log, *t, *task, *code);
        }
        log
    }

    #[test]
    fn steps_draw_running_awaiting_and_ready() {
        // main spawns sleeper at 101 ms; sleeper runs 102–103, awaits until its timer makes it
        // ready at 1103, and runs again at 1110 (7 ms ready but waiting), then is done.
        let log = traced(&[
            (100.0, 0, 0),
            (100.5, 0, 1),
            (101.0, 1, 0),
            (101.0, 0, 2),
            (102.0, 1, 1),
            (103.0, 1, 2),
            (1103.0, 1, 3),
            (1110.0, 1, 1),
            (1111.0, 1, 4),
        ]);
        assert_eq!(log.task_names, vec!["main #1", "sleeper #2"]);
        assert_eq!(log.task_steps, vec![1, 2]);
        let segs: Vec<_> = segments(&log, 1111.0)
            .into_iter()
            .filter(|s| s.task == TaskId(1))
            .map(|s| (s.kind, s.start_ms, s.end_ms))
            .collect();
        assert_eq!(
            segs,
            vec![
                (SegmentKind::ReadyWaiting, 1.0, 2.0),
                (SegmentKind::Running, 2.0, 3.0),
                (SegmentKind::Awaiting, 3.0, 1003.0),
                (SegmentKind::ReadyWaiting, 1003.0, 1010.0),
                (SegmentKind::Running, 1010.0, 1011.0),
            ]
        );
        assert_eq!(log.events.last().map(|e| &e.kind), Some(&EventKind::Finished));
    }

    #[test]
    fn endings_and_unknown_reports() {
        let log = traced(&[
            (100.0, 0, 0),
            (101.0, 0, 1),
            (102.0, 0, 5),
            (103.0, 1, 6),
            (104.0, 0, 9),
            (105.0, 7, 1),
        ]);
        let kinds: Vec<_> = log.events.iter().map(|e| e.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                EventKind::Spawned,
                EventKind::Resumed { step: Some(0) },
                EventKind::Cancelled { step: Some(0) },
                EventKind::Failed { reason: "raised an exception".into() },
            ]
        );
        // Reports from before the run started are clamped to its start.
        let early = traced(&[(90.0, 0, 0)]);
        assert_eq!(early.events[0].t_ms, 0.0);
    }

    #[test]
    fn tracebacks_keep_the_programs_frames() {
        let raw = "Traceback (most recent call last):\n  File \"/lib/python314.zip/_pyodide/_base.py\", line 619, in eval_code_async\n    await CodeRunner(\n  File \"<exec>\", line 52, in __next__\n  File \"<example>\", line 3, in <module>\n    1/0\nZeroDivisionError: division by zero\n";
        assert_eq!(
            clean_traceback(raw, "<example>"),
            "Traceback (most recent call last):\n  File \"<example>\", line 3, in <module>\n    1/0\nZeroDivisionError: division by zero"
        );
        let syntax = "Traceback (most recent call last):\n  File \"/lib/x.py\", line 1, in f\n  File \"<example>\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax";
        assert!(clean_traceback(syntax, "<example>").ends_with(
            "  File \"<example>\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax"
        ));
        assert!(!clean_traceback(syntax, "<example>").contains("/lib/x.py"));
        assert_eq!(clean_traceback("worker gone\n", "<example>"), "worker gone");
    }

    #[test]
    fn results_are_read_from_the_last_matching_line() {
        let out = ["took 0.5 s", "counter = 1", "took 1.003 s  "];
        assert_eq!(read_result(out.iter().copied(), "took "), Some("1.003 s".into()));
        assert_eq!(read_result(out.iter().copied(), "counter = "), Some("1".into()));
        assert_eq!(read_result(out.iter().copied(), "nothing"), None);
    }

    #[test]
    fn download_sizes_read_as_megabytes() {
        assert_eq!(megabytes(13_530_536), "13.5 MB");
        assert_eq!(megabytes(6_300_000), "6.3 MB");
        assert_eq!(seconds(1003.4), "1.003 s");
    }
}
