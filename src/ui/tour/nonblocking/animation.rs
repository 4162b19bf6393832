//! A ball moved by `requestAnimationFrame` from Rust: it moves only when the main thread is free.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`LessonAnimation`].
#[derive(Properties, PartialEq)]
pub struct LessonAnimationProps {
    /// Accessible description of what the animation shows.
    #[prop_or(AttrValue::Static("A ball moved from Rust on every animation frame"))]
    pub label: AttrValue,
}

/// A ball that swings left and right, positioned by Rust code on every frame. (A pure CSS
/// animation could keep moving on the compositor thread while the page is blocked; this one
/// cannot, which is exactly what the demo needs to show.)
#[component]
pub fn LessonAnimation(props: &LessonAnimationProps) -> Html {
    let ball = use_node_ref();
    {
        let ball = ball.clone();
        use_effect_with((), move |_| {
            let alive = std::rc::Rc::new(std::cell::Cell::new(true));
            frame(ball, alive.clone());
            move || alive.set(false)
        });
    }
    html! {
        <div class="ball-track" role="img" aria-label={props.label.clone()}>
            <div class="ball" ref={ball} />
        </div>
    }
}

fn frame(ball: NodeRef, alive: std::rc::Rc<std::cell::Cell<bool>>) {
    if !alive.get() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let cb = Closure::once_into_js(move |t: f64| {
        if let Some(el) = ball.cast::<web_sys::HtmlElement>() {
            // 0..1 and back, once every 2.4 s.
            let phase = (t / 2400.0).fract();
            let x = if phase < 0.5 { phase * 2.0 } else { 2.0 - phase * 2.0 };
            let _ = el.style().set_property("left", &format!("calc({:.2}% - {:.2}rem)", x * 100.0, x * 2.5));
        }
        frame(ball, alive);
    });
    let _ = window.request_animation_frame(cb.unchecked_ref());
}
