//! The glue between a page's CPython session (`engine::python_session`) and the visit's CPython
//! worker (`web::python`): run a program, stop it, take in the worker's messages and, after a
//! CPython run that ended well, run the Rust of the same behaviour. Used by the CPython page
//! (keys: example ids) and the code view (one key). It decides nothing: the session does.

use crate::web::log_view::SharedLog;
use crate::web::python::{self, PythonRunner};
use crate::web::runner::Run;
use engine::python_session::PySession;
use engine::{RunMode, Scenario};
use std::cell::RefCell;
use std::rc::Rc;
use yew::Callback;

/// A run's key: an example's id on the CPython page, [`GENERATED`] in the code view. One key
/// type for both, so the session's code is in the app once.
pub type Key = &'static str;

/// The key of the code view's run of its generated program.
pub const GENERATED: Key = "generated";

/// A page's CPython session, shared with the worker's listener.
pub type Session = Rc<RefCell<PySession<Key, Rc<SharedLog>>>>;

/// The Rust scenario (and how to run it) that shows the same behaviour as a key's program.
pub type RustOf = Rc<dyn Fn(&Key) -> Option<(Scenario, RunMode)>>;

/// Sends the worker's messages to `session`; `bump` re-renders the page.
pub fn listen(runner: &PythonRunner, session: Session, bump: Callback<()>, rust_of: RustOf) {
    runner.listen(move |msg| {
        let ended = session.borrow_mut().apply(msg);
        if let Some(key) = ended {
            rust_side(&session, key, bump.clone(), &rust_of);
        }
        bump.emit(());
    });
}

/// After `key`'s CPython run, runs the Rust of the same behaviour, if it has one and is due.
fn rust_side(session: &Session, key: Key, bump: Callback<()>, rust_of: &RustOf) {
    let Some((scenario, mode)) = rust_of(&key) else { return };
    let gen = {
        let mut s = session.borrow_mut();
        if !s.rust_due(&key) {
            return;
        }
        s.run(&key).map_or(0, |r| r.gen)
    };
    let session = session.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let log = Run::start(&scenario, mode).finished_shared().await;
        session.borrow_mut().rust_done(&key, gen, log);
        bump.emit(());
    });
}

/// On a page's mount: a worker started earlier in this visit reports to this page now.
/// Returns what to call on unmount.
pub fn attach(session: &Session, bump: Callback<()>, rust_of: RustOf) -> impl FnOnce() {
    if let Some(r) = PythonRunner::current() {
        session.borrow_mut().attached();
        listen(&r, session.clone(), bump, rust_of);
    }
    || {
        if let Some(r) = PythonRunner::current() {
            r.unlisten();
        }
    }
}

/// Runs `code` as `key`'s program, starting the worker (it downloads `download_bytes`) if this
/// visit has none. Nothing happens while another program runs.
pub fn start(
    session: &Session,
    key: Key,
    code: &str,
    download_bytes: u64,
    bump: Callback<()>,
    rust_of: RustOf,
) {
    if !session.borrow().can_run() {
        return;
    }
    let fresh = PythonRunner::current().is_none();
    let sent = PythonRunner::ensure().and_then(|r| {
        if fresh {
            session.borrow_mut().loading(download_bytes);
            listen(&r, session.clone(), bump, rust_of);
        }
        r.run(code)
    });
    match sent {
        Ok(id) => session.borrow_mut().begin(key, id),
        Err(e) => {
            session.borrow_mut().apply(engine::python_session::PyMsg::Fatal(e));
        }
    }
}

/// Stops the running program: by KeyboardInterrupt where the page has shared memory, else by
/// ending the worker.
pub fn stop(session: &Session) {
    let hard = match PythonRunner::current() {
        Some(r) if r.interrupt() => false,
        _ => {
            PythonRunner::discard();
            true
        }
    };
    session.borrow_mut().stopped(hard, python::now());
}
