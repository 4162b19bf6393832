//! The event-loop playground: edit tasks (or pick a tutorial preset), run them for real on the
//! page's event loop, sequentially or concurrently, and watch them interleave — live log,
//! timeline, metrics and the equivalent Python and Rust code.

pub mod state;

use crate::ui::components::{
    code_view::CodeView, live_log::LiveLog, metrics_panel::MetricsPanel, progress_bar::ProgressBar,
    scenario_editor::ScenarioEditor, timeline::Timeline, worker_check::WorkerCheck,
};
use crate::web::frame::{self, FrameLoop};
use crate::web::heartbeat::Heartbeat;
use crate::web::runner::{Mode, Run, Stopper};
use crate::web::{clock, storage};
use engine::codegen::CodeMode;
use engine::lag::LagStats;
use engine::metrics::{self, Metrics, Outcome};
use engine::permalink::{decode_draft, encode_draft};
use engine::timeline::Tracker;
use engine::{presets, EventLog, Scenario};
use state::{EditorAction, EditorState};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What the page shows about the current (or last) run.
#[derive(Clone, PartialEq)]
struct RunView {
    /// Generation: bumped by every Run, so the views start over.
    run: u64,
    /// The events so far (a snapshot, refreshed per frame while running).
    log: Rc<EventLog>,
    /// Task names of the run.
    names: Rc<Vec<String>>,
    /// Milliseconds since the run started, as of the snapshot.
    now_ms: f64,
    running: bool,
    done_steps: usize,
    total_steps: usize,
    mode: Mode,
    scenario: Option<Rc<Scenario>>,
    metrics: Rc<Metrics>,
    lag: Option<LagStats>,
    stopped: bool,
}

impl Default for RunView {
    fn default() -> Self {
        Self {
            run: 0,
            log: Rc::new(EventLog::default()),
            names: Rc::new(Vec::new()),
            now_ms: 0.0,
            running: false,
            done_steps: 0,
            total_steps: 0,
            mode: Mode::Concurrent,
            scenario: None,
            metrics: Rc::new(Metrics::default()),
            lag: None,
            stopped: false,
        }
    }
}

/// The wall time of the latest finished run per mode, with its scenario.
type Walls = Rc<RefCell<Vec<(Mode, Rc<Scenario>, f64)>>>;

/// The live parts of a run: dropped when it ends.
struct Live {
    stopper: Stopper,
    _frames: FrameLoop,
}

fn code_mode(m: Mode) -> CodeMode {
    match m {
        Mode::Sequential => CodeMode::Sequential,
        Mode::Concurrent => CodeMode::Concurrent,
    }
}

fn mode_key(m: Mode) -> &'static str {
    match m {
        Mode::Sequential => "sequential",
        Mode::Concurrent => "concurrent",
    }
}

