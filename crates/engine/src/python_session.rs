//! A visit's CPython runs: where the worker is (downloading, ready, failed), which program runs,
//! and each program's latest run — what it printed, its tasks' timeline, how it ended — fed by
//! the worker's messages ([`PyMsg`], read from the worker by `src/web/python.rs`). The pages
//! (the CPython page's examples, the playground's code view) render this and decide nothing.
//!
//! Runs are kept per key: the CPython page keys them by example id, the code view has one.

use crate::event::{EventKind, EventLog};
use crate::python::{clean_traceback, read_result, PyTrace};
use crate::RunMode;
use std::cell::RefCell;
use std::rc::Rc;

/// The file name the worker gives programs in tracebacks (static/python-worker.js).
pub const PROGRAM_FILE: &str = "<example>";

/// What the worker says.
#[derive(Clone, Debug, PartialEq)]
pub enum PyMsg {
    /// Bytes of CPython's files downloaded (or read from the cache) so far, of `total`.
    Progress { loaded: f64, total: f64 },
    /// CPython is ready.
    Ready {
        /// Downloading (or reading from the cache) the files, ms.
        download_ms: f64,
        /// Starting the interpreter, ms.
        start_ms: f64,
        /// Whether every file came from the browser's cache.
        from_cache: bool,
        /// CPython's version, e.g. "3.14.2".
        python: String,
    },
    /// Run `id` began at page time `t0`.
    Start { id: u32, t0: f64 },
    /// Lines a run printed: (page time ms, "out" or "err", text).
    Out { id: u32, lines: Vec<(f64, String, String)> },
    /// Task names (task, name) and step reports (page time ms, task, kind code) of a run.
    Steps { id: u32, names: Vec<(u32, String)>, steps: Vec<(f64, u32, u32)> },
    /// A run ended at page time `t1` (it began at `t0`), with its traceback if it raised.
    Done { id: u32, t0: f64, t1: f64, error: Option<String> },
    /// The worker could not start CPython, or died.
    Fatal(String),
}

/// Where CPython is.
#[derive(Clone, Debug, PartialEq)]
pub enum PyStatus {
    /// Not downloaded in this visit.
    Idle,
    /// Downloading (or reading from the cache): bytes so far, of all.
    Loading { loaded: f64, total: f64 },
    /// Ready to run.
    Ready { download_ms: f64, start_ms: f64, from_cache: bool, python: String },
    /// It could not start, or its worker died.
    Failed(String),
}

impl PyStatus {
    /// The run button's label: it says the download while CPython is not loaded.
    pub fn run_label(&self, download_bytes: u64) -> String {
        match self {
            PyStatus::Ready { .. } => "Run in CPython".to_string(),
            _ => {
                format!("Run in CPython — downloads about {} once", crate::python::megabytes(download_bytes))
            }
        }
    }
}

/// Where a run's task events are written: the page's shared log, a plain cell in tests.
pub trait StepLog {
    /// Appends with `f`.
    fn append(&self, f: impl FnOnce(&mut EventLog));
}

impl<L: StepLog> StepLog for Rc<L> {
    fn append(&self, f: impl FnOnce(&mut EventLog)) {
        (**self).append(f)
    }
}

impl StepLog for RefCell<EventLog> {
    fn append(&self, f: impl FnOnce(&mut EventLog)) {
        f(&mut self.borrow_mut())
    }
}

/// The Rust run of the same behaviour, after a CPython run.
#[derive(Clone, Debug, Default)]
pub enum RustRun {
    /// Not run.
    #[default]
    None,
    /// Running.
    Running,
    /// Its log.
    Done(Rc<EventLog>),
}

impl RustRun {
    /// When its last event happened (its wall time, ms), once it is done.
    pub fn end_ms(&self) -> Option<f64> {
        match self {
            RustRun::Done(log) => Some(log.events.last().map_or(0.0, |e| e.t_ms)),
            _ => None,
        }
    }
}

/// One program's latest run.
#[derive(Debug)]
pub struct PyRun<L> {
    /// The worker's id of the run.
    pub id: u32,
    /// Increases with every run, so views start over.
    pub gen: u64,
    /// Page time the run began (worker's clock, mapped), once it has.
    pub t0: Option<f64>,
    /// Page time it ended.
    pub t1: Option<f64>,
    /// What it printed: (ms since the start, "out"/"err", text).
    pub lines: Vec<(f64, String, String)>,
    /// Its tasks' steps, as events.
    pub log: L,
    trace: PyTrace,
    /// Its traceback, if it raised (or why it ended without finishing).
    pub error: Option<String>,
    /// Whether the reader stopped it.
    pub stopped: bool,
    /// The Rust run of the same behaviour.
    pub rust: RustRun,
}

