//! The claims section of a page of chapters 2–9: each of the chapter's claims from the tutorial
//! beside what this browser measured. Its own piece, given to [`super::lesson_frame::LessonFrame`]
//! by the later chapters' pages, so chapter 1's module does not carry the claims' code.

use crate::ui::route::Route;
use crate::ui::shared::claims_table::ClaimsTable;
use crate::ui::tour::lessons::Slug;
use yew::prelude::*;
use yew_router::prelude::*;

/// The section for `slug`'s chapter.
pub fn section(slug: Slug) -> Html {
    html! {
        <section class="lesson-claims" aria-labelledby="claims-h">
            <h2 id="claims-h">{ "The tutorial's claims, measured here" }</h2>
            <p class="muted">
                { "Each row is a claim of this chapter, the number the tutorial gives, and what your browser measured (kept in this browser; " }
                <Link<Route> to={Route::Claims}>{ "every chapter's claims" }</Link<Route>>{ ")." }
            </p>
            <ClaimsTable chapter={slug.chapter()} />
        </section>
    }
}
