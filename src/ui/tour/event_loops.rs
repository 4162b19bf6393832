//! Page 5: event loops. Build a snippet, guess its output, run it for real, and step through the
//! model's queues beside what the browser really did.

pub mod queues;
pub mod snippet;
pub mod snippet_code;
pub mod use_snippet_demo;

use crate::ui::tour::event_loops::queues::event_loop_queues;
use crate::ui::tour::event_loops::snippet::EventLoopSnippet;
use crate::ui::tour::event_loops::snippet_code::snippet_code;
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::lessons::Slug;
use crate::web::event_loop_probe::Recorded;
use engine::event_loop_model::{self as model, Item};
use use_snippet_demo::use_snippet_demo;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

fn names(items: &[Item], order: &[usize]) -> String {
    order.iter().map(|&k| items[k].name()).collect::<Vec<_>>().join(" → ")
}

fn seen(items: &[Item], rec: &Recorded, guess: Option<&Vec<usize>>) -> Vec<Seen> {
    let predicted = model::predict(items);
    let agree = model::guess_score(&predicted, &rec.order);
    let mut out = vec![
        Seen {
            label: "Your browser ran".into(),
            value: names(items, &rec.order).into(),
            detail: "recorded by the callbacks themselves as they ran.".into(),
        },
        Seen {
            label: "Model vs browser".into(),
            value: format!("{agree} of {} positions agree", items.len()).into(),
            detail: match model::first_difference(&predicted, &rec.order) {
                None => "the engine's model predicted exactly this order.".into(),
                Some(i) => format!("they first differ at position {}.", i + 1).into(),
            },
        },
    ];
    if let Some(g) = guess {
        out.push(Seen {
            label: "Your guess".into(),
            value: format!("{} of {} right", model::guess_score(g, &rec.order), items.len()).into(),
            detail: "positions where your guess matched what really ran.".into(),
        });
    }
    let at = |item: Item| {
        items
            .iter()
            .position(|&i| i == item)
            .and_then(|k| rec.order.iter().position(|&o| o == k).and_then(|p| rec.at_ms.get(p).copied()))
    };
    if let Some(t) = at(Item::Timeout) {
        out.push(Seen {
            label: "setTimeout(0) ran after".into(),
            value: format!("{t:.1} ms").into(),
            detail: "a zero-delay timer is still a later task.".into(),
        });
    }
    if let Some(t) = at(Item::AnimationFrame) {
        out.push(Seen {
            label: "requestAnimationFrame ran after".into(),
            value: format!("{t:.1} ms").into(),
            detail: "it waited for the next frame.".into(),
        });
    }
    out
}

