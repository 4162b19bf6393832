//! The playground's first card: the preset picker (preset_picker.rs) with the preset's
//! description or claim, and the scenario editor.

use super::preset_picker::PresetPicker;
use super::scenario_editor::ScenarioEditor;
use engine::scenario::FieldError;
use engine::{DraftEdit, EventLog, Scenario, ScenarioDraft};
use std::rc::Rc;
use yew::prelude::*;

/// What [`scenario_card`] draws.
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
    /// Whether picking a preset replaced the reader's edited scenario (it can be restored).
    pub can_restore: bool,
    /// Brings back the edited scenario a preset replaced.
    pub on_restore: Callback<()>,
    /// The last finished run's log and the scenario it ran (a preset's claim is checked on it).
    pub last_run: Option<(Rc<EventLog>, Rc<Scenario>)>,
}

/// "1 · Scenario": pick a preset or edit the tasks.
pub fn scenario_card(props: &ScenarioCardProps) -> Html {
    html! {
        <section class="card" aria-labelledby="scenario-h">
            <h2 id="scenario-h">{ "1 · Scenario" }</h2>
            <PresetPicker preset={props.preset} on_pick={props.on_preset.clone()} run={props.last_run.clone()} />
            if props.can_restore {
                <p class="restore-edited" role="status" data-testid="restore-edited">
                    { "The preset replaced your edited scenario. " }
                    <button class="link" onclick={props.on_restore.reform(|_: MouseEvent| ())}>{ "Restore my edited scenario" }</button>
                </p>
            }
            <ScenarioEditor draft={props.draft.clone()} errors={props.errors.clone()} on_edit={props.on_edit.clone()} />
        </section>
    }
}
