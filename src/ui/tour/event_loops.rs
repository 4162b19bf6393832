//! Page 5: event loops. Build a snippet, guess its output, run it for real, and step through the
//! model's queues beside what the browser really did.

pub mod queues;
pub mod snippet;

use crate::ui::tour::event_loops::queues::EventLoopQueues;
use crate::ui::tour::event_loops::snippet::EventLoopSnippet;
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lesson_seen::Seen;
use crate::web::event_loop_probe::{self, Recorded};
use engine::event_loop_model::{self as model, Item};
use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The snippet the page starts with: every kind, in an order whose output surprises.
const DEFAULT: [Item; 6] =
    [Item::Timeout, Item::AnimationFrame, Item::Microtask, Item::SpawnLocal, Item::PromiseThen, Item::Log];

/// Checks a guess: every position filled, every line used once.
fn check_guess(guess: &[Option<usize>], n: usize) -> Result<Vec<usize>, String> {
    let mut out = Vec::with_capacity(n);
    for (pos, g) in guess.iter().enumerate().take(n) {
        match g {
            None => return Err(format!("Pick a line for position {}.", pos + 1)),
            Some(k) if out.contains(k) => return Err(format!("Line {} is picked twice.", k + 1)),
            Some(k) => out.push(*k),
        }
    }
    Ok(out)
}

fn names(items: &[Item], order: &[usize]) -> String {
    order.iter().map(|&k| items[k].name()).collect::<Vec<_>>().join(" → ")
}