impl<L> PyRun<L> {
    /// Whether the run is over.
    pub fn done(&self) -> bool {
        self.t1.is_some()
    }

    /// Milliseconds from its start to its end (or to `now_ms` while it runs).
    pub fn elapsed_ms(&self, now_ms: f64) -> f64 {
        match self.t0 {
            Some(t0) => self.t1.unwrap_or(now_ms) - t0,
            None => 0.0,
        }
    }

    /// The time axis both timelines share: as long as the longer of the two runs (at least 1 ms).
    pub fn axis_ms(&self, now_ms: f64) -> f64 {
        self.elapsed_ms(now_ms).max(self.rust.end_ms().unwrap_or(0.0)).max(1.0)
    }

    /// The claims table's CPython cell: the value after `prefix` on the last line printed
    /// with it, or why there is none.
    pub fn claim(&self, prefix: &str) -> String {
        read_result(self.lines.iter().map(|(_, _, l)| l.as_str()), prefix).unwrap_or_else(|| {
            if self.done() {
                "— (no result printed)".into()
            } else {
                "running…".into()
            }
        })
    }
}

/// Whether the code view's Python for `mode` can run in CPython here: the process pool cannot
/// (Pyodide runs in one Web Worker and starts no processes); the reason is shown instead.
pub fn cpython_can_run(mode: RunMode) -> Result<(), &'static str> {
    match mode {
        RunMode::Parallel => Err(
            "The process-pool program cannot run in CPython here: CPython in the browser starts no processes. Run it on your machine, or switch to a concurrent or sequential mode.",
        ),
        RunMode::Sequential | RunMode::Concurrent => Ok(()),
    }
}

/// How many traced tasks finished, of all the tasks traced, in a CPython run's log.
pub fn tasks_finished(log: &EventLog) -> (usize, usize) {
    let finished = log.events.iter().filter(|e| e.kind == EventKind::Finished).count();
    (finished, log.task_names.len())
}

/// The visit's CPython state: the worker's status, the program running, each key's latest run.
#[derive(Debug)]
pub struct PySession<K, L> {
    /// CPython's status.
    pub status: PyStatus,
    /// The key whose program runs now, if any.
    pub running: Option<K>,
    runs: Vec<(K, PyRun<L>)>,
    gen: u64,
}

impl<K, L> Default for PySession<K, L> {
    fn default() -> Self {
        Self { status: PyStatus::Idle, running: None, runs: Vec::new(), gen: 0 }
    }
}

impl<K: Clone + PartialEq, L: StepLog + Default> PySession<K, L> {
    /// The latest run of `key`.
    pub fn run(&self, key: &K) -> Option<&PyRun<L>> {
        self.runs.iter().find(|(k, _)| k == key).map(|(_, r)| r)
    }

    fn run_of(&mut self, key: &K) -> Option<&mut PyRun<L>> {
        self.runs.iter_mut().find(|(k, _)| k == key).map(|(_, r)| r)
    }

    /// Whether a new program may be sent: one runs at a time.
    pub fn can_run(&self) -> bool {
        self.running.is_none()
    }

    /// The page found the visit's worker already started (on an earlier visit of a page): it
    /// is ready, its files from the cache.
    pub fn attached(&mut self) {
        self.status =
            PyStatus::Ready { download_ms: 0.0, start_ms: 0.0, from_cache: true, python: String::new() };
    }

    /// A worker was just started for this run: it downloads `total` bytes first.
    pub fn loading(&mut self, total: u64) {
        self.status = PyStatus::Loading { loaded: 0.0, total: total as f64 };
    }

    /// The program of `key` was sent as run `id`; its earlier run is replaced.
    pub fn begin(&mut self, key: K, id: u32) {
        self.gen += 1;
        let run = PyRun {
            id,
            gen: self.gen,
            t0: None,
            t1: None,
            lines: Vec::new(),
            log: L::default(),
            trace: PyTrace::default(),
            error: None,
            stopped: false,
            rust: RustRun::None,
        };
        self.runs.retain(|(k, _)| *k != key);
        self.runs.push((key.clone(), run));
        self.running = Some(key);
    }

    fn live(&mut self, id: u32) -> Option<&mut PyRun<L>> {
        self.runs.iter_mut().map(|(_, r)| r).find(|r| r.id == id && !r.done())
    }

