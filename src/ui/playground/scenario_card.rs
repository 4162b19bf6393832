//! The playground's first card: the preset picker with the preset's description, and the
//! scenario editor.

use super::scenario_editor::ScenarioEditor;
use engine::scenario::FieldError;
use engine::{presets, DraftEdit, ScenarioDraft};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`ScenarioCard`].
#[derive(Properties, PartialEq)]
pub struct ScenarioCardProps {
    /// The draft being edited.
    pub draft: Rc<ScenarioDraft>,
    /// The preset the draft is, if unchanged since it was loaded.
    pub preset: Option<&'static str>,
    /// The draft's validation errors (empty when valid).
    pub errors: Rc<Vec<FieldError>>,
    /// Applies an edit (one callback for the page's life, so a live run never re-renders the
    /// editor).
    pub on_edit: Callback<DraftEdit>,
    /// Loads the preset of this id.
    pub on_preset: Callback<String>,
}

/// "1 · Scenario": pick a preset or edit the tasks.
#[component]
pub fn ScenarioCard(props: &ScenarioCardProps) -> Html {
    let all_presets = use_memo((), |_| presets::all());
    let on_preset = props.on_preset.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let preset_value = props.preset.unwrap_or("custom");
    let description = props
        .preset
        .and_then(|id| all_presets.iter().find(|p| p.id == id))
        .map(|p| p.description)
        .unwrap_or("Your own scenario: edited from a preset.");
    html! {
        <section class="card" aria-labelledby="scenario-h">
            <h2 id="scenario-h">{ "1 · Scenario" }</h2>
            <div class="preset-row">
                <label for="preset">{ "Preset" }</label>
                <select id="preset" onchange={on_preset}>
                    if props.preset.is_none() { <option value="custom" selected=true>{ "Custom (edited)" }</option> }
                    { for all_presets.iter().map(|p| html! {
                        <option value={p.id} selected={p.id == preset_value}>{ p.title }</option>
                    }) }
                </select>
                <p class="muted preset-desc" data-testid="preset-description">{ description }</p>
            </div>
            <ScenarioEditor draft={props.draft.clone()} errors={props.errors.clone()} on_edit={props.on_edit.clone()} />
        </section>
    }
}
