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
}

impl Default for EditorState {
    fn default() -> Self {
        let p = presets::by_id(DEFAULT_PRESET).unwrap_or_else(|| presets::all()[0].clone());
        Self { draft: Rc::new(p.scenario.to_draft()), preset: Some(p.id), version: 0, restored: false }
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
                    s.draft = Rc::new(draft);
                    s.preset = Some(id);
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