    /// Takes in one message of the worker; returns the key whose run just ended, if one did.
    /// Messages of a run that ended (or was replaced) are ignored.
    pub fn apply(&mut self, msg: PyMsg) -> Option<K> {
        match msg {
            PyMsg::Progress { loaded, total } => self.status = PyStatus::Loading { loaded, total },
            PyMsg::Ready { download_ms, start_ms, from_cache, python } => {
                self.status = PyStatus::Ready { download_ms, start_ms, from_cache, python }
            }
            PyMsg::Fatal(why) => {
                self.status = PyStatus::Failed(why.clone());
                if let Some(key) = self.running.take() {
                    if let Some(r) = self.run_of(&key) {
                        r.t1 = Some(r.t0.unwrap_or(0.0));
                        r.error = Some(why);
                    }
                }
            }
            PyMsg::Start { id, t0 } => {
                if let Some(r) = self.live(id) {
                    r.t0 = Some(t0);
                    r.trace = PyTrace::new(t0);
                }
            }
            PyMsg::Out { id, lines } => {
                if let Some(r) = self.live(id) {
                    let t0 = r.t0.unwrap_or(0.0);
                    r.lines.extend(lines.into_iter().map(|(t, s, l)| (t - t0, s, l)));
                }
            }
            PyMsg::Steps { id, names, steps } => {
                if let Some(r) = self.live(id) {
                    let trace = &mut r.trace;
                    r.log.append(|log| {
                        for (task, name) in &names {
                            trace.name(log, *task, name);
                        }
                        for (t, task, kind) in steps {
                            trace.step(log, t, task, kind);
                        }
                    });
                }
            }
            PyMsg::Done { id, t0, t1, error } => {
                let key = self.runs.iter().find(|(_, r)| r.id == id && !r.done()).map(|(k, _)| k.clone())?;
                let r = self.run_of(&key)?;
                r.t0.get_or_insert(t0);
                r.t1 = Some(t1);
                r.error = error.map(|e| clean_traceback(&e, PROGRAM_FILE));
                if self.running.as_ref() == Some(&key) {
                    self.running = None;
                }
                return Some(key);
            }
        }
        None
    }

    /// The reader stopped the running program at page time `now_ms`; `hard`: its worker was
    /// ended (this page cannot interrupt it), so CPython must load again for the next run.
    pub fn stopped(&mut self, hard: bool, now_ms: f64) {
        let Some(key) = self.running.clone() else { return };
        if let Some(r) = self.run_of(&key) {
            r.stopped = true;
            if hard {
                r.t1 = Some(now_ms);
                r.error =
                    Some("Stopped: the CPython worker was ended; the next run starts a new one.".into());
            }
        }
        if hard {
            self.running = None;
            self.status = PyStatus::Idle;
        }
    }

    /// After `key`'s CPython run ended: whether the Rust run of the same behaviour should follow
    /// (not after a stop or an error). If so, it is marked running.
    pub fn rust_due(&mut self, key: &K) -> bool {
        match self.run_of(key) {
            Some(r) if r.done() && !r.stopped && r.error.is_none() => {
                r.rust = RustRun::Running;
                true
            }
            _ => false,
        }
    }

