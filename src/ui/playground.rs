//! The event-loop playground: edit tasks (or pick a tutorial preset), run them for real on the
//! page's event loop, sequentially or concurrently, or in parallel on the worker pool, and watch
//! them interleave — live log, timeline, metrics and the equivalent Python and Rust code.
//!
//! The page's hooks hold the editor (use_editor.rs over state.rs), the mode and the Workers field
//! (use_run_settings.rs), restore and save them (use_saved_page.rs) and run the scenario
//! (use_run.rs); its cards render them (scenario_card.rs, run_controls.rs, run_status.rs,
//! run_views.rs, run_tools.rs, code_card.rs).

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
pub mod use_editor;
pub mod use_run;
pub mod use_run_settings;
pub mod use_saved_page;
pub mod worker_check;

use crate::web::frame;
use autosave::save_warning;
use code_card::{code_card, CodeCardProps};
use engine::RunMode;
use restore_notices::{restore_notices, RestoreNoticesProps};
use run_controls::RunControls;
use run_status::RunStatus;
use run_tools::RunTools;
use run_views::RunViews;
use scenario_card::{scenario_card, ScenarioCardProps};
use share_bar::ShareBar;
use speedup::{speedup, speedup_note};
use use_editor::{use_editor, Editor};
use use_run::{use_run, RunHandle};
use use_run_settings::{use_run_settings, RunSettings};
use use_saved_page::{use_saved_page, SavedPage};
use worker_check::WorkerCheck;
use yew::prelude::*;

/// Moves the focus to the Run button (the skip link's target).
fn focus_run_button(_: MouseEvent) {
    let run = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("run-button"));
    if let Some(b) = run.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
        b.scroll_into_view();
        let _ = b.focus();
    }
}

/// Why the Run button is off, beyond a run going on: an invalid draft or Workers field, or a
/// parallel run of a scenario with resources (its refusal says why).
struct Blocks {
    workers_error: Option<String>,
    refusal: Option<String>,
}

impl Blocks {
    fn of(editor: &Editor, settings: &RunSettings) -> Blocks {
        // The parallel mode shares only locks, semaphores and counters between workers: a
        // scenario with anything else says why it cannot run there (engine::shared_sync::refusal).
        let refusal = if *settings.mode == RunMode::Parallel {
            editor.scenario.as_ref().and_then(|s| s.parallel_refusal())
        } else {
            None
        };
        Blocks { workers_error: settings.workers_error(), refusal }
    }

    fn any(&self, editor: &Editor) -> bool {
        editor.scenario.is_none() || self.workers_error.is_some() || self.refusal.is_some()
    }
}

/// Card 2: the mode, the Workers field, Run and Stop, the share bar and the run's status.
fn run_card(
    editor: &Editor,
    settings: &RunSettings,
    saved: &SavedPage,
    run: &RunHandle,
    on_run: Callback<()>,
) -> Html {
    let busy = run.session.busy();
    let blocks = Blocks::of(editor, settings);
    let on_stop = {
        let run = run.clone();
        Callback::from(move |()| run.stop())
    };
    let scenario = &editor.scenario;
    html! {
        <section class="card run-card" aria-labelledby="run-h">
            <h2 id="run-h">{ "2 · Run" }</h2>
            <RunControls mode={*settings.mode} on_mode={settings.on_mode()} busy={busy} can_stop={busy}
                valid={scenario.is_some()} has_errors={!editor.errors.is_empty()} workers_text={(*settings.workers_text).clone()}
                workers_error={blocks.workers_error.clone()} refusal={blocks.refusal.clone()} max={settings.max}
                on_workers={settings.on_workers(&saved.autosave)} on_run={on_run} on_stop={on_stop} />
            <ShareBar draft={editor.state.draft.clone()} valid={scenario.is_some()} mode={*settings.mode}
                workers={settings.workers.clone().ok()} />
            <RunStatus feed={run.feed.numbers.clone()} planned={scenario.as_ref().map_or(0, |s| s.total_steps())}
                blocked={!editor.errors.is_empty() || blocks.any(editor)}
                note={run.session.stage.clone().or_else(|| run.session.error.clone())} />
        </section>
    }
}

