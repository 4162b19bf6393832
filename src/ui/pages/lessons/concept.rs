//! Pages 2–4 (threads and processes, concurrency and parallelism, the GIL): the lesson, its code,
//! and a link to the page where its demo runs today.

use crate::ui::components::lesson_frame::LessonFrame;
use yew::prelude::*;

/// Props of [`ConceptPage`].
#[derive(Properties, PartialEq)]
pub struct ConceptPageProps {
    /// Which of the three lessons.
    pub slug: AttrValue,
}

/// A lesson whose live demo runs on the comparison page (worker pool) or the playground.
#[component]
pub fn ConceptPage(props: &ConceptPageProps) -> Html {
    let (sentence, href, link_text) = match props.slug.as_str() {
        "thread-vs-process" => (
            "Web Workers, the browser's process-like workers, run for real on the comparison page: \
             send them work and see their results come back as copied messages.",
            "/compare",
            "Open the comparison page",
        ),
        "concurrency-vs-parallelism" => (
            "Run the same tasks one after another, taking turns on the event loop, and in parallel on \
             Web Workers, and compare their timelines on the comparison page.",
            "/compare",
            "Compare sequential, concurrent and parallel",
        ),
        _ => (
            "A GIL limits CPU-bound threads to one core; see what parallel workers without one do to \
             CPU-bound work on the comparison page.",
            "/compare",
            "Open the comparison page",
        ),
    };
    html! {
        <LessonFrame slug={props.slug.clone()} demo_title="See it run">
            <p class="demo-link">
                { sentence }{ " " }
                // A plain link: /compare belongs to the worker-pool page, routed in its own branch.
                <a href={href}>{ link_text }{ " →" }</a>
            </p>
        </LessonFrame>
    }
}
