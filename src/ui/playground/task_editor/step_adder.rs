//! The buttons that add a step to a task: CPU work, an await, or any other kind picked from a list.

use super::{kind_name, on_click};
use engine::{DraftEdit, StepKindDraft};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`StepAdder`].
#[derive(Properties, PartialEq)]
pub struct StepAdderProps {
    /// Index of the task in the scenario.
    pub task: usize,
    /// Applies an edit to the draft.
    pub on_edit: Callback<DraftEdit>,
}

/// The step-adding buttons of one task; it remembers the kind picked in its list.
#[component]
pub fn StepAdder(props: &StepAdderProps) -> Html {
    let i = props.task;
    let n1 = i + 1;
    let add_kind = use_state(|| StepKindDraft::With);
    let on_add_kind = {
        let add_kind = add_kind.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Some(kind) = StepKindDraft::from_label(&sel.value()) {
                add_kind.set(kind);
            }
        })
    };
    let click = |ed| on_click(&props.on_edit, ed);
    html! {
        <div class="step-add">
            <button onclick={click(DraftEdit::AddStep { task: i, kind: StepKindDraft::Work })}
                aria-label={format!("Add a CPU work step to task {n1}")}>{ "+ CPU work" }</button>
            <button onclick={click(DraftEdit::AddStep { task: i, kind: StepKindDraft::Wait })}
                aria-label={format!("Add an await step to task {n1}")}>{ "+ await" }</button>
            <label class="sr-only" for={format!("task-{i}-add-kind")}>{ format!("Kind of step to add to task {n1}") }</label>
            <select id={format!("task-{i}-add-kind")} onchange={on_add_kind}>
                { for StepKindDraft::ALL.iter().filter(|kd| !kd.is_classic()).map(|kd| html! {
                    <option value={kd.label()} selected={*kd == *add_kind}>{ kind_name(*kd) }</option>
                }) }
            </select>
            <button onclick={click(DraftEdit::AddStep { task: i, kind: *add_kind })}
                aria-label={format!("Add the chosen step to task {n1}")}>{ "+ Add step" }</button>
        </div>
    }
}
