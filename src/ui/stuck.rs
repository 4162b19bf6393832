//! The "Why is it stuck?" page (`/stuck`): pick a scenario with locks, queues, events or
//! barriers, guess what it will do, see what the schedule model predicts, run it for real with a
//! live wait-for graph, have the page stop it the moment tasks are stuck for good (with the
//! cycle drawn and explained), and step back and forth through what happened.
//!
//! Decisions are the engine's ([`engine::inspect`], [`engine::waitfor`], [`engine::model`]); the
//! run and its detector are [`crate::web::watch`]'s. This component holds the page's state and
//! lays its parts out.

pub mod guess_panel;
pub mod stepper;
pub mod use_stuck;
pub mod wait_graph;

use engine::inspect::{self, Outcome};
use engine::model::Difference;
use engine::waitfor::{Graph, TaskState};
use engine::TaskId;
use guess_panel::GuessPanel;
use std::rc::Rc;
use stepper::Stepper;
use use_stuck::{use_stuck, Action, Done, RunState, TIE_MS};
use wait_graph::WaitGraph;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The page.
#[component]
pub fn StuckPage() -> Html {
    let use_stuck::StuckPage { state, act } = use_stuck();
    let st = state.borrow();
    let scenario = st.scene.scenario();
    let running = matches!(st.run, RunState::Running(_));
    let on_pick = {
        let act = act.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            act.emit(Action::Pick(sel.value()));
        })
    };
    let scenes = inspect::scenes();
    let group = |g: &'static str| {
        html! {
            <optgroup label={g}>
                { for scenes.iter().filter(|s| s.group == g).map(|s| html! {
                    <option value={s.id} selected={s.id == st.scene.id}>{ s.title }</option>
                }) }
            </optgroup>
        }
    };

    // The graph shown: live, at the chosen step of a finished run, or before any event.
    let (graph, stuck, cycle, live_note): (Graph, Vec<TaskId>, Vec<TaskId>, String) = match &st.run {
        RunState::Idle => {
            (Graph::new(&scenario), Vec::new(), Vec::new(), "Before the run: no task has started.".into())
        }
        RunState::Running(w) => match w.found() {
            Some(f) => (
                f.graph,
                f.deadlock.tasks.clone(),
                f.deadlock.cycle.clone(),
                "Stuck: stopping the run…".into(),
            ),
            None => {
                let rec = w.recorder();
                (
                    w.graph(),
                    Vec::new(),
                    Vec::new(),
                    format!("Live: {} events, {:.0} ms", rec.len(), rec.elapsed()),
                )
            }
        },
        RunState::Done(d) => {
            let g = d.scrub.at(st.step);
            let at_found = d.found_step == Some(st.step);
            let note = if at_found {
                "The moment the page found the tasks stuck for good.".to_string()
            } else {
                format!("After {} of {} events.", st.step, d.scrub.len())
            };
            let (s, c) = if at_found { (d.stuck.clone(), d.cycle.clone()) } else { (Vec::new(), Vec::new()) };
            (g, s, c, note)
        }
    };
    let drawing = Rc::new(inspect::draw(&scenario, &graph.snapshot(), &stuck, &cycle));
    let waiting: Vec<(TaskId, String)> = (0..scenario.tasks.len())
        .map(|i| TaskId(i as u32))
        .filter(|t| matches!(graph.state(*t), TaskState::Blocked { .. } | TaskState::Joining { .. }))
        .filter_map(|t| graph.explain(t).map(|e| (t, e)))
        .collect();
    let selected_line = st.selected.and_then(|t| {
        graph.explain(t).or_else(|| {
            let name = scenario.tasks.get(t.0 as usize)?.name.clone();
            Some(format!(
                "{name} is {} (not waiting).",
                inspect::state_class(graph.state(t)).replace('-', " ")
            ))
        })
    });

    let observed_answer = match &st.run {
        RunState::Done(d) if !matches!(d.outcome, Outcome::Stopped) => {
            st.scene.question.answer(&d.log, matches!(d.outcome, Outcome::Stuck { .. }))
        }
        _ => None,
    };
    let model_answer = st.scene.question.answer(&st.prediction.log, st.prediction.stalled);

    html! {
        <article class="stuck-page">
            <h1>{ "Why is it stuck?" }</h1>
            <p class="lede">{ "Tasks that share locks, queues, events and barriers can wait for each other. Pick a scenario, guess what it will do, then run it for real on this page's event loop: the graph shows who holds what and who waits for whom as it happens. If the tasks can never move again, the page stops the run at that instant and tells you why." }</p>

            <section class="card" aria-labelledby="stuck-pick-h">
                <h2 id="stuck-pick-h">{ "1 · A scenario" }</h2>
                <label for="stuck-scene">{ "Scenario" }</label>
                <select id="stuck-scene" onchange={on_pick} disabled={running}>
                    { group(inspect::DEADLOCKS) }
                    { group(inspect::EXAMPLES) }
                </select>
                <p data-testid="stuck-story">{ st.scene.story }</p>
                if let Some(why) = &st.link_error {
                    <p class="error" role="alert">{ why.clone() }</p>
                }
                <p class="muted small">{ format!("{} tasks; {}.", scenario.tasks.len(),
                    scenario.resources.iter().map(|r| format!("{} {}", r.kind.noun(), r.name)).collect::<Vec<_>>().join(", ")) }</p>
            </section>

            <GuessPanel question={st.scene.question.clone()} guess={st.guess} reveal={st.reveal}
                model={model_answer} model_end_ms={st.prediction.end_ms()} model_stalled={st.prediction.stalled}
                model_events={st.prediction.log.events.len()} observed={observed_answer} on_action={act.clone()} />

            <section class="card" aria-labelledby="stuck-run-h">
                <h2 id="stuck-run-h">{ "3 · Run it and watch who waits for whom" }</h2>
                <div class="run-row">
                    <button class="primary" onclick={act.reform(|_| Action::Run)} disabled={running}>{ "Run" }</button>
                    <button onclick={act.reform(|_| Action::Stop)} disabled={!running}>{ "Stop" }</button>
                </div>
                <p class="stuck-status" role="status" data-testid="stuck-status">{ match &st.run {
                    RunState::Idle => "Not run yet.".to_string(),
                    RunState::Running(_) => "Running…".to_string(),
                    RunState::Done(d) => d.outcome.headline(),
                } }</p>
                { match &st.run {
                    RunState::Done(Done { outcome: Outcome::Stuck { explanation, .. }, .. }) => html! {
                        <p class="stuck-why" data-testid="stuck-why"><strong>{ "Why: " }</strong>{ explanation.clone() }</p>
                    },
                    _ => html! {},
                } }
                <div class="stuck-grid">
                    <figure class="wait-graph-fig">
                        <WaitGraph drawing={drawing} selected={st.selected} on_action={act.clone()} />
                        <figcaption class="muted small">{ live_note }</figcaption>
                    </figure>
                    <div>
                        <h3>{ "Who waits for whom" }</h3>
                        if waiting.is_empty() {
                            <p class="muted" data-testid="no-waits">{ "Nobody is waiting on another task or a resource at this point." }</p>
                        } else {
                            <ul class="waits" aria-label="Who waits for whom" data-testid="waits">
                                { for waiting.iter().map(|(t, line)| {
                                    let t = *t;
                                    let pressed = st.selected == Some(t);
                                    html! {
                                        <li>
                                            <button class="link-like" aria-pressed={pressed.to_string()}
                                                onclick={act.reform(move |_| Action::Select(if pressed { None } else { Some(t) }))}>
                                                { line.clone() }
                                            </button>
                                        </li>
                                    }
                                }) }
                            </ul>
                        }
                        if let Some(line) = selected_line {
                            <p class="selected-why" aria-live="polite" data-testid="selected-why">{ line }</p>
                        }
                    </div>
                </div>
            </section>

            { match &st.run {
                RunState::Done(d) => html! {
                    <>
                        <Stepper scrub={d.scrub.clone()} log={d.log.clone()} step={st.step} found_step={d.found_step} on_action={act.clone()}
                            link_note={st.link_note.clone()} />
                        <section class="card" aria-labelledby="stuck-model-h">
                            <h2 id="stuck-model-h">{ "5 · The model against the real run" }</h2>
                            <p data-testid="vs-model">{ match &d.vs_model {
                                Err(()) => "You stopped the run, which the model does not predict: nothing to compare.".to_string(),
                                Ok(None) => format!("The run recorded the same {} events, in the same order, as the model predicted without running anything.",
                                    d.found_step.unwrap_or(d.log.events.len())),
                                Ok(Some(diff)) => describe_difference(diff),
                            } }</p>
                        </section>
                    </>
                },
                _ => html! {},
            } }
        </article>
    }
}

/// The first difference between model and run, in words, with its explanation when the model
/// documents it.
fn describe_difference(d: &Difference) -> String {
    let said = |x: &Option<String>, none: &str| x.clone().unwrap_or_else(|| none.to_string());
    let why = if d.timer_tie {
        format!(
            " Explained: two timers were due within {TIE_MS:.0} ms of each other, set at different moments, and a browser may fire such timers in either order; the model fires the one set first."
        )
    } else {
        " Not one of the model's documented differences: please report it with the exported log.".to_string()
    };
    format!(
        "The run and the model part at event {}: the model predicted “{}”, the run recorded “{}”.{why}",
        d.index + 1,
        said(&d.predicted, "the end of the run"),
        said(&d.observed, "the end of the run"),
    )
}
