//! Chapter 3's second demo: CPU-bound jobs on a pool of Web Workers (the browser's processes)
//! against the same jobs one after another on one worker.

use super::number_field::{number_field, NumberFieldProps};
use super::use_pool_runs::{use_pool_runs, PoolOutcome};
use crate::ui::shared::lab::{use_lab, waiting_note, Activity};
use crate::ui::shared::run_session::verdict_note;
use crate::ui::shared::timeline::Timeline;
use crate::ui::tour::lesson_seen::Seen;
use engine::chapters::ch3::{pool_jobs, pool_link, POOL_JOB_UNITS};
use engine::fields;
use engine::measure::MIN_ROUNDS;
use engine::tour::speedup_reading;
use engine::words::plural;
use yew::prelude::*;

/// Props of [`PoolDemo`].
#[derive(Properties, PartialEq)]
pub struct PoolDemoProps {
    /// Called with measured facts for the "What you just saw" box.
    pub on_seen: Callback<Seen>,
}

/// The pool demo: the pool's size, a button, the results.
#[component]
pub fn PoolDemo(props: &PoolDemoProps) -> Html {
    let lab = use_lab();
    let cores = lab.env.cores.max(1);
    // `None` until the reader types: the default for this machine.
    let typed = use_state(|| None::<String>);
    let text = (*typed).clone().unwrap_or_else(|| cores.min(2).to_string());
    let workers = fields::workers(&text, cores);
    let (session, start) = use_pool_runs(props.on_seen.clone());
    let on_text = {
        let typed = typed.clone();
        Callback::from(move |t: String| typed.set(Some(t)))
    };
    let onclick = {
        let (start, workers) = (start.clone(), workers.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(w) = workers {
                start.emit(w);
            }
        })
    };
    let hint = workers.clone().map(|w| {
        format!(
            "{} of {POOL_JOB_UNITS:.0} units each (1 unit ≈ 1 ms here)",
            plural(pool_jobs(w), "job", "jobs")
        )
    });
    html! {
        <div class="ch3-demo ch3-pool" aria-labelledby="ch3-pool-h">
            <h3 id="ch3-pool-h">{ "Computing: a pool of workers" }</h3>
            <p>{ "The same CPU-bound jobs (a fixed computation each) run one after another on one worker, then at once on a pool. Each worker is a separate thread with its own memory, the browser's nearest thing to a process." }</p>
            if cores < 2 {
                <p class="muted" role="note" data-testid="ch3-one-core">{ "This browser reports one logical core, so no pool can compute two jobs at once here: the run below can only show them taking turns." }</p>
            }
            <div class="ch3-fields">
                { number_field(&NumberFieldProps { id: "ch3-workers", label: "Workers in the pool", text, on_text, note: hint }) }
            </div>
            <button class="primary" onclick={onclick} disabled={session.busy() || workers.is_err()}>
                { "Run the jobs on the pool" }
            </button>
            if session.activity == Activity::Waiting { { waiting_note() } }
            if let (Activity::Running, Some(what)) = (session.activity, session.stage) {
                <p class="muted" aria-live="polite">{ format!("Running in {MIN_ROUNDS} interleaved rounds: {what}…") }</p>
            }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e }</p> }
            if let Some(o) = &session.result { { outcome(o) } }
        </div>
    }
}

fn outcome(o: &PoolOutcome) -> Html {
    let r = &o.comparison.readings;
    let base = r[0].spread.median;
    let link = pool_link(o.workers);
    let axis = o.runs.iter().map(|s| s.stage.log.end_ms()).fold(0.0, f64::max);
    let names = [
        "one worker, one job after another".to_string(),
        format!("a pool of {}", plural(o.workers as usize, "worker", "workers")),
    ];
    html! {
        <>
            <table class="nb-results" aria-label="Pool results">
                <caption>{ format!("{} of {POOL_JOB_UNITS:.0} units; {} reported; medians of {MIN_ROUNDS} interleaved rounds", plural(o.jobs, "job", "jobs"), plural(o.cores as usize, "logical core", "logical cores")) }</caption>
                <thead><tr>
                    <th scope="col">{ "Run" }</th><th scope="col">{ "Wall time (median)" }</th>
                    <th scope="col">{ "Spread" }</th><th scope="col">{ "Speedup" }</th><th scope="col">{ "Checksums" }</th>
                </tr></thead>
                <tbody>
                    { for r.iter().zip(&o.runs).enumerate().map(|(i, (m, run))| html! {
                        <tr data-testid={format!("pool-row-{i}")}>
                            <th scope="row">{ names[i].clone() }</th>
                            <td>{ format!("{:.0} ms", m.spread.median) }</td>
                            <td>{ format!("{:.0}–{:.0} ms", m.spread.min, m.spread.max) }</td>
                            <td data-testid="pool-speedup">{ speedup_reading(base, m.spread.median, 2) }</td>
                            <td>{ if run.checksums_ok { "match ✓" } else { "MISMATCH ✗" } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { verdict_note(&o.comparison, &o.conditions) }
            <p data-testid="ch3-claim-pool">{ if o.claim.holds { "✓ " } else { "✗ " } }{ format!("Pool: {}.", o.claim.value) }</p>
            { for o.runs.iter().zip(names.iter()).map(|(s, name)| html! {
                <figure class="tw-timeline">
                    <figcaption>{ name.clone() }</figcaption>
                    <Timeline log={s.stage.log.clone()} upto_ms={s.stage.log.end_ms()} axis_end_ms={Some(axis)}
                        label={AttrValue::from(format!("Pool timeline: {name}"))} />
                </figure>
            }) }
            <p><a class="button" href={link}>{ "Open these jobs in the playground (parallel mode)" }</a></p>
        </>
    }
}
