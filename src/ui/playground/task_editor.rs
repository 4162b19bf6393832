//! One task in the scenario editor: name, start delay, its steps (CPU work or await, each with
//! its milliseconds), "all steps at once" fields, and buttons to reorder, duplicate and remove.
//! Every field shows its validation message beside it; the text typed stays as typed.

use engine::scenario::{Field, FieldError};
use engine::{DraftEdit, StepKindDraft, TaskDraft};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`TaskEditor`].
#[derive(Properties, PartialEq)]
pub struct TaskEditorProps {
    /// Index of the task in the scenario.
    pub index: usize,
    /// Number of tasks (to disable "move down" on the last).
    pub count: usize,
    /// The task as typed.
    pub task: TaskDraft,
    /// This task's validation errors.
    pub errors: Rc<Vec<FieldError>>,
    /// Applies an edit to the draft.
    pub on_edit: Callback<DraftEdit>,
}

fn message(errors: &[FieldError], field: Field) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(|e| e.problem.to_string())
}

/// A text field with its label, error message and accessible wiring.
fn field(
    id: String,
    label: Html,
    value: &str,
    error: Option<String>,
    class: &str,
    oninput: Callback<InputEvent>,
) -> Html {
    let err_id = format!("{id}-error");
    html! {
        <div class={classes!("field", class.to_string(), error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ label }</label>
            <input id={id} type="text" inputmode="decimal" value={value.to_string()} {oninput}
                aria-invalid={error.is_some().to_string()}
                aria-describedby={error.as_ref().map(|_| err_id.clone())} spellcheck="false" autocomplete="off" />
            if let Some(e) = error {
                <span class="field-error" id={err_id}>{ e }</span>
            }
        </div>
    }
}

/// The editor of one task.
#[component]
pub fn TaskEditor(props: &TaskEditorProps) -> Html {
    let i = props.index;
    let n1 = i + 1;
    let t = &props.task;
    let click = |ed: DraftEdit| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(ed.clone()))
    };
    let sr = |text: String| html! { <span class="sr-only">{ text }</span> };
    let on_edit = props.on_edit.clone();
    let name = field(
        format!("task-{i}-name"),
        html! { <>{ "Name" }{ sr(format!(" of task {n1}")) }</> },
        &t.name,
        message(&props.errors, Field::Name),
        "name",
        {
            let on_edit = on_edit.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                on_edit.emit(DraftEdit::SetName(i, input.value()));
            })
        },
    );
    let delay = field(
        format!("task-{i}-delay"),
        html! { <>{ "Start delay (ms)" }{ sr(format!(" of task {n1}")) }</> },
        &t.start_delay_ms,
        message(&props.errors, Field::StartDelay),
        "delay",
        {
            let on_edit = on_edit.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                on_edit.emit(DraftEdit::SetStartDelay(i, input.value()));
            })
        },
    );
    let all_field = |kind: StepKindDraft, text: &str, cls: &str| {
        let has = t.steps.iter().any(|s| s.kind == kind);
        if !has {
            return html! {};
        }
        let on_edit = on_edit.clone();
        let id = format!("task-{i}-all-{cls}");
        html! {
            <div class={classes!("field", "all", cls.to_string())}>
                <label for={id.clone()}>{ text.to_string() }{ sr(format!(" of task {n1}")) }</label>
                <input id={id} type="text" inputmode="decimal" placeholder="mixed"
                    value={t.common_ms(kind).unwrap_or("").to_string()} spellcheck="false" autocomplete="off"
                    oninput={Callback::from(move |e: InputEvent| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        on_edit.emit(DraftEdit::SetAllSteps { task: i, kind, ms: input.value() });
                    })} />
            </div>
        }
    };
    let steps = t.steps.iter().enumerate().map(|(k, s)| {
        let id = format!("task-{i}-step-{k}");
        let err = message(&props.errors, Field::StepMs(k));
        let err_id = format!("{id}-error");
        let on_kind = {
            let on_edit = on_edit.clone();
            Callback::from(move |e: Event| {
                let sel: HtmlSelectElement = e.target_unchecked_into();
                let kind = if sel.value() == "work" { StepKindDraft::Work } else { StepKindDraft::Wait };
                on_edit.emit(DraftEdit::SetStepKind { task: i, step: k, kind });
            })
        };
        let on_ms = {
            let on_edit = on_edit.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                on_edit.emit(DraftEdit::SetStepMs { task: i, step: k, ms: input.value() });
            })
        };
        let work = s.kind == StepKindDraft::Work;
        html! {
            <li class={classes!("step", if work { "work" } else { "wait" }, err.is_some().then_some("invalid"))}>
                <span class="step-no" aria-hidden="true">{ k + 1 }</span>
                <label class="sr-only" for={format!("{id}-kind")}>{ format!("Kind of step {} of task {n1}", k + 1) }</label>
                <select id={format!("{id}-kind")} onchange={on_kind}>
                    <option value="work" selected={work}>{ "CPU work" }</option>
                    <option value="wait" selected={!work}>{ "await" }</option>
                </select>
                <label class="sr-only" for={id.clone()}>{ format!("Step {} of task {n1} (ms)", k + 1) }</label>
                <input id={id} class="ms" type="text" inputmode="decimal" value={s.ms.clone()} oninput={on_ms}
                    aria-invalid={err.is_some().to_string()} aria-describedby={err.as_ref().map(|_| err_id.clone())}
                    spellcheck="false" autocomplete="off" />
                <span class="unit" aria-hidden="true">{ "ms" }</span>
                <button class="icon" aria-label={format!("Remove step {} of task {n1}", k + 1)}
                    onclick={click(DraftEdit::RemoveStep { task: i, step: k })}>{ "×" }</button>
                if let Some(e) = err {
                    <span class="field-error" id={err_id}>{ e }</span>
                }
            </li>
        }
    });
    let steps_error = message(&props.errors, Field::Steps);
    html! {
        <li class={classes!("task-card", format!("task-{}", i % 8))} aria-label={format!("Task {n1}")}>
            <div class="task-head">
                <span class="task-no">{ format!("#{n1}") }</span>
                { name }
                { delay }
                <div class="task-actions">
                    <button class="icon" aria-label={format!("Move task {n1} up")} disabled={i == 0}
                        onclick={click(DraftEdit::MoveTask { from: i, to: i.saturating_sub(1) })}>{ "↑" }</button>
                    <button class="icon" aria-label={format!("Move task {n1} down")} disabled={i + 1 >= props.count}
                        onclick={click(DraftEdit::MoveTask { from: i, to: i + 1 })}>{ "↓" }</button>
                    <button aria-label={format!("Duplicate task {n1}")} onclick={click(DraftEdit::DuplicateTask(i))}>{ "Duplicate" }</button>
                    <button class="danger" aria-label={format!("Remove task {n1}")} onclick={click(DraftEdit::RemoveTask(i))}>{ "Remove" }</button>
                </div>
            </div>
            <div class="task-steps">
                <span class="steps-label">{ format!("{} step{}", t.steps.len(), if t.steps.len() == 1 { "" } else { "s" }) }</span>
                <ol class="steps">{ for steps }</ol>
                <div class="step-add">
                    <button onclick={click(DraftEdit::AddStep { task: i, kind: StepKindDraft::Work })}
                        aria-label={format!("Add a CPU work step to task {n1}")}>{ "+ CPU work" }</button>
                    <button onclick={click(DraftEdit::AddStep { task: i, kind: StepKindDraft::Wait })}
                        aria-label={format!("Add an await step to task {n1}")}>{ "+ await" }</button>
                </div>
                if let Some(e) = steps_error { <span class="field-error">{ e }</span> }
            </div>
            if t.steps.len() > 1 {
                <div class="task-all">
                    <span class="muted">{ "All steps at once:" }</span>
                    { all_field(StepKindDraft::Work, "Every CPU work step (ms)", "work") }
                    { all_field(StepKindDraft::Wait, "Every await step (ms)", "wait") }
                </div>
            }
        </li>
    }
}
