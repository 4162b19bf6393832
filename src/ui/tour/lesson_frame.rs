//! The frame of every tour page: the lesson text, the code pair, the live demo, the measured
//! numbers, the chapter's claims beside what this browser measured (chapters 2–9), and
//! previous/next links across the whole tour.

use crate::ui::route::Route;
use crate::ui::tour::lesson_seen::{lesson_seen, Seen};
use crate::ui::tour::lessons::{self, Slug};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`LessonFrame`].
#[derive(Properties, PartialEq)]
pub struct LessonFrameProps {
    /// Which lesson.
    pub slug: Slug,
    /// The live demo, shown under the code pair.
    #[prop_or_default]
    pub children: Html,
    /// The demo section's heading.
    #[prop_or(AttrValue::Static("Try it"))]
    pub demo_title: AttrValue,
    /// Measured facts for the "What you just saw" box; `None` hides the box (pages whose demo
    /// lives on another page), `Some(vec![])` shows its empty state.
    #[prop_or_default]
    pub seen: Option<Vec<Seen>>,
    /// The chapter's claims beside what this browser measured (chapters 2–9:
    /// [`crate::ui::tour::chapter_claims::section`]); empty for chapter 1.
    #[prop_or_default]
    pub claims: Html,
}

/// The eyebrow after the chapter's name: the page's place in chapter 1, or the tutorial's
/// chapter title for the later chapters.
fn eyebrow_rest(chapter: u8, slug: Slug) -> String {
    let pages: Vec<_> = lessons::of_chapter(chapter).collect();
    match pages.iter().position(|l| l.slug == slug) {
        Some(i) if pages.len() > 1 => format!(" · page {} of {}", i + 1, pages.len()),
        _ => " of 9".to_string(),
    }
}

/// Lays out one lesson page.
#[component]
pub fn LessonFrame(props: &LessonFrameProps) -> Html {
    let (index, lesson) = lessons::find(props.slug);
    let total = lessons::all().len();
    let link = |i: usize, rel: &'static str, arrow: &'static str| {
        let l = &lessons::all()[i];
        let (slug, title) = (l.slug, l.title);
        html! {
            <Link<Route> to={Route::Learn { slug }} classes={classes!("tour-step", rel)}>
                <span class="tour-step-label">{ arrow }</span><span class="tour-step-title">{ title }</span>
            </Link<Route>>
        }
    };
    html! {
        <article class="lesson" aria-labelledby="lesson-h">
            <header class="lesson-head">
                <p class="eyebrow">
                    <Link<Route> to={Route::Home}>{ format!("Chapter {}", lesson.chapter) }</Link<Route>>
                    { eyebrow_rest(lesson.chapter, lesson.slug) }
                </p>
                <h1 id="lesson-h">{ lesson.title }</h1>
                <p class="lede">{ lesson.summary }</p>
            </header>
            <div class="lesson-text">{ Html::from_html_unchecked(lesson.body_html.into()) }</div>
            <section class="code-pair" aria-label="The same idea in Python and in Rust">
                <figure class="code-pane python">
                    <figcaption>{ engine::words::python_caption(lesson.python) }</figcaption>
                    <pre tabindex="0"><code class="language-python">{ lesson.python }</code></pre>
                </figure>
                <figure class="code-pane rust">
                    <figcaption>{ "Rust (in your browser)" }</figcaption>
                    <pre tabindex="0"><code class="language-rust">{ lesson.rust }</code></pre>
                </figure>
            </section>
            <section class="lesson-demo" aria-labelledby="demo-h">
                <h2 id="demo-h">{ props.demo_title.clone() }</h2>
                { props.children.clone() }
            </section>
            if let Some(seen) = &props.seen {
                { lesson_seen(seen) }
            }
            { props.claims.clone() }
            <nav class="tour-nav" aria-label="Tour">
                if index > 0 { { link(index - 1, "prev", "← Previous") } } else { <span /> }
                if index + 1 < total { { link(index + 1, "next", "Next →") } }
            </nav>
        </article>
    }
}