    /// The Rust run of `key`'s latest run ended with `log`; ignored if that run was replaced
    /// (its generation `gen` is no longer the latest).
    pub fn rust_done(&mut self, key: &K, gen: u64, log: Rc<EventLog>) {
        if let Some(r) = self.run_of(key) {
            if r.gen == gen {
                r.rust = RustRun::Done(log);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Session = PySession<&'static str, RefCell<EventLog>>;

    fn out(id: u32, t: f64, line: &str) -> PyMsg {
        PyMsg::Out { id, lines: vec![(t, "out".into(), line.into())] }
    }

    #[test]
    fn a_run_collects_its_output_and_steps_and_ends_once() {
        let mut s = Session::default();
        assert_eq!(s.status.run_label(13_530_536), "Run in CPython — downloads about 13.5 MB once");
        s.loading(100);
        s.begin("2_5", 1);
        assert!(!s.can_run());
        assert_eq!(s.apply(PyMsg::Progress { loaded: 40.0, total: 100.0 }), None);
        assert_eq!(s.status, PyStatus::Loading { loaded: 40.0, total: 100.0 });
        s.apply(PyMsg::Ready { download_ms: 5.0, start_ms: 6.0, from_cache: false, python: "3.14.2".into() });
        assert_eq!(s.status.run_label(100), "Run in CPython");
        s.apply(PyMsg::Start { id: 1, t0: 1000.0 });
        s.apply(out(1, 1500.0, "first woke up"));
        s.apply(PyMsg::Steps {
            id: 1,
            names: vec![(0, "main".into()), (1, "nap".into())],
            steps: vec![(1000.0, 0, 0), (1001.0, 0, 1), (1002.0, 1, 0), (1003.0, 1, 1), (2003.0, 1, 4)],
        });
        s.apply(out(1, 2004.0, "took 1.004 s"));
        // A message of another run is not this run's.
        s.apply(out(7, 2005.0, "stray"));
        let r = s.run(&"2_5").unwrap();
        assert_eq!(
            r.lines.iter().map(|(t, _, l)| (*t, l.as_str())).collect::<Vec<_>>(),
            vec![(500.0, "first woke up"), (1004.0, "took 1.004 s")]
        );
        assert_eq!(r.claim("took "), "1.004 s");
        assert_eq!(r.elapsed_ms(1600.0), 600.0);
        assert_eq!(tasks_finished(&r.log.borrow()), (1, 2));
        assert_eq!(s.apply(PyMsg::Done { id: 1, t0: 1000.0, t1: 2005.0, error: None }), Some("2_5"));
        assert!(s.can_run());
        // The end is reported once.
        assert_eq!(s.apply(PyMsg::Done { id: 1, t0: 1000.0, t1: 2006.0, error: None }), None);
        let r = s.run(&"2_5").unwrap();
        assert_eq!(r.elapsed_ms(9999.0), 1005.0);
        assert_eq!(r.claim("counter = "), "— (no result printed)");
        // Then the Rust run of the same behaviour, on one axis with it.
        assert!(s.rust_due(&"2_5"));
        let gen = s.run(&"2_5").unwrap().gen;
        let mut rust = EventLog::default();
        rust.push(1500.0, crate::event::TaskId(0), crate::event::Lane::EventLoop, EventKind::Finished);
        s.rust_done(&"2_5", gen, Rc::new(rust));
        let r = s.run(&"2_5").unwrap();
        assert_eq!(r.rust.end_ms(), Some(1500.0));
        assert_eq!(r.axis_ms(0.0), 1500.0);
    }

    #[test]
    fn the_process_pool_program_is_not_run() {
        assert!(cpython_can_run(RunMode::Concurrent).is_ok());
        assert!(cpython_can_run(RunMode::Sequential).is_ok());
        assert!(cpython_can_run(RunMode::Parallel).unwrap_err().contains("starts no processes"));
    }

    #[test]
    fn errors_stops_and_replaced_runs() {
        let mut s = Session::default();
        s.begin("bad", 1);
        s.apply(PyMsg::Start { id: 1, t0: 0.0 });
        let tb = "Traceback (most recent call last):\n  File \"/lib/x.py\", line 1, in f\n  File \"<example>\", line 1\n    1/0\nZeroDivisionError: division by zero";
        s.apply(PyMsg::Done { id: 1, t0: 0.0, t1: 3.0, error: Some(tb.into()) });
        let r = s.run(&"bad").unwrap();
        assert!(!r.error.as_deref().unwrap().contains("/lib/x.py"));
        assert!(!s.rust_due(&"bad"), "no Rust run after an error");

        // A stop the worker honours (KeyboardInterrupt): the run ends by its own Done.
        s.begin("loop", 2);
        s.apply(PyMsg::Start { id: 2, t0: 10.0 });
        s.stopped(false, 50.0);
        assert_eq!(s.running, Some("loop"));
        s.apply(PyMsg::Done { id: 2, t0: 10.0, t1: 60.0, error: Some("KeyboardInterrupt".into()) });
        assert!(!s.rust_due(&"loop"));

        // A hard stop ends the run at once and CPython must load again.
        s.apply(PyMsg::Ready { download_ms: 0.0, start_ms: 0.0, from_cache: true, python: "3.14.2".into() });
        s.begin("loop", 3);
        s.apply(PyMsg::Start { id: 3, t0: 100.0 });
        s.stopped(true, 400.0);
        assert!(s.can_run());
        assert_eq!(s.status, PyStatus::Idle);
        let r = s.run(&"loop").unwrap();
        assert_eq!(r.elapsed_ms(9999.0), 300.0);
        assert!(r.error.as_deref().unwrap().starts_with("Stopped"));

        // A run replaced by a new one of the same key takes no more of the old run's messages,
        // and a Rust run of the old one does not land on the new one.
        s.begin("2_5", 4);
        s.apply(PyMsg::Done { id: 4, t0: 0.0, t1: 1.0, error: None });
        assert!(s.rust_due(&"2_5"));
        let old = s.run(&"2_5").unwrap().gen;
        s.begin("2_5", 5);
        s.apply(out(4, 1.0, "old"));
        s.rust_done(&"2_5", old, Rc::new(EventLog::default()));
        let r = s.run(&"2_5").unwrap();
        assert!(r.lines.is_empty());
        assert!(matches!(r.rust, RustRun::None));

        // The worker dying ends the running program with the reason.
        s.apply(PyMsg::Fatal("the CPython worker failed".into()));
        assert!(s.can_run());
        assert_eq!(s.status, PyStatus::Failed("the CPython worker failed".into()));
        assert_eq!(s.run(&"2_5").unwrap().error.as_deref(), Some("the CPython worker failed"));
    }
}
