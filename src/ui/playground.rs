//! The event-loop playground: edit tasks (or pick a tutorial preset), run them for real on the
//! page's event loop, sequentially or concurrently, or in parallel on the worker pool, and watch
//! them interleave — live log, timeline, metrics and the equivalent Python and Rust code.
//!
//! The page holds the editor's state (state.rs), the mode and the Workers field; its hooks
//! restore and save them (use_saved_page.rs) and run the scenario (use_run.rs); its cards render
//! them (scenario_card.rs, run_controls.rs, run_status.rs, run_views.rs, run_tools.rs,
//! code_card.rs).

pub mod autosave;
pub mod code_card;
pub mod live_view;
pub mod preset_picker;
pub mod progress_bar;
pub mod replay;
pub mod resource_editor;
pub mod restore;
pub mod restore_notices;
pub mod run_controls;
pub mod run_status;
pub mod run_tools;
pub mod run_view;
pub mod run_views;
pub mod scenario_card;
pub mod scenario_editor;
pub mod share_bar;
pub mod speedup;
pub mod state;
pub mod task_editor;
pub mod use_run;
pub mod use_saved_page;
pub mod worker_check;

use crate::ui::shared::lab::use_lab;
use crate::web::frame;
use crate::web::storage;
use autosave::SaveWarning;
use code_card::CodeCard;
use engine::RunMode;
use restore_notices::RestoreNotices;
use run_controls::RunControls;
use run_status::RunStatus;
use run_tools::RunTools;
use run_views::RunViews;
use scenario_card::ScenarioCard;
use share_bar::ShareBar;
use speedup::{speedup, speedup_note};
use state::{EditorAction, EditorState};
use std::rc::Rc;
use use_run::use_run;
use use_saved_page::use_saved_page;
use worker_check::WorkerCheck;
use yew::prelude::*;

