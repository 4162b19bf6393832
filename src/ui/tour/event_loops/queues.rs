//! One step of the event-loop model, drawn: call stack, queues, and the output so far.

use engine::event_loop_model::{Item, LoopState, Micro};
use yew::prelude::*;

fn chip(items: &[Item], k: usize) -> Html {
    let item = items[k];
    html! { <li class={classes!("chip", format!("kind-{}", item.key()))}>{ format!("{} · {}", k + 1, item.name()) }</li> }
}

fn lane(title: &'static str, hint: &'static str, class: &'static str, body: Vec<Html>) -> Html {
    let empty = body.is_empty();
    html! {
        <section class={classes!("el-lane", class)} aria-label={title}>
            <h4>{ title }<span class="muted">{ hint }</span></h4>
            <ol class="chips">
                if empty { <li class="chip empty">{ "empty" }</li> } else { { for body } }
            </ol>
        </section>
    }
}

/// Draws one [`LoopState`] of the snippet whose lines are `items`.
pub fn event_loop_queues(items: &[Item], s: &LoopState) -> Html {
    let stack = s
        .call_stack
        .iter()
        .rev()
        .map(|f| html! { <li class="chip frame">{ f.clone() }</li> })
        .collect::<Vec<_>>();
    let micro = s
        .microtasks
        .iter()
        .map(|m| match m {
            Micro::Callback(k) => chip(items, *k),
            Micro::Executor => {
                html! { <li class="chip kind-spawn executor">{ "Rust executor: poll queued futures" }</li> }
            }
        })
        .collect::<Vec<_>>();
    html! {
        <div class="el-queues">
            { lane("Call stack", " (top first)", "stack", stack) }
            { lane("Microtask queue", " (drained when the stack is empty)", "micro", micro) }
            { lane("Rust executor queue", " (wasm-bindgen-futures)", "rust", s.rust_queue.iter().map(|&k| chip(items, k)).collect()) }
            { lane("Timer queue", " (tasks)", "timers", s.timers.iter().map(|&k| chip(items, k)).collect()) }
            { lane("Animation-frame callbacks", " (next frame)", "raf", s.frame_callbacks.iter().map(|&k| chip(items, k)).collect()) }
            { lane("Output", " (in order)", "output", s.output.iter().map(|&k| chip(items, k)).collect()) }
        </div>
    }
}
