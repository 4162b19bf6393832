//! Which pages a build of the app draws.
//!
//! The release build ships the app as one WebAssembly module per page ([`Module`], the
//! `src/bin/page_*.rs` binaries), so a reader downloads the code of the page they opened and not
//! that of the twenty others: measured with `scripts/page-modules.sh`, a page's module is a third
//! to a half of the whole app. Each binary mounts the app with its page's [`Pages`]; the linker
//! keeps only the components that page reaches. A route another module draws is loaded from the
//! server ([`crate::ui::elsewhere::Elsewhere`]), where the build's static page for it starts its
//! own module (`src/bin/prerender.rs` picks it with [`Module::of`]). The `app` binary and the
//! build-time renderer draw every page ([`Pages::ALL`]).

use crate::ui::compare::Compare;
use crate::ui::not_found::NotFound;
use crate::ui::playground::Playground;
use crate::ui::route::Route;
use crate::ui::tour::home::Home;
use crate::ui::tour::lessons::Slug;
use yew::prelude::*;

/// The pages one build draws: a route of another build gives `None`.
#[derive(Clone, Copy)]
pub struct Pages(pub fn(&Route) -> Option<Html>);

impl Pages {
    /// Every page (the `app` binary, `trunk serve`, the build-time renderer).
    pub const ALL: Pages = Pages(all);
}

impl PartialEq for Pages {
    /// One build has one set of pages for its whole life, so two are equal when they are the
    /// same function.
    fn eq(&self, other: &Pages) -> bool {
        self.0 as usize == other.0 as usize
    }
}

/// A WebAssembly module of the release build: the code of one page (the home page's also draws
/// the not-found page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    /// The tour map and the not-found page.
    Home,
    /// Every claim of the tutorial.
    Claims,
    /// The playground.
    Playground,
    /// The comparison on real Web Workers.
    Compare,
    /// CPython in the page.
    Python,
    /// Why is this task stuck.
    Stuck,
    /// One tour page.
    Lesson(Slug),
}

impl Module {
    /// Every module, in the order the build lists them.
    pub fn all() -> Vec<Module> {
        let tools = [
            Module::Home,
            Module::Claims,
            Module::Playground,
            Module::Compare,
            Module::Python,
            Module::Stuck,
        ];
        tools.into_iter().chain(Slug::ALL.into_iter().map(Module::Lesson)).collect()
    }

    /// The module that draws `route`.
    pub fn of(route: &Route) -> Module {
        match route {
            Route::Home | Route::NotFound => Module::Home,
            Route::Claims => Module::Claims,
            Route::Playground => Module::Playground,
            Route::Compare => Module::Compare,
            Route::Python => Module::Python,
            Route::Stuck => Module::Stuck,
            Route::Learn { slug } => Module::Lesson(*slug),
        }
    }

    /// Its name: its binary is `src/bin/page_<name>.rs`, its files `page_<name>-<hash>.js` and
    /// `page_<name>-<hash>_bg.wasm`.
    pub fn name(self) -> &'static str {
        match self {
            Module::Home => "home",
            Module::Claims => "claims",
            Module::Playground => "playground",
            Module::Compare => "compare",
            Module::Python => "python",
            Module::Stuck => "stuck",
            Module::Lesson(slug) => lesson_module(slug).0,
        }
    }

    /// The pages its binary mounts.
    pub fn pages(self) -> Pages {
        Pages(match self {
            Module::Home => home,
            Module::Claims => claims,
            Module::Playground => playground,
            Module::Compare => compare,
            Module::Python => python,
            Module::Stuck => stuck,
            Module::Lesson(slug) => lesson_module(slug).1,
        })
    }
}

/// Every page: each route through its own module's pages.
fn all(route: &Route) -> Option<Html> {
    (Module::of(route).pages().0)(route)
}

/// The tour map and the not-found page.
pub fn home(route: &Route) -> Option<Html> {
    match route {
        Route::Home => Some(html! { <Home /> }),
        Route::NotFound => Some(html! { <NotFound /> }),
        _ => None,
    }
}

/// Every claim of the tutorial.
pub fn claims(route: &Route) -> Option<Html> {
    (*route == Route::Claims).then(|| html! { <crate::ui::claims::ClaimsPage /> })
}

/// The playground.
pub fn playground(route: &Route) -> Option<Html> {
    (*route == Route::Playground).then(|| html! { <Playground /> })
}

