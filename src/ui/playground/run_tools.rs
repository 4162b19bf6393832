//! After a run: export its log (JSON, CSV) and its timeline (SVG) as files, import a JSON log to
//! view it again, and replay either one on a virtual clock ([`RunReplay`]). Files are made and
//! read in the page (Blob, object URL, File): nothing goes over the network.

use crate::ui::playground::replay::RunReplay;
use crate::web::download;
use engine::export::{timeline_svg, to_csv, LogFile};
use engine::{EventLog, RunMode};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Largest log file accepted for import, bytes.
const MAX_IMPORT_BYTES: f64 = 64e6;
/// Width of an exported timeline, px.
const SVG_WIDTH: f64 = 1200.0;

/// Props of [`RunTools`].
#[derive(Properties, PartialEq)]
pub struct RunToolsProps {
    /// The finished run's log (`None` before the first run and while one is running).
    pub log: Option<Rc<EventLog>>,
    /// Generation of that run (changes with every run).
    pub run: u64,
    /// The run's mode (its key names it in the exported file).
    pub mode: RunMode,
    /// Workers of a parallel run.
    #[prop_or_default]
    pub workers: Option<u32>,
}

/// A log being looked at: the last run's, or one imported from a file.
#[derive(Clone, PartialEq)]
struct Source {
    log: Rc<EventLog>,
    /// `None` for the last run, else the file's name.
    file: Option<String>,
    mode: Option<String>,
    workers: Option<u32>,
    /// Key for the replay (changes with every new source).
    key: u64,
}

/// The file that exports `s` as `what` (`json`, `csv` or `svg`): its name, type and text.
fn export_file(s: &Source, what: &str) -> (String, &'static str, String) {
    let stem = format!("async-playground-{}", s.mode.as_deref().unwrap_or("run"));
    match what {
        "json" => (
            format!("{stem}-log.json"),
            "application/json",
            LogFile::new((*s.log).clone(), s.mode.as_deref(), s.workers).to_json(),
        ),
        "csv" => (format!("{stem}-log.csv"), "text/csv", to_csv(&s.log)),
        _ => {
            let title = format!(
                "Async Playground: {} run, {} tasks",
                s.mode.as_deref().unwrap_or("a"),
                s.log.task_names.len()
            );
            (format!("{stem}-timeline.svg"), "image/svg+xml", timeline_svg(&s.log, &title, SVG_WIDTH))
        }
    }
}

/// The line that says which log the tools work on.
fn source_words(source: &Option<Source>) -> String {
    match source {
        Some(Source { file: Some(f), log, mode, workers, .. }) => {
            let how = match (mode.as_deref(), workers) {
                (Some(m), Some(w)) => format!(" (a {m} run on {w} worker{})", if *w == 1 { "" } else { "s" }),
                (Some(m), None) => format!(" (a {m} run)"),
                _ => String::new(),
            };
            format!("Imported from {f}{how}: {} events.", log.events.len())
        }
        Some(s) => format!("The last run: {} events.", s.log.events.len()),
        None => "Run the scenario first (or import a log).".to_string(),
    }
}

/// Where an import shows: the source it sets, the replay it opens, the status it reports, and
/// how many imports there were (each imported log gets its own replay key).
#[derive(Clone)]
struct ImportTargets {
    imported: UseStateHandle<Option<Source>>,
    replaying: UseStateHandle<bool>,
    status: UseStateHandle<Option<(bool, String)>>,
    imports: Rc<std::cell::RefCell<u64>>,
}

