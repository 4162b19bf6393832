//! A tour demo's Run button and what its run session has to say under it: the button (off and
//! reading "Running…" while the session is busy), an optional link to the same scenario in the
//! playground, the lab's waiting note, and the last run's error.

use crate::ui::shared::lab::{waiting_note, Activity};
use crate::ui::shared::run_session::Session;
use yew::prelude::*;

/// A link beside the Run button: its address and its words.
pub type Link = (String, &'static str);

/// The demo's Run button, its link (if any), the waiting note and the error of `session`;
/// `off` disables the button beyond a busy session (an invalid field).
pub fn run_bar<T>(
    session: &Session<T>,
    off: bool,
    onclick: Callback<MouseEvent>,
    link: Option<Link>,
) -> Html {
    let busy = session.busy();
    html! {
        <>
            <p class="demo-actions">
                <button class="button primary" disabled={busy || off} {onclick}>
                    { if busy { "Running…" } else { "Run it" } }
                </button>
                if let Some((href, words)) = link {
                    { " " }<a class="button" {href}>{ words }</a>
                }
            </p>
            if session.activity == Activity::Waiting { { waiting_note() } }
            if let Some(e) = &session.error { <p class="field-error">{ e.clone() }</p> }
        </>
    }
}
