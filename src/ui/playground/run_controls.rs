//! The playground's run controls: the mode, Run and Stop, the Workers field of a parallel run,
//! and the note that says why Run is disabled.

use engine::RunMode;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`RunControls`].
#[derive(Properties, PartialEq)]
pub struct RunControlsProps {
    /// The selected mode.
    pub mode: RunMode,
    /// Selects a mode.
    pub on_mode: Callback<RunMode>,
    /// Whether a run goes on or its workers start (Run says "Running…").
    pub busy: bool,
    /// Whether Stop has something to stop.
    pub can_stop: bool,
    /// Whether the scenario is valid.
    pub valid: bool,
    /// Whether the scenario has problems (shown beside the editor).
    pub has_errors: bool,
    /// The Workers field as typed.
    pub workers_text: AttrValue,
    /// Why the Workers field is invalid, in parallel mode.
    pub workers_error: Option<String>,
    /// Why the parallel mode cannot run this scenario (a resource or step that cannot cross workers).
    #[prop_or_default]
    pub refusal: Option<String>,
    /// The most workers the field takes.
    pub max: u32,
    /// The reader typed in the Workers field.
    pub on_workers: Callback<String>,
    /// Run.
    pub on_run: Callback<()>,
    /// Stop.
    pub on_stop: Callback<()>,
}

/// Keeps the keyboard reader's place when a run starts and ends: Run is disabled while a run
/// goes on (so the browser drops its focus to the page), and Stop when it ends. Focus moves to
/// Stop when a run starts, and to the status line (the result) when it ends — only if focus was
/// on Run or Stop, or had fallen to the page, never away from where the reader is working.
#[hook]
fn use_run_focus(busy: bool) -> (NodeRef, NodeRef) {
    let (run_ref, stop_ref) = (use_node_ref(), use_node_ref());
    let was_busy = use_mut_ref(|| busy);
    {
        let (run_ref, stop_ref) = (run_ref.clone(), stop_ref.clone());
        use_effect_with(busy, move |&busy| {
            let changed = *was_busy.borrow() != busy;
            *was_busy.borrow_mut() = busy;
            let doc = web_sys::window().and_then(|w| w.document());
            if let (true, Some(doc)) = (changed, doc) {
                let active = doc.active_element();
                let ours = |r: &NodeRef| {
                    r.get().is_some_and(|n| active.as_ref().is_some_and(|a| a.is_same_node(Some(&n))))
                };
                let fallen =
                    active.as_ref().is_none_or(|a| doc.body().is_some_and(|b| a.is_same_node(Some(&b))));
                if fallen || ours(&run_ref) || ours(&stop_ref) {
                    let target = if busy {
                        stop_ref.cast::<web_sys::HtmlElement>()
                    } else {
                        doc.get_element_by_id("run-status")
                            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                    };
                    if let Some(t) = target {
                        let _ = t.focus();
                    }
                }
            }
        });
    }
    (run_ref, stop_ref)
}

/// Mode, Run, Stop and the Workers field.
#[component]
pub fn RunControls(props: &RunControlsProps) -> Html {
    let (mode, max, workers_error) = (props.mode, props.max, &props.workers_error);
    let (run_ref, stop_ref) = use_run_focus(props.busy);
    let on_workers =
        props.on_workers.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <>
            <div class="run-row">
                <fieldset class="modes">
                    <legend>{ "Mode" }</legend>
                    { for RunMode::OFFERED.into_iter().map(|m| html! {
                        <label class={classes!("mode", (mode == m).then_some("selected"))}>
                            <input type="radio" name="mode" value={m.key()} checked={mode == m}
                                onchange={props.on_mode.reform(move |_: Event| m)} />
                            <span><strong>{ m.label() }</strong><small>{ m.description() }</small></span>
                        </label>
                    }) }
                </fieldset>
                <div class="run-buttons">
                    <button ref={run_ref} id="run-button" class="primary big" onclick={props.on_run.reform(|_: MouseEvent| ())}
                        aria-keyshortcuts="Control+Enter"
                        disabled={props.busy || !props.valid || workers_error.is_some() || props.refusal.is_some()}
                        aria-describedby={(props.has_errors || workers_error.is_some() || props.refusal.is_some()).then_some("problems-note")}>
                        { if props.busy { "Running…" } else { "Run" } }
                    </button>
                    <button ref={stop_ref} class="danger big" onclick={props.on_stop.reform(|_: MouseEvent| ())} disabled={!props.can_stop}>{ "Stop" }</button>
                </div>
            </div>
            if mode == RunMode::Parallel {
                <div class={classes!("field", "workers-field", workers_error.is_some().then_some("invalid"))}>
                    <label for="pg-workers">{ format!("Workers (1–{max})") }</label>
                    <input id="pg-workers" type="number" min="1" max={max.to_string()} value={props.workers_text.clone()}
                        oninput={on_workers} disabled={props.busy} aria-invalid={workers_error.is_some().to_string()}
                        aria-describedby="pg-workers-error" />
                    <span id="pg-workers-error" class="field-error" role="alert">{ workers_error.clone().unwrap_or_default() }</span>
                </div>
            }
            if props.has_errors {
                <p class="error" id="problems-note">{ "Run is disabled until the scenario's problems are fixed." }</p>
            } else if workers_error.is_some() {
                <p class="error" id="problems-note">{ "Run is disabled until the Workers field is fixed." }</p>
            } else if let Some(why) = &props.refusal {
                <p class="error" id="problems-note" data-testid="parallel-refusal">{ format!("Run is disabled in this mode: {why}.") }</p>
            }
        </>
    }
}
