//! `/`: the tour map of the tutorial's nine chapters, and the way into the playground.

use crate::ui::route::Route;
use crate::ui::tour::lessons;
use yew::prelude::*;
use yew_router::prelude::*;

/// One card of the tour map: its number, title (linking to the page) and summary.
fn card(num: String, l: &lessons::Lesson) -> Html {
    html! {
        <li class="tour-card">
            <span class="tour-num" aria-hidden="true">{ num }</span>
            <div>
                <h3>
                    <Link<Route> to={Route::Learn { slug: l.slug }}>{ l.title }</Link<Route>>
                </h3>
                <p>{ l.summary }</p>
            </div>
        </li>
    }
}

/// The home page.
#[component]
pub fn Home() -> Html {
    let first = lessons::all()[0].slug;
    html! {
        <div class="home">
            <header class="hero">
                <h1>{ "Async Playground" }</h1>
                <p class="lede">
                    { "See asynchronous programming happen. Every demo runs for real in your browser: real timers, \
                       real CPU work, real Web Workers, timed with performance.now()." }
                </p>
                <p class="hero-actions">
                    <Link<Route> to={Route::Learn { slug: first }} classes="button primary">
                        { "Start the tour" }
                    </Link<Route>>
                    <Link<Route> to={Route::Playground} classes="button">{ "Open the playground" }</Link<Route>>
                </p>
            </header>
            <section aria-labelledby="tour-h">
                <h2 id="tour-h">{ "Chapter 1: the concepts" }</h2>
                <p class="muted">{ "Six short pages, each with the Python asyncio code beside the Rust, and a demo that measures what it claims." }</p>
                <ol class="tour-map">
                    { for lessons::of_chapter(1).enumerate().map(|(i, l)| card((i + 1).to_string(), l)) }
                </ol>
            </section>
            <section aria-labelledby="later-h">
                <h2 id="later-h">{ "Chapters 2–9: asyncio at work" }</h2>
                <p class="muted">
                    { "A page per chapter: its examples run for real, and each of the tutorial's claims sits beside the number your browser measured (" }
                    <Link<Route> to={Route::Claims}>{ "all the claims" }</Link<Route>>{ ")." }
                </p>
                <ol class="tour-map chapters">
                    { for (2..=9).flat_map(lessons::of_chapter).map(|l| card(l.chapter.to_string(), l)) }
                </ol>
            </section>
            <section class="card playground-teaser" aria-labelledby="pg-h">
                <h2 id="pg-h">{ "Your own experiments" }</h2>
                <p>
                    { "The " }<Link<Route> to={Route::Playground}>{ "playground" }</Link<Route>>
                    { " runs tasks you describe (waits and CPU work) one after another, taking turns on the event loop, or on Web Workers, and shows how they interleave." }
                </p>
                <p>
                    { "The " }<Link<Route> to={Route::Compare}>{ "comparison" }</Link<Route>>
                    { " runs one scenario all three ways side by side, measures the speedup for 1 to N workers next to Amdahl's law, and times sending data to a worker." }
                </p>
                <p>
                    { "The " }<Link<Route> to={Route::Python}>{ "CPython page" }</Link<Route>>
                    { " runs the tutorial's asyncio examples in real CPython in your browser, beside the same behaviour in Rust." }
                </p>
            </section>
        </div>
    }
}
