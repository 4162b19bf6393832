//! The CPython page (`/python`): the tutorial's pure-asyncio examples by chapter, each runnable in
//! CPython (Pyodide in a Web Worker, downloaded once, on the first "Run in CPython") beside the
//! Rust run of the same behaviour.

pub mod example_card;
pub mod python_state;

use crate::web::python::PythonRunner;
use crate::web::runner::Run;
use engine::python::megabytes;
use engine::python_examples::{self, RustSide};
use engine::RunMode;
use example_card::ExampleCard;
use python_state::{PyState, RustRun, Status};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Bytes the worker downloads on the first run: the sum of `dist/pyodide/manifest.json`'s files
/// (pyodide@314.0.8), plus the two JS modules it imports. A test compares it with the progress bar.
pub const DOWNLOAD_BYTES: u64 = 119_077 + 2_545_550 + 9_597_892 + 17_758 + 1_250_259;

/// The page's state, shared with the cards; compares by its version, so cards re-render when
/// a message of the worker changed it.
#[derive(Clone)]
pub struct StateRef {
    /// The state.
    pub rc: Rc<RefCell<PyState>>,
    /// Bumped on every change.
    pub ver: u64,
}

impl PartialEq for StateRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rc, &other.rc) && self.ver == other.ver
    }
}

/// Actions of a card.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Run this example's code (as the reader edited it).
    Run(&'static str, String),
    /// Stop the running example.
    Stop,
}

fn listen(runner: &PythonRunner, state: Rc<RefCell<PyState>>, bump: Callback<()>) {
    let st = state.clone();
    runner.listen(move |msg| {
        let ended = st.borrow_mut().apply(msg);
        if let Some(ex) = ended {
            rust_side(&st, ex, bump.clone());
        }
        bump.emit(());
    });
}

/// After a CPython run, runs the Rust scenario of the same behaviour, if there is one.
fn rust_side(state: &Rc<RefCell<PyState>>, ex: &'static str, bump: Callback<()>) {
    let Some(RustSide::Scenario(scenario)) = python_examples::by_id(ex).map(|e| e.rust) else { return };
    if let Some(r) = state.borrow_mut().runs.get_mut(ex) {
        if r.stopped || r.error.is_some() {
            return;
        }
        r.rust = RustRun::Running;
    }
    let st = state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let log = Run::start(&scenario, RunMode::Concurrent).finished_shared().await;
        if let Some(r) = st.borrow_mut().runs.get_mut(ex) {
            r.rust = RustRun::Done(log);
        }
        bump.emit(());
    });
}

/// The page.
#[component]
pub fn PythonPage() -> Html {
    let state = use_mut_ref(PyState::default);
    let ver = use_state(|| 0u64);
    let bump = {
        let ver = ver.setter();
        let n = use_mut_ref(|| 0u64);
        Callback::from(move |_| {
            *n.borrow_mut() += 1;
            ver.set(*n.borrow());
        })
    };
    {
        // A worker started on an earlier visit of this page reports here again.
        let (state, bump) = (state.clone(), bump.clone());
        use_effect_with((), move |_| {
            if let Some(r) = PythonRunner::current() {
                state.borrow_mut().status = Status::Ready {
                    download_ms: 0.0,
                    start_ms: 0.0,
                    from_cache: true,
                    python: String::new(),
                };
                listen(&r, state, bump);
            }
            || {
                if let Some(r) = PythonRunner::current() {
                    r.unlisten();
                }
            }
        });
    }
    let on_action = {
        let (state, bump) = (state.clone(), bump.clone());
        Callback::from(move |a: Action| {
            match a {
                Action::Run(ex, code) => {
                    if state.borrow().running.is_some() {
                        return;
                    }
                    let fresh = PythonRunner::current().is_none();
                    match PythonRunner::ensure().and_then(|r| {
                        if fresh {
                            state.borrow_mut().status =
                                Status::Loading { loaded: 0.0, total: DOWNLOAD_BYTES as f64 };
                            listen(&r, state.clone(), bump.clone());
                        }
                        r.run(&code)
                    }) {
                        Ok(id) => state.borrow_mut().begin(ex, id),
                        Err(e) => state.borrow_mut().status = Status::Failed(e),
                    }
                }
                Action::Stop => {
                    let hard = match PythonRunner::current() {
                        Some(r) if r.interrupt() => false,
                        _ => {
                            PythonRunner::discard();
                            true
                        }
                    };
                    state.borrow_mut().stopped(hard);
                }
            }
            bump.emit(());
        })
    };
    let sref = StateRef { rc: state.clone(), ver: *ver };
    let st = state.borrow();
    let examples = python_examples::all();
    let mb = megabytes(DOWNLOAD_BYTES);
    html! {
        <article class="python-page">
            <h1>{ "The tutorial's Python, running in CPython here" }</h1>
            <p>{ "Each example below is our own short program showing what one of the tutorial's asyncio examples shows. “Run in CPython” runs it in real CPython — compiled to WebAssembly (Pyodide), in a Web Worker of this page — and draws its tasks on a timeline; where the playground can express the same behaviour, the Rust version runs right after, on the same time axis. Edit the code as you like: an error shows Python's traceback." }</p>
            <section class="py-status" aria-live="polite" data-testid="py-status">
                { match &st.status {
                    Status::Idle => html! { <p class="muted">{ format!("CPython is not loaded yet: the first run downloads about {mb} once (the browser keeps it for the next visit).") }</p> },
                    Status::Loading { loaded, total } => html! {
                        <div class="progress-row">
                            <label for="py-download">{ "Downloading CPython" }</label>
                            <progress id="py-download" max={total.to_string()} value={loaded.to_string()}></progress>
                            <span class="progress-text" data-testid="py-progress">{ format!("{} of {}", megabytes(*loaded as u64), megabytes(*total as u64)) }</span>
                        </div>
                    },
                    Status::Ready { download_ms, start_ms, from_cache, python } => html! {
                        <p class="muted" data-testid="py-ready">{
                            if python.is_empty() { "CPython is ready.".to_string() } else {
                                format!("CPython {python} is ready: files {} in {:.0} ms, interpreter started in {:.0} ms.",
                                    if *from_cache { "read from the browser's cache" } else { "downloaded" }, download_ms, start_ms)
                            }
                        }</p>
                    },
                    Status::Failed(why) => html! { <p class="error" role="alert">{ format!("CPython could not run here: {why}") }</p> },
                } }
            </section>
            { for [2u32, 4, 5, 6, 8].iter().map(|ch| html! {
                <section class="py-chapter" aria-labelledby={format!("py-ch{ch}")}>
                    <h2 id={format!("py-ch{ch}")}>{ format!("Chapter {ch}") }</h2>
                    { for examples.iter().filter(|e| e.chapter == *ch).map(|e| html! {
                        <ExampleCard key={e.id} id={e.id} state={sref.clone()} on_action={on_action.clone()} download={mb.clone()} />
                    }) }
                </section>
            }) }
            <p class="muted credits">{ "CPython 3.14 runs here through Pyodide 314.0.8 (Mozilla Public License 2.0; source at github.com/pyodide/pyodide), which bundles CPython (Python Software Foundation License) and its standard library. Every file is served from this site." }</p>
        </article>
    }
}
