//! `/learn/<slug>`: picks the tour page for a slug.

use crate::ui::tour::lessons::Slug;
use crate::ui::tour::{
    advanced_asyncio::AdvancedAsyncioPage, asyncio_basics::AsyncioBasicsPage,
    concurrency_parallelism::ConcurrencyParallelismPage, coroutines::CoroutinesPage,
    cpu_and_io::CpuAndIoPage, event_loops::EventLoopsPage, gil::GilPage, newer_asyncio::NewerAsyncioPage,
    nonblocking::NonblockingPage, servers::ServersPage, structured_concurrency::StructuredConcurrencyPage,
    synchronisation::SynchronisationPage, task_queues::TaskQueuesPage,
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
        Slug::AsyncioBasics => html! { <AsyncioBasicsPage /> },
        Slug::CpuAndIo => html! { <CpuAndIoPage /> },
        Slug::Synchronisation => html! { <SynchronisationPage /> },
        Slug::AdvancedAsyncio => html! { <AdvancedAsyncioPage /> },
        Slug::NewerAsyncio => html! { <NewerAsyncioPage /> },
        Slug::Servers => html! { <ServersPage /> },
        Slug::StructuredConcurrency => html! { <StructuredConcurrencyPage /> },
        Slug::TaskQueues => html! { <TaskQueuesPage /> },
    }
}
