//! The barrier demo: runs the playground's `4_4-barrier` preset on the page's event loop and
//! reads the barrier's phases (filling, draining, filling again) from the run's log with
//! `engine::chapters::ch4::barrier_phases`.

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::resource_lanes::ResourceLanes;
use crate::ui::shared::run_session::{run_on_lab, use_run_session};
use crate::ui::shared::timeline::Timeline;
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::run_bar::run_bar;
use crate::web::claims::PresetRun;
use engine::chapters::ch4::{barrier_phases, barrier_phases_hold, BarrierPhase};
use engine::permalink::draft_link;
use yew::prelude::*;

const PRESET: &str = "4_4-barrier";

/// Props of [`BarrierDemo`].
#[derive(Properties, PartialEq)]
pub struct BarrierDemoProps {
    /// Where the measured facts go (the page's "What you just saw" box).
    #[prop_or_default]
    pub on_seen: Callback<Seen>,
}

/// One run: the preset's checks and log, and the phases read from it.
struct Outcome {
    run: PresetRun,
    phases: Vec<BarrierPhase>,
}

/// Barrier(3) and its phases.
#[component]
pub fn BarrierDemo(props: &BarrierDemoProps) -> Html {
    let Some(preset) = engine::sync_presets::by_id(PRESET) else {
        return html! { <p class="field-error">{ format!("No preset named {PRESET}.") }</p> };
    };
    let lab = use_lab();
    let session = use_run_session::<Outcome>();
    let run_count = use_state(|| 0u64);
    let onclick = {
        let (lab, session, on_seen, run_count) =
            (lab.clone(), session.clone(), props.on_seen.clone(), run_count.clone());
        Callback::from(move |_: MouseEvent| {
            run_count.set(*run_count + 1);
            let on_seen = on_seen.clone();
            run_on_lab(&lab, session.dispatcher(), move |_, _| async move {
                let run = crate::web::claims::run_preset(PRESET).await?;
                let phases = barrier_phases(&run.log, "barrier");
                let holds = barrier_phases_hold(&phases) && run.checks.iter().all(Result::is_ok);
                on_seen.emit(Seen {
                    label: "Barrier(3) phases".into(),
                    value: phases.iter().map(BarrierPhase::words).collect::<Vec<_>>().join(" → ").into(),
                    detail: if holds {
                        "the first two waited; the third let all three go together, as the tutorial prints."
                    } else {
                        "not what the tutorial prints: see the timeline."
                    }
                    .into(),
                });
                Ok(Outcome { run, phases })
            });
        })
    };
    let link = draft_link(&preset.draft);
    html! {
        <div class="card barrier-demo" data-testid="barrier-demo">
            <h3>{ preset.title }</h3>
            <p>{ preset.claim }{ " The tasks arrive at 100, 300 and 600 ms." }</p>
            { run_bar(&session, false, onclick, Some((link, "Open in the playground"))) }
            if let Some(o) = &session.result {
                <ul class="preset-checks" aria-live="polite">
                    { for o.run.checks.iter().map(|c| match c {
                        Ok(v) => html! { <li class="holds">{ "✓ " }{ v.clone() }</li> },
                        Err(v) => html! { <li class="fails">{ "✗ " }{ v.clone() }</li> },
                    }) }
                </ul>
                <ol class="barrier-phases" data-testid="barrier-phases" aria-label="The barrier's phases, from the run's log">
                    { for o.phases.iter().map(|p| html! {
                        <li class={classes!("barrier-phase", p.state)}>
                            <span class="barrier-t">{ format!("{:.0} ms", p.t_ms) }</span>
                            { " " }<span class="barrier-task">{ p.task.clone() }</span>
                            { " " }<strong class="barrier-words">{ p.words() }</strong>
                        </li>
                    }) }
                </ol>
                { {
                    let end = o.run.log.events.last().map_or(0.0, |e| e.t_ms);
                    html! {
                        <>
                            <Timeline log={o.run.log.clone()} upto_ms={end} run={*run_count} label="Timeline of Barrier(3)" />
                            <ResourceLanes log={o.run.log.clone()} upto_ms={end} />
                        </>
                    }
                } }
            }
        </div>
    }
}