/// The playground page.
#[component]
pub fn Playground() -> Html {
    frame::update_renders();
    let editor = use_reducer(EditorState::default);
    let mode = use_state(|| RunMode::Concurrent);
    let max = use_lab().env.cores;
    // What the reader typed in the Workers field (kept as typed, valid or not).
    let workers_text = use_state(|| max.to_string());
    let workers = engine::fields::workers(&workers_text, max);
    let saved = use_saved_page(editor.clone(), mode.clone(), workers_text.clone(), max);
    let run = use_run();

    // A live update ends when it is rendered and committed: measure it whole (see web::frame).
    use_effect(|| frame::end_update("playground:update"));
    // `?bench-hooks` only: the lock benchmark's hook (web::sync_bench); nothing links to it.
    use_effect_with((), |_| crate::web::sync_bench::install_if_asked());

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
        let dispatcher = editor.dispatcher();
        use_callback((), move |id: String, _| dispatcher.dispatch(EditorAction::LoadPreset(id)))
    };
    let on_restore = {
        let dispatcher = editor.dispatcher();
        use_callback((), move |(), _| dispatcher.dispatch(EditorAction::RestoreReplaced))
    };
    let on_run = {
        let (run, scenario, mode, workers) = (run.clone(), scenario.clone(), *mode, workers.clone());
        Callback::from(move |()| {
            if let Some(s) = scenario.clone() {
                run.start(s, mode, workers.clone());
            }
        })
    };
    let on_stop = {
        let run = run.clone();
        Callback::from(move |()| run.stop())
    };
    let on_workers = {
        let (workers_text, autosave) = (workers_text.clone(), saved.autosave.clone());
        Callback::from(move |text: String| {
            // Saved as the reader types (not from an effect, which would first save the
            // default over the stored value before the restore lands).
            autosave.save(storage::PLAYGROUND_WORKERS, &text);
            workers_text.set(text);
        })
    };
    let on_mode = {
        let mode = mode.clone();
        Callback::from(move |m: RunMode| mode.set(m))
    };

    let v = &**run.view;
    let speedup = speedup(v, &run.walls);
    let speedup_note = speedup_note(v, speedup);
    let busy = v.running || v.starting.is_some();
    let workers_error = if *mode == RunMode::Parallel { workers.clone().err() } else { None };
    // The parallel mode shares only locks, semaphores and counters between workers: a scenario
    // with anything else says why it cannot run there (engine::shared_sync::refusal).
    let refusal =
        if *mode == RunMode::Parallel { scenario.as_ref().and_then(|s| s.parallel_refusal()) } else { None };
    // Ctrl+Enter (⌘+Enter) runs from any field of the page, when Run is enabled.
    let can_run = !busy && scenario.is_some() && workers_error.is_none() && refusal.is_none();
    let on_key = {
        let on_run = on_run.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) && can_run {
                e.prevent_default();
                on_run.emit(());
            }
        })
    };
    let to_run = Callback::from(|_: MouseEvent| {
        let run =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("run-button"));
        if let Some(b) = run.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            b.scroll_into_view();
            let _ = b.focus();
        }
    });
    let last_run =
        (!v.running && v.run > 0).then(|| v.scenario.clone().map(|s| (v.log.clone(), s))).flatten();

    html! {
        <div class="playground" onkeydown={on_key}>
            <button class="skip-link" onclick={to_run}>{ "Skip to Run (Ctrl+Enter runs from any field)" }</button>
            <header class="page-head">
                <h1>{ "Event-loop playground" }</h1>
                <p class="lede">{ "Edit tasks, run them on this page's real event loop (real timers, real CPU work, timed with performance.now()) and watch them take turns. Concurrency is turn-taking, not simultaneity: one task holds the thread at a time." }</p>
            </header>
            if !saved.notices.is_empty() {
                <RestoreNotices notices={saved.notices.clone()} on_dismiss={saved.on_dismiss.clone()} on_previous={saved.on_previous.clone()} />
            }
            if let Some(problem) = saved.autosave.problem() { <SaveWarning problem={problem} /> }

            <ScenarioCard draft={editor.draft.clone()} preset={editor.preset} errors={errors.clone()} on_edit={on_edit} on_preset={on_preset}
                can_restore={editor.replaced.is_some()} on_restore={on_restore} last_run={last_run} />

            <section class="card run-card" aria-labelledby="run-h">
                <h2 id="run-h">{ "2 · Run" }</h2>
                <RunControls mode={*mode} on_mode={on_mode} busy={busy} can_stop={v.running || v.starting.is_some()}
                    valid={scenario.is_some()} has_errors={!errors.is_empty()} workers_text={(*workers_text).clone()}
                    workers_error={workers_error.clone()} refusal={refusal.clone()} max={max} on_workers={on_workers} on_run={on_run} on_stop={on_stop} />
                <ShareBar draft={editor.draft.clone()} valid={scenario.is_some()} mode={*mode}
                    workers={workers.clone().ok()} />
                <RunStatus feed={run.feed.numbers.clone()} planned={scenario.as_ref().map_or(0, |s| s.total_steps())}
                    blocked={scenario.is_none() || !errors.is_empty() || workers_error.is_some() || refusal.is_some()} />
            </section>

            // --- The run's timeline, metrics and log: they follow a live run through `feed` ---
            <RunViews feeds={run.feed.clone()} parallel={v.mode == RunMode::Parallel} speedup={speedup} speedup_note={speedup_note} />

            // --- Export, import and replay of the finished run (run_tools.rs) ---
            <section class="card" aria-labelledby="tools-h">
                <h2 id="tools-h">{ "Export, import and replay" }</h2>
                <RunTools log={(!v.running && v.run > 0).then(|| v.log.clone())} run={v.run} mode={v.mode}
                    workers={(v.mode == RunMode::Parallel).then_some(v.workers)} />
            </section>

            <CodeCard scenario={scenario.clone()} mode={*mode} workers={workers.clone().unwrap_or(max)} />

            <details class="card worker-details">
                <summary><h2>{ "Check the Web Worker path" }</h2></summary>
                <WorkerCheck />
            </details>
        </div>
    }
}
