//! `/learn/<slug>`: picks the tour page for a slug.

use crate::ui::not_found::NotFound;
use crate::ui::tour::{
    concurrency_parallelism::ConcurrencyParallelismPage, coroutines::CoroutinesPage,
    event_loops::EventLoopsPage, gil::GilPage, nonblocking::NonblockingPage,
    thread_vs_process::ThreadVsProcessPage,
};
use yew::prelude::*;

/// Props of [`LessonPage`].
#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    /// The slug from the URL.
    pub slug: AttrValue,
}

/// The tour page for `slug`, or the not-found page.
#[component]
pub fn LessonPage(props: &LessonPageProps) -> Html {
    match props.slug.as_str() {
        "nonblocking" => html! { <NonblockingPage /> },
        "thread-vs-process" => html! { <ThreadVsProcessPage /> },
        "concurrency-vs-parallelism" => html! { <ConcurrencyParallelismPage /> },
        "gil" => html! { <GilPage /> },
        "event-loops" => html! { <EventLoopsPage /> },
        "coroutines" => html! { <CoroutinesPage /> },
        _ => html! { <NotFound /> },
    }
}
