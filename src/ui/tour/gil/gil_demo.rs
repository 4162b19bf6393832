//! Page 4's demo: a real global lock ("GIL") in shared memory, taken by every worker before each
//! slice of CPU work and handed over every switch interval, released during waits. The same
//! tasks run on one worker (the baseline), on N workers under the lock, and on N workers freely.

use crate::ui::shared::lab::{use_lab, waiting_note, Activity, LabHandle};
use crate::ui::shared::timeline::Timeline;
use crate::ui::tour::lesson_seen::Seen;
use crate::web::lab::Lab;
use crate::web::shared_memory::gil_run;
use engine::parallel::{task_checksum, task_seed};
use engine::tour::{keep, speedup_reading, Measured, Workload};
use engine::{fields, EventLog, Scenario};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Units of work per CPU-bound task.
const UNITS: f64 = 200.0;

/// One measured run.
#[derive(Clone, PartialEq)]
struct GilRun {
    title: &'static str,
    log: Rc<EventLog>,
    wall_ms: f64,
    checksums_ok: bool,
}

impl Measured for GilRun {
    fn wall_ms(&self) -> f64 {
        self.wall_ms
    }
    fn correct(&self) -> bool {
        self.checksums_ok
    }
}

#[derive(Clone, PartialEq)]
struct Outcome {
    workload: Workload,
    workers: u32,
    switch_ms: f64,
    runs: Vec<GilRun>,
}

fn checksums_ok(s: &Scenario, got: &[Option<u64>], rounds_per_ms: u64) -> bool {
    got.len() == s.tasks.len()
        && s.tasks
            .iter()
            .enumerate()
            .all(|(i, t)| got[i] == Some(task_checksum(t, task_seed(i as u32), rounds_per_ms)))
}

/// Each configuration is run this many times, interleaved, and its fastest run kept
/// ([`engine::tour::keep`]).
const ROUNDS: usize = 2;

/// The three configurations, in table order.
#[derive(Clone, Copy)]
enum Config {
    /// The same tasks one after another on one worker: one core, no lock needed.
    OneWorker,
    WithGil,
    WithoutGil,
}

const CONFIGS: [Config; 3] = [Config::OneWorker, Config::WithGil, Config::WithoutGil];

async fn measure_once(
    lab: &Lab,
    scenario: &Scenario,
    switch_ms: f64,
    config: Config,
) -> Result<GilRun, String> {
    let rpm = lab.rounds_per_ms;
    Ok(match config {
        Config::OneWorker => {
            let base = lab.pool.run(scenario, 1, rpm, None).finished().await;
            GilRun {
                title: "One worker, one task after another",
                wall_ms: base.log.end_ms(),
                checksums_ok: checksums_ok(scenario, &base.checksums, rpm),
                log: Rc::new(base.log),
            }
        }
        Config::WithGil | Config::WithoutGil => {
            let use_lock = matches!(config, Config::WithGil);
            let r = gil_run(&lab.pool, scenario, rpm, switch_ms, use_lock).await?;
            GilRun {
                title: if use_lock { "Workers sharing one GIL" } else { "Workers without a GIL" },
                wall_ms: r.wall_ms,
                checksums_ok: checksums_ok(scenario, &r.checksums, rpm),
                log: Rc::new(r.log),
            }
        }
    })
}

async fn measure(
    lab: &LabHandle,
    scenario: &Scenario,
    workers: u32,
    switch_ms: f64,
) -> Result<Vec<GilRun>, String> {
    let lab = lab.ensure(workers).await?;
    let mut best: Vec<Option<GilRun>> = vec![None, None, None];
    for _ in 0..ROUNDS {
        for (config, kept) in CONFIGS.into_iter().zip(best.iter_mut()) {
            let run = measure_once(&lab, scenario, switch_ms, config).await?;
            if keep(kept.as_ref(), &run) {
                *kept = Some(run);
            }
        }
    }
    Ok(best.into_iter().flatten().collect())
}

/// Props of [`GilDemo`].
#[derive(Properties, PartialEq)]
pub struct GilDemoProps {
    /// Called with measured facts for the "What you just saw" box.
    pub on_seen: Callback<Seen>,
}

