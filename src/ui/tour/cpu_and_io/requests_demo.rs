//! Chapter 3's first demo: three simulated requests whose latencies the reader draws (mean,
//! spread, seed), awaited one after another, gathered, and the slowest alone, on this page's
//! event loop; the medians, spreads, the model's prediction, and two timelines.

use super::number_field::{number_field, NumberFieldProps};
use super::use_requests::{use_requests, RequestsAsk};
use crate::ui::shared::lab::{waiting_note, Activity};
use crate::ui::shared::run_session::verdict_note;
use crate::ui::shared::timeline::Timeline;
use crate::ui::tour::lesson_seen::Seen;
use engine::chapters::ch3::{parse_mean, parse_seed, parse_spread, requests_link, MEAN_RANGE};
use engine::measure::MIN_ROUNDS;
use yew::prelude::*;

/// Props of [`RequestsDemo`].
#[derive(Properties, PartialEq)]
pub struct RequestsDemoProps {
    /// Called with measured facts for the "What you just saw" box.
    pub on_seen: Callback<Seen>,
}

/// The request demo: three fields, a button, the results.
#[component]
pub fn RequestsDemo(props: &RequestsDemoProps) -> Html {
    let mean_text = use_state(|| "200".to_string());
    let spread_text = use_state(|| "50".to_string());
    let seed_text = use_state(|| "1".to_string());
    let (session, start) = use_requests(props.on_seen.clone());
    let mean = parse_mean(&mean_text);
    let spread = parse_spread(&spread_text, mean.as_ref().ok().copied());
    let seed = parse_seed(&seed_text);
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |t: String| s.set(t))
    };
    let ask = match (&mean, &spread, &seed) {
        (Ok(mean_ms), Ok(spread_ms), Ok(seed)) => {
            Some(RequestsAsk { mean_ms: *mean_ms, spread_ms: *spread_ms, seed: *seed })
        }
        _ => None,
    };
    let onclick = {
        let start = start.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = ask {
                start.emit(a);
            }
        })
    };
    html! {
        <div class="ch3-demo ch3-requests" aria-labelledby="ch3-req-h">
            <h3 id="ch3-req-h">{ "Waiting: three requests" }</h3>
            <p>{ "Each request waits for its response (a timer on this page's event loop) for a latency drawn at random between the mean minus the spread and the mean plus the spread. The same seed always draws the same latencies, so a run can be repeated exactly." }</p>
            <div class="ch3-fields">
                { number_field(&NumberFieldProps { id: "ch3-mean", label: "Mean latency (ms)", text: (*mean_text).clone(), on_text: set(&mean_text),
                    note: note(mean.as_ref(), format!("{:.0} to {:.0} ms", MEAN_RANGE.0, MEAN_RANGE.1)) }) }
                { number_field(&NumberFieldProps { id: "ch3-spread", label: "Spread (± ms)", text: (*spread_text).clone(), on_text: set(&spread_text),
                    note: note(spread.as_ref(), "up to half the mean".to_string()) }) }
                { number_field(&NumberFieldProps { id: "ch3-seed", label: "Seed", text: (*seed_text).clone(), on_text: set(&seed_text),
                    note: note(seed.as_ref(), "any whole number: the same seed, the same latencies".to_string()) }) }
            </div>
            <button class="primary" onclick={onclick} disabled={session.busy() || ask.is_none()}>
                { "Send the three requests" }
            </button>
            if session.activity == Activity::Waiting { { waiting_note() } }
            if let (Activity::Running, Some(what)) = (session.activity, session.stage) {
                <p class="muted" aria-live="polite">{ format!("Running in {MIN_ROUNDS} interleaved rounds: {what}…") }</p>
            }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e }</p> }
            if let Some(o) = &session.result {
                { outcome(o) }
            }
        </div>
    }
}

/// A field's note: its hint when valid, else its message.
fn note<T>(r: Result<&T, &String>, hint: String) -> Result<String, String> {
    r.map(|_| hint).map_err(Clone::clone)
}

fn outcome(o: &super::use_requests::RequestsOutcome) -> Html {
    let r = &o.comparison.readings;
    let one = r[2].spread.median;
    let predicted = [o.model.sequential_ms, o.model.gather_ms, o.model.one_ms];
    let drawn: Vec<String> = o.latencies.iter().map(|x| format!("{x:.0} ms")).collect();
    let link = requests_link(&o.latencies);
    let axis = o.runs.iter().map(|s| s.log.end_ms()).fold(0.0, f64::max);
    html! {
        <>
            <p data-testid="ch3-drawn">{ format!("Seed {} drew {}.", o.ask.seed, drawn.join(", ")) }</p>
            <table class="nb-results" aria-label="Request results">
                <caption>{ format!("Mean {} ms ± {} ms, seed {}; medians of {MIN_ROUNDS} interleaved rounds", o.ask.mean_ms, o.ask.spread_ms, o.ask.seed) }</caption>
                <thead><tr>
                    <th scope="col">{ "Run" }</th><th scope="col">{ "Waiting predicts" }</th>
                    <th scope="col">{ "Wall time (median)" }</th><th scope="col">{ "Spread" }</th>
                    <th scope="col">{ "× the slowest alone" }</th>
                </tr></thead>
                <tbody>
                    { for r.iter().enumerate().map(|(i, m)| html! {
                        <tr data-testid={format!("req-row-{i}")}>
                            <th scope="row">{ m.name.clone() }</th>
                            <td>{ format!("{:.0} ms", predicted[i]) }</td>
                            <td>{ format!("{:.0} ms", m.spread.median) }</td>
                            <td>{ format!("{:.0}–{:.0} ms", m.spread.min, m.spread.max) }</td>
                            <td data-testid="req-ratio">{ format!("{:.2}×", m.spread.median / one) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { verdict_note(&o.comparison, &o.conditions) }
            <ul class="ch3-claims">
                <li data-testid="ch3-claim-gather">{ if o.gather.holds { "✓ " } else { "✗ " } }{ format!("Gathered: {}.", o.gather.value) }</li>
                <li data-testid="ch3-claim-sequential">{ if o.sequential.holds { "✓ " } else { "✗ " } }{ format!("One after another: {}.", o.sequential.value) }</li>
            </ul>
            { for o.runs.iter().zip(r).take(2).map(|(s, m)| html! {
                <figure class="tw-timeline">
                    <figcaption>{ m.name.clone() }</figcaption>
                    <Timeline log={s.log.clone()} upto_ms={s.log.end_ms()} axis_end_ms={Some(axis)}
                        label={AttrValue::from(format!("Request timeline: {}", m.name))} />
                </figure>
            }) }
            <p><a class="button" href={link}>{ "Open these three requests in the playground" }</a></p>
        </>
    }
}
