//! The one clock: `performance.now()`, on the page and inside workers alike.
//!
//! `std::time::Instant` panics on wasm32 when asked for the time, so every time in the app
//! comes from here and is passed into the engine as milliseconds.

/// Milliseconds since the page (or worker) started, with sub-millisecond resolution.
/// Outside a browser (a page rendered natively, where views still time their render bodies) it
/// counts from the first call, with `std`'s clock.
#[cfg(not(target_arch = "wasm32"))]
pub fn now() -> f64 {
    thread_local! {
        static START: std::time::Instant = std::time::Instant::now();
    }
    START.with(|s| s.elapsed().as_secs_f64() * 1000.0)
}

/// Milliseconds since the page (or worker) started, with sub-millisecond resolution.
#[cfg(target_arch = "wasm32")]
pub fn now() -> f64 {
    thread_local! {
        static PERF: Option<web_sys::Performance> = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
            .ok()
            .and_then(|p| wasm_bindgen::JsCast::dyn_into::<web_sys::Performance>(p).ok());
    }
    PERF.with(|p| p.as_ref().map(|p| p.now()).unwrap_or_else(js_sys::Date::now))
}
