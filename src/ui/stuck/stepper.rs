//! Step and rewind through a finished run: one event at a time, forwards and backwards, with the
//! ready queue, the pending timers and each resource's holders and waiters at that instant.

use super::Action;
use engine::waitfor::Scrubber;
use engine::EventLog;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What [`stepper`] draws.
pub struct StepperProps {
    /// The graph at any step.
    pub scrub: Rc<Scrubber>,
    /// The run's log.
    pub log: Rc<EventLog>,
    /// Events applied.
    pub step: usize,
    /// The step at which the run was found stuck, if it was.
    pub found_step: Option<usize>,
    /// Sends the page's actions.
    pub on_action: Callback<Action>,
    /// What became of the last "copy a link".
    pub link_note: Option<String>,
}

/// The controls and the state at the step.
pub fn stepper(p: &StepperProps) -> Html {
    let len = p.scrub.len();
    let step = p.step.min(len);
    let g = p.scrub.at(step);
    let snap = g.snapshot();
    let name = |t: engine::TaskId| p.log.name(t);
    let names = |v: &[engine::TaskId]| {
        if v.is_empty() {
            "nobody".to_string()
        } else {
            v.iter().map(|t| name(*t)).collect::<Vec<_>>().join(", ")
        }
    };
    let last = step.checked_sub(1).and_then(|k| p.log.events.get(k));
    let on_input = p.on_action.reform(|e: InputEvent| {
        let i: HtmlInputElement = e.target_unchecked_into();
        Action::Step(i.value().parse().unwrap_or(0))
    });
    html! {
        <section class="card" aria-labelledby="stuck-step-h">
            <h2 id="stuck-step-h">{ "4 · Step through what happened" }</h2>
            <div class="step-row">
                <button onclick={p.on_action.reform(|_| Action::Step(0))} disabled={step == 0}>{ "Start" }</button>
                <button onclick={p.on_action.reform(move |_| Action::Step(step.saturating_sub(1)))} disabled={step == 0}>{ "◀ Back" }</button>
                <button onclick={p.on_action.reform(move |_| Action::Step((step + 1).min(len)))} disabled={step >= len}>{ "Forward ▶" }</button>
                if let Some(f) = p.found_step {
                    <button onclick={p.on_action.reform(move |_| Action::Step(f))} disabled={step == f}>{ "Go to the deadlock" }</button>
                }
            </div>
            <label for="stuck-step">{ "Event" }</label>
            <input id="stuck-step" type="range" min="0" max={len.to_string()} value={step.to_string()} oninput={on_input}
                aria-valuetext={format!("{step} of {len} events")} />
            <p data-testid="step-at">{ match last {
                Some(e) => format!("After event {step} of {len}, at {:.1} ms: {} {}", e.t_ms, p.log.name(e.task), p.log.describe(e)),
                None => format!("Before the first of {len} events."),
            } }</p>
            <p>
                <button onclick={p.on_action.reform(|_| Action::CopyLink)}>{ "Copy a link to this step" }</button>
                if let Some(note) = &p.link_note {
                    <span class="muted small link-note" role="status" data-testid="link-note">{ format!(" {note}") }</span>
                }
            </p>
            <dl class="step-state">
                <dt>{ "Ready queue" }</dt><dd data-testid="step-ready">{ names(&snap.ready) }</dd>
                <dt>{ "Timers" }</dt><dd>{ if snap.timers.is_empty() { "none".to_string() } else {
                    snap.timers.iter().map(|(t, at)| format!("{} at {at:.0} ms", name(*t))).collect::<Vec<_>>().join(", ")
                } }</dd>
                { for snap.resources.iter().enumerate().filter(|(i, _)| p.log.resources.get(*i).is_none_or(|r| r.kind.noun() != "counter")).map(|(i, r)| html! {
                    <>
                        <dt>{ p.log.resource_label(i as u32) }</dt>
                        <dd>{ format!("held by {}; waiting: {}", names(&r.holders), names(&r.waiters)) }</dd>
                    </>
                }) }
            </dl>
        </section>
    }
}
