//! Chapter 3's third demo: fork against spawn, as the browser has them — the measured cost of
//! starting a fresh Web Worker for a job against handing the job to a warm pool's worker.

use super::use_fork_spawn::{use_fork_spawn, ForkSpawnOutcome};
use crate::ui::shared::lab::{waiting_note, Activity};
use crate::ui::shared::run_session::verdict_note;
use crate::ui::tour::lesson_seen::Seen;
use engine::chapters::ch3::{STARTUP_JOB_UNITS, STARTUP_ROUNDS};
use yew::prelude::*;

/// Props of [`ForkSpawnDemo`].
#[derive(Properties, PartialEq)]
pub struct ForkSpawnDemoProps {
    /// Called with measured facts for the "What you just saw" box.
    pub on_seen: Callback<Seen>,
}

/// The fork-vs-spawn demo: a button and the two medians.
#[component]
pub fn ForkSpawnDemo(props: &ForkSpawnDemoProps) -> Html {
    let (session, start) = use_fork_spawn(props.on_seen.clone());
    let onclick = start.reform(|_: MouseEvent| ());
    html! {
        <div class="ch3-demo ch3-fork-spawn" aria-labelledby="ch3-fs-h">
            <h3 id="ch3-fs-h">{ "Starting: a fresh worker or a warm one" }</h3>
            <p>{ format!("The same small job ({STARTUP_JOB_UNITS:.0} units of computing) goes to a worker started for it — new Worker, load and instantiate its WebAssembly, wait until it says it is ready — and to a worker of the page's pool that is already running.") }</p>
            <button class="primary" onclick={onclick} disabled={session.busy()}>
                { "Measure a fresh worker against a warm one" }
            </button>
            if session.activity == Activity::Waiting { { waiting_note() } }
            if let (Activity::Running, Some(what)) = (session.activity, session.stage) {
                <p class="muted" aria-live="polite">{ format!("Running in {STARTUP_ROUNDS} interleaved rounds: {what}…") }</p>
            }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e }</p> }
            if let Some(o) = &session.result { { outcome(o) } }
        </div>
    }
}

fn outcome(o: &ForkSpawnOutcome) -> Html {
    let r = &o.comparison.readings;
    let warm = r[1].spread.median;
    html! {
        <>
            <table class="nb-results" aria-label="Start-up results">
                <caption>{ format!("Medians of {STARTUP_ROUNDS} interleaved rounds") }</caption>
                <thead><tr>
                    <th scope="col">{ "Run" }</th><th scope="col">{ "Job done after (median)" }</th>
                    <th scope="col">{ "Spread" }</th><th scope="col">{ "Of which start-up" }</th>
                    <th scope="col">{ "× the warm worker" }</th>
                </tr></thead>
                <tbody>
                    { for r.iter().enumerate().map(|(i, m)| html! {
                        <tr data-testid={format!("fs-row-{i}")}>
                            <th scope="row">{ m.name.clone() }</th>
                            <td>{ format!("{:.1} ms", m.spread.median) }</td>
                            <td>{ format!("{:.1}–{:.1} ms", m.spread.min, m.spread.max) }</td>
                            <td>{ match (i, o.startup) {
                                (0, Some(s)) => format!("{:.1} ms ({:.1}–{:.1} ms)", s.median, s.min, s.max),
                                _ => "none: it is already running".to_string(),
                            } }</td>
                            <td data-testid="fs-ratio">{ format!("{:.1}×", m.spread.median / warm) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { verdict_note(&o.comparison, &o.conditions) }
            <p data-testid="ch3-claim-fork-spawn">{ if o.claim.holds { "✓ " } else { "✗ " } }{ format!("Fork against spawn: {}. The tutorial's “up to 20×” is CPython's fork against spawn on Linux; this is what a browser measured here.", o.claim.value) }</p>
        </>
    }
}
