//! The Share button: puts the scenario, the run mode and the worker count in a link
//! ([`engine::permalink::encode_link`]), copies it when the browser allows, and always shows it
//! in a field the reader can copy from.

use crate::web::share;
use engine::permalink::{encode_link, SharedRun, MAX_LINK_CHARS};
use engine::RunMode;
use engine::ScenarioDraft;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Links longer than this may be cut by chat apps and mail clients: the reader is told.
const LONG_LINK_CHARS: usize = 8_000;

/// Props of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// The scenario as typed.
    pub draft: Rc<ScenarioDraft>,
    /// Whether the draft is valid: only a valid scenario is shared.
    pub valid: bool,
    /// The selected run mode.
    pub mode: RunMode,
    /// The worker count, if the Workers field is valid.
    pub workers: Option<u32>,
}

/// What the last press of Share gave.
#[derive(Clone, PartialEq)]
enum Shared {
    None,
    Link { url: String, note: String },
    Failed(String),
}

/// A Share button with the link's field and a status line.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let shared = use_state(|| Shared::None);
    // A new edit makes the shown link stale: drop it rather than show a link to another scenario.
    {
        let shared = shared.clone();
        use_effect_with((props.draft.clone(), props.mode, props.workers), move |_| shared.set(Shared::None));
    }
    let on_share = {
        let (shared, draft, mode, workers) = (shared.clone(), props.draft.clone(), props.mode, props.workers);
        Callback::from(move |_: MouseEvent| {
            let run = SharedRun { draft: (*draft).clone(), mode, workers };
            let fragment = encode_link(&run);
            if fragment.len() > MAX_LINK_CHARS {
                shared.set(Shared::Failed(format!(
                    "This scenario is too big for a link: {} characters, and browsers accept about {MAX_LINK_CHARS}. Export the log or use fewer tasks.",
                    fragment.len()
                )));
                return;
            }
            let url = share::link_to(&fragment);
            let long = if url.len() > LONG_LINK_CHARS {
                format!(" It is {} characters long: some chat apps cut links that long.", url.len())
            } else {
                String::new()
            };
            shared.set(Shared::Link { url: url.clone(), note: format!("Copying…{long}") });
            let shared = shared.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let note = match share::copy(&url).await {
                    Ok(()) => format!("Copied to the clipboard. Anyone opening it sees this scenario, mode and worker count.{long}"),
                    Err(e) => format!("Copy the link from the field ({e}).{long}"),
                };
                shared.set(Shared::Link { url, note });
            });
        })
    };
    let select_all = Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select());
    html! {
        <div class="share-bar">
            <button onclick={on_share} disabled={!props.valid} aria-describedby="share-status">{ "Share" }</button>
            { match &*shared {
                Shared::None => html! {
                    <span id="share-status" class="muted small">{
                        if props.valid { "Make a link to this scenario, mode and worker count." }
                        else { "Fix the scenario's problems to share it." }
                    }</span>
                },
                Shared::Link { url, note } => html! {
                    <>
                        <label for="share-link" class="share-label">{ "Link to this scenario" }</label>
                        <input id="share-link" class="share-link" type="text" readonly=true value={url.clone()} onfocus={select_all} />
                        <span id="share-status" class="muted small" role="status" data-testid="share-status">{ note.clone() }</span>
                    </>
                },
                Shared::Failed(e) => html! {
                    <span id="share-status" class="error small" role="alert">{ e.clone() }</span>
                },
            } }
        </div>
    }
}
