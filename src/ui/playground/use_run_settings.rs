//! The playground's run settings: the mode, and the Workers field as typed with the worker count
//! it gives (at most the page's cores; `engine::fields::workers` decides).

use super::autosave::Autosave;
use crate::ui::shared::lab::use_lab;
use crate::web::storage;
use engine::RunMode;
use yew::prelude::*;

/// What [`use_run_settings`] gives the page.
#[derive(Clone)]
pub struct RunSettings {
    /// The run mode picked.
    pub mode: UseStateHandle<RunMode>,
    /// What the reader typed in the Workers field (kept as typed, valid or not).
    pub workers_text: UseStateHandle<String>,
    /// The worker count the field gives, or why it gives none.
    pub workers: Result<u32, String>,
    /// The page's cores: the most workers, and the field's default.
    pub max: u32,
}

impl RunSettings {
    /// Picks a mode.
    pub fn on_mode(&self) -> Callback<RunMode> {
        let mode = self.mode.clone();
        Callback::from(move |m: RunMode| mode.set(m))
    }

    /// Takes what the reader types in the Workers field, and saves it as it is typed (not from
    /// an effect, which would first save the default over the stored value before the restore
    /// lands).
    pub fn on_workers(&self, autosave: &Autosave) -> Callback<String> {
        let (workers_text, autosave) = (self.workers_text.clone(), autosave.clone());
        Callback::from(move |text: String| {
            autosave.save(storage::PLAYGROUND_WORKERS, &text);
            workers_text.set(text);
        })
    }

    /// Why the Workers field stops a run: only in the parallel mode.
    pub fn workers_error(&self) -> Option<String> {
        (*self.mode == RunMode::Parallel).then(|| self.workers.clone().err()).flatten()
    }
}

/// The playground's run settings (see the module).
#[hook]
pub fn use_run_settings() -> RunSettings {
    let mode = use_state(|| RunMode::Concurrent);
    let max = use_lab().env.cores;
    let workers_text = use_state(|| max.to_string());
    let workers = engine::fields::workers(&workers_text, max);
    RunSettings { mode, workers_text, workers, max }
}
