//! The page's address and the clipboard, for share links: read the `#share=…` fragment, drop it
//! from the address bar once applied (so a reload keeps later edits), build a link, copy text.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The address's fragment without its `#`, if it has one.
pub fn fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let hash = hash.trim_start_matches('#');
    (!hash.is_empty()).then(|| hash.to_string())
}

/// Removes the fragment from the address bar without reloading or adding a history entry.
pub fn clear_fragment() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let (Ok(path), Ok(search)) = (loc.pathname(), loc.search()) else { return };
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
}

/// This page's address (origin and path, no query or fragment) followed by `#fragment`.
pub fn link_to(fragment: &str) -> String {
    let loc = web_sys::window().map(|w| w.location());
    let origin = loc.as_ref().and_then(|l| l.origin().ok()).unwrap_or_default();
    let path = loc.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_else(|| "/playground".into());
    format!("{origin}{path}#{fragment}")
}

/// Copies `text` to the clipboard; the error says why not (no permission, insecure page, …).
pub async fn copy(text: &str) -> Result<(), String> {
    let w = web_sys::window().ok_or("no window")?;
    // Through Reflect: web-sys gates its Clipboard binding behind unstable APIs.
    let clipboard = js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).map_err(|_| "no clipboard")?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err("this page may not use the clipboard".into());
    }
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("this browser cannot write text to the clipboard")?;
    let promise = write
        .call1(&clipboard, &text.into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or("the clipboard refused")?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| "the browser did not allow copying".into())
}

/// Calls a function whenever the address's fragment changes (a link to this same page opened in
/// its tab); stops when dropped.
pub struct HashListener {
    callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl HashListener {
    /// Starts listening.
    pub fn new(f: impl FnMut() + 'static) -> HashListener {
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("hashchange", callback.as_ref().unchecked_ref());
        }
        HashListener { callback }
    }
}

impl Drop for HashListener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ =
                w.remove_event_listener_with_callback("hashchange", self.callback.as_ref().unchecked_ref());
        }
    }
}
