//! Moving to a page another module of the app carries ([`crate::ui::pages`]): the browser loads
//! that address from the server, whose static page starts the right module.
//!
//! A host that answers every address with the same page (an "SPA fallback") would start this
//! module again and loop; so the address asked for is kept in `sessionStorage` for the one
//! reload, and a second arrival at it without a page that draws it stops there, saying why.

/// The `sessionStorage` key holding the address this tab reloaded for.
const KEY: &str = "async-playground:bundle-reload";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The current address: path, query and fragment.
fn here() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!("{}{}{}", location.pathname().ok()?, location.search().ok()?, location.hash().ok()?))
}

/// Loads the current address from the server, unless this tab already did and landed here
/// again (then `false`: the host did not send that page's own static page).
pub fn load_from_server() -> bool {
    let Some(here) = here() else { return false };
    let store = session();
    if let Some(s) = &store {
        if s.get_item(KEY).ok().flatten().as_deref() == Some(here.as_str()) {
            let _ = s.remove_item(KEY);
            return false;
        }
        let _ = s.set_item(KEY, &here);
    }
    web_sys::window().map(|w| w.location().reload().is_ok()).unwrap_or(false)
}

/// The page started a module that draws it: forget a reload asked for on the way here.
pub fn arrived() {
    if let Some(s) = session() {
        let _ = s.remove_item(KEY);
    }
}
