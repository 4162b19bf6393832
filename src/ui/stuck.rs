//! The "Why is it stuck?" page (`/stuck`): pick a scenario with locks, queues, events or
//! barriers, guess what it will do, see what the schedule model predicts, run it for real with a
//! live wait-for graph, have the page stop it the moment tasks are stuck for good (with the
//! cycle drawn and explained), and step back and forth through what happened.
//!
//! Decisions are the engine's ([`engine::inspect`], [`engine::waitfor`], [`engine::model`]); the
//! run and its detector are [`crate::web::watch`]'s. The page's state is a reducer (`state.rs`),
//! its run a run session (`use_stuck.rs`); this component lays their parts out.

pub mod guess_panel;
pub mod run_card;
pub mod state;
pub mod stepper;
pub mod use_stuck;
pub mod wait_graph;

use engine::inspect::{self, Outcome};
use engine::model::Difference;
use guess_panel::{guess_panel, GuessPanelProps};
use run_card::run_card;
use state::{Done, PageState, TIE_MS};
use stepper::{stepper, StepperProps};
use use_stuck::{use_stuck, Action, RunState};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Card 1: the scenario picker, its story and what it declares.
fn scenario_card(st: &PageState, run: &RunState, act: &Callback<Action>) -> Html {
    let running = matches!(run, RunState::Running(_));
    let scenario = &st.scenario;
    let on_pick = act.reform(|e: Event| {
        let sel: HtmlSelectElement = e.target_unchecked_into();
        Action::Pick(sel.value())
    });
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
    html! {
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
    }
}

/// Card 2: the guess, and the model's and the run's answers.
fn guess_card(st: &PageState, run: &RunState, act: &Callback<Action>) -> Html {
    let observed_answer = match run {
        RunState::Done(d) if !matches!(d.outcome, Outcome::Stopped) => {
            st.scene.question.answer(&d.log, matches!(d.outcome, Outcome::Stuck { .. }))
        }
        _ => None,
    };
    let model_answer = st.scene.question.answer(&st.prediction.log, st.prediction.stalled);
    html! {
        { guess_panel(&GuessPanelProps { question: st.scene.question.clone(), guess: st.guess, reveal: st.reveal,
            model: model_answer, model_end_ms: st.prediction.end_ms(), model_stalled: st.prediction.stalled,
            model_events: st.prediction.log.events.len(), observed: observed_answer, on_action: act.clone() }) }
    }
}

/// Cards 4 and 5 once a run has ended: the stepper, and the model against the run.
fn finished_cards(st: &PageState, d: &Done, act: &Callback<Action>) -> Html {
    html! {
        <>
            { stepper(&StepperProps { scrub: d.scrub.clone(), log: d.log.clone(), step: st.step(d), found_step: d.found_step, on_action: act.clone(),
                link_note: st.link_note.clone() }) }
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
    }
}

/// The page.
#[component]
pub fn StuckPage() -> Html {
    let use_stuck::StuckPage { page, run, act } = use_stuck();
    let st = &*page;
    html! {
        <article class="stuck-page">
            <h1>{ "Why is it stuck?" }</h1>
            <p class="lede">{ "Tasks that share locks, queues, events and barriers can wait for each other. Pick a scenario, guess what it will do, then run it for real on this page's event loop: the graph shows who holds what and who waits for whom as it happens. If the tasks can never move again, the page stops the run at that instant and tells you why." }</p>
            { scenario_card(st, &run, &act) }
            { guess_card(st, &run, &act) }
            { run_card(st, &run, &act) }
            if let RunState::Done(d) = &run {
                { finished_cards(st, d, &act) }
            }
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
