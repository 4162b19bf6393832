//! The lesson's Python asyncio snippet beside the equivalent Rust.

use yew::prelude::*;

/// Props of [`LessonCodePair`].
#[derive(Properties, PartialEq)]
pub struct LessonCodePairProps {
    /// The Python snippet.
    pub python: AttrValue,
    /// The Rust snippet.
    pub rust: AttrValue,
}

/// Two code panes, side by side on a wide screen, stacked on a narrow one.
#[component]
pub fn LessonCodePair(props: &LessonCodePairProps) -> Html {
    html! {
        <section class="code-pair" aria-label="The same idea in Python and in Rust">
            <figure class="code-pane python">
                <figcaption>{ "Python (asyncio)" }</figcaption>
                <pre tabindex="0"><code class="language-python">{ props.python.clone() }</code></pre>
            </figure>
            <figure class="code-pane rust">
                <figcaption>{ "Rust (in your browser)" }</figcaption>
                <pre tabindex="0"><code class="language-rust">{ props.rust.clone() }</code></pre>
            </figure>
        </section>
    }
}
