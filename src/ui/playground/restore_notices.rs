//! Notices about what the page restored at start: a shared link opened, or a link or stored
//! entry that could not be read (and what the page did instead). Each can be dismissed.

use crate::ui::playground::restore::Notice;
use std::rc::Rc;
use yew::prelude::*;

/// What [`restore_notices`] draws.
pub struct RestoreNoticesProps {
    /// The notices, oldest first.
    pub notices: Rc<Vec<Notice>>,
    /// Dismisses notice `i`.
    pub on_dismiss: Callback<usize>,
    /// Brings back the scenario a link replaced (for notice `i`, which offers it).
    pub on_previous: Callback<usize>,
}

/// The notices, errors announced at once (`role="alert"`), information politely.
pub fn restore_notices(props: &RestoreNoticesProps) -> Html {
    html! {
        <div class="restore-notices">
            { for props.notices.iter().enumerate().map(|(i, n)| {
                let dismiss = props.on_dismiss.reform(move |_: MouseEvent| i);
                let previous = props.on_previous.reform(move |_: MouseEvent| i);
                html! {
                    <div class={classes!("restore-notice", n.error.then_some("bad"))}
                        role={if n.error { "alert" } else { "status" }} data-testid="restore-notice">
                        <p>{ n.text.clone() }</p>
                        if n.offers_previous {
                            <button onclick={previous}>{ "Bring back my scenario" }</button>
                        }
                        <button class="icon" onclick={dismiss} aria-label="Dismiss this notice">{ "✕" }</button>
                    </div>
                }
            }) }
        </div>
    }
}
