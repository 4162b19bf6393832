//! A `requestAnimationFrame` loop: the page pulls a run's new events once per frame, so
//! rendering is batched and never competes with the run more than once per frame.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

type FrameFn = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// A running frame loop; it stops when dropped or when its callback returns `false`.
pub struct FrameLoop {
    callback: FrameFn,
    handle: Rc<Cell<Option<i32>>>,
}

impl FrameLoop {
    /// Calls `f(timestamp)` on every animation frame until it returns `false`.
    pub fn start(mut f: impl FnMut(f64) -> bool + 'static) -> FrameLoop {
        let callback: FrameFn = Rc::new(RefCell::new(None));
        let handle = Rc::new(Cell::new(None));
        let (cb, h) = (callback.clone(), handle.clone());
        *callback.borrow_mut() = Some(Closure::new(move |ts: f64| {
            h.set(None);
            if f(ts) {
                h.set(request(&cb));
            } else {
                // Dropping the closure from inside itself is not allowed; let the loop's owner
                // drop it. Not re-arming is enough to stop.
            }
        }));
        handle.set(request(&callback));
        FrameLoop { callback, handle }
    }
}

fn request(cb: &FrameFn) -> Option<i32> {
    let window = web_sys::window()?;
    let cb = cb.borrow();
    let f = cb.as_ref()?;
    window.request_animation_frame(f.as_ref().unchecked_ref()).ok()
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        if let (Some(id), Some(w)) = (self.handle.take(), web_sys::window()) {
            let _ = w.cancel_animation_frame(id);
        }
        // Break the cycle closure → its own cell, so the closure is freed.
        self.callback.borrow_mut().take();
    }
}

thread_local! {
    /// Milliseconds of measured UI work since [`take_ui_work`] was last called.
    static UI_WORK: Cell<f64> = const { Cell::new(0.0) };
}

/// Records a User Timing measure `name` from `start_ms` (a [`super::clock::now`] time) to now,
/// so our own work shows in the browser's performance tools and in the benchmark; the time is
/// also added to the UI-work total that paces live updates ([`take_ui_work`]).
pub fn measure(name: &str, start_ms: f64) {
    measure_between(name, start_ms, super::clock::now());
}

/// Records a User Timing measure `name` from `start_ms` to `end` (see [`measure`]).
fn measure_between(name: &str, start_ms: f64, end: f64) {
    UI_WORK.with(|w| w.set(w.get() + (end - start_ms).max(0.0)));
    // Outside a browser (a page rendered natively) there is no performance timeline.
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let global = js_sys::global();
    let Ok(perf) = js_sys::Reflect::get(&global, &"performance".into()) else { return };
    let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into()) else { return };
    let Ok(f) = f.dyn_into::<js_sys::Function>() else { return };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &start_ms.into());
    let _ = js_sys::Reflect::set(&opts, &"end".into(), &end.into());
    let _ = f.call2(&perf, &name.into(), &opts);
}

thread_local! {
    /// A view update handed to Yew and not yet rendered: when its render began (once it has),
    /// and the UI work total then.
    static UPDATE: Cell<Option<Option<(f64, f64)>>> = const { Cell::new(None) };
    /// When the task that began the update's render ended its synchronous part, if it has.
    static CHUNK_END: Cell<Option<f64>> = const { Cell::new(None) };
    /// Whether an `end_update` is already closing the current update.
    static ENDING: Cell<bool> = const { Cell::new(false) };
}

/// Notes that a view update is being handed to Yew (see [`update_renders`], [`end_update`]).
pub fn begin_update() {
    UPDATE.with(|u| u.set(Some(None)));
}

/// Notes that the update's render begins now (call at the top of the body of each component an
/// update renders; the first call counts):
/// whatever ran between [`begin_update`] and this (e.g. the run's own tasks, queued before the
/// render on the same executor) is not part of the update.
pub fn update_renders() {
    UPDATE.with(|u| {
        if let Some(None) = u.get() {
            u.set(Some(Some((super::clock::now(), UI_WORK.with(|w| w.get())))));
            CHUNK_END.with(|c| c.set(None));
            // Yew renders and patches the DOM in one go, but may yield to the browser (a
            // timeout) before running effects when the render took long. A task queued now on
            // the executor Yew's render runs on runs when this synchronous part ends: if it ran
            // before the effect, the update ends there, and the run's tasks that ran during the
            // yield are not counted as ours.
            wasm_bindgen_futures::spawn_local(async {
                CHUNK_END.with(|c| c.set(Some(super::clock::now())));
            });
        }
    });
}

/// Ends the update once Yew has rendered and committed it (call from an effect of each component
/// the update renders): a User Timing measure `name` spans the render, Yew's diff and DOM changes
/// and every effect of that pass, and the part not already measured inside it counts as UI work
/// too. The first call closes the measure after the current task, so effects that run after it
/// in the same pass (children's run first, siblings in any order) are counted.
pub fn end_update(name: &'static str) {
    if ENDING.with(|e| e.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        ENDING.with(|e| e.set(false));
        let Some(Some((start, w0))) = UPDATE.with(|u| u.take()) else { return };
        // Set by the task `update_renders` queued before this one: the end of the synchronous
        // part that rendered (and, unless Yew yielded before its effects, ran the effects).
        let end = CHUNK_END.with(|c| c.take()).unwrap_or_else(super::clock::now);
        let inner = UI_WORK.with(|w| w.get()) - w0;
        measure_between(name, start, end);
        let total = (end - start).max(0.0);
        // The measure added the whole span: keep only what the views' own measures did not count.
        UI_WORK.with(|w| w.set(w.get() - total.min(inner.max(0.0))));
    });
}

/// The UI work measured since the last call (and resets the total).
pub fn take_ui_work() -> f64 {
    UI_WORK.with(|w| w.replace(0.0))
}

/// Records a User Timing mark `name` now (e.g. `app:first-render`, which the benchmark reads as
/// the time from navigation to the first rendered page).
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}
