//! Sharing and autosave of the playground (restore.rs, autosave.rs): at mount a share link wins
//! over storage, and what cannot be read becomes a notice (a corrupt stored entry is set aside,
//! never wiped); afterwards every edit and the mode are saved as they change.

use super::autosave::{use_autosave, Autosave};
use super::restore::{self, Notice};
use super::state::{EditorAction, EditorState};
use crate::web::storage;
use engine::saved;
use engine::RunMode;
use std::rc::Rc;
use yew::prelude::*;

/// What [`use_saved_page`] gives the page.
pub struct SavedPage {
    /// What the restore has to tell, oldest first.
    pub notices: Rc<Vec<Notice>>,
    /// Dismisses notice `i`.
    pub on_dismiss: Callback<usize>,
    /// Brings back the reader's own scenario that a share link replaced (notice `i` offers it).
    pub on_previous: Callback<usize>,
    /// The page's saves, and why the latest failed.
    pub autosave: Autosave,
}

/// Restores the page's draft, mode and Workers field at mount, then saves the draft and the mode
/// on every change (once restored, so the default never overwrites what was stored).
#[hook]
pub fn use_saved_page(
    editor: UseReducerHandle<EditorState>,
    mode: UseStateHandle<RunMode>,
    workers_text: UseStateHandle<String>,
    max: u32,
) -> SavedPage {
    let notices = use_state(|| Rc::new(Vec::<Notice>::new()));
    let autosave = use_autosave();
    // The reader's own scenario that a share link replaced, offered back in its notice.
    let previous = use_mut_ref(|| None::<engine::ScenarioDraft>);
    {
        let (editor, mode, notices, previous) =
            (editor.clone(), mode.clone(), notices.clone(), previous.clone());
        use_effect_with((), move |_| {
            let r = restore::restore(max);
            if let Some(m) = r.mode {
                mode.set(m);
            }
            // A link's worker count wins; else the Workers field as the reader last typed it
            // (valid or not: what the reader typed is never thrown away).
            if let Some(w) = r.workers.or_else(|| storage::load(storage::PLAYGROUND_WORKERS)) {
                workers_text.set(w);
            }
            notices.set(Rc::new(r.notices));
            *previous.borrow_mut() = r.previous;
            editor.dispatch(EditorAction::Restore(r.draft));
        });
    }
    {
        let (editor, autosave) = (editor.clone(), autosave.clone());
        use_effect_with(editor.version, move |_| {
            if editor.restored {
                autosave.save(storage::PLAYGROUND_DRAFT, &saved::encode_draft_entry(&editor.draft));
            }
        });
    }
    {
        let (restored, autosave) = (editor.restored, autosave.clone());
        use_effect_with((*mode, restored), move |(m, restored)| {
            if *restored {
                autosave.save(storage::PLAYGROUND_MODE, &saved::encode_mode_entry(*m));
            }
        });
    }
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |i: usize| {
            let mut v = (**notices).clone();
            if i < v.len() {
                v.remove(i);
            }
            notices.set(Rc::new(v));
        })
    };
    let on_previous = {
        let (editor, on_dismiss) = (editor.clone(), on_dismiss.clone());
        Callback::from(move |i: usize| {
            if let Some(d) = previous.borrow_mut().take() {
                editor.dispatch(EditorAction::Restore(Some(d)));
            }
            on_dismiss.emit(i);
        })
    };
    SavedPage { notices: (*notices).clone(), on_dismiss, on_previous, autosave }
}
