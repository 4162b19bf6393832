//! The scenario's shared resources — locks, semaphores (with their permits), events, barriers
//! (with their parties), conditions (on a lock), queues (with their capacity) and counters — and
//! how the tasks run together (gather, task group). Each field shows its validation message
//! beside it; the text typed stays as typed.

use engine::scenario::{Field, FieldError, ResourceDraft, ResourceKindDraft, Structure};
use engine::DraftEdit;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`ResourceEditor`].
#[derive(Properties, PartialEq)]
pub struct ResourceEditorProps {
    /// The declared resources, as typed.
    pub resources: Rc<Vec<ResourceDraft>>,
    /// How the tasks run together.
    pub structure: Structure,
    /// The scenario's validation errors (this editor shows the resources' ones).
    pub errors: Rc<Vec<FieldError>>,
    /// Applies an edit to the draft.
    pub on_edit: Callback<DraftEdit>,
}

/// What the size field of a kind means.
fn size_label(k: ResourceKindDraft) -> &'static str {
    match k {
        ResourceKindDraft::Semaphore => "Permits",
        ResourceKindDraft::Barrier => "Parties",
        _ => "Capacity (0: rendezvous)",
    }
}

fn structure_label(s: Structure) -> &'static str {
    match s {
        Structure::All => "await every task (each to its end)",
        Structure::Gather { return_exceptions: false } => "asyncio.gather (a failure is raised)",
        Structure::Gather { return_exceptions: true } => "asyncio.gather(return_exceptions=True)",
        Structure::TaskGroup => "asyncio.TaskGroup (a failure cancels the rest)",
    }
}

const STRUCTURES: [Structure; 4] = [
    Structure::All,
    Structure::Gather { return_exceptions: false },
    Structure::Gather { return_exceptions: true },
    Structure::TaskGroup,
];

/// The resources' editor and the structure picker.
#[component]
pub fn ResourceEditor(props: &ResourceEditorProps) -> Html {
    let add_kind = use_state(|| ResourceKindDraft::Lock);
    let on_edit = props.on_edit.clone();
    let message = |field: Field| {
        props.errors.iter().find(|e| e.task.is_none() && e.field == field).map(|e| e.problem.to_string())
    };
    let text_field = |id: String,
                      label: String,
                      value: &str,
                      err: Option<String>,
                      edit: fn(usize, String) -> DraftEdit,
                      i: usize,
                      cls: &'static str| {
        let on_edit = on_edit.clone();
        let err_id = format!("{id}-error");
        html! {
            <div class={classes!("field", cls, err.is_some().then_some("invalid"))}>
                <label for={id.clone()}>{ label }</label>
                <input id={id} type="text" value={value.to_string()} spellcheck="false" autocomplete="off"
                    aria-invalid={err.is_some().to_string()} aria-describedby={err.as_ref().map(|_| err_id.clone())}
                    oninput={Callback::from(move |e: InputEvent| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        on_edit.emit(edit(i, input.value()));
                    })} />
                if let Some(e) = err {
                    <span class="field-error" id={err_id}>{ e }</span>
                }
            </div>
        }
    };
    let rows = props.resources.iter().enumerate().map(|(i, r)| {
        let n1 = i + 1;
        let remove = {
            let on_edit = on_edit.clone();
            Callback::from(move |_: MouseEvent| on_edit.emit(DraftEdit::RemoveResource(i)))
        };
        html! {
            <li class={classes!("resource", r.kind.noun())} aria-label={format!("Resource {n1}: {}", r.kind.noun())}>
                <span class="resource-kind">{ r.kind.noun() }</span>
                { text_field(format!("res-{i}-name"), "Name".into(), &r.name, message(Field::ResourceName(i)),
                    DraftEdit::SetResourceName, i, "name") }
                if r.kind.has_size() {
                    { text_field(format!("res-{i}-size"), size_label(r.kind).into(), &r.size,
                        message(Field::ResourceSize(i)), DraftEdit::SetResourceSize, i, "size") }
                }
                if r.kind == ResourceKindDraft::Condition {
                    { text_field(format!("res-{i}-lock"), "Its lock".into(), &r.lock,
                        message(Field::ResourceLock(i)), DraftEdit::SetResourceLock, i, "lock") }
                }
                <button class="danger" aria-label={format!("Remove resource {n1} ({})", r.name)} onclick={remove}>{ "Remove" }</button>
            </li>
        }
    });
    let on_add_kind = {
        let add_kind = add_kind.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Some(k) = sel.value().chars().next().and_then(ResourceKindDraft::from_code) {
                add_kind.set(k);
            }
        })
    };
    let add = {
        let (on_edit, kind) = (on_edit.clone(), *add_kind);
        Callback::from(move |_: MouseEvent| on_edit.emit(DraftEdit::AddResource(kind)))
    };
    let on_structure = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Some(s) = Structure::from_key(&sel.value()) {
                on_edit.emit(DraftEdit::SetStructure(s));
            }
        })
    };
    html! {
        <div class="resource-editor" data-testid="resource-editor">
            <div class="field structure">
                <label for="structure">{ "Run the tasks with" }</label>
                <select id="structure" onchange={on_structure}>
                    { for STRUCTURES.iter().map(|s| html! {
                        <option value={s.key()} selected={*s == props.structure}>{ structure_label(*s) }</option>
                    }) }
                </select>
            </div>
            <h3 class="resources-h">{ format!("Shared resources ({})", props.resources.len()) }</h3>
            if !props.resources.is_empty() {
                <ul class="resources" aria-label="Shared resources">{ for rows }</ul>
            }
            <div class="resource-add">
                <label class="sr-only" for="res-add-kind">{ "Kind of resource to add" }</label>
                <select id="res-add-kind" onchange={on_add_kind}>
                    { for ResourceKindDraft::ALL.iter().map(|k| html! {
                        <option value={k.code().to_string()} selected={*k == *add_kind}>{ k.noun() }</option>
                    }) }
                </select>
                <button onclick={add}>{ "+ Add resource" }</button>
            </div>
        </div>
    }
}