/// The GIL demo: fields for workers and switch interval, two workloads, results and timelines.
#[component]
pub fn GilDemo(props: &GilDemoProps) -> Html {
    let lab = use_lab();
    let max = lab.env.cores.max(1);
    // What the reader typed; `None` until they type, shown as the default for this machine.
    let workers_typed = use_state(|| None::<String>);
    let workers_text = (*workers_typed).clone().unwrap_or_else(|| max.min(2).to_string());
    let switch_text = use_state(|| "5".to_string());
    let activity = use_state(|| Activity::Idle);
    let outcome = use_state(|| None::<Outcome>);
    let error = use_state(|| None::<String>);
    let workers = fields::whole(&workers_text, 1, max);
    let switch_ms = fields::millis(&switch_text, 0.5, 100.0);
    let isolation = lab.env.shared_memory.clone();

    let on_workers = {
        let typed = workers_typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(Some(e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let on_switch = {
        let state = switch_text.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let run = |workload: Workload| {
        let (lab, activity, outcome, error, on_seen) =
            (lab.clone(), activity.clone(), outcome.clone(), error.clone(), props.on_seen.clone());
        let (workers, switch_ms) = (workers.clone(), switch_ms.clone());
        Callback::from(move |_: MouseEvent| {
            let (Ok(n), Ok(switch_ms)) = (workers.clone(), switch_ms.clone()) else { return };
            let (lab, activity, outcome, error, on_seen) =
                (lab.clone(), activity.clone(), outcome.clone(), error.clone(), on_seen.clone());
            activity.set(Activity::asking(&lab));
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let _turn = lab.turn().await;
                activity.set(Activity::Running);
                let scenario = workload.scenario(n as usize, UNITS);
                match measure(&lab, &scenario, n, switch_ms).await {
                    Ok(runs) => {
                        let s = |i: usize| speedup_reading(runs[0].wall_ms, runs[i].wall_ms, 2);
                        on_seen.emit(Seen {
                            label: format!("{} on {n} workers", workload.label()).into(),
                            value: format!("{} with the GIL, {} without", s(1), s(2)).into(),
                            detail: format!(
                                "one worker took {:.0} ms; {n} workers sharing the lock {:.0} ms; {n} free workers {:.0} ms.",
                                runs[0].wall_ms, runs[1].wall_ms, runs[2].wall_ms
                            )
                            .into(),
                        });
                        outcome.set(Some(Outcome { workload, workers: n, switch_ms, runs }));
                    }
                    Err(e) => error.set(Some(e)),
                }
                activity.set(Activity::Idle);
            });
        })
    };
    let disabled =
        *activity != Activity::Idle || workers.is_err() || switch_ms.is_err() || isolation.is_err();
    let field = |id: &'static str,
                 label: &'static str,
                 text: String,
                 oninput: Callback<InputEvent>,
                 parsed: Result<String, String>| {
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <input id={id} type="text" inputmode="decimal" value={text} oninput={oninput}
                    aria-invalid={parsed.is_err().to_string()} aria-describedby={format!("{id}-msg")} />
                <span id={format!("{id}-msg")} class={if parsed.is_err() { "error" } else { "muted" }}>
                    { parsed.unwrap_or_else(|e| e) }
                </span>
            </div>
        }
    };

    html! {
        <div class="gil-demo">
            if let Err(why) = &isolation {
                <p class="muted" role="note">{ format!("The lock lives in shared memory, which is off here: {why}. Serve the page with the two headers in the README to run this demo.") }</p>
            } else {
                <div class="gil-fields">
                    { field("gil-workers", "Workers", workers_text, on_workers, workers.clone().map(|_| format!("1 to {max} (this machine's logical cores)"))) }
                    { field("gil-switch", "Switch interval (ms)", (*switch_text).clone(), on_switch, switch_ms.clone().map(|_| "CPython's default is 5 ms".to_string())) }
                </div>
                <div class="nb-buttons">
                    <button class="primary" onclick={run(Workload::CpuBound)} disabled={disabled}>{ "Run CPU-bound tasks" }</button>
                    <button onclick={run(Workload::IoBound)} disabled={disabled}>{ "Run I/O-bound tasks" }</button>
                </div>
            }
            if *activity == Activity::Waiting { { waiting_note() } }
            if *activity == Activity::Running { <p class="muted" aria-live="polite">{ format!("Running on one worker, with the GIL and without, {ROUNDS} rounds (the fastest of each is kept)…") }</p> }
            if let Some(e) = &*error { <p class="error" role="alert">{ e }</p> }
            if let Some(o) = &*outcome {
                <table class="nb-results" aria-label="GIL results">
                    <caption>{ format!("{}: {} tasks, switch interval {} ms, fastest of {ROUNDS} rounds", o.workload.label(), o.workers, o.switch_ms) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Run" }</th><th scope="col">{ "Wall time" }</th>
                        <th scope="col">{ "Speedup" }</th><th scope="col">{ "Checksums" }</th>
                    </tr></thead>
                    <tbody>
                        { for o.runs.iter().enumerate().map(|(i, r)| html! {
                            <tr data-testid={format!("gil-row-{i}")}>
                                <th scope="row">{ r.title }</th>
                                <td>{ format!("{:.0} ms", r.wall_ms) }</td>
                                <td data-testid="gil-speedup">{ speedup_reading(o.runs[0].wall_ms, r.wall_ms, 2) }</td>
                                <td>{ if r.checksums_ok { "match ✓" } else { "MISMATCH ✗" } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="muted">{ "On the timelines, “ready but waiting” under the GIL is a worker waiting for the lock: only one worker runs at a time, however many cores there are." }</p>
                { for o.runs.iter().map(|r| html! {
                    <figure class="tw-timeline">
                        <figcaption>{ r.title }</figcaption>
                        <Timeline log={r.log.clone()} upto_ms={r.log.end_ms()}
                            axis_end_ms={Some(o.runs.iter().map(|r| r.log.end_ms()).fold(0.0, f64::max))}
                            label={AttrValue::from(format!("GIL timeline: {}", r.title))} />
                    </figure>
                }) }
            }
        </div>
    }
}
