//! The preset picker: the tutorial's scenarios in groups (chapter 1's waits and CPU work, then
//! tasks and groups, the synchronisation primitives, failures and queues), the chosen one's
//! description or claim, and after a run of it the figure measured beside each claim.

use engine::sync_presets::{self, GROUPS};
use engine::{presets, EventLog, Scenario};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`PresetPicker`].
#[derive(Properties, PartialEq)]
pub struct PresetPickerProps {
    /// The preset the draft is, if unchanged since it was loaded.
    pub preset: Option<&'static str>,
    /// Picks the preset with this id.
    pub on_pick: Callback<String>,
    /// The last finished run's log, and the scenario it ran.
    #[prop_or_default]
    pub run: Option<(Rc<EventLog>, Rc<Scenario>)>,
}

/// The picker with the preset's description, claim and measured check.
#[component]
pub fn PresetPicker(props: &PresetPickerProps) -> Html {
    let classic = use_memo((), |_| presets::all());
    let synced = use_memo((), |_| sync_presets::all());
    let on_change = {
        let on_pick = props.on_pick.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            on_pick.emit(sel.value());
        })
    };
    let value = props.preset.unwrap_or("custom");
    let chosen_sync = props.preset.and_then(|id| synced.iter().find(|p| p.id == id));
    let description = props
        .preset
        .and_then(|id| classic.iter().find(|p| p.id == id).map(|p| p.description))
        .or(chosen_sync.map(|p| p.claim))
        .unwrap_or("Your own scenario: edited from a preset.");
    // The claim's checks, on a finished run of exactly this preset.
    let checks = chosen_sync.and_then(|p| {
        let (log, ran) = props.run.as_ref()?;
        (**ran == p.scenario()).then(|| p.checks.iter().map(|c| c.check(log)).collect::<Vec<_>>())
    });
    html! {
        <div class="preset-row">
            <label for="preset">{ "Preset" }</label>
            <select id="preset" onchange={on_change}>
                if props.preset.is_none() { <option value="custom" selected=true>{ "Custom (edited)" }</option> }
                <optgroup label="Waits and CPU work (chapter 1)">
                    { for classic.iter().map(|p| html! {
                        <option value={p.id} selected={p.id == value}>{ p.title }</option>
                    }) }
                </optgroup>
                { for GROUPS.iter().map(|g| html! {
                    <optgroup label={*g}>
                        { for synced.iter().filter(|p| p.group() == *g).map(|p| html! {
                            <option value={p.id} selected={p.id == value}>{ p.title }</option>
                        }) }
                    </optgroup>
                }) }
            </select>
            <p class="muted preset-desc" data-testid="preset-description">
                if chosen_sync.is_some() { <strong>{ "The tutorial's claim: " }</strong> }
                { description }
            </p>
            if let Some(checks) = checks {
                <ul class="claim-checks" data-testid="claim-checks" aria-label="The claim, measured in the last run">
                    { for checks.into_iter().map(|c| match c {
                        Ok(text) => html! { <li class="ok">{ "✓ measured: " }{ text }</li> },
                        Err(text) => html! { <li class="bad">{ "✗ measured: " }{ text }</li> },
                    }) }
                </ul>
            }
        </div>
    }
}