/// The event-loops lesson with its demo.
#[component]
pub fn EventLoopsPage() -> Html {
    let d = use_snippet_demo();
    let steps = model::steps(&d.items);
    let (at, last) = (d.at, d.last);
    let on_guess = |pos: usize| {
        let on_guess = d.on_guess.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                on_guess.emit((pos, sel.value().parse::<usize>().ok().map(|k| k - 1)));
            }
        })
    };
    let go = |to: usize| d.on_go.reform(move |_: MouseEvent| to);
    let guess_started = d.guess.iter().any(Option::is_some);
    let predicted = model::predict(&d.items);
    let observed = d.recorded.as_ref().map(|r| r.order.clone());
    let state = &steps[at];
    let seen_facts = d.recorded.as_ref().map(|r| seen(&d.items, r, d.ran_guess.as_ref())).unwrap_or_default();

    html! {
        <LessonFrame slug={Slug::EventLoops} demo_title="Predict, run, step through" seen={Some(seen_facts)}>
            <div class="el-grid">
                <div>
                    <h3>{ "1. Build the snippet" }</h3>
                    <p class="muted">{ "These lines run in one synchronous turn. Reorder them, remove some, add them back." }</p>
                    <EventLoopSnippet items={d.items.clone()} on_change={d.on_items.clone()} disabled={d.running} />
                </div>
                <div>
                    <h3>{ "2. Guess the output" }</h3>
                    <p class="muted">{ "In which order will the lines log? (Optional, but you will remember it better.)" }</p>
                    <ol class="el-guess">
                        { for (0..d.items.len()).map(|pos| html! {
                            <li>
                                <label for={format!("guess-{pos}")}>{ format!("Position {}", pos + 1) }</label>
                                <select id={format!("guess-{pos}")} onchange={on_guess(pos)}>
                                    <option value="" selected={d.guess[pos].is_none()}>{ "— pick a line —" }</option>
                                    { for d.items.iter().enumerate().map(|(k, it)| html! {
                                        <option value={(k + 1).to_string()} selected={d.guess[pos] == Some(k)}>
                                            { format!("line {}: {}", k + 1, it.name()) }
                                        </option>
                                    }) }
                                </select>
                            </li>
                        }) }
                    </ol>
                    if guess_started {
                        if let Err(msg) = &d.checked { <p class="error" role="alert">{ msg.clone() }</p> }
                    }
                </div>
            </div>
            { snippet_code(&d.items) }
            <p>
                <button class="primary" onclick={d.on_run.reform(|_: MouseEvent| ())} disabled={d.running}>
                    { if d.running { "Running…" } else { "Run it for real" } }
                </button>
                <span class="muted">{ " The snippet starts inside a requestAnimationFrame callback, just after a frame, so the next frame is about 16 ms away." }</span>
            </p>
            if let Some(obs) = &observed {
                <table class="el-compare" aria-label="Predicted and observed order">
                    <thead><tr>
                        <th scope="col">{ "#" }</th>
                        if d.ran_guess.is_some() { <th scope="col">{ "Your guess" }</th> }
                        <th scope="col">{ "Model predicts" }</th>
                        <th scope="col">{ "Browser ran" }</th>
                        <th scope="col">{ "At" }</th>
                    </tr></thead>
                    <tbody>
                        { for (0..predicted.len().max(obs.len())).map(|pos| {
                            let p = predicted.get(pos).copied();
                            let o = obs.get(pos).copied();
                            let g = d.ran_guess.as_ref().and_then(|g| g.get(pos).copied());
                            let name = |k: Option<usize>| k.map_or("(missing)".to_string(), |k| format!("{} · {}", k + 1, d.items[k].name()));
                            let t = d.recorded.as_ref().and_then(|r| r.at_ms.get(pos)).map_or(String::new(), |t| format!("{t:.1} ms"));
                            html! {
                                <tr class={classes!((p != o).then_some("mismatch"))} data-testid="el-row">
                                    <td>{ pos + 1 }</td>
                                    if d.ran_guess.is_some() {
                                        <td class={if g == o { "hit" } else { "miss" }}>{ name(g) }{ if g == o { " ✓" } else { " ✗" } }</td>
                                    }
                                    <td>{ name(p) }</td>
                                    <td class="observed">{ name(o) }{ if p != o { " ≠ model" } else { "" } }</td>
                                    <td class="num">{ t }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <p class={if predicted == *obs { "verdict ok" } else { "verdict bad" }} data-testid="el-verdict">
                    { if predicted == *obs {
                        "✓ The model's prediction matches what your browser did."
                    } else if model::is_frame_timer_race(&d.items, &predicted, obs) {
                        "✗ A frame was drawn before a zero-delay timer ran. The model assumes the next frame is about 16 ms away; \
                         a busy browser can reach it before the timer's task gets the thread. Run it again."
                    } else {
                        "✗ Your browser ran a different order than the model predicts: the differing rows are marked."
                    } }
                </p>
            }
            <section class="el-stepper" aria-labelledby="el-step-h">
                <h3 id="el-step-h">{ format!("3. Step through: step {} of {} · {}", at, last, state.phase) }</h3>
                <p class="el-note" aria-live="polite">{ state.note.clone() }</p>
                <div class="el-step-buttons">
                    <button onclick={go(0)} disabled={at == 0}>{ "↺ Restart" }</button>
                    <button onclick={go(at.saturating_sub(1))} disabled={at == 0}>{ "◀ Back" }</button>
                    <button class="primary" onclick={d.on_play.reform(|_: MouseEvent| ())}>{ if d.playing { "⏸ Pause" } else { "▶ Play" } }</button>
                    <button onclick={go((at + 1).min(last))} disabled={at >= last}>{ "Step ▶" }</button>
                </div>
                { event_loop_queues(&d.items, state) }
            </section>
        </LessonFrame>
    }
}
