//! Which pages a build of the app draws.
//!
//! The release build ships the app as one WebAssembly module per [`Bundle`] of pages (the
//! `page-*` binaries in `src/bin/`), so a reader downloads the code of the page they opened and
//! not the other twenty: a chapter-9 demo is not in the tour's first load. Each binary mounts the
//! app with its bundle's [`Pages`]; the linker keeps only the components those pages reach. A
//! route of another bundle is loaded from the server ([`crate::ui::elsewhere::Elsewhere`]), where
//! the build's static page for it starts that bundle's module (`src/bin/prerender.rs` picks it
//! with [`Bundle::of`]). The `app` binary and the build-time renderer draw every page
//! ([`Pages::ALL`]).

use crate::ui::compare::Compare;
use crate::ui::not_found::NotFound;
use crate::ui::playground::Playground;
use crate::ui::route::Route;
use crate::ui::tour::{home::Home, lesson};
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

/// A group of pages shipped as one WebAssembly module. Pages that share most of their code go
/// together (the chapter-1 tour and the home page; the later chapters and the claims they
/// measure); the tools each stand alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// The home page, chapter 1's six lessons, the not-found page.
    Tour,
    /// Chapters 2–9 and the claims page.
    Chapters,
    /// The playground.
    Playground,
    /// The comparison on real Web Workers.
    Compare,
    /// CPython in the page.
    Python,
    /// Why is this task stuck.
    Stuck,
}

impl Bundle {
    /// Every bundle, in the order the build lists them.
    pub const ALL: [Bundle; 6] =
        [Bundle::Tour, Bundle::Chapters, Bundle::Playground, Bundle::Compare, Bundle::Python, Bundle::Stuck];

    /// The bundle that carries `route`'s page.
    pub fn of(route: &Route) -> Bundle {
        match route {
            Route::Home | Route::NotFound => Bundle::Tour,
            Route::Learn { slug } if slug.chapter() == 1 => Bundle::Tour,
            Route::Learn { .. } | Route::Claims => Bundle::Chapters,
            Route::Playground => Bundle::Playground,
            Route::Compare => Bundle::Compare,
            Route::Python => Bundle::Python,
            Route::Stuck => Bundle::Stuck,
        }
    }

    /// Its name, as in its binary `page-<name>` and its files `page-<name>-<hash>.js`.
    pub fn name(self) -> &'static str {
        match self {
            Bundle::Tour => "tour",
            Bundle::Chapters => "chapters",
            Bundle::Playground => "playground",
            Bundle::Compare => "compare",
            Bundle::Python => "python",
            Bundle::Stuck => "stuck",
        }
    }

    /// The pages its binary mounts.
    pub fn pages(self) -> Pages {
        Pages(match self {
            Bundle::Tour => tour,
            Bundle::Chapters => chapters,
            Bundle::Playground => playground,
            Bundle::Compare => compare,
            Bundle::Python => python,
            Bundle::Stuck => stuck,
        })
    }
}

/// Every page: each route through its own bundle.
fn all(route: &Route) -> Option<Html> {
    (Bundle::of(route).pages().0)(route)
}

/// The home page, chapter 1, the not-found page.
pub fn tour(route: &Route) -> Option<Html> {
    match route {
        Route::Home => Some(html! { <Home /> }),
        Route::Learn { slug } => lesson::chapter_one(*slug),
        Route::NotFound => Some(html! { <NotFound /> }),
        _ => None,
    }
}

/// Chapters 2–9 and the claims page.
pub fn chapters(route: &Route) -> Option<Html> {
    match route {
        Route::Learn { slug } => lesson::later_chapters(*slug),
        Route::Claims => Some(html! { <crate::ui::claims::ClaimsPage /> }),
        _ => None,
    }
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
    fn every_route_is_drawn_by_its_own_bundle_and_by_no_other() {
        for route in routes() {
            let home = Bundle::of(&route);
            for b in Bundle::ALL {
                assert_eq!(
                    (b.pages().0)(&route).is_some(),
                    b == home,
                    "{route:?}: drawn by {b:?}? (its bundle is {home:?})"
                );
            }
            assert!((Pages::ALL.0)(&route).is_some(), "{route:?} is missing from the full app");
        }
    }

    #[test]
    fn chapter_one_is_in_the_tour_and_the_later_chapters_are_not() {
        for l in lessons::all() {
            let b = Bundle::of(&Route::Learn { slug: l.slug });
            assert_eq!(b == Bundle::Tour, l.chapter == 1, "{}", l.slug);
        }
    }

    #[test]
    fn bundle_names_are_distinct_file_name_parts() {
        let names: Vec<_> = Bundle::ALL.iter().map(|b| b.name()).collect();
        for (i, n) in names.iter().enumerate() {
            assert!(n.chars().all(|c| c.is_ascii_lowercase()), "{n}");
            assert!(!names[..i].contains(n), "{n} twice");
        }
    }
}
