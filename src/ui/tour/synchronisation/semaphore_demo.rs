//! The semaphore demo: the reader picks the permits n, the engine builds the scenario (four 1 s
//! tasks inside `async with Semaphore(n)`) and the model predicts its wall time; a run on the
//! page's event loop measures it, and `engine::chapters::ch4::SemaphoreRun` judges it.

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::resource_lanes::ResourceLanes;
use crate::ui::shared::run_session::{run_on_lab, use_run_session, Action};
use crate::ui::shared::timeline::Timeline;
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::run_bar::run_bar;
use engine::chapters::ch4::{
    parse_permits, semaphore_draft, semaphore_predicted_ms, semaphore_rounds, semaphore_scenario,
    SemaphoreRun, MAX_PERMITS, SEM_TASKS,
};
use engine::event::EventLog;
use engine::permalink::draft_link;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`SemaphoreDemo`].
#[derive(Properties, PartialEq)]
pub struct SemaphoreDemoProps {
    /// Where the measured facts go (the page's "What you just saw" box).
    #[prop_or_default]
    pub on_seen: Callback<Seen>,
}

/// One finished run: the verdict's figures and the log to draw.
struct Outcome {
    run: SemaphoreRun,
    log: Rc<EventLog>,
}

/// Semaphore(n) over four 1 s tasks, n chosen on a slider.
#[component]
pub fn SemaphoreDemo(props: &SemaphoreDemoProps) -> Html {
    let lab = use_lab();
    let session = use_run_session::<Outcome>();
    let text = use_state(|| "2".to_string());
    let history = use_state(Vec::<SemaphoreRun>::new);
    let run_count = use_state(|| 0u64);
    let permits = parse_permits(&text);
    let on_input = {
        let (text, dispatcher) = (text.clone(), session.dispatcher());
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            text.set(i.value());
            dispatcher.dispatch(Action::Reset);
        })
    };
    let onclick = {
        let (lab, session, on_seen, history, run_count) =
            (lab.clone(), session.clone(), props.on_seen.clone(), history.clone(), run_count.clone());
        let permits = permits.clone();
        Callback::from(move |_: MouseEvent| {
            let Ok(n) = permits.clone() else { return };
            run_count.set(*run_count + 1);
            let (on_seen, history) = (on_seen.clone(), history.clone());
            run_on_lab(&lab, session.dispatcher(), move |_, _| async move {
                let scenario = semaphore_scenario(n);
                let log = crate::web::runner::run_to_end(&scenario, engine::RunMode::Concurrent).await;
                let run = SemaphoreRun::from_log(n, &log);
                if let Some(m) = run.tutorial_claim(&log, crate::web::claims::now_epoch_ms()) {
                    crate::web::claims::record("4_3-semaphore", m);
                }
                on_seen.emit(Seen {
                    label: format!("Semaphore({n})").into(),
                    value: run.summary().into(),
                    detail: if run.matches_model() {
                        "as the model predicts: one second per round of permits."
                    } else {
                        "not what the model predicts: see the timeline."
                    }
                    .into(),
                });
                let mut all: Vec<SemaphoreRun> = history.iter().filter(|r| r.permits != n).cloned().collect();
                all.push(run.clone());
                all.sort_by_key(|r| r.permits);
                history.set(all);
                Ok(Outcome { run, log: Rc::new(log) })
            });
        })
    };
    let shown = permits.clone().unwrap_or(2);
    let link = draft_link(&semaphore_draft(shown));
    html! {
        <div class="card semaphore-demo" data-testid="semaphore-demo">
            <h3>{ "Semaphore(n): four 1 s tasks (tutorial 4_3, n yours)" }</h3>
            <p>
                { format!("{SEM_TASKS} tasks each hold a permit for 1 s. Choose how many permits the \
                           semaphore has; the model predicts the wall time before you run it.") }
            </p>
            <div class="sem-field">
                <label for="sem-permits">{ "Permits n" }</label>
                <input id="sem-permits" type="range" min="1" max={MAX_PERMITS.to_string()} step="1"
                    value={(*text).clone()} oninput={on_input} disabled={session.busy()}
                    aria-valuetext={format!("{} permits", *text)} />
                <output for="sem-permits" data-testid="sem-n">{ (*text).clone() }</output>
                if let Err(e) = &permits { <span class="field-error" role="alert">{ e.clone() }</span> }
            </div>
            if let Ok(n) = permits {
                <p data-testid="sem-prediction">
                    { format!("The model predicts {:.0} ms: {} round(s) of 1 s, since {SEM_TASKS} tasks pass {n} at a time.",
                        semaphore_predicted_ms(n), semaphore_rounds(n)) }
                </p>
            }
            { run_bar(&session, permits.is_err(), onclick, Some((link, "Open in the playground"))) }
            if !history.is_empty() {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Semaphore runs, scrollable">
                    <table class="task-table sem-runs" data-testid="sem-runs">
                        <caption class="sr-only">{ "Each number of permits you ran: predicted and measured wall time" }</caption>
                        <thead><tr>
                            <th scope="col">{ "n" }</th><th scope="col">{ "predicted" }</th>
                            <th scope="col">{ "measured" }</th><th scope="col">{ "measured ÷ predicted" }</th>
                            <th scope="col">{ "most inside at once" }</th><th scope="col">{ "verdict" }</th>
                        </tr></thead>
                        <tbody>
                            { for history.iter().map(|r| html! {
                                <tr data-permits={r.permits.to_string()}>
                                    <td>{ r.permits }</td>
                                    <td class="sem-predicted">{ format!("{:.0} ms", r.predicted_ms) }</td>
                                    <td class="sem-measured">{ format!("{:.0} ms", r.measured_ms) }</td>
                                    <td class="sem-ratio">{ format!("{:.2}×", r.ratio()) }</td>
                                    <td class="sem-inside">{ r.most_inside }</td>
                                    <td class={if r.matches_model() { "holds" } else { "fails" }}>
                                        { if r.matches_model() { "✓ as predicted" } else { "✗ off the model" } }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if let Some(o) = &session.result {
                { {
                    let end = o.log.events.last().map_or(0.0, |e| e.t_ms);
                    html! {
                        <>
                            <Timeline log={o.log.clone()} upto_ms={end} run={*run_count}
                                label={format!("Timeline of Semaphore({})", o.run.permits)} />
                            <ResourceLanes log={o.log.clone()} upto_ms={end} />
                        </>
                    }
                } }
            }
        </div>
    }
}
