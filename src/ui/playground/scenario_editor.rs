//! The scenario editor: the list of tasks (paged, so a 10,000-task scenario stays editable), a
//! button to add one, and a summary of the problems that keep Run disabled.

use super::resource_editor::ResourceEditor;
use super::task_editor::TaskEditor;
use engine::scenario::FieldError;
use engine::{DraftEdit, ScenarioDraft};
use std::rc::Rc;
use yew::prelude::*;

/// Tasks shown per page of the editor.
pub const PAGE: usize = 20;
/// Problems listed in the summary.
const MAX_LISTED: usize = 6;

/// Props of [`ScenarioEditor`].
#[derive(Properties, PartialEq)]
pub struct ScenarioEditorProps {
    /// The draft being edited.
    pub draft: Rc<ScenarioDraft>,
    /// Its validation errors (empty when valid).
    pub errors: Rc<Vec<FieldError>>,
    /// Applies an edit.
    pub on_edit: Callback<DraftEdit>,
}

/// The editor of a whole scenario.
#[component]
pub fn ScenarioEditor(props: &ScenarioEditorProps) -> Html {
    let n = props.draft.tasks.len();
    let pages = n.div_ceil(PAGE).max(1);
    let page = use_state(|| 0usize);
    let shown_page = (*page).min(pages - 1);
    {
        // When a task is added at the end, show the page it is on.
        let page = page.clone();
        use_effect_with(n, move |n| {
            let last = n.div_ceil(PAGE).max(1) - 1;
            if *page > last || (*n > 0 && *page + 1 == last && n % PAGE == 1) {
                page.set(last);
            }
        });
    }
    let from = shown_page * PAGE;
    let to = (from + PAGE).min(n);
    let goto = |p: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(p))
    };
    let add = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(DraftEdit::AddTask))
    };
    let count = props.errors.len();
    // The names a step may refer to, suggested in its field.
    let res_names = {
        let draft = props.draft.clone();
        use_memo(draft, |d| d.resources.iter().map(|r| r.name.clone()).collect::<Vec<_>>())
    };
    let task_names = {
        let draft = props.draft.clone();
        use_memo(draft, |d| d.tasks.iter().map(|t| t.name.clone()).collect::<Vec<_>>())
    };
    html! {
        <div class="scenario-editor">
            if count > 0 {
                <div class="problems" role="alert" data-testid="problems">
                    <strong>{ format!("{count} problem{} to fix before Run:", if count == 1 { "" } else { "s" }) }</strong>
                    <ul>
                        { for props.errors.iter().take(MAX_LISTED).map(|e| {
                            let p = e.task.map(|t| t / PAGE);
                            html! {
                                <li>
                                    { e.to_string() }
                                    if let Some(p) = p.filter(|p| *p != shown_page) {
                                        { " " }<button class="link" onclick={goto(p)}>{ format!("show page {}", p + 1) }</button>
                                    }
                                </li>
                            }
                        }) }
                        if count > MAX_LISTED { <li>{ format!("… and {} more", count - MAX_LISTED) }</li> }
                    </ul>
                </div>
            }
            <ResourceEditor resources={Rc::new(props.draft.resources.clone())} structure={props.draft.structure}
                errors={props.errors.clone()} on_edit={props.on_edit.clone()} />
            <ol class="tasks" aria-label="Tasks">
                { for (from..to).map(|i| {
                    let errors: Vec<FieldError> = props.errors.iter().filter(|e| e.task == Some(i)).cloned().collect();
                    html! {
                        <TaskEditor key={i} index={i} count={n} task={props.draft.tasks[i].clone()}
                            errors={Rc::new(errors)} on_edit={props.on_edit.clone()}
                            resources={res_names.clone()} tasks={task_names.clone()} />
                    }
                }) }
            </ol>
            <div class="editor-foot">
                <button onclick={add}>{ "+ Add task" }</button>
                if pages > 1 {
                    <nav class="pager" aria-label="Task pages">
                        <button onclick={goto(shown_page.saturating_sub(1))} disabled={shown_page == 0}>{ "← Previous" }</button>
                        <span>{ format!("Tasks {}–{} of {} (page {} of {})", from + 1, to, n, shown_page + 1, pages) }</span>
                        <button onclick={goto(shown_page + 1)} disabled={shown_page + 1 >= pages}>{ "Next →" }</button>
                    </nav>
                }
            </div>
        </div>
    }
}
