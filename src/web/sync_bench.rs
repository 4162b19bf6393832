//! A benchmark hook for `e2e/bench/sync-wrapper.bench.mjs`: the playground page opened with
//! `?bench-hooks` defines `window.__apLockPairs(n, recorded, contended, done)`, which calls
//! `done` with the milliseconds `n` acquire/release pairs took through the recording wrapper or on bare `tokio::sync`
//! ([`super::sync::bench_lock_pairs`]), so both are measured in the same page load; and
//! `window.__apYields(n, clock, done)` for `e2e/bench/runner.bench.mjs`, which calls `done` with the
//! milliseconds one task took to await `n` zero-millisecond sleeps with nothing recorded
//! ([`super::runner::bench_yields`]). Nothing in the app links to them.

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
    // Calls `done(ms)` when the pairs are done (a callback, not a promise: the bridge from a
    // future to a promise would add its code to every page load).
    let f = Closure::<dyn Fn(u32, bool, bool, js_sys::Function)>::new(
        |n: u32, recorded: bool, contended: bool, done: js_sys::Function| {
            wasm_bindgen_futures::spawn_local(async move {
                let ms = super::sync::bench_lock_pairs(n, recorded, contended).await;
                let _ = done.call1(&JsValue::NULL, &JsValue::from(ms));
            })
        },
    );
    let _ = js_sys::Reflect::set(&w, &"__apLockPairs".into(), f.as_ref());
    // Lives as long as the page.
    f.forget();
    let f =
        Closure::<dyn Fn(u32, bool, js_sys::Function)>::new(|n: u32, clock: bool, done: js_sys::Function| {
            wasm_bindgen_futures::spawn_local(async move {
                let ms = super::runner::bench_yields(n, clock).await;
                let _ = done.call1(&JsValue::NULL, &JsValue::from(ms));
            })
        });
    let _ = js_sys::Reflect::set(&w, &"__apYields".into(), f.as_ref());
    f.forget();
}