/// The comparison.
pub fn compare(route: &Route) -> Option<Html> {
    (*route == Route::Compare).then(|| html! { <Compare /> })
}

/// CPython in the page.
pub fn python(route: &Route) -> Option<Html> {
    (*route == Route::Python).then(|| html! { <crate::ui::python::PythonPage /> })
}

/// Why is this task stuck.
pub fn stuck(route: &Route) -> Option<Html> {
    (*route == Route::Stuck).then(|| html! { <crate::ui::stuck::StuckPage /> })
}

/// One function per tour page, each reaching only its own page's component (a single function
/// matching on the slug would reach all fourteen), and the table from slug to function.
macro_rules! lesson_pages {
    ($($name:ident: $slug:ident => $page:path),* $(,)?) => {
        $(
            #[doc = concat!("The tour page `/learn/` for `Slug::", stringify!($slug), "`.")]
            pub fn $name(route: &Route) -> Option<Html> {
                matches!(route, Route::Learn { slug: Slug::$slug }).then(|| html! { <$page /> })
            }
        )*
        /// The module name and pages of `slug`'s tour page.
        fn lesson_module(slug: Slug) -> (&'static str, fn(&Route) -> Option<Html>) {
            match slug {
                $(Slug::$slug => (stringify!($name), $name),)*
            }
        }
    };
}

lesson_pages! {
    nonblocking: Nonblocking => crate::ui::tour::nonblocking::NonblockingPage,
    thread_vs_process: ThreadVsProcess => crate::ui::tour::thread_vs_process::ThreadVsProcessPage,
    concurrency_vs_parallelism: ConcurrencyVsParallelism => crate::ui::tour::concurrency_parallelism::ConcurrencyParallelismPage,
    gil: Gil => crate::ui::tour::gil::GilPage,
    event_loops: EventLoops => crate::ui::tour::event_loops::EventLoopsPage,
    coroutines: Coroutines => crate::ui::tour::coroutines::CoroutinesPage,
    asyncio_basics: AsyncioBasics => crate::ui::tour::asyncio_basics::AsyncioBasicsPage,
    cpu_and_io: CpuAndIo => crate::ui::tour::cpu_and_io::CpuAndIoPage,
    synchronisation: Synchronisation => crate::ui::tour::synchronisation::SynchronisationPage,
    advanced_asyncio: AdvancedAsyncio => crate::ui::tour::advanced_asyncio::AdvancedAsyncioPage,
    newer_asyncio: NewerAsyncio => crate::ui::tour::newer_asyncio::NewerAsyncioPage,
    servers: Servers => crate::ui::tour::servers::ServersPage,
    structured_concurrency: StructuredConcurrency => crate::ui::tour::structured_concurrency::StructuredConcurrencyPage,
    task_queues: TaskQueues => crate::ui::tour::task_queues::TaskQueuesPage,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::tour::lessons;

    fn routes() -> Vec<Route> {
        let mut out = vec![
            Route::Home,
            Route::Playground,
            Route::Compare,
            Route::Python,
            Route::Stuck,
            Route::Claims,
            Route::NotFound,
        ];
        out.extend(lessons::all().iter().map(|l| Route::Learn { slug: l.slug }));
        out
    }

    #[test]
    fn every_route_is_drawn_by_its_own_module_and_by_no_other() {
        for route in routes() {
            let own = Module::of(&route);
            for m in Module::all() {
                assert_eq!(
                    (m.pages().0)(&route).is_some(),
                    m == own,
                    "{route:?}: drawn by {m:?}? (its module is {own:?})"
                );
            }
            assert!((Pages::ALL.0)(&route).is_some(), "{route:?} is missing from the whole app");
        }
    }

    #[test]
    fn module_names_are_distinct_and_each_has_its_binary() {
        let names: Vec<_> = Module::all().iter().map(|m| m.name()).collect();
        for (i, n) in names.iter().enumerate() {
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{n}");
            assert!(!names[..i].contains(n), "{n} twice");
            let bin = format!("{}/src/bin/page_{n}.rs", env!("CARGO_MANIFEST_DIR"));
            let src = std::fs::read_to_string(&bin).unwrap_or_else(|e| panic!("{bin}: {e}"));
            assert!(src.contains(&format!("pages::{n})")), "{bin} must mount pages::{n}");
        }
        let bins = std::fs::read_dir(format!("{}/src/bin", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let count =
            bins.filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("page_")).count();
        assert_eq!(count, names.len(), "one src/bin/page_*.rs per module, and no other");
    }
}
