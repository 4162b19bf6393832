//! Page 1: nonblocking code. Block the thread, await a timer, or chunk the work, and watch the
//! animation and the lag meter.

pub mod animation;
pub mod lag_meter;

use crate::ui::shared::run_session::{run_now, use_run_session};
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::nonblocking::animation::LessonAnimation;
use crate::ui::tour::nonblocking::lag_meter::LagMeterView;
use crate::web::lag::{self, Approach, LagMeter, LagReport};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Facts for the "What you just saw" box, one per approach run (latest run of each).
fn seen(reports: &[LagReport]) -> Vec<Seen> {
    reports
        .iter()
        .map(|r| {
            let (label, detail) = match r.approach {
                Approach::Block => (
                    format!("Blocked {:.0} ms", r.asked_ms),
                    format!(
                        "late: a heartbeat due every {:.0} ms could not fire while the thread spun. {} frames were \
                         drawn in {:.0} ms (longest gap {:.0} ms): the ball froze.",
                        lag::BEAT_MS, r.frames, r.took_ms, r.longest_frame_gap_ms
                    ),
                ),
                Approach::Await => (
                    format!("Awaited {:.0} ms", r.asked_ms),
                    format!(
                        "late at worst: the task was parked on a timer, so the loop stayed free. {} frames were \
                         drawn in {:.0} ms (longest gap {:.0} ms).",
                        r.frames, r.took_ms, r.longest_frame_gap_ms
                    ),
                ),
                Approach::Chunked => (
                    format!("Chunked {:.0} ms of work", r.asked_ms),
                    format!(
                        "late at worst: {} chunks of about {:.0} ms with a yield between them. It took {:.0} ms \
                         in all; {} frames were drawn (longest gap {:.0} ms). Each yield is a setTimeout(0), which \
                         the browser stretches to about 4 ms once timers nest a few deep (we measured Firefox doing \
                         so from the 5th nested timer, Chromium from the 7th).",
                        r.chunks, lag::CHUNK_MS, r.took_ms, r.frames, r.longest_frame_gap_ms
                    ),
                ),
            };
            Seen { label: label.into(), value: format!("{:.0} ms", r.max_lag_ms).into(), detail: detail.into() }
        })
        .collect()
}

/// The nonblocking lesson with its demo.
#[component]
pub fn NonblockingPage() -> Html {
    let meter = use_state(|| None::<LagMeter>);
    {
        let meter = meter.clone();
        use_effect_with((), move |_| {
            let m = LagMeter::start();
            meter.set(Some(m.clone()));
            move || m.stop()
        });
    }
    let text = use_state(|| "2000".to_string());
    let parsed = lag::parse_duration(&text);
    // The latest report of each approach run, in button order; the stage names the approach
    // running.
    let session = use_run_session::<Vec<LagReport>>();
    let reports: &[LagReport] = session.result.as_deref().map_or(&[], Vec::as_slice);

    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                text.set(input.value());
            }
        })
    };
    let run = |approach: Approach| {
        let (meter, session, ms) = (meter.clone(), session.clone(), parsed.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(m), Ok(ms)) = ((*meter).clone(), ms.clone()) else { return };
            let earlier = session.result.clone();
            run_now(session.dispatcher(), Some(approach.label()), move |_| async move {
                let report = lag::measure(&m, approach, ms).await;
                let mut all: Vec<LagReport> = earlier
                    .as_deref()
                    .into_iter()
                    .flatten()
                    .filter(|r| r.approach != approach)
                    .copied()
                    .collect();
                all.push(report);
                engine::sort::sort_by_key(&mut all, |r| r.approach as u8);
                Ok(all)
            });
        })
    };
    let busy = session.busy() || meter.is_none();
    let disabled = busy || parsed.is_err();
    let ms_label = parsed.as_ref().map_or("…".to_string(), |ms| format!("{ms:.0} ms"));

    html! {
        <LessonFrame slug={Slug::Nonblocking} demo_title="Block, await, or take turns" seen={Some(seen(reports))}>
            <p>{ "The ball is moved by Rust code on every animation frame, and the heartbeat timer asks to fire every 20 ms; both run on this page's one main thread. Pick a duration, then try each button and watch them." }</p>
            <div class="nb-stage">
                <LessonAnimation />
                if let Some(m) = &*meter { <LagMeterView meter={m.clone()} /> }
            </div>
            <div class="nb-controls">
                <div class="field">
                    <label for="nb-duration">{ "Duration (ms)" }</label>
                    <input id="nb-duration" type="text" inputmode="numeric" value={(*text).clone()} oninput={on_input}
                        aria-invalid={parsed.is_err().to_string()} aria-describedby="nb-duration-msg" />
                    <span id="nb-duration-msg" class={if parsed.is_err() { "error" } else { "muted" }}>
                        { match &parsed { Err(e) => e.clone(), Ok(_) => format!("{:.0}–{:.0} ms", lag::DURATION_RANGE_MS.0, lag::DURATION_RANGE_MS.1) } }
                    </span>
                </div>
                <div class="nb-buttons">
                    <button class="danger" onclick={run(Approach::Block)} disabled={disabled}>
                        { format!("Block for {ms_label}") }</button>
                    <button class="primary" onclick={run(Approach::Await)} disabled={disabled}>
                        { format!("Await a {ms_label} timer") }</button>
                    <button onclick={run(Approach::Chunked)} disabled={disabled}>
                        { format!("Chunk {ms_label} of work") }</button>
                </div>
                <p class="muted" aria-live="polite" data-testid="nb-status">
                    { match session.stage {
                        Some(approach) => format!("Running: {approach}…"),
                        None if meter.is_none() => "Starting the heartbeat…".to_string(),
                        None => "Ready.".to_string(),
                    } }
                </p>
            </div>
            if !reports.is_empty() {
                <table class="nb-results" aria-label="Measured runs">
                    <thead><tr>
                        <th scope="col">{ "Approach" }</th><th scope="col">{ "Took" }</th>
                        <th scope="col">{ "Worst lag" }</th><th scope="col">{ "Frames drawn" }</th>
                        <th scope="col">{ "Longest frame gap" }</th>
                    </tr></thead>
                    <tbody>
                        { for reports.iter().map(|r| html! {
                            <tr data-testid={format!("nb-row-{:?}", r.approach).to_lowercase()}>
                                <th scope="row">{ r.approach.label() }</th>
                                <td>{ format!("{:.0} ms", r.took_ms) }</td>
                                <td class="nb-lag">{ format!("{:.0} ms", r.max_lag_ms) }</td>
                                <td>{ r.frames }</td>
                                <td>{ format!("{:.0} ms", r.longest_frame_gap_ms) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </LessonFrame>
    }
}
