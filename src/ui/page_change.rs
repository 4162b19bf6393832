//! What a new page needs from the browser when the router changes it: the document title of that
//! page (its main heading, by the rule the build's static pages use) and, on a move to another
//! page, the top of the page rather than the last page's scroll position.

use yew::prelude::*;
use yew_router::prelude::*;

/// Sets the title and scroll position after each page change; renders nothing.
#[component]
pub fn PageChange() -> Html {
    let path = use_location().map(|l| l.path().to_string()).unwrap_or_default();
    // The first page keeps the scroll position the browser restores on a reload.
    let first = use_mut_ref(|| true);
    use_effect_with(path, move |path| {
        let Some(window) = web_sys::window() else { return };
        if let Some(doc) = window.document() {
            // Effects run once the whole page has rendered, so its heading is in the document.
            let heading = doc.query_selector("main h1").ok().flatten().and_then(|h| h.text_content());
            doc.set_title(&engine::tour::page_title(path == "/", heading.as_deref()));
        }
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    html! {}
}
