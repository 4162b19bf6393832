//! Chapter 6's eager-start demo: the reader sets how many tasks and how many of them await, sees
//! the model's turn counts, then runs both ways and sees the counted turns and the times.

use super::use_eager_runs::{use_eager_runs, ROUNDS};
use crate::ui::shared::lab::{waiting_note, Activity};
use crate::ui::tour::lesson_seen::Seen;
use engine::chapters::ch6::{predicted_turns, ratio_words, EagerRequest, MAX_TASKS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`EagerDemo`].
#[derive(Properties, PartialEq)]
pub struct EagerDemoProps {
    /// Where the measured facts go.
    pub on_seen: Callback<Seen>,
}

/// The eager-start demo.
#[component]
pub fn EagerDemo(props: &EagerDemoProps) -> Html {
    let tasks_text = use_state(|| "10000".to_string());
    let awaiting_text = use_state(|| "0".to_string());
    let (session, start) = use_eager_runs(props.on_seen.clone());
    let (tasks, awaiting) = EagerRequest::parse(&tasks_text, &awaiting_text);
    let request = match (&tasks, &awaiting) {
        (Ok(t), Ok(a)) => Some(EagerRequest { tasks: *t, awaiting: *a }),
        _ => None,
    };
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onclick = {
        let start = start.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(r) = request {
                start.emit(r);
            }
        })
    };
    let field = |id: &'static str,
                 label: &'static str,
                 text: String,
                 oninput,
                 parsed: Result<u32, String>,
                 hint: String| {
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <input id={id} type="text" inputmode="numeric" value={text} oninput={oninput}
                    aria-invalid={parsed.is_err().to_string()} aria-describedby={format!("{id}-msg")} />
                <span id={format!("{id}-msg")} class={if parsed.is_err() { "error" } else { "muted" }}>
                    { parsed.map(|_| hint).unwrap_or_else(|e| e) }
                </span>
            </div>
        }
    };
    html! {
        <div class="eager-demo card">
            <h3>{ "Count the turns an eager start saves" }</h3>
            <div class="eager-fields">
                { field("eager-tasks", "Tasks", (*tasks_text).clone(), input(&tasks_text), tasks.clone(), format!("1 to {MAX_TASKS}")) }
                { field("eager-awaiting", "Of which await once", (*awaiting_text).clone(), input(&awaiting_text), awaiting.clone(), "the rest finish without awaiting".into()) }
            </div>
            if let Some(r) = request {
                <p data-testid="eager-model">{ {
                    let p = predicted_turns(r);
                    format!("The model predicts {} executor turns for the lazy start ({} starts and {} resumes) and {} for the eager start (the resumes only).", p.lazy, r.tasks, r.awaiting, p.eager)
                } }</p>
            }
            <p class="demo-actions">
                <button class="button primary" disabled={session.busy() || request.is_none()} onclick={onclick}>
                    { if session.busy() { "Running…" } else { "Run both ways" } }
                </button>
            </p>
            if session.activity == Activity::Waiting { { waiting_note() } }
            if session.activity == Activity::Running {
                <p class="muted" aria-live="polite">{ format!("Running {ROUNDS} interleaved rounds: {}…", session.stage.unwrap_or("starting")) }</p>
            }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e.clone() }</p> }
            if let Some(o) = &session.result {
                { {
                    let (m, v) = (&o.measurement, &o.verdict);
                    let counted = m.turns.first().copied();
                    let cell = |x: Option<u64>| x.map_or("–".to_string(), |x| x.to_string());
                    html! {
                        <>
                        <table class="eager-results" aria-label="Eager start results">
                            <caption>{ format!("{} tasks ({} awaiting once), {ROUNDS} interleaved rounds in this browser", m.request.tasks, m.request.awaiting) }</caption>
                            <thead><tr>
                                <th scope="col">{ "Start" }</th><th scope="col">{ "Turns counted" }</th>
                                <th scope="col">{ "Model" }</th><th scope="col">{ "Wall time (median)" }</th>
                                <th scope="col">{ "Spread" }</th>
                            </tr></thead>
                            <tbody>
                                <tr>
                                    <th scope="row">{ "Lazy (spawn_local)" }</th>
                                    <td data-testid="eager-lazy-turns">{ cell(counted.map(|t| t.lazy)) }</td>
                                    <td>{ v.predicted.lazy }</td>
                                    <td data-testid="eager-lazy-ms">{ format!("{:.2} ms", v.lazy.median) }</td>
                                    <td>{ format!("{:.2}–{:.2} ms", v.lazy.min, v.lazy.max) }</td>
                                </tr>
                                <tr>
                                    <th scope="row">{ "Eager (polled once inline)" }</th>
                                    <td data-testid="eager-eager-turns">{ cell(counted.map(|t| t.eager)) }</td>
                                    <td>{ v.predicted.eager }</td>
                                    <td data-testid="eager-eager-ms">{ format!("{:.2} ms", v.eager.median) }</td>
                                    <td>{ format!("{:.2}–{:.2} ms", v.eager.min, v.eager.max) }</td>
                                </tr>
                            </tbody>
                        </table>
                        <p class={if v.holds { "holds" } else { "fails" }} data-testid="eager-verdict" data-holds={v.holds.to_string()}
                            data-ratio={format!("{:.3}", v.ratio)} data-at={format!("{:.3}", o.finished_ms)}>
                            { if v.turns_match { "✓ Every round counted exactly the model's turns. " } else { "✗ The counted turns differ from the model's. " } }
                            { if m.results_ok { "" } else { "✗ Some results were wrong. " } }
                            { format!("The eager start here: {}. That ratio is this browser's on this machine, not a constant.", ratio_words(v.ratio)) }
                        </p>
                        </>
                    }
                } }
            }
        </div>
    }
}
