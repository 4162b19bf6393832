//! The CPython page's state: the worker's status and each example's latest run, fed by the
//! worker's messages. Plain data the components render; the mapping of step reports to events
//! is the engine's (`engine::python`).

use crate::web::log_view::SharedLog;
use crate::web::python::PyMsg;
use engine::python::PyTrace;
use engine::EventLog;
use std::collections::HashMap;
use std::rc::Rc;

/// Where CPython is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Not downloaded in this visit.
    Idle,
    /// Downloading (or reading from the cache): bytes so far, of all.
    Loading { loaded: f64, total: f64 },
    /// Ready to run.
    Ready { download_ms: f64, start_ms: f64, from_cache: bool, python: String },
    /// It could not start, or its worker died.
    Failed(String),
}

/// The Rust side of an example's latest run.
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

/// One example's latest run.
pub struct ExRun {
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
    pub log: Rc<SharedLog>,
    trace: PyTrace,
    /// Its traceback, if it raised.
    pub error: Option<String>,
    /// Whether the reader stopped it.
    pub stopped: bool,
    /// The Rust run of the same behaviour.
    pub rust: RustRun,
}

impl ExRun {
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
}

/// The page's state.
pub struct PyState {
    /// CPython's status.
    pub status: Status,
    /// The example running now, if any.
    pub running: Option<&'static str>,
    /// Latest run per example.
    pub runs: HashMap<&'static str, ExRun>,
    gen: u64,
}

impl Default for PyState {
    fn default() -> Self {
        Self { status: Status::Idle, running: None, runs: HashMap::new(), gen: 0 }
    }
}

impl PyState {
    /// A run of `example` was sent as run `id`.
    pub fn begin(&mut self, example: &'static str, id: u32) {
        self.gen += 1;
        self.running = Some(example);
        self.runs.insert(
            example,
            ExRun {
                id,
                gen: self.gen,
                t0: None,
                t1: None,
                lines: Vec::new(),
                log: Rc::new(SharedLog::new(EventLog::default())),
                trace: PyTrace::default(),
                error: None,
                stopped: false,
                rust: RustRun::None,
            },
        );
    }

    fn run_mut(&mut self, id: u32) -> Option<&mut ExRun> {
        self.runs.values_mut().find(|r| r.id == id && !r.done())
    }

    /// Takes in one message of the worker; returns the example whose run just ended, if one did.
    pub fn apply(&mut self, msg: PyMsg) -> Option<&'static str> {
        match msg {
            PyMsg::Progress { loaded, total } => self.status = Status::Loading { loaded, total },
            PyMsg::Ready { download_ms, start_ms, from_cache, python } => {
                self.status = Status::Ready { download_ms, start_ms, from_cache, python }
            }
            PyMsg::Fatal(why) => {
                self.status = Status::Failed(why.clone());
                if let Some(ex) = self.running.take() {
                    if let Some(r) = self.runs.get_mut(ex) {
                        r.t1 = Some(r.t0.unwrap_or(0.0));
                        r.error = Some(why);
                    }
                }
            }
            PyMsg::Start { id, t0 } => {
                if let Some(r) = self.run_mut(id) {
                    r.t0 = Some(t0);
                    r.trace = PyTrace::new(t0);
                }
            }
            PyMsg::Out { id, lines } => {
                if let Some(r) = self.run_mut(id) {
                    let t0 = r.t0.unwrap_or(0.0);
                    r.lines.extend(lines.into_iter().map(|(t, s, l)| (t - t0, s, l)));
                }
            }
            PyMsg::Steps { id, names, steps } => {
                if let Some(r) = self.run_mut(id) {
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
                let ex = self.runs.iter().find(|(_, r)| r.id == id && !r.done()).map(|(k, _)| *k)?;
                let r = self.runs.get_mut(ex)?;
                r.t0.get_or_insert(t0);
                r.t1 = Some(t1);
                r.error =
                    error.map(|e| engine::python::clean_traceback(&e, crate::web::python::PROGRAM_FILE));
                if self.running == Some(ex) {
                    self.running = None;
                }
                return Some(ex);
            }
        }
        None
    }

    /// The reader stopped the running example; `hard`: its worker was ended (no interrupt here).
    pub fn stopped(&mut self, hard: bool) {
        if let Some(ex) = self.running {
            if let Some(r) = self.runs.get_mut(ex) {
                r.stopped = true;
            }
            if hard {
                self.running = None;
                self.status = Status::Idle;
                if let Some(r) = self.runs.get_mut(ex) {
                    r.t1 = Some(crate::web::python::now());
                    r.error =
                        Some("Stopped: the CPython worker was ended; the next run starts a new one.".into());
                }
            }
        }
    }
}
