//! The playground's autosave: every edit, the mode and the Workers field are saved to the
//! browser's storage, and a save that fails (storage full, or disabled by the browser) is told
//! to the reader beside the editor, because the panic banner's "Reload, keeping my scenario" and
//! a plain reload rely on those saves.

use crate::web::storage;
use yew::prelude::*;

/// Saves to storage and remembers why the latest save failed, if it did.
#[derive(Clone, PartialEq)]
pub struct Autosave {
    problem: UseStateHandle<Option<String>>,
}

impl Autosave {
    /// Saves `value` under `key`; a failure is kept for [`Autosave::problem`], and the next
    /// save that works clears it.
    pub fn save(&self, key: &str, value: &str) {
        let now = storage::save(key, value).err();
        if *self.problem != now {
            self.problem.set(now);
        }
    }

    /// Why the latest save failed, or `None` while saving works.
    pub fn problem(&self) -> Option<String> {
        (*self.problem).clone()
    }
}

/// The page's autosave handle.
#[hook]
pub fn use_autosave() -> Autosave {
    Autosave { problem: use_state(|| None) }
}

/// Says that edits are not being saved, why (`problem`: why the latest save failed), and how to
/// keep the scenario anyway.
pub fn save_warning(problem: &str) -> Html {
    html! {
        <div class="restore-notice bad" role="alert" data-testid="save-warning">
            <p>
                { "Your edits are not being saved in this browser (" }{ problem }
                { "). A reload, or the crash banner's “Reload, keeping my scenario”, would lose them: copy a share link below to keep this scenario." }
            </p>
        </div>
    }
}
