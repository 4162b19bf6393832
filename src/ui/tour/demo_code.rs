//! A demo's own code pair: the Python it stands for beside the Rust the demo runs, in the
//! lesson's code-pane style (for demos whose code differs from the lesson's pair).

use yew::prelude::*;

/// What [`demo_code`] draws.
pub struct DemoCodeProps {
    /// What the Python uses, as its caption ("Python (asyncio)").
    pub python_caption: &'static str,
    /// The Python.
    pub python: &'static str,
    /// The Rust the demo runs.
    pub rust: &'static str,
    /// An extra class for the pair (its chapter's layout).
    pub class: Option<&'static str>,
}

/// The two panes side by side.
pub fn demo_code(props: &DemoCodeProps) -> Html {
    html! {
        <div class={classes!("code-pair", props.class)}>
            <figure class="code-pane python">
                <figcaption>{ props.python_caption }</figcaption>
                <pre tabindex="0"><code class="language-python">{ props.python }</code></pre>
            </figure>
            <figure class="code-pane rust">
                <figcaption>{ "Rust (this demo)" }</figcaption>
                <pre tabindex="0"><code class="language-rust">{ props.rust }</code></pre>
            </figure>
        </div>
    }
}