/// The playground page.
#[component]
pub fn Playground() -> Html {
    let editor = use_reducer(EditorState::default);
    let mode = use_state(|| Mode::Concurrent);
    let view = use_state(RunView::default);
    let live = use_mut_ref(|| None::<Live>);
    // Wall times of the latest run per mode, with its scenario: the speedup needs both.
    let walls = use_mut_ref(Vec::<(Mode, Rc<Scenario>, f64)>::new);
    let all_presets = use_memo((), |_| presets::all());
    // Restore the stored draft and mode once, after the first render.
    {
        let (editor, mode) = (editor.clone(), mode.clone());
        use_effect_with((), move |_| {
            let draft = storage::load(storage::PLAYGROUND_DRAFT).and_then(|t| decode_draft(&t).ok());
            if let Some(m) = storage::load(storage::PLAYGROUND_MODE) {
                if let Some(m) = Mode::ALL.into_iter().find(|x| mode_key(*x) == m) {
                    mode.set(m);
                }
            }
            editor.dispatch(EditorAction::Restore(draft));
        });
    }
    // Save on every change, once restored (so the default never overwrites what was stored).
    {
        let editor = editor.clone();
        use_effect_with(editor.version, move |_| {
            if editor.restored {
                let _ = storage::save(storage::PLAYGROUND_DRAFT, &encode_draft(&editor.draft));
            }
        });
    }
    {
        use_effect_with(*mode, move |m| {
            let _ = storage::save(storage::PLAYGROUND_MODE, mode_key(*m));
        });
    }

    let validated = {
        let draft = editor.draft.clone();
        use_memo(editor.version, move |_| match draft.validate() {
            Ok(s) => (Some(Rc::new(s)), Rc::new(Vec::new())),
            Err(e) => (None, Rc::new(e)),
        })
    };
    let (scenario, errors) = (validated.0.clone(), validated.1.clone());

    let on_edit = {
        let editor = editor.clone();
        Callback::from(move |e| editor.dispatch(EditorAction::Edit(e)))
    };
    let on_preset = {
        let editor = editor.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            editor.dispatch(EditorAction::LoadPreset(sel.value()));
        })
    };

    let on_run = {
        let (scenario, mode, view, live, walls) =
            (scenario.clone(), *mode, view.clone(), live.clone(), walls.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(scenario) = scenario.clone() else { return };
            if live.borrow().is_some() {
                return;
            }
            start_run(scenario, mode, view.clone(), live.clone(), walls.clone());
        })
    };
    let on_stop = {
        let live = live.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(l) = live.borrow().as_ref() {
                l.stopper.stop();
            }
        })
    };
    let set_mode = |m: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: Event| mode.set(m))
    };

    let preset_value = editor.preset.unwrap_or("custom");
    let description = editor
        .preset
        .and_then(|id| all_presets.iter().find(|p| p.id == id))
        .map(|p| p.description)
        .unwrap_or("Your own scenario: edited from a preset.");
    let v = &*view;
    let speedup = v.scenario.as_ref().and_then(|s| {
        let w = walls.borrow();
        let find = |m: Mode| w.iter().find(|(wm, ws, _)| *wm == m && **ws == **s).map(|x| x.2);
        metrics::speedup(find(Mode::Sequential)?, find(Mode::Concurrent)?)
    });
    let status = if v.running {
        format!("Running {} on the event loop… {:.0} ms", v.mode.label().to_lowercase(), v.now_ms)
    } else if v.run == 0 {
        "Ready. Press Run: the tasks run for real on this page's event loop.".to_string()
    } else if v.stopped {
        let c = v.metrics.count(Outcome::Cancelled);
        format!(
            "Stopped after {:.1} ms: {c} task{} cancelled (see the log).",
            v.now_ms,
            if c == 1 { "" } else { "s" }
        )
    } else {
        format!("Done: {} run took {:.1} ms.", v.mode.label().to_lowercase(), v.metrics.wall_ms)
    };

    html! {
        <div class="playground">
            <header class="page-head">
                <h1>{ "Event-loop playground" }</h1>
                <p class="lede">{ "Edit tasks, run them on this page's real event loop (real timers, real CPU work, timed with performance.now()) and watch them take turns. Concurrency is turn-taking, not simultaneity: one task holds the thread at a time." }</p>
            </header>

            <section class="card" aria-labelledby="scenario-h">
                <h2 id="scenario-h">{ "1 · Scenario" }</h2>
                <div class="preset-row">
                    <label for="preset">{ "Preset" }</label>
                    <select id="preset" onchange={on_preset}>
                        if editor.preset.is_none() { <option value="custom" selected=true>{ "Custom (edited)" }</option> }
                        { for all_presets.iter().map(|p| html! {
                            <option value={p.id} selected={p.id == preset_value}>{ p.title }</option>
                        }) }
                    </select>
                    <p class="muted preset-desc" data-testid="preset-description">{ description }</p>
                </div>
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
                        <button class="primary big" onclick={on_run} disabled={v.running || scenario.is_none()}
                            aria-describedby={(!errors.is_empty()).then_some("problems-note")}>
                            { if v.running { "Running…" } else { "Run" } }
                        </button>
                        <button class="danger big" onclick={on_stop} disabled={!v.running}>{ "Stop" }</button>
                    </div>
                </div>
                if !errors.is_empty() {
                    <p class="error" id="problems-note">{ "Run is disabled until the scenario's problems are fixed." }</p>
                }
                <ProgressBar done={v.done_steps} total={v.total_steps.max(scenario.as_ref().map_or(0, |s| s.total_steps()))} />
                <p class="status" role="status" data-testid="run-status">{ status }</p>
            </section>

            <section class="card" aria-labelledby="timeline-h">
                <h2 id="timeline-h">{ "3 · Timeline" }</h2>
                <p class="muted small">{ "Each lane is a task; the top lane shows which task holds the main thread. Hover for details." }</p>
                <Timeline log={v.log.clone()} upto_ms={v.now_ms} run={v.run} label="Timeline of the run" />
            </section>

            <div class="two-col">
                <section class="card" aria-labelledby="metrics-h">
                    <h2 id="metrics-h">{ "4 · Metrics" }</h2>
                    <MetricsPanel metrics={v.metrics.clone()} names={v.names.clone()} lag={v.lag} speedup={speedup} events={v.log.events.len()} />
                </section>
                <section class="card" aria-labelledby="log-h">
                    <h2 id="log-h">{ "5 · Live log" }</h2>
                    <LiveLog log={v.log.clone()} run={v.run} />
                </section>
            </div>

            <section class="card code-card" aria-labelledby="code-h">
                <h2 id="code-h">{ "6 · The same scenario as code" }</h2>
                <p class="muted small">{ "Python asyncio, as in the tutorial, and the Rust this page runs. Both follow your edits and the mode." }</p>
                <CodeView scenario={scenario.clone()} mode={code_mode(*mode)} />
            </section>

            <details class="card worker-details">
                <summary><h2>{ "Check the Web Worker path" }</h2></summary>
                <WorkerCheck />
            </details>
        </div>
    }
}

