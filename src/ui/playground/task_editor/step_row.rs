//! One step of a task in the editor: its kind, its milliseconds or the name it uses, its remove
//! button and its validation message. Indented by the blocks open around it.

use super::{message, on_click, on_text};
use engine::scenario::{Field, FieldError};
use engine::{DraftEdit, StepDraft, StepKindDraft};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`StepRow`].
#[derive(Properties, PartialEq)]
pub struct StepRowProps {
    /// Index of the task in the scenario.
    pub task: usize,
    /// Index of the step in its task.
    pub index: usize,
    /// The step as typed.
    pub step: StepDraft,
    /// How many blocks are open around the step.
    pub depth: usize,
    /// The task's validation errors.
    pub errors: Rc<Vec<FieldError>>,
    /// Applies an edit to the draft.
    pub on_edit: Callback<DraftEdit>,
    /// Id of the datalist of resource names.
    pub resource_list: AttrValue,
    /// Id of the datalist of task names.
    pub task_list: AttrValue,
}

/// The CSS class of a step kind: CPU work, an await, or a synchronisation step.
fn kind_class(kind: StepKindDraft) -> &'static str {
    match kind {
        StepKindDraft::Work => "work",
        StepKindDraft::Wait => "wait",
        _ => "sync",
    }
}

/// One step of a task.
#[component]
pub fn StepRow(props: &StepRowProps) -> Html {
    let (i, k, s) = (props.task, props.index, &props.step);
    let n1 = i + 1;
    let id = format!("task-{i}-step-{k}");
    let (own, other) = if s.kind.has_ms() {
        (Field::StepMs(k), Field::StepArg(k))
    } else {
        (Field::StepArg(k), Field::StepMs(k))
    };
    // A block with no end, or an end with no block, is reported on either field.
    let err = message(&props.errors, own).or_else(|| message(&props.errors, other));
    let err_id = format!("{id}-error");
    let on_kind = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Some(kind) = StepKindDraft::from_label(&sel.value()) {
                on_edit.emit(DraftEdit::SetStepKind { task: i, step: k, kind });
            }
        })
    };
    let on_ms = on_text(&props.on_edit, move |ms| DraftEdit::SetStepMs { task: i, step: k, ms });
    let on_arg = on_text(&props.on_edit, move |arg| DraftEdit::SetStepArg { task: i, step: k, arg });
    let (arg_label, list) = if s.kind.names_resource() {
        ("resource", Some(props.resource_list.clone()))
    } else if s.kind.names_task() {
        ("task", Some(props.task_list.clone()))
    } else {
        ("message", None)
    };
    let depth = props.depth;
    html! {
        <li class={classes!("step", kind_class(s.kind), err.is_some().then_some("invalid"),
            (depth > 0).then(|| format!("depth-{}", depth.min(3))))}>
            <span class="step-no" aria-hidden="true">{ k + 1 }</span>
            <label class="sr-only" for={format!("{id}-kind")}>{ format!("Kind of step {} of task {n1}", k + 1) }</label>
            <select id={format!("{id}-kind")} onchange={on_kind}>
                { for StepKindDraft::ALL.iter().map(|kd| html! {
                    <option value={kd.label()} selected={*kd == s.kind}>{ super::kind_name(*kd) }</option>
                }) }
            </select>
            if s.kind.has_ms() {
                <label class="sr-only" for={id.clone()}>{ format!("Step {} of task {n1} (ms)", k + 1) }</label>
                <input id={id} class="ms" type="text" inputmode="decimal" value={s.ms.clone()} oninput={on_ms}
                    aria-invalid={err.is_some().to_string()} aria-describedby={err.as_ref().map(|_| err_id.clone())}
                    spellcheck="false" autocomplete="off" />
                <span class="unit" aria-hidden="true">{ "ms" }</span>
            } else if s.kind != StepKindDraft::End {
                <label class="sr-only" for={id.clone()}>{ format!("Step {} of task {n1} ({arg_label})", k + 1) }</label>
                <input id={id} class={classes!("arg", arg_label)} type="text" value={s.arg.clone()} oninput={on_arg}
                    list={list} placeholder={arg_label}
                    aria-invalid={err.is_some().to_string()} aria-describedby={err.as_ref().map(|_| err_id.clone())}
                    spellcheck="false" autocomplete="off" />
            }
            <button class="icon" aria-label={format!("Remove step {} of task {n1}", k + 1)}
                onclick={on_click(&props.on_edit, DraftEdit::RemoveStep { task: i, step: k })}>{ "×" }</button>
            if let Some(e) = err {
                <span class="field-error" id={err_id}>{ e }</span>
            }
        </li>
    }
}
