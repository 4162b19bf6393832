//! The event-loop playground: edit tasks (or pick a tutorial preset), run them for real on the
//! page's event loop, sequentially or concurrently, or in parallel on the worker pool, and watch
//! them interleave — live log, timeline, metrics and the equivalent Python and Rust code.

pub mod autosave;
pub mod live_view;
pub mod preset_picker;
pub mod progress_bar;
pub mod replay;
pub mod resource_editor;
pub mod restore;
pub mod restore_notices;
pub mod run_tools;
pub mod run_view;
pub mod run_views;
pub mod scenario_editor;
pub mod share_bar;
pub mod state;
pub mod task_editor;
pub mod worker_check;

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::{code_view::CodeView, timeline::SharedTracker};
use crate::web::frame::{self, FrameLoop};
use crate::web::heartbeat::Heartbeat;
use crate::web::lab::Lab;
use crate::web::runner::{Mode, Recorder, Run};
use crate::web::{busy, clock, storage};
use autosave::{use_autosave, SaveWarning};
use engine::codegen::CodeMode;
use engine::metrics::{self, Outcome};
use engine::pacing::FrameGate;
use engine::permalink::RunMode;
use engine::saved;
use engine::timeline::Tracker;
use engine::{EventLog, Scenario};
use futures::future::LocalBoxFuture;
use gloo_timers::future::TimeoutFuture;
use live_view::LiveView;
use preset_picker::PresetPicker;
use progress_bar::ProgressBar;
use restore::Notice;
use restore_notices::RestoreNotices;
use run_tools::RunTools;
use run_view::{plural, status, LiveFeed, LiveFeeds, RunView};
use run_views::RunViews;
use scenario_editor::ScenarioEditor;
use share_bar::ShareBar;
use state::{EditorAction, EditorState};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use worker_check::WorkerCheck;
use yew::prelude::*;

/// The wall time of the latest finished run per mode, with its scenario.
type Walls = Rc<RefCell<Vec<(Mode, Rc<Scenario>, f64)>>>;

/// The live parts of a run: dropped when it ends.
struct Live {
    stop: Rc<dyn Fn()>,
    _frames: FrameLoop,
}

/// What runs a scenario: the page's event loop, or `workers` workers of the page's pool.
enum Runner {
    EventLoop(Mode),
    Pool {
        lab: Rc<Lab>,
        workers: u32,
        /// Rounds of the hash chain per unit of work.
        rounds_per_ms: u64,
        /// Start-up before this run, if it started workers, ms.
        startup_ms: Option<f64>,
        /// Milliseconds per unit of work measured in worker 1.
        worker_ms_per_unit: Option<f64>,
    },
}

fn code_mode(m: Mode, workers: u32) -> CodeMode {
    match m {
        Mode::Sequential => CodeMode::Sequential,
        Mode::Concurrent => CodeMode::Concurrent,
        Mode::Parallel => CodeMode::Parallel { workers },
    }
}

/// The engine's name of a runner mode: what links, storage and exported logs carry.
fn run_mode(m: Mode) -> RunMode {
    match m {
        Mode::Sequential => RunMode::Sequential,
        Mode::Concurrent => RunMode::Concurrent,
        Mode::Parallel => RunMode::Parallel,
    }
}

/// The runner mode an engine mode names.
fn runner_mode(m: RunMode) -> Mode {
    match m {
        RunMode::Sequential => Mode::Sequential,
        RunMode::Concurrent => Mode::Concurrent,
        RunMode::Parallel => Mode::Parallel,
    }
}

// The keys (`engine::permalink::RunMode::key`) are what links and storage carry.
fn mode_key(m: Mode) -> &'static str {
    run_mode(m).key()
}

/// Samples of the unit's calibration, on the page and in worker 1; the fastest counts.
const CALIBRATION_SAMPLES: usize = 5;
/// Length of one calibration sample, ms.
const CALIBRATION_MS: f64 = 30.0;

/// What one unit of work is on this page, and what it costs in a worker.
#[derive(Clone, Copy)]
struct Calibration {
    /// Rounds of the hash chain per unit: about 1 ms on this page.
    rounds_per_ms: u64,
    /// Milliseconds one such unit took in worker 1.
    worker_ms_per_unit: Option<f64>,
}

