//! One task in the scenario editor: name, start delay, its steps (CPU work and awaits with their
//! milliseconds; locks, semaphores, events, barriers, queues, counters, blocks, child tasks,
//! cancellation and failures, each naming what it uses), "all steps at once" fields, and buttons
//! to reorder, duplicate and remove.
//! Every field shows its validation message beside it; the text typed stays as typed.

pub mod step_adder;
pub mod step_row;

use engine::scenario::{Field, FieldError};
use engine::{DraftEdit, StepKindDraft, TaskDraft};
use std::rc::Rc;
use step_adder::StepAdder;
use step_row::StepRow;
use web_sys::HtmlInputElement;
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
    /// Names of the declared resources (suggested in a resource step's field).
    #[prop_or_default]
    pub resources: Rc<Vec<String>>,
    /// Names of the scenario's tasks (suggested in a spawn, join or cancel step's field).
    #[prop_or_default]
    pub tasks: Rc<Vec<String>>,
}

/// The editor's words for a step kind.
pub fn kind_name(k: StepKindDraft) -> &'static str {
    match k {
        StepKindDraft::Work => "CPU work",
        StepKindDraft::Wait => "await",
        StepKindDraft::With => "async with (lock, semaphore)",
        StepKindDraft::Acquire => "acquire",
        StepKindDraft::Release => "release",
        StepKindDraft::Timeout => "timeout block",
        StepKindDraft::End => "end of block",
        StepKindDraft::WaitOn => "wait on (event, barrier, condition)",
        StepKindDraft::Set => "set event",
        StepKindDraft::Clear => "clear event",
        StepKindDraft::Notify => "notify one",
        StepKindDraft::NotifyAll => "notify all",
        StepKindDraft::Put => "put into queue",
        StepKindDraft::Get => "get from queue",
        StepKindDraft::Shutdown => "shut queue down",
        StepKindDraft::Read => "read counter",
        StepKindDraft::Write => "write counter + 1",
        StepKindDraft::Spawn => "spawn task",
        StepKindDraft::Join => "join task",
        StepKindDraft::Cancel => "cancel task",
        StepKindDraft::Fail => "fail (raise)",
    }
}

/// How many blocks are open around each step (an `end` sits at its block's depth).
fn block_depths(t: &TaskDraft) -> Vec<usize> {
    let mut depth = 0usize;
    t.steps
        .iter()
        .map(|s| match s.kind {
            StepKindDraft::With | StepKindDraft::Timeout => {
                depth += 1;
                depth - 1
            }
            StepKindDraft::End => {
                depth = depth.saturating_sub(1);
                depth
            }
            _ => depth,
        })
        .collect()
}

/// The validation message of one field, if it has one.
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

/// A callback that applies one fixed edit when clicked.
fn on_click(on_edit: &Callback<DraftEdit>, ed: DraftEdit) -> Callback<MouseEvent> {
    let on_edit = on_edit.clone();
    Callback::from(move |_: MouseEvent| on_edit.emit(ed.clone()))
}

/// Text for screen readers only.
fn sr(text: String) -> Html {
    html! { <span class="sr-only">{ text }</span> }
}

/// A callback that turns the typed text into an edit.
fn on_text(
    on_edit: &Callback<DraftEdit>,
    edit: impl Fn(String) -> DraftEdit + 'static,
) -> Callback<InputEvent> {
    let on_edit = on_edit.clone();
    Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on_edit.emit(edit(input.value()));
    })
}

/// The task's number, name, start delay, and its move, duplicate and remove buttons.
fn task_head(props: &TaskEditorProps) -> Html {
    let i = props.index;
    let n1 = i + 1;
    let t = &props.task;
    let name = field(
        format!("task-{i}-name"),
        html! { <>{ "Name" }{ sr(format!(" of task {n1}")) }</> },
        &t.name,
        message(&props.errors, Field::Name),
        "name",
        on_text(&props.on_edit, move |v| DraftEdit::SetName(i, v)),
    );
    let delay = field(
        format!("task-{i}-delay"),
        html! { <>{ "Start delay (ms)" }{ sr(format!(" of task {n1}")) }</> },
        &t.start_delay_ms,
        message(&props.errors, Field::StartDelay),
        "delay",
        on_text(&props.on_edit, move |v| DraftEdit::SetStartDelay(i, v)),
    );
    let click = |ed| on_click(&props.on_edit, ed);
    html! {
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
    }
}

/// One "every step of this kind at once" field, shown only if the task has such a step.
fn all_steps_field(props: &TaskEditorProps, kind: StepKindDraft, text: &str, cls: &str) -> Html {
    let i = props.index;
    let t = &props.task;
    if !t.steps.iter().any(|s| s.kind == kind) {
        return html! {};
    }
    let id = format!("task-{i}-all-{cls}");
    let oninput = on_text(&props.on_edit, move |ms| DraftEdit::SetAllSteps { task: i, kind, ms });
    html! {
        <div class={classes!("field", "all", cls.to_string())}>
            <label for={id.clone()}>{ text.to_string() }{ sr(format!(" of task {}", i + 1)) }</label>
            <input id={id} type="text" inputmode="decimal" placeholder="mixed"
                value={t.common_ms(kind).unwrap_or("").to_string()} spellcheck="false" autocomplete="off"
                {oninput} />
        </div>
    }
}

/// The editor of one task.
#[component]
pub fn TaskEditor(props: &TaskEditorProps) -> Html {
    let i = props.index;
    let t = &props.task;
    // Each step is indented by the blocks (`with`, `timeout`) open around it.
    let depths = block_depths(t);
    let res_list = format!("task-{i}-resources");
    let task_list = format!("task-{i}-tasks");
    let steps = t.steps.iter().enumerate().map(|(k, s)| {
        html! {
            <StepRow task={i} index={k} step={s.clone()} depth={depths.get(k).copied().unwrap_or(0)}
                errors={props.errors.clone()} on_edit={props.on_edit.clone()}
                resource_list={res_list.clone()} task_list={task_list.clone()} />
        }
    });
    let steps_error = message(&props.errors, Field::Steps);
    html! {
        <li class={classes!("task-card", format!("task-{}", i % 8))} aria-label={format!("Task {}", i + 1)}>
            { task_head(props) }
            <div class="task-steps">
                <span class="steps-label">{ format!("{} step{}", t.steps.len(), if t.steps.len() == 1 { "" } else { "s" }) }</span>
                <ol class="steps">{ for steps }</ol>
                <StepAdder task={i} on_edit={props.on_edit.clone()} />
                <datalist id={res_list}>
                    { for props.resources.iter().map(|r| html! { <option value={r.clone()} /> }) }
                </datalist>
                <datalist id={task_list}>
                    { for props.tasks.iter().filter(|n| **n != t.name).map(|n| html! { <option value={n.clone()} /> }) }
                </datalist>
                if let Some(e) = steps_error { <span class="field-error">{ e }</span> }
            </div>
            if t.steps.len() > 1 {
                <div class="task-all">
                    <span class="muted">{ "All steps at once:" }</span>
                    { all_steps_field(props, StepKindDraft::Work, "Every CPU work step (ms)", "work") }
                    { all_steps_field(props, StepKindDraft::Wait, "Every await step (ms)", "wait") }
                </div>
            }
        </li>
    }
}
