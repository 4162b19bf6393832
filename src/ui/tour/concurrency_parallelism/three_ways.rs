//! Page 3's demo: one workload run three ways — one task after another, taking turns on the
//! event loop, in parallel on Web Workers — in interleaved rounds ([`measure_rounds`]), with each
//! way's median and spread, a verdict that says when the machine was too busy for the numbers to
//! show the lesson, and the three median runs' timelines stacked on one time axis.

use crate::ui::shared::lab::{use_lab, Activity};
use crate::ui::shared::run_session::{measure_rounds, run_on_lab, use_run_session, verdict_note, Action};
use crate::ui::shared::timeline::Timeline;
use crate::ui::tour::lesson_seen::Seen;
use crate::web::compare::{event_loop_stage, pool_stage, StageResult, Stopper};
use engine::measure::{Comparison, Conditions, MIN_ROUNDS};
use engine::metrics;
use engine::tour::{speedup_reading, three_ways_expectations};
use engine::words::plural;
use engine::RunMode;
use engine::Scenario;
use yew::prelude::*;

/// Props of [`ThreeWays`].
#[derive(Properties, PartialEq)]
pub struct ThreeWaysProps {
    /// Short name of the workload ("I/O-bound").
    pub name: AttrValue,
    /// One sentence saying what the tasks do.
    pub about: AttrValue,
    /// The tasks.
    pub scenario: Scenario,
    /// Called with measured facts for the "What you just saw" box.
    pub on_seen: Callback<Seen>,
}

