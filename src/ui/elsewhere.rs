//! A route whose page this module does not carry ([`crate::ui::pages`]): its own module is loaded
//! from the server.

use yew::prelude::*;

/// Loads the current address from the server; says why if that did not bring its page.
#[component]
pub fn Elsewhere() -> Html {
    let failed = use_state(|| false);
    {
        let failed = failed.clone();
        use_effect_with((), move |_| {
            if !crate::web::bundle::load_from_server() {
                failed.set(true);
            }
        });
    }
    if *failed {
        html! {
            <section class="card" role="alert">
                <h1>{ "This page did not load" }</h1>
                <p>{ "The server answered this address with another page's files, so the code that draws this page never arrived. A host for this site must send each address its own page (README, “Hosting the build”)." }</p>
                <p><a href="/">{ "Go to the tour" }</a></p>
            </section>
        }
    } else {
        html! {
            <section class="card" aria-busy="true">
                <p class="muted">{ "Opening this page…" }</p>
            </section>
        }
    }
}
