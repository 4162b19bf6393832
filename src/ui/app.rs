//! The app shell: header with navigation, and the routed page.

use crate::ui::compare::Compare;
use crate::ui::not_found::NotFound;
use crate::ui::page_change::PageChange;
use crate::ui::playground::Playground;
use crate::ui::route::Route;
use crate::ui::shared::lab::LabProvider;
use crate::ui::tour::{home::Home, lesson::LessonPage};
use yew::prelude::*;
#[cfg(feature = "ssr")]
use yew_router::history::{AnyHistory, MemoryHistory};
use yew_router::prelude::*;

/// The page at `route`, with its own worker lab (keyed by path: a new page gets a new lab).
fn switch(route: Route) -> Html {
    let key = route.to_path();
    let page = match route {
        Route::Home => html! { <Home /> },
        Route::Learn { slug } => html! { <LessonPage slug={slug} /> },
        Route::Playground => html! { <Playground /> },
        Route::Compare => html! { <Compare /> },
        Route::Python => html! { <crate::ui::python::PythonPage /> },
        Route::Stuck => html! { <crate::ui::stuck::StuckPage /> },
        Route::Claims => html! { <crate::ui::claims::ClaimsPage /> },
        Route::NotFound => html! { <NotFound /> },
    };
    html! { <LabProvider key={key}>{ page }</LabProvider> }
}

/// The root component in the browser: the layout under the address bar's router.
#[component]
pub fn App() -> Html {
    // The first render is done when this effect runs: mark it, for the load benchmark.
    use_effect_with((), |_| crate::web::frame::mark("app:first-render"));
    html! {
        <BrowserRouter>{ layout() }</BrowserRouter>
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
    html! { <Router history={history}>{ layout() }</Router> }
}

/// Header, routed page and footer: what both roots draw inside their router.
fn layout() -> Html {
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
                <Switch<Route> render={switch} />
            </main>
            <PageChange />
            <footer class="site muted">
                { "Lessons follow the open tutorial “Asynchronous Python” by Ali Gheshlaghi (MIT licence). Every number on these pages is measured in your browser." }
            </footer>
        </>
    }
}
