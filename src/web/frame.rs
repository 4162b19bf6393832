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
