//! What the reader sees when the app panics: a banner (`role="alert"`) with the panic message and
//! a link that reloads the page. The scenario survives because the playground saves every edit
//! to storage as it happens ([`crate::web::storage`]).
//!
//! The banner is built with plain DOM calls from inside the panic hook: after a panic Yew's tree
//! (and any `RefCell` it held) may be broken, and on wasm32 a panic aborts the instance, so
//! nothing here may rely on Yew or on running Rust code later. That is also why the action is a
//! plain link (the browser navigates without calling back into wasm).

use wasm_bindgen::JsCast;

/// The query parameter that makes the app panic on purpose shortly after it starts, for the e2e
/// test of this banner: `/playground?panic-test`. Nothing in the app links to it.
pub const PANIC_TEST_PARAM: &str = "panic-test";

/// The panic hook: the console message of `console_error_panic_hook`, then the banner. Install
/// it with `yew::set_custom_panic_hook(Box::new(panic_banner::hook))` before rendering: Yew's
/// renderer replaces a hook set with `std::panic::set_hook` by its own.
pub fn hook(info: &std::panic::PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    show(&info.to_string());
}

/// Whether this page load asked for a test panic (see [`PANIC_TEST_PARAM`]).
pub fn panic_test_requested() -> bool {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    search.trim_start_matches('?').split('&').any(|p| p.split('=').next() == Some(PANIC_TEST_PARAM))
}

/// The current address without the test parameter, so reloading does not panic again.
fn reload_href(location: &web_sys::Location) -> String {
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    let hash = location.hash().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(PANIC_TEST_PARAM))
        .collect();
    let query = if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) };
    format!("{path}{query}{hash}")
}

/// Adds the banner to the top of the page (once: a second panic keeps the first message).
fn show(message: &str) -> Option<()> {
    let window = web_sys::window()?;
    let doc = window.document()?;
    if doc.get_element_by_id("panic-banner").is_some() {
        return Some(());
    }
    let body = doc.body()?;
    let banner = doc.create_element("div").ok()?;
    banner.set_id("panic-banner");
    banner.set_class_name("panic-banner");
    banner.set_attribute("role", "alert").ok()?;
    banner.set_attribute("data-testid", "panic-banner").ok()?;

    let title = doc.create_element("h2").ok()?;
    title.set_text_content(Some("Something broke inside the page"));
    let explain = doc.create_element("p").ok()?;
    explain.set_text_content(Some(
        "The page stopped working after an internal error. Your scenario is saved in this browser: \
         reloading brings it back.",
    ));
    // The message is set as text, never parsed as HTML.
    let detail = doc.create_element("pre").ok()?;
    detail.set_attribute("data-testid", "panic-message").ok()?;
    detail.set_text_content(Some(message));
    let reload = doc.create_element("a").ok()?;
    reload.set_class_name("panic-reload");
    reload.set_attribute("href", &reload_href(&window.location())).ok()?;
    reload.set_text_content(Some("Reload, keeping my scenario"));

    for child in [&title, &explain, &reload, &detail] {
        banner.append_child(child).ok()?;
    }
    body.insert_before(&banner, body.first_child().as_ref()).ok()?;
    if let Ok(link) = reload.dyn_into::<web_sys::HtmlElement>() {
        let _ = link.focus();
    }
    Some(())
}