fn seen(items: &[Item], rec: &Recorded, guess: Option<&Vec<usize>>) -> Vec<Seen> {
    let predicted = model::predict(items);
    let agree = predicted.iter().zip(&rec.order).filter(|(p, o)| p == o).count();
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
    let items = use_state(|| DEFAULT.to_vec());
    let guess = use_state(|| vec![None::<usize>; DEFAULT.len()]);
    let recorded = use_state(|| None::<Recorded>);
    let ran_guess = use_state(|| None::<Vec<usize>>);
    let running = use_state(|| false);
    let step = use_state(|| 0usize);
    let playing = use_state(|| false);

    let steps = model::steps(&items);
    let last = steps.len() - 1;
    let at = (*step).min(last);

    {
        // While playing, advance one step every 1.2 s; stop at the end.
        let (step, playing) = (step.clone(), playing.clone());
        use_effect_with((*playing, at), move |&(on, at)| {
            let interval = on.then(|| {
                Interval::new(1200, move || {
                    if at >= last {
                        playing.set(false);
                    } else {
                        step.set(at + 1);
                    }
                })
            });
            move || drop(interval)
        });
    }

    let on_items = {
        let (items, guess, recorded, step, playing) =
            (items.clone(), guess.clone(), recorded.clone(), step.clone(), playing.clone());
        Callback::from(move |v: Vec<Item>| {
            guess.set(vec![None; v.len()]);
            items.set(v);
            recorded.set(None);
            step.set(0);
            playing.set(false);
        })
    };
    let on_guess = |pos: usize| {
        let guess = guess.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                let mut g = (*guess).clone();
                g[pos] = sel.value().parse::<usize>().ok().map(|k| k - 1);
                guess.set(g);
            }
        })
    };
    let checked = check_guess(&guess, items.len());
    let guess_started = guess.iter().any(Option::is_some);
    let on_run = {
        let (items, recorded, running, ran_guess, checked, step, playing) = (
            items.clone(),
            recorded.clone(),
            running.clone(),
            ran_guess.clone(),
            checked.clone().ok(),
            step.clone(),
            playing.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            running.set(true);
            // Clear the last result so nothing on screen predates this run.
            recorded.set(None);
            ran_guess.set(checked.clone());
            let (items, recorded, running, step, playing) =
                ((*items).clone(), recorded.clone(), running.clone(), step.clone(), playing.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let rec = event_loop_probe::record(&items).await;
                recorded.set(Some(rec));
                running.set(false);
                step.set(0);
                playing.set(true);
            });
        })
    };
    let go = |to: usize| {
        let (step, playing) = (step.clone(), playing.clone());
        Callback::from(move |_: MouseEvent| {
            playing.set(false);
            step.set(to);
        })
    };
    let toggle_play = {
        let (playing, step) = (playing.clone(), step.clone());
        Callback::from(move |_: MouseEvent| {
            if !*playing && at >= last {
                step.set(0);
            }
            playing.set(!*playing);
        })
    };

    let predicted = model::predict(&items);
    let observed = recorded.as_ref().map(|r| r.order.clone());
    let state = steps[at].clone();
    let seen_facts = recorded.as_ref().map(|r| seen(&items, r, ran_guess.as_ref())).unwrap_or_default();

    html! {
        <LessonFrame slug="event-loops" demo_title="Predict, run, step through" seen={Some(seen_facts)}>
            <div class="el-grid">
                <div>
                    <h3>{ "1. Build the snippet" }</h3>
                    <p class="muted">{ "These lines run in one synchronous turn. Reorder them, remove some, add them back." }</p>
                    <EventLoopSnippet items={(*items).clone()} on_change={on_items} disabled={*running} />
                </div>
                <div>
                    <h3>{ "2. Guess the output" }</h3>
                    <p class="muted">{ "In which order will the lines log? (Optional, but you will remember it better.)" }</p>
                    <ol class="el-guess">
                        { for (0..items.len()).map(|pos| html! {
                            <li>
                                <label for={format!("guess-{pos}")}>{ format!("Position {}", pos + 1) }</label>
                                <select id={format!("guess-{pos}")} onchange={on_guess(pos)}>
                                    <option value="" selected={guess[pos].is_none()}>{ "— pick a line —" }</option>
                                    { for items.iter().enumerate().map(|(k, it)| html! {
                                        <option value={(k + 1).to_string()} selected={guess[pos] == Some(k)}>
                                            { format!("line {}: {}", k + 1, it.name()) }
                                        </option>
                                    }) }
                                </select>
                            </li>
                        }) }
                    </ol>
                    if guess_started {
                        if let Err(msg) = &checked { <p class="error" role="alert">{ msg.clone() }</p> }
                    }
                </div>
            </div>
            <p>
                <button class="primary" onclick={on_run} disabled={*running}>
                    { if *running { "Running…" } else { "Run it for real" } }
                </button>
                <span class="muted">{ " The snippet starts inside a requestAnimationFrame callback, just after a frame, so the next frame is about 16 ms away." }</span>
            </p>
            if let Some(obs) = &observed {
                <table class="el-compare" aria-label="Predicted and observed order">
                    <thead><tr>
                        <th scope="col">{ "#" }</th>
                        if ran_guess.is_some() { <th scope="col">{ "Your guess" }</th> }
                        <th scope="col">{ "Model predicts" }</th>
                        <th scope="col">{ "Browser ran" }</th>
                        <th scope="col">{ "At" }</th>
                    </tr></thead>
                    <tbody>
                        { for (0..predicted.len().max(obs.len())).map(|pos| {
                            let p = predicted.get(pos).copied();
                            let o = obs.get(pos).copied();
                            let g = ran_guess.as_ref().and_then(|g| g.get(pos).copied());
                            let name = |k: Option<usize>| k.map_or("(missing)".to_string(), |k| format!("{} · {}", k + 1, items[k].name()));
                            let t = recorded.as_ref().and_then(|r| r.at_ms.get(pos)).map_or(String::new(), |t| format!("{t:.1} ms"));
                            html! {
                                <tr class={classes!((p != o).then_some("mismatch"))} data-testid="el-row">
                                    <td>{ pos + 1 }</td>
                                    if ran_guess.is_some() {
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
                    } else if model::is_frame_timer_race(&items, &predicted, obs) {
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
                    <button class="primary" onclick={toggle_play}>{ if *playing { "⏸ Pause" } else { "▶ Play" } }</button>
                    <button onclick={go((at + 1).min(last))} disabled={at >= last}>{ "Step ▶" }</button>
                </div>
                <EventLoopQueues items={(*items).clone()} state={state} />
            </section>
        </LessonFrame>
    }
}
