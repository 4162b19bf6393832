//! The page: install the panic hook (console message and error banner), take over from the
//! build's static page, mount the app.
use async_playground::web::panic_banner;

fn main() {
    yew::set_custom_panic_hook(Box::new(panic_banner::hook));
    // The browser's environment is read here, once, so render bodies never read the browser.
    async_playground::web::env::Env::read_at_mount();
    // The route's static HTML (src/bin/prerender.rs) goes; the app draws the same page in its
    // place. Yew renders in a microtask of this same task, so no frame paints between the two.
    if let Some(pre) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("prerendered"))
    {
        pre.remove();
    }
    yew::Renderer::<async_playground::ui::app::App>::new().render();
    if panic_banner::panic_test_requested() {
        // Once the page has drawn and restored its state: the banner must work over a live app.
        gloo_timers::callback::Timeout::new(500, || panic!("a test panic asked for by ?panic-test")).forget();
    }
}