/// Calibrates the unit as the comparison page does: several short samples, the fastest counting,
/// because a sample the OS interrupted for other programs reads too slow (one long sample on a
/// busy machine made units too small, and the parallel run look faster than it is).
async fn calibrate(lab: &Lab) -> Calibration {
    let mut page = lab.rounds_per_ms;
    for _ in 0..CALIBRATION_SAMPLES {
        page = page.max(busy::calibrate(CALIBRATION_MS));
        // Let the page paint between samples.
        TimeoutFuture::new(0).await;
    }
    let mut worker = None::<u64>;
    for _ in 0..CALIBRATION_SAMPLES {
        if let Ok(r) = lab.pool.calibrate(0, CALIBRATION_MS).await {
            worker = Some(worker.unwrap_or(0).max(r));
        }
    }
    Calibration { rounds_per_ms: page, worker_ms_per_unit: worker.map(|w| page as f64 / w.max(1) as f64) }
}

/// The playground page.
#[component]
pub fn Playground() -> Html {
    frame::update_renders();
    let editor = use_reducer(EditorState::default);
    let mode = use_state(|| Mode::Concurrent);
    // The page's view of the run (set when a run starts, ends or cannot start). The run's views
    // (progress, status, timeline, metrics, log) read `feed` instead, which also carries a live
    // run's frequent updates, so those never render the page (run_view.rs, live_view.rs).
    let view = use_state(|| Rc::new(RunView::default()));
    let feed: LiveFeeds = (*use_memo((), |_| LiveFeeds::new())).clone();
    let live = use_mut_ref(|| None::<Live>);
    // Wall times of the latest run per mode, with its scenario: the speedup needs both.
    let walls = use_mut_ref(Vec::<(Mode, Rc<Scenario>, f64)>::new);
    let lab = use_lab();
    let max = lab.env.cores;
    // What the reader typed in the Workers field (kept as typed, valid or not).
    let workers_text = use_state(|| max.to_string());
    let workers = engine::fields::workers(&workers_text, max);
    // The page's calibrated worker pool, started by the first parallel run and reused.
    // Set from the click that starts the workers until the run starts, so a second click waits.
    let launching = use_mut_ref(|| Cell::new(false));
    // Set by Stop while the workers start: the pool keeps starting (it is reused), no run follows.
    let cancel_launch = use_mut_ref(|| false);
    // The page's calibration of a unit, measured once when the pool starts.
    let worker_unit = use_mut_ref(|| None::<Calibration>);
    // --- Sharing and autosave (restore.rs): a share link wins over storage; what cannot be read
    // becomes a notice, and a corrupt stored entry is set aside, never wiped. ---
    let notices = use_state(|| Rc::new(Vec::<Notice>::new()));
    let autosave = use_autosave();
    // The reader's own scenario that a share link replaced, offered back in its notice.
    let previous = use_mut_ref(|| None::<engine::ScenarioDraft>);
    {
        let (editor, mode, workers_text, notices, previous) =
            (editor.clone(), mode.clone(), workers_text.clone(), notices.clone(), previous.clone());
        use_effect_with((), move |_| {
            let r = restore::restore(max);
            if let Some(m) = r.mode {
                mode.set(runner_mode(m));
            }
            // A link's worker count wins; else the Workers field as the reader last typed it
            // (valid or not: what the reader typed is never thrown away).
            if let Some(w) = r.workers.or_else(|| storage::load(storage::PLAYGROUND_WORKERS)) {
                workers_text.set(w);
            }
            notices.set(Rc::new(r.notices));
            *previous.borrow_mut() = r.previous;
            editor.dispatch(EditorAction::Restore(r.draft));
        });
    }
    // Save on every change, once restored (so the default never overwrites what was stored).
    {
        let (editor, autosave) = (editor.clone(), autosave.clone());
        use_effect_with(editor.version, move |_| {
            if editor.restored {
                autosave.save(storage::PLAYGROUND_DRAFT, &saved::encode_draft_entry(&editor.draft));
            }
        });
    }
    {
        let (restored, autosave) = (editor.restored, autosave.clone());
        use_effect_with((*mode, restored), move |(m, restored)| {
            if *restored {
                autosave.save(storage::PLAYGROUND_MODE, &saved::encode_mode_entry(run_mode(*m)));
            }
        });
    }
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |i: usize| {
            let mut v = (**notices).clone();
            if i < v.len() {
                v.remove(i);
            }
            notices.set(Rc::new(v));
        })
    };
    let on_previous = {
        let (editor, previous, on_dismiss) = (editor.clone(), previous.clone(), on_dismiss.clone());
        Callback::from(move |i: usize| {
            if let Some(d) = previous.borrow_mut().take() {
                editor.dispatch(EditorAction::Restore(Some(d)));
            }
            on_dismiss.emit(i);
        })
    };
    // --- end of sharing and autosave ---

    // A live update ends when it is rendered and committed: measure it whole (see web::frame).
    use_effect(|| frame::end_update("playground:update"));

    let validated = {
        let draft = editor.draft.clone();
        use_memo(editor.version, move |_| match draft.validate() {
            Ok(s) => (Some(Rc::new(s)), Rc::new(Vec::new())),
            Err(e) => (None, Rc::new(e)),
        })
    };
    let (scenario, errors) = (validated.0.clone(), validated.1.clone());

    // One callback for the page's life: a new one per render would re-render the whole editor
    // on every live update of a run.
    let on_edit = {
        let dispatcher = editor.dispatcher();
        use_callback((), move |e: engine::DraftEdit, _| dispatcher.dispatch(EditorAction::Edit(e)))
    };
    let on_preset = {
        let editor = editor.clone();
        Callback::from(move |id: String| editor.dispatch(EditorAction::LoadPreset(id)))
    };

    let on_run =
        {
            let (scenario, mode, view, feed, live, walls) =
                (scenario.clone(), *mode, view.clone(), feed.clone(), live.clone(), walls.clone());
            let (workers, slot, launching, worker_unit, cancel_launch) =
                (workers.clone(), lab.clone(), launching.clone(), worker_unit.clone(), cancel_launch.clone());
            Callback::from(move |_: MouseEvent| {
                let Some(scenario) = scenario.clone() else { return };
                if live.borrow().is_some() || launching.borrow().get() {
                    return;
                }
                if mode != Mode::Parallel {
                    start_run(
                        scenario,
                        Runner::EventLoop(mode),
                        view.clone(),
                        feed.clone(),
                        live.clone(),
                        walls.clone(),
                    );
                    return;
                }
                let Ok(n) = workers.clone() else { return };
                let fresh = match slot.started() {
                    Some(l) => l.pool.size() < n,
                    None => true,
                };
                if fresh {
                    show(&view, &feed, RunView { starting: Some(n), error: None, ..(**view).clone() });
                }
                launching.borrow().set(true);
                *cancel_launch.borrow_mut() = false;
                let (view, feed, live, walls, slot, launching, worker_unit, cancel_launch) = (
                    view.clone(),
                    feed.clone(),
                    live.clone(),
                    walls.clone(),
                    slot.clone(),
                    launching.clone(),
                    worker_unit.clone(),
                    cancel_launch.clone(),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    // Starting and warming the workers is timed here, apart: never part of the run.
                    let t = clock::now();
                    let lab = slot.ensure(n).await;
                    let measured = worker_unit.borrow().is_some();
                    if let (Ok(lab), false) = (&lab, measured) {
                        *worker_unit.borrow_mut() = Some(calibrate(lab).await);
                    }
                    let startup_ms = fresh.then(|| clock::now() - t);
                    launching.borrow().set(false);
                    if std::mem::take(&mut *cancel_launch.borrow_mut()) {
                        show(&view, &feed, RunView {
                        starting: None,
                        error: Some(match &lab {
                            Ok(_) => {
                                "Stopped before the run started: the workers are ready for the next run."
                                    .into()
                            }
                            Err(e) => format!("The workers could not start: {e}"),
                        }),
                        ..(**view).clone()
                    });
                        return;
                    }
                    match lab {
                        Ok(lab) => {
                            let cal = worker_unit.borrow().unwrap_or(Calibration {
                                rounds_per_ms: lab.rounds_per_ms,
                                worker_ms_per_unit: None,
                            });
                            let runner = Runner::Pool {
                                lab,
                                workers: n,
                                rounds_per_ms: cal.rounds_per_ms,
                                startup_ms,
                                worker_ms_per_unit: cal.worker_ms_per_unit,
                            };
                            start_run(scenario, runner, view, feed, live, walls);
                        }
                        Err(e) => show(
                            &view,
                            &feed,
                            RunView {
                                starting: None,
                                error: Some(format!("The workers could not start: {e}")),
                                ..(**view).clone()
                            },
                        ),
                    }
                });
            })
        };
    let on_stop = {
        let (live, launching, cancel_launch) = (live.clone(), launching.clone(), cancel_launch.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(l) = live.borrow().as_ref() {
                (l.stop)();
            } else if launching.borrow().get() {
                *cancel_launch.borrow_mut() = true;
            }
        })
    };
    let on_workers = {
        let (workers_text, autosave) = (workers_text.clone(), autosave.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            // Saved as the reader types (not from an effect, which would first save the
            // default over the stored value before the restore lands).
            autosave.save(storage::PLAYGROUND_WORKERS, &text);
            workers_text.set(text);
        })
    };
    let set_mode = |m: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: Event| mode.set(m))
    };

    let v = &**view;
    // A parallel run is compared with the sequential run; any other run shows sequential vs
    // concurrent.
    let against = if v.mode == Mode::Parallel { Mode::Parallel } else { Mode::Concurrent };
    let speedup = v.scenario.as_ref().and_then(|s| {
        let w = walls.borrow();
        let find = |m: Mode| w.iter().find(|(wm, ws, _)| *wm == m && **ws == **s).map(|x| x.2);
        metrics::speedup(find(Mode::Sequential)?, find(against)?)
    });
    // Honesty about the units: the sequential run sizes CPU work by the clock (busy for N ms, as
    // "blocking for N ms" means, and as the event-loop modes always did), the workers by a fixed
    // computation of N calibrated units. Both wall times are measured and neither is rescaled;
    // the note says so, and what a unit really cost in this run: on an idle machine that is the
    // calibrated ≈ 1 ms and the ratio is fair, but when other programs share the cores a unit
    // takes longer while a timed step does not, and the ratio understates the workers. (The
    // comparison page sizes all three runs in units.)
    let speedup_note = (against == Mode::Parallel && speedup.is_some()).then(|| {
        let unit = v.worker_ms_per_unit.map(|m| format!(", {m:.2} ms in worker 1")).unwrap_or_default();
        let units: f64 = v
            .scenario
            .iter()
            .flat_map(|s| s.tasks.iter().flat_map(|t| t.steps.iter()))
            .filter(|st| st.is_work())
            .map(|st| st.ms())
            .sum();
        let per_unit = (units > 0.0 && !v.running).then(|| v.metrics.total_busy_ms() / units);
        let cost = per_unit
            .map(|p| {
                let warn = if p > 1.2 * v.worker_ms_per_unit.unwrap_or(1.0) {
                    ": slower than calibrated, so other programs were sharing the cores and this ratio understates the workers (the Compare page sizes all three runs in units)"
                } else {
                    ""
                };
                format!(" In this run a unit took {p:.2} ms{warn}.")
            })
            .unwrap_or_default();
        AttrValue::from(format!(
            "Sequential wall time ÷ this run's, on {} worker{}. Sequential CPU work was timed (busy for N ms); the workers did N units of a fixed computation (1 unit ≈ 1 ms on this page{unit}).{cost}",
            v.workers,
            plural(v.workers)
        ))
    });
    // The progress bar and status line follow a live run (live_view.rs).
    let run_status = {
        let planned = scenario.as_ref().map_or(0, |s| s.total_steps());
        use_callback(planned, |v: Rc<RunView>, planned| {
            html! {
                <>
                    <ProgressBar done={v.done_steps} total={v.total_steps.max(*planned)} />
                    <p class="status" role="status" data-testid="run-status">{ status(&v) }</p>
                </>
            }
        })
    };
    let busy = v.running || v.starting.is_some();
    // The parallel mode runs work and waits only: a scenario with resources says why it cannot.
    let parallel_refusal =
        if *mode == Mode::Parallel { scenario.as_ref().and_then(|s| s.parallel_refusal()) } else { None };
    let workers_error = if *mode == Mode::Parallel { workers.clone().err() } else { None };
    let code_workers = workers.clone().unwrap_or(max);

    html! {
        <div class="playground">
            <header class="page-head">
                <h1>{ "Event-loop playground" }</h1>
                <p class="lede">{ "Edit tasks, run them on this page's real event loop (real timers, real CPU work, timed with performance.now()) and watch them take turns. Concurrency is turn-taking, not simultaneity: one task holds the thread at a time." }</p>
            </header>
            if !notices.is_empty() { <RestoreNotices notices={(*notices).clone()} on_dismiss={on_dismiss} on_previous={on_previous} /> }
            if let Some(problem) = autosave.problem() { <SaveWarning problem={problem} /> }

            <section class="card" aria-labelledby="scenario-h">
                <h2 id="scenario-h">{ "1 · Scenario" }</h2>
                <PresetPicker preset={editor.preset} on_pick={on_preset}
                    run={(!v.running && v.run > 0).then(|| v.scenario.clone().map(|s| (v.log.clone(), s))).flatten()} />
                <ScenarioEditor draft={editor.draft.clone()} errors={errors.clone()} on_edit={on_edit} />
            </section>

            <section class="card run-card" aria-labelledby="run-h">
                <h2 id="run-h">{ "2 · Run" }</h2>
                <div class="run-row">
                    <fieldset class="modes">
                        <legend>{ "Mode" }</legend>
                        { for Mode::ALL.into_iter().map(|m| html! {
                            <label class={classes!("mode", (*mode == m).then_some("selected"))}>
                                <input type="radio" name="mode" value={mode_key(m)} checked={*mode == m} onchange={set_mode(m)} />
                                <span><strong>{ m.label() }</strong><small>{ m.description() }</small></span>
                            </label>
                        }) }
                    </fieldset>
                    <div class="run-buttons">
                        <button class="primary big" onclick={on_run} disabled={busy || scenario.is_none() || workers_error.is_some() || parallel_refusal.is_some()}
                            aria-describedby={(!errors.is_empty() || workers_error.is_some() || parallel_refusal.is_some()).then_some("problems-note")}>
                            { if busy { "Running…" } else { "Run" } }
                        </button>
                        <button class="danger big" onclick={on_stop} disabled={!v.running && v.starting.is_none()}>{ "Stop" }</button>
                    </div>
                </div>
                if *mode == Mode::Parallel {
                    <div class={classes!("field", "workers-field", workers_error.is_some().then_some("invalid"))}>
                        <label for="pg-workers">{ format!("Workers (1–{max})") }</label>
                        <input id="pg-workers" type="number" min="1" max={max.to_string()} value={(*workers_text).clone()}
                            oninput={on_workers} disabled={busy} aria-invalid={workers_error.is_some().to_string()}
                            aria-describedby="pg-workers-error" />
                        <span id="pg-workers-error" class="field-error" role="alert">{ workers_error.clone().unwrap_or_default() }</span>
                    </div>
                }
                if !errors.is_empty() {
                    <p class="error" id="problems-note">{ "Run is disabled until the scenario's problems are fixed." }</p>
                } else if workers_error.is_some() {
                    <p class="error" id="problems-note">{ "Run is disabled until the Workers field is fixed." }</p>
                } else if let Some(why) = parallel_refusal {
                    <p class="error" id="problems-note" data-testid="parallel-refusal">{ format!("Run is disabled in this mode: {why}.") }</p>
                }
                <ShareBar draft={editor.draft.clone()} valid={scenario.is_some()} mode={run_mode(*mode)}
                    workers={workers.clone().ok()} />
                <LiveView feed={feed.numbers.clone()} render={run_status} />
            </section>

            // --- The run's timeline, metrics and log: they follow a live run through `feed` ---
            <RunViews feeds={feed} parallel={v.mode == Mode::Parallel} speedup={speedup} speedup_note={speedup_note} />

            // --- Export, import and replay of the finished run (run_tools.rs) ---
            <section class="card" aria-labelledby="tools-h">
                <h2 id="tools-h">{ "Export, import and replay" }</h2>
                <RunTools log={(!v.running && v.run > 0).then(|| v.log.clone())} run={v.run} mode={mode_key(v.mode)}
                    workers={(v.mode == Mode::Parallel).then_some(v.workers)} />
            </section>

            <section class="card code-card" aria-labelledby="code-h">
                <h2 id="code-h">{ "6 · The same scenario as code" }</h2>
                <p class="muted small">{ if *mode == Mode::Parallel {
                    "Python with a process pool (the tasks are plain functions on worker processes), and the Rust this page runs: the worker pool's dispatch. Both follow your edits, the mode and the Workers field."
                } else {
                    "Python asyncio, as in the tutorial, and the Rust this page runs. Both follow your edits and the mode."
                } }</p>
                <CodeView scenario={scenario.clone()} mode={code_mode(*mode, code_workers)} />
            </section>

            <details class="card worker-details">
                <summary><h2>{ "Check the Web Worker path" }</h2></summary>
                <WorkerCheck />
            </details>
        </div>
    }
}

