//! A tour demo that runs one of the playground's sync presets for real on this page's event
//! loop, draws its timeline and resource lanes, checks the preset's claims on the log, records
//! them for the claims tables, and links to the same scenario in the playground.

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::resource_lanes::ResourceLanes;
use crate::ui::shared::run_session::{run_on_lab, use_run_session};
use crate::ui::shared::timeline::Timeline;
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::run_bar::run_bar;
use crate::web::claims::PresetRun;
use engine::permalink::draft_link;
use yew::prelude::*;

/// Props of [`PresetDemo`].
#[derive(Properties, PartialEq)]
pub struct PresetDemoProps {
    /// The sync preset's id (`engine::sync_presets`), e.g. `4_3-semaphore`.
    pub preset: AttrValue,
    /// Where the measured facts go (the page's "What you just saw" box).
    #[prop_or_default]
    pub on_seen: Callback<Seen>,
}

/// Runs a preset and shows what happened.
#[component]
pub fn PresetDemo(props: &PresetDemoProps) -> Html {
    let Some(preset) = engine::sync_presets::by_id(&props.preset) else {
        return html! { <p class="field-error">{ format!("No preset named {}.", props.preset) }</p> };
    };
    let lab = use_lab();
    let session = use_run_session::<PresetRun>();
    let run_count = use_state(|| 0u64);
    let onclick = {
        let (lab, session, id, on_seen, title) =
            (lab.clone(), session.clone(), props.preset.clone(), props.on_seen.clone(), preset.title);
        let run_count = run_count.clone();
        Callback::from(move |_| {
            run_count.set(*run_count + 1);
            let (id, on_seen) = (id.clone(), on_seen.clone());
            run_on_lab(&lab, session.dispatcher(), move |_, _| async move {
                let run = crate::web::claims::run_preset(&id).await?;
                let value =
                    run.checks.iter().map(|c| c.clone().unwrap_or_else(|e| e)).collect::<Vec<_>>().join("; ");
                let holds = run.checks.iter().all(Result::is_ok);
                on_seen.emit(Seen {
                    label: title.into(),
                    value: value.into(),
                    detail: if holds {
                        "as the tutorial says."
                    } else {
                        "not what the tutorial says: see the timeline."
                    }
                    .into(),
                });
                Ok(run)
            });
        })
    };
    let link = draft_link(&preset.draft);
    html! {
        <div class="preset-demo card" data-preset={props.preset.clone()}>
            <h3>{ preset.title }</h3>
            <p>{ preset.claim }</p>
            { run_bar(&session, false, onclick, Some((link, "Open in the playground"))) }
            if let Some(run) = &session.result {
                <ul class="preset-checks" aria-live="polite">
                    { for run.checks.iter().map(|c| match c {
                        Ok(v) => html! { <li class="holds">{ "✓ " }{ v.clone() }</li> },
                        Err(v) => html! { <li class="fails">{ "✗ " }{ v.clone() }</li> },
                    }) }
                </ul>
                { {
                    let end = run.log.events.last().map_or(0.0, |e| e.t_ms);
                    html! {
                        <>
                            <Timeline log={run.log.clone()} upto_ms={end} run={*run_count} label={format!("Timeline of {}", preset.title)} />
                            <ResourceLanes log={run.log.clone()} upto_ms={end} />
                        </>
                    }
                } }
            }
        </div>
    }
}
