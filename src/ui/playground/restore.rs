//! What the playground starts from: a share link in the address (it wins), else what this
//! browser stored, else the defaults. Every path goes through the engine's decoders and
//! validation; anything unreadable becomes a notice for the reader, never a panic, and a corrupt
//! stored entry is set aside under a backup key rather than wiped.

use crate::web::{share, storage};
use engine::permalink::{decode_link, is_link};
use engine::saved::{decode_draft_entry, decode_mode_entry, encode_draft_entry};
use engine::RunMode;
use engine::ScenarioDraft;

/// A message shown above the playground after it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// An error (red, announced at once) or information.
    pub error: bool,
    /// What happened, and what the page did about it.
    pub text: String,
    /// Whether the notice offers to bring back the scenario a link replaced.
    pub offers_previous: bool,
}

/// What the page restores.
#[derive(Default)]
pub struct Restored {
    /// The scenario, if a link or storage had one.
    pub draft: Option<ScenarioDraft>,
    /// The run mode, if known.
    pub mode: Option<RunMode>,
    /// The Workers field's text, if a link set it.
    pub workers: Option<String>,
    /// What to tell the reader.
    pub notices: Vec<Notice>,
    /// The reader's own stored scenario, when a link replaced it in the editor.
    pub previous: Option<ScenarioDraft>,
}

fn stored<T>(
    key: &str,
    what: &str,
    decode: impl Fn(&str) -> Result<T, String>,
    notices: &mut Vec<Notice>,
) -> Option<T> {
    let text = storage::load(key)?;
    match decode(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            let kept = match storage::set_aside(key, &text) {
                Ok(backup) => format!("It was set aside under “{backup}” in this browser's storage"),
                Err(why) => format!("It could not be set aside ({why})"),
            };
            notices.push(Notice {
                error: true,
                text: format!("Your saved {what} could not be read: {e}. {kept}, and the default is used."),
                offers_previous: false,
            });
            None
        }
    }
}

/// Reads the address and storage once, when the page starts. `cores` bounds the Workers field.
pub fn restore(cores: u32) -> Restored {
    let mut out = Restored::default();
    if let Some(frag) = share::fragment().filter(|f| is_link(f)) {
        match decode_link(&frag) {
            Ok(run) => {
                out.mode = Some(run.mode);
                if let Some(w) = run.workers {
                    if w > cores {
                        out.notices.push(Notice {
                            error: false,
                            text: format!("The link asked for {w} workers; this machine has {cores} logical cores, so Workers is set to {cores}."),
                            offers_previous: false,
                        });
                    }
                    out.workers = Some(w.min(cores).to_string());
                }
                // The reader's own scenario is about to be saved over: keep it, and offer it back.
                let previous = storage::load(storage::PLAYGROUND_DRAFT)
                    .and_then(|t| decode_draft_entry(&t).ok())
                    .map(|l| l.value)
                    .filter(|d| *d != run.draft);
                let kept = previous.as_ref().map_or(String::new(), |d| {
                    let key = format!("{}.before-link", storage::PLAYGROUND_DRAFT);
                    match storage::save(&key, &encode_draft_entry(d)) {
                        Ok(()) => " Your own scenario is kept: bring it back any time.".to_string(),
                        // Still offered back for this visit; a reload would lose it.
                        Err(why) => format!(
                            " Your own scenario is kept for this visit only: it could not be saved ({why})."
                        ),
                    }
                });
                out.notices.push(Notice {
                    error: false,
                    text: format!("Opened a shared link: its scenario, mode and worker count are loaded (and saved here as you edit).{kept}"),
                    offers_previous: previous.is_some(),
                });
                out.draft = Some(run.draft);
                out.previous = previous;
                // Later edits are saved in storage; a reload should show them, not the link again.
                share::clear_fragment();
                return out;
            }
            Err(e) => out.notices.push(Notice {
                error: true,
                text: format!(
                    "This shared link could not be opened — {e}. Your last saved scenario is shown instead."
                ),
                offers_previous: false,
            }),
        }
    }
    out.draft = stored(
        storage::PLAYGROUND_DRAFT,
        "scenario",
        |t| decode_draft_entry(t).map(|l| l.value),
        &mut out.notices,
    );
    out.mode = stored(
        storage::PLAYGROUND_MODE,
        "run mode",
        |t| decode_mode_entry(t).map(|l| l.value),
        &mut out.notices,
    );
    out
}