#[derive(Clone, PartialEq)]
struct Runs {
    workers: u32,
    /// Each way's median run.
    stages: Vec<(&'static str, StageResult)>,
    comparison: Comparison,
    conditions: Conditions,
}

/// What the demo says while another demo of the page holds the workers.
const WAITING: &str = "Waiting for the other workload's run to finish with the workers";

/// A button that runs the workload three ways and shows the stacked timelines and numbers.
#[component]
pub fn ThreeWays(props: &ThreeWaysProps) -> Html {
    let lab = use_lab();
    let session = use_run_session::<Runs>();
    let id = props.name.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-");

    let on_run = {
        let dispatcher = session.dispatcher();
        let (scenario, name, on_seen) = (props.scenario.clone(), props.name.clone(), props.on_seen.clone());
        Callback::from(move |_: MouseEvent| {
            let (scenario, name, on_seen) = (scenario.clone(), name.clone(), on_seen.clone());
            run_on_lab(&lab, dispatcher.clone(), move |lab, session| async move {
                let stage = |s: &'static str| session.dispatch(Action::Started(Some(s)));
                stage("starting the workers");
                let workers = lab.env.cores.clamp(1, scenario.tasks.len().max(1) as u32);
                let cores = lab.env.cores;
                let lab = lab.ensure(workers).await?;
                let stop = Stopper::default();
                let variants = three_ways_expectations(&scenario, workers);
                let rounds = measure_rounds(&lab, workers, cores, &variants, MIN_ROUNDS, stage, |i| {
                    let (lab, scenario, stop) = (lab.clone(), scenario.clone(), &stop);
                    async move {
                        let r = match i {
                            0 => {
                                event_loop_stage(&scenario, RunMode::Sequential, lab.rounds_per_ms, stop)
                                    .await
                            }
                            1 => {
                                event_loop_stage(&scenario, RunMode::Concurrent, lab.rounds_per_ms, stop)
                                    .await
                            }
                            _ => {
                                pool_stage(&lab.pool, &scenario, workers, lab.rounds_per_ms, None, stop)
                                    .await
                                    .0
                            }
                        };
                        Ok((r.measured.wall_ms, r))
                    }
                })
                .await?;
                let stages = variants
                    .iter()
                    .enumerate()
                    .map(|(i, (title, _))| {
                        let typical = rounds.typical(i, |r: &StageResult| r.measured.wall_ms).cloned();
                        typical.map(|r| (*title, r)).ok_or_else(|| format!("“{title}” did not run"))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                let (c, m) = (&rounds.comparison, &rounds.comparison.readings);
                let fmt = |i: usize| speedup_reading(m[0].spread.median, m[i].spread.median, 1);
                on_seen.emit(Seen {
                    label: name.clone(),
                    value: if c.shows() {
                        format!("{} turns, {} parallel", fmt(1), fmt(2)).into()
                    } else {
                        "not reliable: run again".into()
                    },
                    detail: format!(
                        "medians of {MIN_ROUNDS} rounds: one after another {}; taking turns on one thread {}; {} {}. {}",
                        m[0].spread.reading(),
                        m[1].spread.reading(),
                        plural(workers as usize, "worker", "workers"),
                        m[2].spread.reading(),
                        c.words()
                    )
                    .into(),
                });
                let (comparison, conditions) = (rounds.comparison, rounds.conditions);
                Ok(Runs { workers, stages, comparison, conditions })
            });
        })
    };

    let axis =
        session.result.as_ref().map(|r| r.stages.iter().map(|(_, s)| s.log.end_ms()).fold(0.0, f64::max));
    html! {
        <div class="tw-demo" aria-labelledby={format!("tw-{id}-h")}>
            <h3 id={format!("tw-{id}-h")}>{ props.name.clone() }</h3>
            <p>{ props.about.clone() }</p>
            <button class="primary" onclick={on_run} disabled={session.busy()}>
                { format!("Run the {} tasks three ways", props.name.to_lowercase()) }
            </button>
            if session.activity == Activity::Waiting { <p class="muted" aria-live="polite">{ format!("{WAITING}…") }</p> }
            if let (Activity::Running, Some(what)) = (session.activity, session.stage) {
                <p class="muted" aria-live="polite">{ format!("Running: {what}…") }</p>
            }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e }</p> }
            if let (Some(r), Some(axis)) = (&session.result, axis) {
                <table class="nb-results" aria-label={format!("{} results", props.name)}>
                    <thead><tr>
                        <th scope="col">{ "Run" }</th><th scope="col">{ "Wall time (median)" }</th>
                        <th scope="col">{ "Spread" }</th>
                        <th scope="col">{ "Speedup" }</th><th scope="col">{ "Most tasks running at once" }</th>
                        <th scope="col">{ "Worst event-loop lag" }</th>
                    </tr></thead>
                    <tbody>
                        { for r.stages.iter().zip(&r.comparison.readings).enumerate().map(|(i, ((title, s), m))| html! {
                            <tr data-testid={format!("tw-{id}-row-{i}")}>
                                <th scope="row">{ *title }{ if i == 2 { format!(" · {}", plural(r.workers as usize, "worker", "workers")) } else { String::new() } }</th>
                                <td>{ format!("{:.0} ms", m.spread.median) }</td>
                                <td>{ format!("{:.0}–{:.0} ms", m.spread.min, m.spread.max) }</td>
                                <td data-testid="tw-speedup">{ speedup_reading(r.comparison.readings[0].spread.median, m.spread.median, 2) }</td>
                                <td>{ metrics::compute(&s.log, s.log.end_ms()).peak_running }</td>
                                <td>{ format!("{:.0} ms", s.measured.worst_lag_ms) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="muted">{ format!("Each way ran {MIN_ROUNDS} times, interleaved; the table gives medians and ranges, the timelines each way's median run.") }</p>
                { verdict_note(&r.comparison, &r.conditions) }
                { for r.stages.iter().map(|(title, s)| html! {
                    <figure class="tw-timeline">
                        <figcaption>{ *title }</figcaption>
                        <Timeline log={s.log.clone()} upto_ms={s.log.end_ms()} axis_end_ms={Some(axis)} label={AttrValue::from(format!("{} timeline: {}", props.name, title))} />
                    </figure>
                }) }
            }
        </div>
    }
}
