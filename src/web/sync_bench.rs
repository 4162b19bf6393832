//! A benchmark hook for `e2e/bench/sync-wrapper.bench.mjs`: the playground page opened with
//! `?bench-hooks` defines `window.__apLockPairs(n, recorded, contended)`, a promise of the
//! milliseconds `n` acquire/release pairs took through the recording wrapper or on bare `tokio::sync`
//! ([`super::sync::bench_lock_pairs`]), so both are measured in the same page load. Nothing in
//! the app links to it.

use wasm_bindgen::prelude::*;

/// The query parameter that installs the hook.
pub const PARAM: &str = "bench-hooks";

/// Defines `window.__apLockPairs` if the page's address asks for it.
pub fn install_if_asked() {
    let Some(w) = web_sys::window() else { return };
    let asked = w.location().search().is_ok_and(|s| s.trim_start_matches('?').split('&').any(|p| p == PARAM));
    if !asked {
        return;
    }
    let f = Closure::<dyn Fn(u32, bool, bool) -> js_sys::Promise>::new(
        |n: u32, recorded: bool, contended: bool| {
            wasm_bindgen_futures::future_to_promise(async move {
                Ok(JsValue::from(super::sync::bench_lock_pairs(n, recorded, contended).await))
            })
        },
    );
    let _ = js_sys::Reflect::set(&w, &"__apLockPairs".into(), f.as_ref());
    // Lives as long as the page.
    f.forget();
}
