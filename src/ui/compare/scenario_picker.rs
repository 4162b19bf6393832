//! The comparison's "What to run" card: the scenario picker (the presets, and the playground's
//! scenario when one is saved), what the scenario contains, Run and Stop, and the status line.

use engine::parallel::{ComparePreset, Workload};
use engine::Scenario;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The picker's id for the scenario saved in the playground.
pub const SAVED_ID: &str = "saved";

/// What [`scenario_picker`] draws.
pub struct ScenarioPickerProps {
    /// The presets offered.
    pub presets: Rc<Vec<ComparePreset>>,
    /// The picked id ([`SAVED_ID`] for the playground's scenario).
    pub picked: AttrValue,
    /// Whether the playground's scenario is offered.
    pub saved: bool,
    /// The picked scenario.
    pub scenario: Rc<Scenario>,
    /// What is running now (`None`: nothing).
    pub busy: Option<String>,
    /// Whether Run may start (the pool is ready, nothing runs, the Workers field is valid).
    pub can_run: bool,
    /// Picks the scenario of this id.
    pub on_pick: Callback<String>,
    /// Runs the comparison.
    pub on_compare: Callback<()>,
    /// Stops what runs.
    pub on_stop: Callback<()>,
}

/// "What to run".
pub fn scenario_picker(props: &ScenarioPickerProps) -> Html {
    let (scenario, picked) = (&props.scenario, props.picked.as_str());
    let on_pick = props.on_pick.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <section class="card" aria-labelledby="scenario-h">
            <h2 id="scenario-h">{ "What to run" }</h2>
            <div class="field">
                <label for="compare-preset">{ "Scenario" }</label>
                <select id="compare-preset" onchange={on_pick} disabled={props.busy.is_some()}>
                    { for props.presets.iter().map(|p| html! {
                        <option value={p.id} selected={picked == p.id}>{ p.title }</option>
                    }) }
                    if props.saved {
                        <option value={SAVED_ID} selected={picked == SAVED_ID}>{ "Your scenario from the playground" }</option>
                    }
                </select>
            </div>
            <p class="muted" data-testid="scenario-summary">{ format!(
                "{} task{} · {:.0} units of CPU work · {:.0} ms of waiting (sequential ideal {:.0} ms) · {}",
                scenario.tasks.len(), if scenario.tasks.len() == 1 { "" } else { "s" }, scenario.total_work_ms(), scenario.sequential_ideal_ms() - scenario.total_work_ms(),
                scenario.sequential_ideal_ms(), Workload::of(scenario).label()
            ) }</p>
            <div class="actions">
                <button class="primary" onclick={props.on_compare.reform(|_: MouseEvent| ())} disabled={!props.can_run}>{ "Run the comparison" }</button>
                <button onclick={props.on_stop.reform(|_: MouseEvent| ())} disabled={props.busy.is_none()}>{ "Stop" }</button>
            </div>
            <p role="status" class="busy" data-testid="busy">{ props.busy.clone().unwrap_or_default() }</p>
        </section>
    }
}
