//! The source of the coroutine the page drives, with the await point it is parked at marked.

use yew::prelude::*;

/// What [`coroutine_source`] draws.
pub struct CoroutineSourceProps {
    /// The await point (1–3) the future is parked at.
    pub parked_at: Option<u8>,
    /// Whether the body has started.
    pub started: bool,
    /// Whether it returned `Ready`.
    pub done: bool,
}

/// The lines of `brew` (as in `src/web/coroutine.rs`, without its watch-window reporting).
const LINES: [(&str, Option<u8>); 11] = [
    ("async fn brew(", None),
    ("    cups: u32, water: Gate, leaves: Gate, milk: Gate,", None),
    (") -> u32 {", None),
    ("    let mut total = cups;", None),
    ("    let water = water.await;      // await point 1", Some(1)),
    ("    total += water;", None),
    ("    let leaves = leaves.await;    // await point 2", Some(2)),
    ("    total *= leaves;", None),
    ("    let milk = milk.await;        // await point 3", Some(3)),
    ("    total + milk", None),
    ("}", None),
];

/// The line that returns the value.
const RETURN_LINE: usize = 9;

/// Shows `brew` with the parked line highlighted.
pub fn coroutine_source(props: &CoroutineSourceProps) -> Html {
    html! {
        <figure class="co-source">
            <figcaption>{ "The async fn being polled" }</figcaption>
            <pre><code>
                { for LINES.iter().enumerate().map(|(i, (text, point))| {
                    let here = point.is_some() && *point == props.parked_at && !props.done;
                    let end = props.done && i == RETURN_LINE;
                    let start = !props.started && i == 0;
                    html! {
                        <span class={classes!("co-line", here.then_some("here"), end.then_some("done"), start.then_some("idle"))}
                            aria-current={if here { Some("step") } else { None }}>
                            { *text }
                            if here { <span class="co-marker">{ "  ◀ parked" }</span> }
                            if end { <span class="co-marker">{ "  ◀ returned" }</span> }
                            { "\n" }
                        </span>
                    }
                }) }
            </code></pre>
        </figure>
    }
}
