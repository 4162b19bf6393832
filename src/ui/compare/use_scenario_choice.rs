//! The comparison page's scenario: one of the comparison presets, or the scenario the reader
//! left in the playground (read from storage after the first render).

use super::scenario_picker::SAVED_ID;
use crate::web::storage;
use engine::parallel::{compare_presets, ComparePreset};
use engine::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// The scenario the reader left in the playground, if it is there and valid.
fn saved_scenario() -> Option<Scenario> {
    let text = storage::load(storage::PLAYGROUND_DRAFT)?;
    engine::saved::decode_draft_entry(&text).ok()?.value.validate().ok()
}

/// What [`use_scenario_choice`] gives the page.
pub struct ScenarioChoice {
    /// The comparison presets.
    pub presets: Rc<Vec<ComparePreset>>,
    /// The id picked: a preset's, or [`SAVED_ID`].
    pub picked: String,
    /// Whether the playground left a valid scenario.
    pub saved: bool,
    /// The scenario picked (the first preset when the saved one is missing).
    pub scenario: Rc<Scenario>,
    /// Picks by id.
    pub on_pick: Callback<String>,
}

/// The comparison page's scenario (see the module).
#[hook]
pub fn use_scenario_choice() -> ScenarioChoice {
    let saved = use_state(|| None::<Scenario>);
    {
        let saved = saved.clone();
        use_effect_with((), move |_| saved.set(saved_scenario()));
    }
    let presets = use_memo((), |_| compare_presets());
    let picked = use_state(|| presets[0].id.to_string());
    let scenario = Rc::new(if *picked == SAVED_ID {
        (*saved).clone().unwrap_or_else(|| presets[0].scenario.clone())
    } else {
        presets.iter().find(|p| p.id == *picked).unwrap_or(&presets[0]).scenario.clone()
    });
    let on_pick = {
        let picked = picked.clone();
        Callback::from(move |id: String| picked.set(id))
    };
    ScenarioChoice { presets, picked: (*picked).clone(), saved: saved.is_some(), scenario, on_pick }
}