/// What a started run gives the page: its recorder, how to stop it, its steps done so far, and
/// a future of its whole log (sealed, not copied).
struct Started {
    rec: Rc<Recorder>,
    stop: Rc<dyn Fn()>,
    steps_done: Rc<dyn Fn() -> usize>,
    finished: LocalBoxFuture<'static, Rc<EventLog>>,
}

/// Starts `scenario` on the event loop (timed CPU work) or on the pool (units).
fn start_runner(scenario: &Scenario, runner: &Runner) -> Started {
    match runner {
        Runner::EventLoop(mode) => {
            let run = Run::start(scenario, *mode);
            let (rec, stopper) = (run.recorder(), run.stopper());
            let r = rec.clone();
            Started {
                rec,
                stop: Rc::new(move || stopper.stop()),
                steps_done: Rc::new(move || r.steps_done()),
                finished: Box::pin(run.finished_shared()),
            }
        }
        Runner::Pool { lab, workers, rounds_per_ms, .. } => {
            let run = Rc::new(lab.pool.run(scenario, *workers, *rounds_per_ms, None));
            let (r1, r2, lab) = (run.clone(), run.clone(), lab.clone());
            let rec = run.recorder();
            let r3 = rec.clone();
            Started {
                rec,
                stop: Rc::new(move || r1.stop()),
                steps_done: Rc::new(move || r2.progress().0),
                finished: Box::pin(async move {
                    run.wait().await;
                    let log = r3.seal();
                    // Stop replaced the busy workers with fresh ones, whose wasm is not yet
                    // optimised: warm them as the pool's start did, so the next run is fair.
                    // (After the run's last event: not part of its time.)
                    for r in run.replaced() {
                        let _ = lab.pool.calibrate(r.worker, 100.0).await;
                    }
                    log
                }),
            }
        }
    }
}

