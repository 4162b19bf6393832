//! A demo's own code pair: the Python it stands for beside the Rust the demo runs, in the
//! lesson's code-pane style (for demos whose code differs from the lesson's pair).

use yew::prelude::*;

/// Props of [`DemoCode`].
#[derive(Properties, PartialEq)]
pub struct DemoCodeProps {
    /// What the Python uses, as its caption ("Python (asyncio)").
    pub python_caption: AttrValue,
    /// The Python.
    pub python: AttrValue,
    /// The Rust the demo runs.
    pub rust: AttrValue,
    /// An extra class for the pair (its chapter's layout).
    #[prop_or_default]
    pub class: Classes,
}

/// The two panes side by side.
#[component]
pub fn DemoCode(props: &DemoCodeProps) -> Html {
    html! {
        <div class={classes!("code-pair", props.class.clone())}>
            <figure class="code-pane python">
                <figcaption>{ props.python_caption.clone() }</figcaption>
                <pre tabindex="0"><code class="language-python">{ props.python.clone() }</code></pre>
            </figure>
            <figure class="code-pane rust">
                <figcaption>{ "Rust (this demo)" }</figcaption>
                <pre tabindex="0"><code class="language-rust">{ props.rust.clone() }</code></pre>
            </figure>
        </div>
    }
}
