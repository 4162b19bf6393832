//! The browser's `localStorage`, for state that survives a reload. Read it in an effect or an
//! event handler, never in a model's `Default` (so tests and server rendering stay pure).

/// Where the playground keeps its editor state.
pub const PLAYGROUND_DRAFT: &str = "async-playground.playground.draft";
/// Where the playground keeps the chosen mode.
pub const PLAYGROUND_MODE: &str = "async-playground.playground.mode";
/// Where the playground keeps the Workers field of the parallel mode, as typed.
pub const PLAYGROUND_WORKERS: &str = "async-playground.playground.workers";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text stored under `key`, if any (and if storage is available at all).
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; the error says why not (full, or storage disabled).
pub fn save(key: &str, value: &str) -> Result<(), String> {
    let s = storage().ok_or_else(|| "this browser gives the page no storage".to_string())?;
    s.set_item(key, value).map_err(|e| format!("the browser refused it: {}", reason(&e)))
}

/// A thrown `DOMException` as its name and message ("QuotaExceededError: …").
fn reason(e: &wasm_bindgen::JsValue) -> String {
    let field = |k: &str| js_sys::Reflect::get(e, &k.into()).ok().and_then(|v| v.as_string());
    match (field("name"), field("message")) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        _ => format!("{e:?}"),
    }
}

/// Removes `key`.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Sets `text`, found unreadable under `key`, aside under [`engine::saved::backup_key`] so
/// nothing is silently wiped; returns where it went (or why it could not be kept).
pub fn set_aside(key: &str, text: &str) -> Result<String, String> {
    let backup = engine::saved::backup_key(key);
    save(&backup, text)?;
    Ok(backup)
}
