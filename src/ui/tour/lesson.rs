//! `/learn/<slug>`: picks the tour page for a slug.

use crate::ui::tour::lessons::Slug;
use crate::ui::tour::{
    concurrency_parallelism::ConcurrencyParallelismPage, coroutines::CoroutinesPage,
    event_loops::EventLoopsPage, gil::GilPage, nonblocking::NonblockingPage,
    thread_vs_process::ThreadVsProcessPage,
};
use yew::prelude::*;

/// Props of [`LessonPage`].
#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    /// The lesson from the URL.
    pub slug: Slug,
}

/// The tour page for `slug`.
#[component]
pub fn LessonPage(props: &LessonPageProps) -> Html {
    match props.slug {
        Slug::Nonblocking => html! { <NonblockingPage /> },
        Slug::ThreadVsProcess => html! { <ThreadVsProcessPage /> },
        Slug::ConcurrencyVsParallelism => html! { <ConcurrencyParallelismPage /> },
        Slug::Gil => html! { <GilPage /> },
        Slug::EventLoops => html! { <EventLoopsPage /> },
        Slug::Coroutines => html! { <CoroutinesPage /> },
    }
}
