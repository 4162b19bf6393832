//! One task in the scenario editor: name, start delay, its steps (CPU work and awaits with their
//! milliseconds; locks, semaphores, events, barriers, queues, counters, blocks, child tasks,
//! cancellation and failures, each naming what it uses), "all steps at once" fields, and buttons
//! to reorder, duplicate and remove.
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
    // Each step is indented by the blocks (`with`, `timeout`) open around it.
    let depths = block_depths(t);
    let res_list = format!("task-{i}-resources");
    let task_list = format!("task-{i}-tasks");
    let steps = t.steps.iter().enumerate().map(|(k, s)| {
        let id = format!("task-{i}-step-{k}");
        let field = if s.kind.has_ms() { Field::StepMs(k) } else { Field::StepArg(k) };
        let err = message(&props.errors, field).or_else(|| {
            // A block with no end, or an end with no block, is reported on either field.
            let other = if s.kind.has_ms() { Field::StepArg(k) } else { Field::StepMs(k) };
            message(&props.errors, other)
        });
        let err_id = format!("{id}-error");
        let on_kind = {
            let on_edit = on_edit.clone();
            Callback::from(move |e: Event| {
                let sel: HtmlSelectElement = e.target_unchecked_into();
                if let Some(kind) = StepKindDraft::from_label(&sel.value()) {
                    on_edit.emit(DraftEdit::SetStepKind { task: i, step: k, kind });
                }
            })
        };
        let on_ms = {
            let on_edit = on_edit.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                on_edit.emit(DraftEdit::SetStepMs { task: i, step: k, ms: input.value() });
            })
        };
        let on_arg = {
            let on_edit = on_edit.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                on_edit.emit(DraftEdit::SetStepArg { task: i, step: k, arg: input.value() });
            })
        };
        let kind_class = match s.kind {
            StepKindDraft::Work => "work",
            StepKindDraft::Wait => "wait",
            _ => "sync",
        };
        let (arg_label, list) = if s.kind.names_resource() {
            ("resource", Some(res_list.clone()))
        } else if s.kind.names_task() {
            ("task", Some(task_list.clone()))
        } else {
            ("message", None)
        };
        let depth = depths.get(k).copied().unwrap_or(0);
        html! {
            <li class={classes!("step", kind_class, err.is_some().then_some("invalid"),
                (depth > 0).then(|| format!("depth-{}", depth.min(3))))}>
                <span class="step-no" aria-hidden="true">{ k + 1 }</span>
                <label class="sr-only" for={format!("{id}-kind")}>{ format!("Kind of step {} of task {n1}", k + 1) }</label>
                <select id={format!("{id}-kind")} onchange={on_kind}>
                    { for StepKindDraft::ALL.iter().map(|kd| html! {
                        <option value={kd.label()} selected={*kd == s.kind}>{ kind_name(*kd) }</option>
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
                    onclick={click(DraftEdit::RemoveStep { task: i, step: k })}>{ "×" }</button>
                if let Some(e) = err {
                    <span class="field-error" id={err_id}>{ e }</span>
                }
            </li>
        }
    });
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
    let add_other = click(DraftEdit::AddStep { task: i, kind: *add_kind });
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
                    <label class="sr-only" for={format!("task-{i}-add-kind")}>{ format!("Kind of step to add to task {n1}") }</label>
                    <select id={format!("task-{i}-add-kind")} onchange={on_add_kind}>
                        { for StepKindDraft::ALL.iter().filter(|kd| !kd.is_classic()).map(|kd| html! {
                            <option value={kd.label()} selected={*kd == *add_kind}>{ kind_name(*kd) }</option>
                        }) }
                    </select>
                    <button onclick={add_other}
                        aria-label={format!("Add the chosen step to task {n1}")}>{ "+ Add step" }</button>
                </div>
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
                    { all_field(StepKindDraft::Work, "Every CPU work step (ms)", "work") }
                    { all_field(StepKindDraft::Wait, "Every await step (ms)", "wait") }
                </div>
            }
        </li>
    }
}
