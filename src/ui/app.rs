//! The app shell: header with navigation, and the routed page.

use crate::ui::pages::{
    compare::Compare, home::Home, lesson::LessonPage, not_found::NotFound, playground::Playground,
};
use crate::ui::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Learn { slug } => html! { <LessonPage slug={slug} /> },
        Route::Playground => html! { <Playground /> },
        Route::Compare => html! { <Compare /> },
        Route::Python => html! { <crate::ui::python::python_page::PythonPage /> },
        Route::NotFound => html! { <NotFound /> },
    }
}

/// The root component.
#[component]
pub fn App() -> Html {
    // The first render is done when this effect runs: mark it, for the load benchmark.
    use_effect_with((), |_| crate::web::frame::mark("app:first-render"));
    html! {
        <BrowserRouter>
            <a class="skip-link" href="#main">{ "Skip to the content" }</a>
            <header class="site">
                <nav aria-label="Main">
                    <Link<Route> to={Route::Home} classes="brand">{ "Async Playground" }</Link<Route>>
                    <Link<Route> to={Route::Home}>{ "Tour" }</Link<Route>>
                    <Link<Route> to={Route::Playground}>{ "Playground" }</Link<Route>>
                    <Link<Route> to={Route::Compare}>{ "Compare" }</Link<Route>>
                    <Link<Route> to={Route::Python}>{ "Python" }</Link<Route>>
                </nav>
            </header>
            <main class="app" id="main" tabindex="-1">
                <Switch<Route> render={switch} />
            </main>
            <footer class="site muted">
                { "Lessons follow the open tutorial “Asynchronous Python” by Ali Gheshlaghi (MIT licence). Every number on these pages is measured in your browser." }
            </footer>
        </BrowserRouter>
    }
}
