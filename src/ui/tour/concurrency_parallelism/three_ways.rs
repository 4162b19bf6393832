//! Page 3's demo: one workload run three ways — one task after another, taking turns on the
//! event loop, in parallel on Web Workers — with the three timelines stacked on one time axis.

use crate::ui::shared::lab::{use_lab, Activity};
use crate::ui::shared::run_session::{run_on_lab, use_run_session, Action};
use crate::ui::shared::timeline::Timeline;
use crate::ui::tour::lesson_seen::Seen;
use crate::web::compare::{event_loop_stage, pool_stage, StageResult, Stopper};
use engine::metrics;
use engine::tour::speedup_reading;
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
    stages: Vec<(&'static str, StageResult)>,
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
                let lab = lab.ensure(workers).await?;
                let stop = Stopper::default();
                let mut stages = Vec::new();
                stage("one after another");
                stages.push((
                    "One after another",
                    event_loop_stage(&scenario, RunMode::Sequential, lab.rounds_per_ms, &stop).await,
                ));
                stage("taking turns on the event loop");
                stages.push((
                    "Taking turns (concurrent)",
                    event_loop_stage(&scenario, RunMode::Concurrent, lab.rounds_per_ms, &stop).await,
                ));
                stage("in parallel on workers");
                let (parallel, _) =
                    pool_stage(&lab.pool, &scenario, workers, lab.rounds_per_ms, None, &stop).await;
                stages.push(("At the same time (parallel)", parallel));
                let base = stages[0].1.measured.wall_ms;
                let fmt = |i: usize| speedup_reading(base, stages[i].1.measured.wall_ms, 1);
                on_seen.emit(Seen {
                    label: name.clone(),
                    value: format!("{} turns, {} parallel", fmt(1), fmt(2)).into(),
                    detail: format!(
                        "one after another took {:.0} ms; taking turns on one thread {:.0} ms; {} workers {:.0} ms.",
                        base, stages[1].1.measured.wall_ms, workers, stages[2].1.measured.wall_ms
                    )
                    .into(),
                });
                Ok(Runs { workers, stages })
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
                        <th scope="col">{ "Run" }</th><th scope="col">{ "Wall time" }</th>
                        <th scope="col">{ "Speedup" }</th><th scope="col">{ "Most tasks running at once" }</th>
                        <th scope="col">{ "Worst event-loop lag" }</th>
                    </tr></thead>
                    <tbody>
                        { for r.stages.iter().enumerate().map(|(i, (title, s))| html! {
                            <tr data-testid={format!("tw-{id}-row-{i}")}>
                                <th scope="row">{ *title }{ if i == 2 { format!(" · {} workers", r.workers) } else { String::new() } }</th>
                                <td>{ format!("{:.0} ms", s.measured.wall_ms) }</td>
                                <td data-testid="tw-speedup">{ speedup_reading(r.stages[0].1.measured.wall_ms, s.measured.wall_ms, 2) }</td>
                                <td>{ metrics::compute(&s.log, s.log.end_ms()).peak_running }</td>
                                <td>{ format!("{:.0} ms", s.measured.worst_lag_ms) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
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
