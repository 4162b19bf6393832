//! Page 2, race demo: two workers increment one counter in a `SharedArrayBuffer`. A plain
//! read-then-write loses updates (the tutorial's counter that ends at 1 instead of 10,000);
//! `Atomics.add` never does. A racy race that loses nothing is run again, up to
//! [`engine::measure::RACE_ATTEMPTS`] times, and the page says how many races it took: a race
//! depends on timing.

use crate::ui::shared::lab::{use_lab, waiting_note, Activity};
use crate::ui::shared::run_session::{run_on_lab, use_run_session};
use crate::ui::tour::lesson_seen::Seen;
use crate::web::shared_memory::{race, RaceResult};
use engine::fields;
use engine::measure::{race_again, race_note};
use engine::words::plural;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Workers that race (two is enough, and every machine we target has two cores).
const WORKERS: u32 = 2;
/// Rounds of work between the read and the write: a wider window, like the tutorial's sleep.
const WORK_ROUNDS: u32 = 16;
/// Most increments per worker the field accepts.
const MAX_TIMES: u32 = 10_000_000;

/// Props of [`RaceDemo`].
#[derive(Properties, PartialEq)]
pub struct RaceDemoProps {
    /// Called with a measured fact for the "What you just saw" box.
    pub on_seen: Callback<Seen>,
}

/// The race, with and without atomics.
#[component]
pub fn RaceDemo(props: &RaceDemoProps) -> Html {
    let lab = use_lab();
    let text = use_state(|| "100000".to_string());
    // Each kind's last race, and how many races that click ran, kept across runs.
    let session = use_run_session::<Vec<(bool, RaceResult, u32)>>();
    let parsed = fields::whole(&text, 1, MAX_TIMES);
    let isolation = lab.env.shared_memory.clone();

    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let run = |atomic: bool| {
        let (lab, dispatcher, on_seen, parsed) =
            (lab.clone(), session.dispatcher(), props.on_seen.clone(), parsed.clone());
        // The other kind's last race: the buttons are off while a race goes on, so it cannot
        // change before this one ends.
        let kept: Vec<(bool, RaceResult, u32)> = session
            .result
            .iter()
            .flat_map(|all| all.iter())
            .filter(|(a, _, _)| *a != atomic)
            .cloned()
            .collect();
        Callback::from(move |_: MouseEvent| {
            let Ok(times) = parsed else { return };
            let (on_seen, mut all) = (on_seen.clone(), kept.clone());
            run_on_lab(&lab, dispatcher.clone(), move |lab, _| async move {
                let lab = lab.ensure(WORKERS).await?;
                let mut races = 1;
                let mut r = race(&lab.pool, WORKERS, times, atomic, WORK_ROUNDS).await?;
                while race_again(atomic, r.lost, races) {
                    races += 1;
                    r = race(&lab.pool, WORKERS, times, atomic, WORK_ROUNDS).await?;
                }
                on_seen.emit(Seen {
                    label: if atomic { "Atomics.add" } else { "Plain increments" }.into(),
                    value: format!("{} lost", r.lost).into(),
                    detail: format!(
                        "{} × {} should give {}; the shared counter says {}. {}",
                        plural(r.workers as usize, "worker", "workers"),
                        plural(times as usize, "increment", "increments"),
                        r.expected,
                        r.counted,
                        race_note(atomic, r.lost, races)
                    )
                    .into(),
                });
                all.push((atomic, r, races));
                engine::sort::sort_by_key(&mut all, |(a, _, _)| *a);
                Ok(all)
            });
        })
    };
    let results: &[(bool, RaceResult, u32)] = session.result.as_deref().map_or(&[], Vec::as_slice);
    let disabled = session.busy() || parsed.is_err() || isolation.is_err();

    html! {
        <div class="tp-demo" aria-labelledby="tp-race-h">
            <h3 id="tp-race-h">{ "Two workers, one shared counter" }</h3>
            if let Err(why) = &isolation {
                <p class="muted" role="note">{ format!("This demo needs shared memory, which is off here: {why}. Serve the page with the two headers in the README to see it.") }</p>
            } else {
                <p>{ format!("Both workers start together and each adds 1 to the same counter, again and again. “Plain” reads the counter, works a moment, then writes the value it read plus one — the tutorial's read–sleep–write. Another worker may have written in between; its update is lost.") }</p>
                <div class="field">
                    <label for="tp-times">{ "Increments per worker" }</label>
                    <input id="tp-times" type="text" inputmode="numeric" value={(*text).clone()} oninput={on_input}
                        aria-invalid={parsed.is_err().to_string()} aria-describedby="tp-times-msg" />
                    <span id="tp-times-msg" class={if parsed.is_err() { "error" } else { "muted" }}>
                        { match &parsed { Err(e) => e.clone(), Ok(_) => format!("1 to {MAX_TIMES}") } }
                    </span>
                </div>
                <div class="nb-buttons">
                    <button class="danger" onclick={run(false)} disabled={disabled}>{ "Race with plain increments" }</button>
                    <button class="primary" onclick={run(true)} disabled={disabled}>{ "Race with Atomics.add" }</button>
                </div>
            }
            if session.activity == Activity::Waiting { { waiting_note() } }
            if session.activity == Activity::Running { <p class="muted" aria-live="polite">{ "Racing…" }</p> }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e.clone() }</p> }
            if !results.is_empty() {
                <table class="nb-results" aria-label="Race results">
                    <thead><tr>
                        <th scope="col">{ "Increments" }</th><th scope="col">{ "Expected" }</th>
                        <th scope="col">{ "Counter says" }</th><th scope="col">{ "Lost updates" }</th>
                        <th scope="col">{ "Slowest worker" }</th><th scope="col">{ "Races run" }</th>
                    </tr></thead>
                    <tbody>
                        { for results.iter().map(|(atomic, r, races)| html! {
                            <tr data-testid={if *atomic { "race-row-atomic" } else { "race-row-plain" }}>
                                <th scope="row">{ if *atomic { "Atomics.add" } else { "plain read + write" } }</th>
                                <td>{ r.expected }</td><td>{ r.counted }</td>
                                <td class={classes!("race-lost", (r.lost > 0).then_some("bad"))} data-testid="race-lost"><strong>{ r.lost }</strong></td>
                                <td>{ format!("{:.0} ms", r.slowest_ms) }</td>
                                <td data-testid="race-runs">{ races }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                { for results.iter().map(|(atomic, r, races)| html! {
                    <p class="muted" data-testid={if *atomic { "race-note-atomic" } else { "race-note-plain" }}>
                        { race_note(*atomic, r.lost, *races) }
                    </p>
                }) }
            }
        </div>
    }
}
