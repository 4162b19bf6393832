//! Page 6: coroutines. Drive a real Rust `async fn` by hand: you poll, you complete its futures.

pub mod source;

use crate::ui::tour::coroutines::source::{coroutine_source, CoroutineSourceProps};
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::lessons::Slug;
use crate::web::coroutine::{PollOutcome, Stepper, CUPS, GATE_VALUES};
use yew::prelude::*;

/// What the reader did, in order, with the Python that would do the same.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    rust: String,
    python: String,
    result: String,
}

const GATE_NAMES: [&str; 3] = ["water", "leaves", "milk"];

fn seen(stepper: &Stepper) -> Vec<Seen> {
    let polls = stepper.polls();
    if polls.is_empty() {
        return vec![];
    }
    let pending = polls.iter().filter(|p| matches!(p, PollOutcome::Pending(_))).count();
    let mut stuck = 0;
    for w in polls.windows(2) {
        if w[0] == w[1] {
            stuck += 1;
        }
    }
    let mut out = vec![Seen {
        label: "Polls".into(),
        value: format!("{} polls, {pending} Pending", polls.len()).into(),
        detail: "each poll ran the body up to the next await that was not ready.".into(),
    }];
    if stuck > 0 {
        out.push(Seen {
            label: "Polls without progress".into(),
            value: stuck.to_string().into(),
            detail:
                "polled again at the same await: the awaited future was not complete, so it stayed parked."
                    .into(),
        });
    }
    let w = stepper.watch();
    out.push(Seen {
        label: "Locals kept".into(),
        value: w.locals.iter().map(|(n, v)| format!("{n} = {v}")).collect::<Vec<_>>().join(", ").into(),
        detail: "these lived inside the future between polls.".into(),
    });
    if let Some(PollOutcome::Ready(v)) = polls.last() {
        out.push(Seen {
            label: "Result".into(),
            value: format!("Ready({v}) at poll {}", polls.len()).into(),
            detail: "in Python, StopIteration would carry the same value.".into(),
        });
    }
    out.push(Seen {
        label: "Wakes".into(),
        value: stepper.wakes().to_string().into(),
        detail: "times a completed future called wake() on the page's waker to ask for a poll.".into(),
    });
    out
}

/// The coroutines lesson with its demo.
#[component]
pub fn CoroutinesPage() -> Html {
    let stepper = use_mut_ref(|| None::<Stepper>);
    let history = use_state(Vec::<Entry>::new);
    let redraw = use_force_update();

    let on_create = {
        let (stepper, history, redraw) = (stepper.clone(), history.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            *stepper.borrow_mut() = Some(Stepper::new());
            history.set(vec![Entry {
                rust: format!("let fut = Box::pin(brew({CUPS}, …));"),
                python: format!("coro = brew({CUPS})"),
                result: "created: no line of brew has run".into(),
            }]);
            redraw.force_update();
        })
    };
    let on_poll = {
        let (stepper, history) = (stepper.clone(), history.clone());
        Callback::from(move |_: MouseEvent| {
            let mut guard = stepper.borrow_mut();
            let Some(s) = guard.as_mut() else { return };
            let before = s.watch().parked_at;
            // What Python would send: None to start, then the value the awaited future delivered.
            let python = match before {
                None => "coro.send(None)".to_string(),
                Some(p) if s.is_complete(p as usize) => format!("coro.send({})", GATE_VALUES[p as usize - 1]),
                Some(_) => "(asyncio would not resume it: what it awaits is not done)".to_string(),
            };
            let Some(outcome) = s.poll() else { return };
            let result = match outcome {
                PollOutcome::Pending(p) => format!("Pending: parked at await point {p}"),
                PollOutcome::Ready(v) => format!("Ready({v})"),
            };
            let python = match outcome {
                PollOutcome::Ready(v) => format!("{python}  # raises StopIteration({v})"),
                _ => python,
            };
            let mut h = (*history).clone();
            h.push(Entry { rust: "fut.as_mut().poll(&mut cx)".into(), python, result });
            history.set(h);
        })
    };
    let on_complete = |n: usize| {
        let (stepper, history) = (stepper.clone(), history.clone());
        Callback::from(move |_: MouseEvent| {
            let guard = stepper.borrow();
            let Some(s) = guard.as_ref() else { return };
            let before = s.wakes();
            s.complete(n);
            let woke = s.wakes() > before;
            let mut h = (*history).clone();
            h.push(Entry {
                rust: format!("{}.complete({})", GATE_NAMES[n - 1], GATE_VALUES[n - 1]),
                python: "(the awaited future gets its result)".into(),
                result: engine::tour::wake_note(woke, s.wakes()),
            });
            history.set(h);
        })
    };

    let guard = stepper.borrow();
    let s = guard.as_ref();
    let watch = s.map(Stepper::watch).unwrap_or_default();
    let done = s.is_some_and(Stepper::is_done);
    let state_text = match s {
        None => "No coroutine yet: press Create.".to_string(),
        Some(_) if done => "Finished: it returned Ready and was dropped.".to_string(),
        Some(_) if !watch.started => "Created, not started: no line of brew has run.".to_string(),
        Some(_) => match watch.parked_at {
            Some(p) => format!("Parked at await point {p}."),
            None => "Running.".to_string(),
        },
    };
    let seen_facts = s.map(seen).unwrap_or_default();

    html! {
        <LessonFrame slug={Slug::Coroutines} demo_title="Be the executor" seen={Some(seen_facts)}>
            <p>{ "Create the future, then poll it. Each await waits on a future that only you can complete, with its Complete button. The page's waker only counts wakes: nothing polls unless you press Poll." }</p>
            <div class="co-grid">
                { coroutine_source(&CoroutineSourceProps { parked_at: watch.parked_at, started: watch.started, done }) }
                <div class="co-panel">
                    <p class="co-state" data-testid="co-state" aria-live="polite">{ state_text }</p>
                    <div class="co-buttons">
                        <button onclick={on_create}>{ if s.is_some() { "Create again: brew(2)" } else { "Create: brew(2)" } }</button>
                        <button class="primary" onclick={on_poll} disabled={s.is_none() || done}>{ "Poll" }</button>
                    </div>
                    <div class="co-buttons">
                        { for (1..=3).map(|n| html! {
                            <button onclick={on_complete(n)} disabled={s.is_none_or(|s| s.is_complete(n))}>
                                { format!("Complete {} ({} = {})", GATE_NAMES[n - 1], GATE_NAMES[n - 1], GATE_VALUES[n - 1]) }
                            </button>
                        }) }
                    </div>
                    <h4>{ "Locals inside the future" }</h4>
                    if watch.locals.is_empty() {
                        <p class="muted" data-testid="co-locals">{ "none yet: the body has not run" }</p>
                    } else {
                        <dl class="co-locals" data-testid="co-locals">
                            { for watch.locals.iter().map(|(n, v)| html! { <><dt>{ *n }</dt><dd>{ *v }</dd></> }) }
                        </dl>
                    }
                </div>
            </div>
            if !history.is_empty() {
                <table class="co-history" aria-label="What you did">
                    <thead><tr><th scope="col">{ "Rust" }</th><th scope="col">{ "Python" }</th><th scope="col">{ "Result" }</th></tr></thead>
                    <tbody>
                        { for history.iter().map(|e| html! {
                            <tr data-testid="co-row">
                                <td><code>{ e.rust.clone() }</code></td>
                                <td><code>{ e.python.clone() }</code></td>
                                <td>{ e.result.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </LessonFrame>
    }
}
