//! The page for unknown addresses.

use crate::ui::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// Says the address is unknown and links home.
#[component]
pub fn NotFound() -> Html {
    html! {
        <section class="card">
            <h1>{ "Page not found" }</h1>
            <p>{ "There is no page at this address. " }<Link<Route> to={Route::Home}>{ "Start the tour" }</Link<Route>></p>
        </section>
    }
}
