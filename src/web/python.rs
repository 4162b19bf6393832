//! The page's side of the CPython worker (static/python-worker.js): start it when the reader
//! asks, run programs, stop them, and hand its messages on as typed values. Thin: the worker's
//! step reports become events in the engine (`engine::python`).
//!
//! One worker serves the whole visit: it is made on the first "Run in CPython" and kept, so a
//! second run (on any page) starts at once.

use super::clock;
use engine::python_session::PyMsg;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's script, absolute (pages live at nested routes). Its response carries its own
/// Content-Security-Policy (README: hosting).
pub const PYTHON_WORKER_URL: &str = "/python-worker.js";
fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}
fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or(0.0)
}
fn text(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}
fn rows(v: &JsValue, key: &str) -> Vec<js_sys::Array> {
    match get(v, key).dyn_into::<js_sys::Array>() {
        Ok(a) => a.iter().filter_map(|r| r.dyn_into::<js_sys::Array>().ok()).collect(),
        Err(_) => Vec::new(),
    }
}

/// Reads one message of the worker; `None` for one it does not know.
fn parse(d: &JsValue) -> Option<PyMsg> {
    let id = num(d, "id") as u32;
    Some(match text(d, "type").as_str() {
        "progress" => PyMsg::Progress { loaded: num(d, "loaded"), total: num(d, "total") },
        "ready" => PyMsg::Ready {
            download_ms: num(d, "downloadMs"),
            start_ms: num(d, "startMs"),
            from_cache: get(d, "fromCache").as_bool().unwrap_or(false),
            python: text(d, "python"),
        },
        "out" => PyMsg::Out {
            id,
            lines: rows(d, "lines")
                .iter()
                .map(|r| {
                    (
                        r.get(0).as_f64().unwrap_or(0.0),
                        r.get(1).as_string().unwrap_or_default(),
                        r.get(2).as_string().unwrap_or_default(),
                    )
                })
                .collect(),
        },
        "steps" => PyMsg::Steps {
            id,
            names: rows(d, "names")
                .iter()
                .map(|r| (r.get(0).as_f64().unwrap_or(0.0) as u32, r.get(1).as_string().unwrap_or_default()))
                .collect(),
            steps: rows(d, "steps")
                .iter()
                .map(|r| {
                    (
                        r.get(0).as_f64().unwrap_or(0.0),
                        r.get(1).as_f64().unwrap_or(0.0) as u32,
                        r.get(2).as_f64().unwrap_or(0.0) as u32,
                    )
                })
                .collect(),
        },
        "start" => PyMsg::Start { id, t0: num(d, "t0") },
        "done" => PyMsg::Done { id, t0: num(d, "t0"), t1: num(d, "t1"), error: get(d, "error").as_string() },
        "fatal" => PyMsg::Fatal(text(d, "message")),
        _ => return None,
    })
}

type Listener = Rc<RefCell<Option<Box<dyn FnMut(PyMsg)>>>>;

/// The CPython worker.
pub struct PythonRunner {
    worker: Worker,
    /// Pyodide's interrupt buffer: writing 2 (SIGINT) makes the running program raise
    /// KeyboardInterrupt at its next bytecode. `None` without cross-origin isolation.
    interrupt: Option<js_sys::Int32Array>,
    listener: Listener,
    next_id: RefCell<u32>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

thread_local! {
    static RUNNER: RefCell<Option<Rc<PythonRunner>>> = const { RefCell::new(None) };
}

impl PythonRunner {
    /// The visit's worker, if it was started.
    pub fn current() -> Option<Rc<PythonRunner>> {
        RUNNER.with(|r| r.borrow().clone())
    }

    /// The visit's worker, started (it begins downloading CPython) if it was not.
    pub fn ensure() -> Result<Rc<PythonRunner>, String> {
        if let Some(r) = Self::current() {
            return Ok(r);
        }
        let r = Rc::new(Self::start()?);
        RUNNER.with(|slot| *slot.borrow_mut() = Some(r.clone()));
        Ok(r)
    }

    /// Ends the worker (a program the interrupt cannot reach, or a dead worker); the next
    /// [`PythonRunner::ensure`] starts a fresh one (from the cache).
    pub fn discard() {
        if let Some(r) = RUNNER.with(|slot| slot.borrow_mut().take()) {
            r.worker.terminate();
        }
    }

    fn start() -> Result<Self, String> {
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(PYTHON_WORKER_URL, &opts)
            .map_err(|e| format!("could not start the CPython worker: {e:?}"))?;
        let listener: Listener = Rc::new(RefCell::new(None));
        let l = listener.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(msg) = parse(&ev.data()) {
                if let Some(f) = l.borrow_mut().as_mut() {
                    f(msg);
                }
            }
        });
        let l = listener.clone();
        let on_error = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            // Reported on the page as a message beside the run, not as an uncaught error.
            ev.prevent_default();
            let why = js_sys::Reflect::get(&ev, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| format!("{PYTHON_WORKER_URL} could not be loaded"));
            if let Some(f) = l.borrow_mut().as_mut() {
                f(PyMsg::Fatal(format!("the CPython worker failed: {why}")));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let interrupt = super::shared_memory::shared_memory_available()
            .ok()
            .map(|_| js_sys::Int32Array::new(&js_sys::SharedArrayBuffer::new(4)));
        let load = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&load, &"type".into(), &"load".into());
        let origin = web_sys::window().and_then(|w| w.performance()).map(|p| p.time_origin()).unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&load, &"timeOrigin".into(), &origin.into());
        if let Some(buf) = &interrupt {
            let _ = js_sys::Reflect::set(&load, &"interrupt".into(), &buf.buffer());
        }
        worker.post_message(&load).map_err(|e| format!("could not talk to the CPython worker: {e:?}"))?;
        Ok(Self {
            worker,
            interrupt,
            listener,
            next_id: RefCell::new(0),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends every message of the worker to `f` (replacing the previous listener).
    pub fn listen(&self, f: impl FnMut(PyMsg) + 'static) {
        *self.listener.borrow_mut() = Some(Box::new(f));
    }

    /// Stops sending messages anywhere.
    pub fn unlisten(&self) {
        *self.listener.borrow_mut() = None;
    }

    /// Runs `code` (after CPython is ready: the worker queues it); returns the run's id.
    pub fn run(&self, code: &str) -> Result<u32, String> {
        let id = {
            let mut n = self.next_id.borrow_mut();
            *n += 1;
            *n
        };
        if let Some(buf) = &self.interrupt {
            buf.set_index(0, 0);
        }
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"run".into());
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
        let _ = js_sys::Reflect::set(&msg, &"code".into(), &code.into());
        self.worker.post_message(&msg).map_err(|e| format!("could not talk to the CPython worker: {e:?}"))?;
        Ok(id)
    }

    /// Asks the running program to stop (KeyboardInterrupt). `false` if this page cannot
    /// (no shared memory): then only [`PythonRunner::discard`] stops it.
    pub fn interrupt(&self) -> bool {
        match &self.interrupt {
            Some(buf) => {
                buf.set_index(0, 2);
                true
            }
            None => false,
        }
    }
}

/// Milliseconds on the page's clock, the clock the worker's times are mapped onto.
pub fn now() -> f64 {
    clock::now()
}

/// A run's events go to the page's shared log, which its timeline reads as they arrive.
impl engine::python_session::StepLog for super::log_view::SharedLog {
    fn append(&self, f: impl FnOnce(&mut engine::EventLog)) {
        super::log_view::SharedLog::append(self, f)
    }
}
