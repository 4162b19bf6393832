//! "Guess first": the scenario's question, the reader's guess, and — on request — the model's
//! answer; after a run, the three side by side.

use super::Action;
use engine::inspect::Question;
use yew::prelude::*;

/// What [`guess_panel`] draws.
pub struct GuessPanelProps {
    /// The question.
    pub question: Question,
    /// The reader's choice, if made.
    pub guess: Option<usize>,
    /// Whether the model's prediction is shown.
    pub reveal: bool,
    /// The model's answer.
    pub model: Option<usize>,
    /// The model's virtual end time (ms).
    pub model_end_ms: f64,
    /// Whether the model found the run can never end.
    pub model_stalled: bool,
    /// Events the model predicts.
    pub model_events: usize,
    /// The real run's answer, once it ended.
    pub observed: Option<usize>,
    /// Sends the page's actions.
    pub on_action: Callback<Action>,
}

/// The panel.
pub fn guess_panel(p: &GuessPanelProps) -> Html {
    let choices = p.question.choices();
    let say = |a: Option<usize>| a.and_then(|i| choices.get(i).cloned()).unwrap_or_else(|| "—".into());
    let mark = |a: Option<usize>| match (p.guess, a) {
        (Some(g), Some(x)) if g == x => " ✓",
        (Some(_), Some(_)) => " ✗",
        _ => "",
    };
    html! {
        <section class="card" aria-labelledby="stuck-guess-h">
            <h2 id="stuck-guess-h">{ "2 · Guess first" }</h2>
            <fieldset class="guess">
                <legend>{ p.question.prompt() }</legend>
                { for choices.iter().enumerate().map(|(i, c)| {
                    let id = format!("guess-{i}");
                    html! {
                        <label for={id.clone()}>
                            <input type="radio" id={id} name="guess" checked={p.guess == Some(i)}
                                onchange={p.on_action.reform(move |_| Action::Guess(i))} />
                            { format!(" {c}") }
                        </label>
                    }
                }) }
            </fieldset>
            if !p.reveal {
                <button onclick={p.on_action.reform(|_| Action::Reveal)}>{ "Show the model's prediction" }</button>
            } else {
                <p data-testid="model-says">{ format!(
                    "The schedule model, which runs nothing and counts virtual milliseconds, says: {}. {}",
                    say(p.model),
                    if p.model_stalled {
                        format!("It predicts {} events, then no task can ever move again, at {:.0} ms of virtual time.", p.model_events, p.model_end_ms)
                    } else {
                        format!("It predicts {} events, ending at {:.0} ms of virtual time.", p.model_events, p.model_end_ms)
                    }
                ) }</p>
            }
            if p.observed.is_some() {
                <table class="guess-table" data-testid="guess-table">
                    <thead><tr><th scope="col">{ "Your guess" }</th><th scope="col">{ "The model" }</th><th scope="col">{ "This run" }</th></tr></thead>
                    <tbody><tr>
                        <td>{ say(p.guess) }</td>
                        <td>{ format!("{}{}", say(p.model), mark(p.model)) }</td>
                        <td data-testid="observed-answer">{ format!("{}{}", say(p.observed), mark(p.observed)) }</td>
                    </tr></tbody>
                </table>
            }
        </section>
    }
}
