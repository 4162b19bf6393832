//! `/learn/<slug>`: picks the tour page for a slug, in two halves so that chapter 1 and the later
//! chapters ship in separate modules ([`crate::ui::pages`]).

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

/// Chapter 1's page for `slug`; `None` for a later chapter's.
pub fn chapter_one(slug: Slug) -> Option<Html> {
    Some(match slug {
        Slug::Nonblocking => html! { <NonblockingPage /> },
        Slug::ThreadVsProcess => html! { <ThreadVsProcessPage /> },
        Slug::ConcurrencyVsParallelism => html! { <ConcurrencyParallelismPage /> },
        Slug::Gil => html! { <GilPage /> },
        Slug::EventLoops => html! { <EventLoopsPage /> },
        Slug::Coroutines => html! { <CoroutinesPage /> },
        _ => return None,
    })
}

/// The page of chapters 2–9 for `slug`; `None` for a chapter-1 page.
pub fn later_chapters(slug: Slug) -> Option<Html> {
    Some(match slug {
        Slug::AsyncioBasics => html! { <AsyncioBasicsPage /> },
        Slug::CpuAndIo => html! { <CpuAndIoPage /> },
        Slug::Synchronisation => html! { <SynchronisationPage /> },
        Slug::AdvancedAsyncio => html! { <AdvancedAsyncioPage /> },
        Slug::NewerAsyncio => html! { <NewerAsyncioPage /> },
        Slug::Servers => html! { <ServersPage /> },
        Slug::StructuredConcurrency => html! { <StructuredConcurrencyPage /> },
        Slug::TaskQueues => html! { <TaskQueuesPage /> },
        _ => return None,
    })
}