/// Starts a run: the runner, a heartbeat, and a frame loop that snapshots the log for the views.
fn start_run(
    scenario: Rc<Scenario>,
    mode: Mode,
    view: UseStateHandle<RunView>,
    live: Rc<RefCell<Option<Live>>>,
    walls: Walls,
) {
    let gen = view.run + 1;
    let total = scenario.total_steps();
    let heartbeat = Rc::new(Heartbeat::start());
    let run = Run::start(&scenario, mode);
    let rec = run.recorder();
    let stopper = run.stopper();
    let tracker = Rc::new(RefCell::new(Tracker::new(scenario.tasks.len())));
    let base = RunView {
        run: gen,
        log: Rc::new(EventLog::for_scenario(&scenario)),
        names: Rc::new(scenario.tasks.iter().map(|t| t.name.clone()).collect()),
        running: true,
        total_steps: total,
        mode,
        scenario: Some(scenario.clone()),
        ..RunView::default()
    };
    view.set(base.clone());

    // An update copies the whole log and re-renders the views, so do one no more often than
    // ten times what our measured work since the last one cost (snapshot + the views' render
    // bodies): the page then spends at most ~10% of the run's time on showing it, however big
    // the run, and small runs update every frame.
    let frames = {
        let (view, rec, tracker, heartbeat, base) =
            (view.clone(), rec.clone(), tracker.clone(), heartbeat.clone(), base.clone());
        let (mut last_len, mut last_at, mut cost) = (usize::MAX, f64::MIN, 0.0f64);
        // A snapshot is taken in one frame and rendered in the next, so the two halves of an
        // update never add up in a single long frame.
        let mut ready: Option<RunView> = None;
        FrameLoop::start(move |_| {
            if let Some(v) = ready.take() {
                view.set(v);
                return true;
            }
            let now = clock::now();
            let len = rec.len();
            cost += frame::take_ui_work();
            let gap = (10.0 * cost).max(15.0);
            if now - last_at >= gap && (len != last_len || now - last_at >= 100.0) {
                let log = Rc::new(rec.with_log(|l| l.clone()));
                tracker.borrow_mut().feed(&log.events);
                let now_ms = rec.elapsed();
                let metrics = Rc::new(tracker.borrow().metrics(now_ms));
                frame::measure("playground:snapshot", now);
                cost = frame::take_ui_work();
                last_at = now;
                last_len = len;
                ready = Some(RunView {
                    log,
                    now_ms,
                    done_steps: rec.steps_done(),
                    metrics,
                    lag: Some(heartbeat.stats()),
                    ..base.clone()
                });
            }
            true
        })
    };
    *live.borrow_mut() = Some(Live { stopper, _frames: frames });

    wasm_bindgen_futures::spawn_local(async move {
        let log = run.finished().await;
        let t = clock::now();
        heartbeat.stop();
        live.borrow_mut().take();
        let end = log.events.iter().map(|e| e.t_ms).fold(0.0, f64::max);
        tracker.borrow_mut().feed(&log.events);
        let m = tracker.borrow().metrics(end);
        let stopped = m.count(Outcome::Cancelled) > 0;
        frame::measure("playground:snapshot", t);
        if !stopped {
            let mut w = walls.borrow_mut();
            w.retain(|(wm, _, _)| *wm != mode);
            w.push((mode, scenario.clone(), m.wall_ms));
        }
        view.set(RunView {
            log: Rc::new(log),
            now_ms: end,
            running: false,
            done_steps: rec.steps_done(),
            metrics: Rc::new(m),
            lag: Some(heartbeat.stats()),
            stopped,
            ..base
        });
    });
}
