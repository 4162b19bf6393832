//! "Run in CPython" for the code view: runs the scenario's generated Python, exactly as the
//! code view shows it, in the visit's CPython worker; streams what it prints, draws its tasks'
//! timeline and, after it, the Rust run of the same scenario on the same time axis.

use super::py_control::{self, Key, RustOf, Session, GENERATED};
use super::run_view::run_view;
use engine::python_session::{cpython_can_run, tasks_finished, PySession};
use engine::{RunMode, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`GeneratedRun`].
#[derive(Properties, PartialEq)]
pub struct GeneratedRunProps {
    /// The scenario the program was generated from (its Rust run follows the CPython one).
    pub scenario: Rc<Scenario>,
    /// How its tasks are run.
    pub mode: RunMode,
    /// The generated Python program.
    pub code: Rc<String>,
}

/// The button, and the run under it.
#[component]
pub fn GeneratedRun(props: &GeneratedRunProps) -> Html {
    let session: Session = use_mut_ref(PySession::default);
    let ver = use_state(|| 0u64);
    let bump = {
        let ver = ver.setter();
        let n = use_mut_ref(|| 0u64);
        Callback::from(move |_| {
            *n.borrow_mut() += 1;
            ver.set(*n.borrow());
        })
    };
    // The program and scenario of the latest run: the Rust run follows that scenario, and the
    // view says when the code shown has changed since.
    let ran = use_mut_ref(|| None::<(Rc<String>, Rc<Scenario>, RunMode)>);
    let rust_of: RustOf = {
        let ran = ran.clone();
        Rc::new(move |_: &Key| {
            let (_, scenario, mode) = ran.borrow().clone()?;
            if mode == RunMode::Parallel {
                return None;
            }
            Some(((*scenario).clone(), mode))
        })
    };
    {
        let (session, bump, rust_of) = (session.clone(), bump.clone(), rust_of.clone());
        use_effect_with((), move |_| py_control::attach(&session, bump, rust_of));
    }
    let run = {
        let (session, bump, rust_of, ran) = (session.clone(), bump.clone(), rust_of.clone(), ran.clone());
        let (code, scenario, mode) = (props.code.clone(), props.scenario.clone(), props.mode);
        Callback::from(move |_: MouseEvent| {
            if !session.borrow().can_run() {
                return;
            }
            *ran.borrow_mut() = Some((code.clone(), scenario.clone(), mode));
            py_control::start(
                &session,
                GENERATED,
                &code,
                super::DOWNLOAD_BYTES,
                bump.clone(),
                rust_of.clone(),
            );
            bump.emit(());
        })
    };
    let stop = {
        let (session, bump) = (session.clone(), bump.clone());
        Callback::from(move |_: MouseEvent| {
            py_control::stop(&session);
            bump.emit(());
        })
    };
    let st = session.borrow();
    let runnable = cpython_can_run(props.mode);
    let mine = st.running.is_some();
    let changed = ran.borrow().as_ref().is_some_and(|(code, _, _)| *code != props.code);
    html! {
        <div class="py-generated" data-testid="py-generated">
            <div class="nb-buttons">
                <button class="primary" onclick={run} disabled={mine || runnable.is_err()} data-testid="py-run">
                    { st.status.run_label(super::DOWNLOAD_BYTES) }
                </button>
                <button onclick={stop} disabled={!mine} data-testid="py-stop">{ "Stop CPython" }</button>
            </div>
            if let Err(why) = runnable {
                <p class="muted">{ why }</p>
            }
            if let engine::python_session::PyStatus::Failed(why) = &st.status {
                <p class="error" role="alert">{ format!("CPython could not run here: {why}") }</p>
            }
            if let Some(r) = st.run(&GENERATED) {
                if changed {
                    <p class="muted">{ "This is the run of the program as it was when you ran it; the code above has changed since." }</p>
                }
                { run_view(r, &st.status, mine, "py-gen", "the generated program", crate::web::python::now()) }
                if r.t0.is_some() {
                    <p class="muted" data-testid="py-tasks-finished">{{
                        let (done, all) = r.log.read(tasks_finished);
                        format!("Tasks finished in CPython: {done} of {all} (asyncio.run's main task and the tasks it made).")
                    }}</p>
                }
            }
        </div>
    }
}