/// Reads the file picked in `el` as a JSON log and shows it, or says why it cannot.
async fn import_picked(el: HtmlInputElement, to: ImportTargets) {
    let picked = download::read_picked(&el, MAX_IMPORT_BYTES).await;
    // Clear the input so picking the same file again imports it again.
    el.set_value("");
    let (name, text) = match picked {
        Ok(x) => x,
        Err(e) => return to.status.set(Some((true, format!("Could not import: {e}. Nothing was changed.")))),
    };
    match LogFile::from_json(&text) {
        Ok(f) => {
            *to.imports.borrow_mut() += 1;
            to.status.set(Some((
                false,
                format!(
                    "Imported {name}: {} events of {} tasks. Replay it below.",
                    f.log.events.len(),
                    f.log.task_names.len()
                ),
            )));
            to.imported.set(Some(Source {
                log: Rc::new(f.log),
                file: Some(name),
                mode: f.mode,
                workers: f.workers,
                key: u64::MAX - *to.imports.borrow(),
            }));
            to.replaying.set(true);
        }
        Err(e) => to.status.set(Some((true, format!("Could not import {name}: {e}. Nothing was changed.")))),
    }
}

/// Export, import and replay.
#[component]
pub fn RunTools(props: &RunToolsProps) -> Html {
    let imported = use_state(|| None::<Source>);
    let replaying = use_state(|| false);
    let status = use_state(|| None::<(bool, String)>);
    let imports = use_mut_ref(|| 0u64);
    let input = use_node_ref();
    // A new run replaces an imported log in view, and closes the replay of the previous run.
    {
        let (imported, replaying, status) = (imported.clone(), replaying.clone(), status.clone());
        use_effect_with(props.run, move |_| {
            imported.set(None);
            replaying.set(false);
            status.set(None);
        });
    }
    let source = (*imported).clone().or_else(|| {
        props.log.clone().map(|log| Source {
            log,
            file: None,
            mode: Some(props.mode.key().to_string()),
            workers: props.workers,
            key: props.run,
        })
    });
    let export = |what: &'static str| {
        let (source, status) = (source.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(s) = &source else { return };
            let (name, mime, text) = export_file(s, what);
            status.set(Some(match download::download(&name, mime, &text) {
                Ok(()) => (false, format!("Saved {name} ({:.1} kB).", text.len() as f64 / 1e3)),
                Err(e) => (true, format!("Could not save {name}: {e}.")),
            }));
        })
    };
    let on_import = {
        let to = ImportTargets {
            imported: imported.clone(),
            replaying: replaying.clone(),
            status: status.clone(),
            imports: imports.clone(),
        };
        let input = input.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                wasm_bindgen_futures::spawn_local(import_picked(el, to.clone()));
            }
        })
    };
    let toggle_replay = {
        let replaying = replaying.clone();
        Callback::from(move |_: MouseEvent| replaying.set(!*replaying))
    };
    let close_import = {
        let (imported, replaying) = (imported.clone(), replaying.clone());
        Callback::from(move |_: MouseEvent| {
            imported.set(None);
            replaying.set(false);
        })
    };
    let none = source.is_none();
    let what = source_words(&source);
    html! {
        <div class="run-tools">
            <p class="muted small" data-testid="tools-source">{ what }</p>
            <div class="tools-row">
                <button onclick={export("json")} disabled={none}>{ "Export log (JSON)" }</button>
                <button onclick={export("csv")} disabled={none}>{ "Export log (CSV)" }</button>
                <button onclick={export("svg")} disabled={none}>{ "Export timeline (SVG)" }</button>
                <span class="grow"></span>
                <span class="file-pick">
                    <label for="import-log">{ "Import a JSON log" }</label>
                    <input id="import-log" type="file" accept=".json,application/json" ref={input} onchange={on_import} />
                </span>
            </div>
            if let Some((error, text)) = &*status {
                <p class={classes!("tools-status", "small", if *error { "error" } else { "muted" })}
                    role={if *error { "alert" } else { "status" }} data-testid="tools-status">{ text.clone() }</p>
            }
            <div class="tools-row">
                <button onclick={toggle_replay} disabled={none} aria-expanded={replaying.to_string()}>
                    { if *replaying { "Hide replay" } else { "Replay" } }
                </button>
                if imported.is_some() {
                    <button onclick={close_import}>{ "Back to the last run" }</button>
                }
            </div>
            if let (true, Some(s)) = (*replaying, &source) {
                <section aria-label="Replay">
                    <RunReplay log={s.log.clone()} run={s.key} />
                </section>
            }
        </div>
    }
}
