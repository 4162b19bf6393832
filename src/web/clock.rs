//! The one clock: `performance.now()`, on the page and inside workers alike.
//!
//! `std::time::Instant` panics on wasm32 when asked for the time, so every time in the app
//! comes from here and is passed into the engine as milliseconds.

use wasm_bindgen::JsCast;

/// Milliseconds since the page (or worker) started, with sub-millisecond resolution.
pub fn now() -> f64 {
    thread_local! {
        static PERF: Option<web_sys::Performance> = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
            .ok()
            .and_then(|p| p.dyn_into::<web_sys::Performance>().ok());
    }
    PERF.with(|p| p.as_ref().map(|p| p.now()).unwrap_or_else(js_sys::Date::now))
}
