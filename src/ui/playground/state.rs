//! The playground's editor state: the draft the reader types, which preset it came from, and
//! whether the stored draft has been restored yet. Plain data with an action enum, as in Yew's
//! todomvc example; storage is read in an effect of the page, never in `Default`.

use engine::{presets, sync_presets, DraftEdit, ScenarioDraft};
use std::rc::Rc;
use yew::prelude::*;

/// The preset a fresh page starts with.
pub const DEFAULT_PRESET: &str = "hog-and-waiter";

/// The editor's state.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorState {
    /// What the reader typed.
    pub draft: Rc<ScenarioDraft>,
    /// The preset the draft is, if unchanged since it was loaded.
    pub preset: Option<&'static str>,
    /// Bumped on every change (cheap dependency for memos and the save effect).
    pub version: u64,
    /// Whether the stored draft was restored (until then, nothing is saved over it).
    pub restored: bool,
    /// The reader's own edited draft that picking a preset replaced, until it is restored or
    /// another edited draft is replaced: picking a preset never loses what the reader typed.
    pub replaced: Option<Rc<ScenarioDraft>>,
}

impl Default for EditorState {
    fn default() -> Self {
        let p = presets::by_id(DEFAULT_PRESET).unwrap_or_else(|| presets::all()[0].clone());
        Self {
            draft: Rc::new(p.scenario.to_draft()),
            preset: Some(p.id),
            version: 0,
            restored: false,
            replaced: None,
        }
    }
}

/// Every preset's id and draft: the classic ones, then those with resources and structure.
pub fn preset_drafts() -> impl Iterator<Item = (&'static str, ScenarioDraft)> {
    presets::all()
        .into_iter()
        .map(|p| (p.id, p.scenario.to_draft()))
        .chain(sync_presets::all().into_iter().map(|p| (p.id, p.draft)))
}

/// What can happen to the editor state.
#[derive(Clone, Debug)]
pub enum EditorAction {
    /// The reader edited the draft.
    Edit(DraftEdit),
    /// The reader picked a preset.
    LoadPreset(String),
    /// The page restored a stored draft (`None`: there was none).
    Restore(Option<ScenarioDraft>),
    /// The reader asked for the edited draft a preset replaced.
    RestoreReplaced,
}

impl Reducible for EditorState {
    type Action = EditorAction;

    fn reduce(self: Rc<Self>, action: EditorAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            EditorAction::Edit(edit) => {
                Rc::make_mut(&mut s.draft).apply(edit);
                s.preset = None;
            }
            EditorAction::LoadPreset(id) => match preset_drafts().find(|p| p.0 == id) {
                Some((id, draft)) => {
                    if s.preset.is_none() {
                        s.replaced = Some(s.draft.clone());
                    }
                    s.draft = Rc::new(draft);
                    s.preset = Some(id);
                }
                None => return self,
            },
            EditorAction::RestoreReplaced => match s.replaced.take() {
                Some(d) => {
                    s.preset = None;
                    s.draft = d;
                }
                None => return self,
            },
            EditorAction::Restore(draft) => {
                s.restored = true;
                if let Some(d) = draft {
                    s.preset = preset_drafts().find(|p| p.1 == d).map(|p| p.0);
                    s.draft = Rc::new(d);
                }
            }
        }
        s.version += 1;
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(s: Rc<EditorState>, a: EditorAction) -> Rc<EditorState> {
        s.reduce(a)
    }

    /// Guards the reader's work: a preset picked over an edited scenario keeps it for undo.
    #[test]
    fn picking_a_preset_over_edits_keeps_them_to_restore() {
        let start = Rc::new(EditorState::default());
        // Picking a preset over an unedited preset keeps nothing.
        let s = reduce(start.clone(), EditorAction::LoadPreset("two-sleeps".into()));
        assert!(s.replaced.is_none());
        // Edit, then pick a preset: the edited draft is kept.
        let edited = reduce(s, EditorAction::Edit(DraftEdit::AddTask));
        let mine = edited.draft.clone();
        let s = reduce(edited, EditorAction::LoadPreset("three-waits".into()));
        assert_eq!(s.preset, Some("three-waits"));
        assert_eq!(s.replaced.as_deref(), Some(&*mine));
        // Picking yet another preset keeps the reader's draft, not the preset's.
        let s = reduce(s, EditorAction::LoadPreset("two-sleeps".into()));
        assert_eq!(s.replaced.as_deref(), Some(&*mine));
        // Restoring brings it back, marked as edited, and there is nothing left to restore.
        let s = reduce(s, EditorAction::RestoreReplaced);
        assert_eq!(*s.draft, *mine);
        assert_eq!(s.preset, None);
        assert!(s.replaced.is_none());
        let again = reduce(s.clone(), EditorAction::RestoreReplaced);
        assert!(Rc::ptr_eq(&s, &again));
    }
}
