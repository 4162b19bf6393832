//! The playground's editor: its state (state.rs, a reducer over the draft), the draft validated
//! once per change, and the page-long callbacks its cards send edits through.

use super::state::{EditorAction, EditorState};
use engine::scenario::FieldError;
use engine::{DraftEdit, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// What [`use_editor`] gives the page.
#[derive(Clone)]
pub struct Editor {
    /// The editor's state (the draft, its preset, whether it was restored).
    pub state: UseReducerHandle<EditorState>,
    /// The draft as a scenario, if it is valid.
    pub scenario: Option<Rc<Scenario>>,
    /// The draft's validation errors (empty when it is valid).
    pub errors: Rc<Vec<FieldError>>,
    /// Applies an edit to the draft.
    pub on_edit: Callback<DraftEdit>,
    /// Loads a preset by its id.
    pub on_preset: Callback<String>,
    /// Brings back the draft that picking a preset replaced.
    pub on_restore: Callback<()>,
}

/// The playground's editor (see the module). Its callbacks live as long as the page: a new one
/// per render would re-render the whole editor on every live update of a run.
#[hook]
pub fn use_editor() -> Editor {
    let state = use_reducer(EditorState::default);
    let validated = {
        let draft = state.draft.clone();
        use_memo(state.version, move |_| match draft.validate() {
            Ok(s) => (Some(Rc::new(s)), Rc::new(Vec::new())),
            Err(e) => (None, Rc::new(e)),
        })
    };
    let callbacks = {
        let dispatch = state.dispatcher().to_callback();
        use_memo((), move |_| {
            (
                dispatch.reform(EditorAction::Edit),
                dispatch.reform(EditorAction::LoadPreset),
                dispatch.reform(|()| EditorAction::RestoreReplaced),
            )
        })
    };
    let (on_edit, on_preset, on_restore) = (*callbacks).clone();
    Editor {
        scenario: validated.0.clone(),
        errors: validated.1.clone(),
        on_edit,
        on_preset,
        on_restore,
        state,
    }
}