/// The playground page.
#[component]
pub fn Playground() -> Html {
    frame::update_renders();
    let editor = use_editor();
    let settings = use_run_settings();
    let saved = use_saved_page(
        editor.state.clone(),
        settings.mode.clone(),
        settings.workers_text.clone(),
        settings.max,
    );
    let run = use_run();
    // A live update ends when it is rendered and committed: measure it whole (see web::frame).
    use_effect(|| frame::end_update("playground:update"));
    // `?bench-hooks` only: the lock benchmark's hook (web::sync_bench); nothing links to it.
    use_effect_with((), |_| crate::web::sync_bench::install_if_asked());

    let on_run = {
        let (run, scenario, mode, workers) =
            (run.clone(), editor.scenario.clone(), *settings.mode, settings.workers.clone());
        Callback::from(move |()| {
            if let Some(s) = scenario.clone() {
                run.start(s, mode, workers.clone());
            }
        })
    };
    let view = run.view();
    let v = &*view;
    let speedup = speedup(v, &run.walls);
    let speedup_note = speedup_note(v, speedup);
    // Ctrl+Enter (⌘+Enter) runs from any field of the page, when Run is enabled.
    let can_run = !(run.session.busy() || Blocks::of(&editor, &settings).any(&editor));
    let on_key = {
        let on_run = on_run.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) && can_run {
                e.prevent_default();
                on_run.emit(());
            }
        })
    };
    let last_run =
        (!v.running && v.run > 0).then(|| v.scenario.clone().map(|s| (v.log.clone(), s))).flatten();

    html! {
        <div class="playground" onkeydown={on_key}>
            <button class="skip-link" onclick={focus_run_button}>{ "Skip to Run (Ctrl+Enter runs from any field)" }</button>
            <header class="page-head">
                <h1>{ "Event-loop playground" }</h1>
                <p class="lede">{ "Edit tasks, run them on this page's real event loop (real timers, real CPU work, timed with performance.now()) and watch them take turns. Concurrency is turn-taking, not simultaneity: one task holds the thread at a time." }</p>
            </header>
            if !saved.notices.is_empty() {
                { restore_notices(&RestoreNoticesProps { notices: saved.notices.clone(), on_dismiss: saved.on_dismiss.clone(), on_previous: saved.on_previous.clone() }) }
            }
            if let Some(problem) = saved.autosave.problem() { { save_warning(&problem) } }

            { scenario_card(&ScenarioCardProps { draft: editor.state.draft.clone(), preset: editor.state.preset, errors: editor.errors.clone(),
                on_edit: editor.on_edit.clone(), on_preset: editor.on_preset.clone(),
                can_restore: editor.state.replaced.is_some(), on_restore: editor.on_restore.clone(), last_run }) }

            { run_card(&editor, &settings, &saved, &run, on_run) }

            // --- The run's timeline, metrics and log: they follow a live run through `feed` ---
            <RunViews feeds={run.feed.clone()} parallel={v.mode == RunMode::Parallel} speedup={speedup} speedup_note={speedup_note} />

            // --- Export, import and replay of the finished run (run_tools.rs) ---
            <section class="card" aria-labelledby="tools-h">
                <h2 id="tools-h">{ "Export, import and replay" }</h2>
                <RunTools log={(!v.running && v.run > 0).then(|| v.log.clone())} run={v.run} mode={v.mode}
                    workers={(v.mode == RunMode::Parallel).then_some(v.workers)} />
            </section>

            { code_card(&CodeCardProps { scenario: editor.scenario.clone(), mode: *settings.mode, workers: settings.workers.clone().unwrap_or(settings.max) }) }

            <details class="card worker-details">
                <summary><h2>{ "Check the Web Worker path" }</h2></summary>
                <WorkerCheck />
            </details>
        </div>
    }
}