/// Starts a run: the runner, a heartbeat, and a frame loop that snapshots the log for the views.
fn start_run(
    scenario: Rc<Scenario>,
    runner: Runner,
    view: UseStateHandle<Rc<RunView>>,
    feed: LiveFeeds,
    live: Rc<RefCell<Option<Live>>>,
    walls: Walls,
) {
    let gen = view.run + 1;
    let total = scenario.total_steps();
    let heartbeat = Rc::new(Heartbeat::start());
    let Started { rec, stop, steps_done, finished } = start_runner(&scenario, &runner);
    let (mode, workers, startup_ms, worker_ms_per_unit) = match runner {
        Runner::EventLoop(m) => (m, 0, None, None),
        Runner::Pool { workers, startup_ms, worker_ms_per_unit, .. } => {
            (Mode::Parallel, workers, startup_ms, worker_ms_per_unit)
        }
    };
    let tracker = Rc::new(RefCell::new(Tracker::new(scenario.tasks.len())));
    let base = RunView {
        tracker: Some((SharedTracker(tracker.clone()), rec.shared())),
        run: gen,
        log: Rc::new(EventLog::for_scenario(&scenario)),
        names: Rc::new(scenario.tasks.iter().map(|t| t.name.clone()).collect()),
        running: true,
        total_steps: total,
        mode,
        scenario: Some(scenario.clone()),
        workers,
        startup_ms,
        worker_ms_per_unit,
        ..RunView::default()
    };
    // The page (its buttons) and the status line show the new run at once; the timeline and the
    // log, costlier to start over, follow in the next frames, one per frame, as updates do (in
    // this task they would add to the start of the run, which for 10,000 tasks is long already).
    frame::begin_update();
    view.set(Rc::new(base.clone()));
    feed.numbers.set(base.clone());

    // An update hands the views the log's new length (no copy) and re-renders them; do one no
    // more often than ten times what our measured work since the last one cost (snapshot + the
    // whole render of the update): the page then spends at most ~10% of the run's time on
    // showing it, however big the run, and small runs update every frame.
    let frames = {
        let (feed, rec, tracker, heartbeat, base, steps_done) =
            (feed.clone(), rec.clone(), tracker.clone(), heartbeat.clone(), base.clone(), steps_done.clone());
        let (mut last_len, mut last_at, mut cost) = (usize::MAX, f64::MIN, 0.0f64);
        // A snapshot is taken in one frame and handed to the views in the next ones, one view per
        // frame, so the pieces of an update never add up in a single long frame; and each piece
        // waits (a little) for a frame that the run's own work is not already filling.
        // The view of the run to hand out, and the feeds still to get it (the next one first).
        let mut ready: Option<(RunView, Vec<LiveFeed>)> =
            Some((base.clone(), vec![feed.timeline.clone(), feed.log.clone()]));
        let mut gate = FrameGate::new();
        FrameLoop::start(move |ts| {
            if let Some((v, mut rest)) = ready.take() {
                if !gate.frame(ts, true) {
                    ready = Some((v, rest));
                    return true;
                }
                frame::begin_update();
                // Only this view reads its feed: the page and the other views do not render.
                rest.remove(0).set(v.clone());
                if !rest.is_empty() {
                    ready = Some((v, rest));
                }
                return true;
            }
            // The views' work since the last frame paces the updates.
            cost += frame::take_ui_work();
            // Feed the tracker a little every frame, so an update never has a backlog to take
            // in. (Small and spread out: measured, but not counted in the pacing.)
            let now = clock::now();
            rec.with_log(|l| tracker.borrow_mut().feed(&l.events));
            frame::measure("playground:feed", now);
            let _ = frame::take_ui_work();
            let now = clock::now();
            let len = rec.len();
            let gap = (10.0 * cost).max(15.0);
            let due = now - last_at >= gap && (len != last_len || now - last_at >= 100.0);
            if gate.frame(ts, due) {
                let log = rec.view();
                let now_ms = rec.elapsed();
                let metrics = Rc::new(tracker.borrow().metrics(now_ms));
                frame::measure("playground:snapshot", now);
                cost = frame::take_ui_work();
                last_at = now;
                last_len = len;
                ready = Some((
                    RunView {
                        live: Some(log),
                        now_ms,
                        done_steps: steps_done(),
                        metrics,
                        lag: Some(heartbeat.stats()),
                        ..base.clone()
                    },
                    feed.in_order().into_iter().cloned().collect(),
                ));
            }
            true
        })
    };
    *live.borrow_mut() = Some(Live { stop, _frames: frames });

    wasm_bindgen_futures::spawn_local(async move {
        let log = finished.await;
        let t = clock::now();
        heartbeat.stop();
        live.borrow_mut().take();
        let end = log.events.iter().map(|e| e.t_ms).fold(0.0, f64::max);
        tracker.borrow_mut().feed(&log.events);
        let m = tracker.borrow().metrics(end);
        // Stopped by the reader: a task cancelled with no cause logged (a cancel step, a task
        // group, a timeout or the run's end log theirs, and the run is still done).
        let stopped = m.count(Outcome::Cancelled) > 0
            && metrics::endings(&log)
                .iter()
                .any(|e| matches!(e, Some(metrics::Ending::Cancelled { cause: None, .. })));
        frame::measure("playground:snapshot", t);
        if !stopped {
            let mut w = walls.borrow_mut();
            w.retain(|(wm, _, _)| *wm != mode);
            w.push((mode, scenario.clone(), m.wall_ms));
        }
        show(
            &view,
            &feed,
            RunView {
                log,
                now_ms: end,
                running: false,
                done_steps: steps_done(),
                metrics: Rc::new(m),
                lag: Some(heartbeat.stats()),
                stopped,
                ..base
            },
        );
    });
}

/// Shows a settled state of the run (it started workers, could not start, or ended): the page
/// and all the run's views at once.
fn show(view: &UseStateHandle<Rc<RunView>>, feeds: &LiveFeeds, v: RunView) {
    feeds.set_all(&v);
    view.set(Rc::new(v));
}
