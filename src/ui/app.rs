//! The app shell: header with navigation, and the routed page.

use crate::ui::elsewhere::Elsewhere;
use crate::ui::page_change::PageChange;
use crate::ui::pages::Pages;
use crate::ui::route::Route;
use crate::ui::shared::lab::LabProvider;
use yew::prelude::*;
#[cfg(feature = "ssr")]
use yew_router::history::{AnyHistory, MemoryHistory};
use yew_router::prelude::*;

/// The page at `route` if this module carries it (else it is loaded from the server), with its
/// own worker lab (keyed by path: a new page gets a new lab).
fn switch(pages: Pages, route: Route) -> Html {
    let key = route.to_path();
    let page = (pages.0)(&route).unwrap_or_else(|| html! { <Elsewhere /> });
    html! { <LabProvider key={key}>{ page }</LabProvider> }
}

/// Starts the app in the browser with the pages of this module (`src/bin/`): installs the panic
/// hook, reads the environment, takes over from the build's static page and mounts [`App`].
pub fn start(pages: Pages) {
    use crate::web::panic_banner;
    yew::set_custom_panic_hook(Box::new(panic_banner::hook));
    // The browser's environment is read here, once, so render bodies never read the browser.
    crate::web::env::Env::read_at_mount();
    // The route's static HTML (src/bin/prerender.rs) goes; the app draws the same page in its
    // place. Yew renders in a microtask of this same task, so no frame paints between the two.
    if let Some(pre) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("prerendered"))
    {
        pre.remove();
    }
    yew::Renderer::<App>::with_props(AppProps { pages }).render();
    if panic_banner::panic_test_requested() {
        // Once the page has drawn and restored its state: the banner must work over a live app.
        gloo_timers::callback::Timeout::new(500, || panic!("a test panic asked for by ?panic-test")).forget();
    }
}

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The pages this module draws.
    pub pages: Pages,
}

/// The root component in the browser: the layout under the address bar's router.
#[component]
pub fn App(props: &AppProps) -> Html {
    let pages = props.pages;
    // The first render is done when this effect runs: mark it, for the load benchmark. A page
    // this module draws ends any reload that was asked for to reach it (web::bundle).
    use_effect_with((), move |_| {
        crate::web::frame::mark("app:first-render");
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let route = Route::recognize(&path).unwrap_or(Route::NotFound);
        if (pages.0)(&route).is_some() {
            crate::web::bundle::arrived();
        }
    });
    html! {
        <BrowserRouter>{ layout(pages) }</BrowserRouter>
    }
}

/// The URL the build-time renderer draws (`src/bin/prerender.rs`).
#[cfg(feature = "ssr")]
#[derive(Properties, PartialEq)]
pub struct ServerAppProps {
    /// A path such as `/learn/gil`.
    pub path: AttrValue,
}

/// The root component at build time: the same layout under a router held at one path, so the
/// static HTML of each route is the markup the browser app draws there. Nothing is read from a
/// browser, so the environment is [`crate::web::env::Env`]'s default.
#[cfg(feature = "ssr")]
#[component]
pub fn ServerApp(props: &ServerAppProps) -> Html {
    let history = AnyHistory::from(MemoryHistory::with_entries([props.path.to_string()]));
    html! { <Router history={history}>{ layout(Pages::ALL) }</Router> }
}

/// Header, routed page and footer: what both roots draw inside their router.
fn layout(pages: Pages) -> Html {
    let render = Callback::from(move |route| switch(pages, route));
    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to the content" }</a>
            <header class="site">
                <nav aria-label="Main">
                    <Link<Route> to={Route::Home} classes="brand">{ "Async Playground" }</Link<Route>>
                    <Link<Route> to={Route::Home}>{ "Tour" }</Link<Route>>
                    <Link<Route> to={Route::Playground}>{ "Playground" }</Link<Route>>
                    <Link<Route> to={Route::Compare}>{ "Compare" }</Link<Route>>
                    <Link<Route> to={Route::Stuck}>{ "Stuck?" }</Link<Route>>
                    <Link<Route> to={Route::Python}>{ "Python" }</Link<Route>>
                    <Link<Route> to={Route::Claims}>{ "Claims" }</Link<Route>>
                </nav>
            </header>
            <main class="app" id="main" tabindex="-1">
                <Switch<Route> render={render} />
            </main>
            <PageChange />
            <footer class="site muted">
                { "Lessons follow the open tutorial “Asynchronous Python” by Ali Gheshlaghi (MIT licence). Every number on these pages is measured in your browser." }
            </footer>
        </>
    }
}
