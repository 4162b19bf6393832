//! The reader's snippet as code, following the builder: the Rust lines the page runs, in the
//! builder's order, beside their asyncio counterpart and the order CPython prints it in.

use engine::event_loop_asyncio;
use engine::event_loop_model::{self as model, Item};
use yew::prelude::*;

/// The snippet (its lines, in order) in Rust and in asyncio, with the two orders they print in.
pub fn snippet_code(items: &[Item]) -> Html {
    let rust = items.iter().map(|i| i.rust()).collect::<Vec<_>>().join("\n");
    let names = |order: Vec<usize>| order.iter().map(|&k| items[k].name()).collect::<Vec<_>>().join(" → ");
    html! {
        <section class="code-pair el-code" aria-label="Your snippet in Rust and in asyncio" data-testid="el-code">
            <figure class="code-pane rust">
                <figcaption>{ "Rust: your snippet's lines, as the page runs them" }</figcaption>
                <pre tabindex="0"><code class="language-rust" data-testid="el-code-rust">{ rust }</code></pre>
                <p class="muted" data-testid="el-order-browser">{ format!("The model predicts this browser logs: {}", names(model::predict(items))) }</p>
            </figure>
            <figure class="code-pane python">
                <figcaption>{ "Python (asyncio): the nearest counterpart" }</figcaption>
                <pre tabindex="0"><code class="language-python" data-testid="el-code-python">{ event_loop_asyncio::program(items) }</code></pre>
                <p class="muted" data-testid="el-order-cpython">{ format!("CPython prints: {}. asyncio has one ready queue (call_soon, a Task's steps, Future callbacks, first in, first out); a call_later(0) timer joins it only on the loop's next pass.", names(event_loop_asyncio::order(items))) }</p>
            </figure>
        </section>
    }
}
