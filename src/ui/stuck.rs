//! The "Why is it stuck?" page (`/stuck`): pick a scenario with locks, queues, events or
//! barriers, guess what it will do, see what the schedule model predicts, run it for real with a
//! live wait-for graph, have the page stop it the moment tasks are stuck for good (with the
//! cycle drawn and explained), and step back and forth through what happened.
//!
//! Decisions are the engine's ([`engine::inspect`], [`engine::waitfor`], [`engine::model`]); the
//! run and its detector are [`crate::web::watch`]'s. This component holds the page's state and
//! lays its parts out.

pub mod guess_panel;
pub mod stepper;
pub mod wait_graph;

use crate::web::frame::FrameLoop;
use crate::web::watch::{Watch, Watched};
use engine::inspect::{self, Outcome, Scene};
use engine::model::{first_difference, predict, Difference, Prediction};
use engine::waitfor::{Graph, Scrubber, TaskState};
use engine::{EventLog, TaskId};
use guess_panel::GuessPanel;
use std::rc::Rc;
use stepper::Stepper;
use wait_graph::WaitGraph;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Timer deadlines closer than this (ms) may fire in either order in a browser: the model's
/// documented difference (see [`engine::model`]).
const TIE_MS: f64 = 4.0;

/// A finished (or stopped) run, ready to step through.
#[derive(Clone)]
pub struct Done {
    /// Its log.
    pub log: Rc<EventLog>,
    /// How it ended.
    pub outcome: Outcome,
    /// Tasks stuck for good, and the cycle they wait in (empty if none).
    pub stuck: Vec<TaskId>,
    /// The cycle, each waiting for a lock the next holds (empty if none).
    pub cycle: Vec<TaskId>,
    /// The graph at any step.
    pub scrub: Rc<Scrubber>,
    /// Where the stuck state was found: the step that shows it.
    pub found_step: Option<usize>,
    /// Where the run first departs from the model's prediction (`None`: same order), or
    /// `Err` when there is nothing to compare (the reader stopped the run).
    pub vs_model: Result<Option<Difference>, ()>,
}

enum RunState {
    Idle,
    Running(Watch),
    Done(Done),
}

struct PageState {
    scene: Scene,
    prediction: Rc<Prediction>,
    guess: Option<usize>,
    reveal: bool,
    run: RunState,
    step: usize,
    selected: Option<TaskId>,
    stopped_by_reader: bool,
    /// Bumped by each run, so a late end of an earlier run is ignored.
    generation: u64,
    /// The step a link asked for, shown once the run it started has ended.
    linked_step: Option<usize>,
    /// What became of the last "copy a link": copied, or why not.
    link_note: Option<String>,
    /// Why the link this page was opened with was not used.
    link_error: Option<String>,
}

impl PageState {
    fn new(scene: Scene) -> Self {
        let prediction = Rc::new(predict(&scene.scenario()));
        PageState {
            scene,
            prediction,
            guess: None,
            reveal: false,
            run: RunState::Idle,
            step: 0,
            selected: None,
            stopped_by_reader: false,
            generation: 0,
            linked_step: None,
            link_note: None,
            link_error: None,
        }
    }
}

/// The page's actions.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Pick another scenario.
    Pick(String),
    /// The reader's guess: a choice's index.
    Guess(usize),
    /// Show the model's prediction.
    Reveal,
    /// Start a run.
    Run,
    /// Stop the run.
    Stop,
    /// Show the graph after this many events.
    Step(usize),
    /// Select a task to explain.
    Select(Option<TaskId>),
    /// Copy a link to the step shown.
    CopyLink,
    /// Say what became of a link.
    LinkNote(String),
    /// Open what a link's fragment names: pick its scene, run it, show its step.
    Open(String),
}

/// Builds the finished run's view: outcome, scrubber, comparison with the model.
fn finish(st: &PageState, log: Rc<EventLog>, watch: &Watch) -> Done {
    let s = st.scene.scenario();
    let found = watch.found();
    let scrub = Rc::new(Scrubber::new(&s, &log, 32));
    let (outcome, stuck, cycle, found_step) = match &found {
        Some(f) => {
            let d = &f.deadlock;
            let t_ms = log.events.get(d.at).map_or(0.0, |e| e.t_ms);
            let outcome = Outcome::Stuck {
                at: d.at,
                t_ms,
                explanation: d.explanation.clone(),
                cycle: !d.cycle.is_empty(),
            };
            (outcome, d.tasks.clone(), d.cycle.clone(), Some(d.at + 1))
        }
        None if st.stopped_by_reader => (Outcome::Stopped, Vec::new(), Vec::new(), None),
        None => (Outcome::Ended { wall_ms: log.end_ms() }, Vec::new(), Vec::new(), None),
    };
    let vs_model = match (&outcome, found_step) {
        (Outcome::Stopped, _) => Err(()),
        // A stuck run is compared up to the deadlock: what follows is the page stopping it.
        (_, Some(n)) => {
            let mut prefix = (*log).clone();
            prefix.events.truncate(n);
            Ok(first_difference(&st.prediction.log, &prefix, TIE_MS))
        }
        _ => Ok(first_difference(&st.prediction.log, &log, TIE_MS)),
    };
    Done { log, outcome, stuck, cycle, scrub, found_step, vs_model }
}

/// The page.
#[component]
pub fn StuckPage() -> Html {
    let state = use_mut_ref(|| PageState::new(inspect::scenes().remove(0)));
    let redraw = use_force_update();
    let frames = use_mut_ref(|| None::<FrameLoop>);
    {
        let frames = frames.clone();
        use_effect_with((), move |_| move || drop(frames.borrow_mut().take()));
    }
    // The page's own action callback, for actions that send further actions later.
    let act_cell = use_mut_ref(|| None::<Callback<Action>>);
    let act = {
        let (state, redraw, frames, act_cell) =
            (state.clone(), redraw.clone(), frames.clone(), act_cell.clone());
        Callback::from(move |a: Action| {
            let mut st = state.borrow_mut();
            match a {
                Action::Pick(id) => {
                    if let RunState::Running(w) = &st.run {
                        w.stopper().stop();
                    }
                    if let Some(scene) = inspect::scene(&id) {
                        let generation = st.generation + 1;
                        *st = PageState::new(scene);
                        st.generation = generation;
                    }
                }
                Action::Guess(i) => st.guess = Some(i),
                Action::Reveal => st.reveal = true,
                Action::Step(n) => st.step = n,
                Action::Select(t) => st.selected = t,
                Action::LinkNote(note) => st.link_note = Some(note),
                Action::CopyLink => {
                    let link =
                        crate::web::share::link_to(&inspect::link_fragment(st.scene.id, Some(st.step)));
                    let act = act_cell.borrow().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let note = match crate::web::share::copy(&link).await {
                            Ok(()) => format!(
                                "Copied: {link} — it opens this scenario, runs it, and shows this step."
                            ),
                            Err(why) => format!("Could not copy ({why}). The link: {link}"),
                        };
                        if let Some(act) = act {
                            act.emit(Action::LinkNote(note));
                        }
                    });
                }
                Action::Open(fragment) => match inspect::parse_fragment(&fragment) {
                    Ok((scene, step)) => {
                        if let RunState::Running(w) = &st.run {
                            w.stopper().stop();
                        }
                        let generation = st.generation + 1;
                        *st = PageState::new(scene);
                        st.generation = generation;
                        if let Some(n) = step {
                            st.linked_step = Some(n);
                            let act = act_cell.borrow().clone();
                            drop(st);
                            if let Some(act) = act {
                                act.emit(Action::Run);
                            }
                            redraw.force_update();
                            return;
                        }
                    }
                    Err(why) => st.link_error = Some(format!("The link was not used: {why}.")),
                },
                Action::Stop => {
                    if let RunState::Running(w) = &st.run {
                        let stopper = w.stopper();
                        st.stopped_by_reader = true;
                        stopper.stop();
                    }
                }
                Action::Run => {
                    if matches!(st.run, RunState::Running(_)) {
                        return;
                    }
                    let watched = Watched::start(&st.scene.scenario());
                    let watch = watched.watch();
                    st.generation += 1;
                    st.stopped_by_reader = false;
                    st.selected = None;
                    st.run = RunState::Running(watch.clone());
                    let generation = st.generation;
                    // Redraw the live graph about ten times a second while the run goes on.
                    let (s2, r2) = (state.clone(), redraw.clone());
                    let mut last = 0.0;
                    *frames.borrow_mut() = Some(FrameLoop::start(move |t| {
                        let running = matches!(s2.borrow().run, RunState::Running(_));
                        if t - last >= 100.0 || !running {
                            last = t;
                            r2.force_update();
                        }
                        running
                    }));
                    let (s3, r3) = (state.clone(), redraw.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let log = watched.finished().await;
                        let mut st = s3.borrow_mut();
                        if st.generation != generation {
                            return;
                        }
                        let done = finish(&st, log, &watch);
                        st.step = match st.linked_step.take() {
                            Some(n) => n.min(done.scrub.len()),
                            None => done.found_step.unwrap_or(done.scrub.len()),
                        };
                        st.run = RunState::Done(done);
                        drop(st);
                        r3.force_update();
                    });
                }
            }
            drop(st);
            redraw.force_update();
        })
    };

    *act_cell.borrow_mut() = Some(act.clone());
    // A link to a scene (and a step) opens it once the page has mounted, or when it is opened
    // in this tab later (only the fragment changes then).
    {
        let act = act.clone();
        use_effect_with((), move |_| {
            let open = move || {
                if let Some(f) = crate::web::share::fragment().filter(|f| f.starts_with("scene=")) {
                    crate::web::share::clear_fragment();
                    act.emit(Action::Open(f));
                }
            };
            open();
            let listener = crate::web::share::HashListener::new(open);
            move || drop(listener)
        });
    }
    let st = state.borrow();
    let scenario = st.scene.scenario();
    let running = matches!(st.run, RunState::Running(_));
    let on_pick = {
        let act = act.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            act.emit(Action::Pick(sel.value()));
        })
    };
    let scenes = inspect::scenes();
    let group = |g: &'static str| {
        html! {
            <optgroup label={g}>
                { for scenes.iter().filter(|s| s.group == g).map(|s| html! {
                    <option value={s.id} selected={s.id == st.scene.id}>{ s.title }</option>
                }) }
            </optgroup>
        }
    };

    // The graph shown: live, at the chosen step of a finished run, or before any event.
    let (graph, stuck, cycle, live_note): (Graph, Vec<TaskId>, Vec<TaskId>, String) = match &st.run {
        RunState::Idle => {
            (Graph::new(&scenario), Vec::new(), Vec::new(), "Before the run: no task has started.".into())
        }
        RunState::Running(w) => match w.found() {
            Some(f) => (
                f.graph,
                f.deadlock.tasks.clone(),
                f.deadlock.cycle.clone(),
                "Stuck: stopping the run…".into(),
            ),
            None => {
                let rec = w.recorder();
                (
                    w.graph(),
                    Vec::new(),
                    Vec::new(),
                    format!("Live: {} events, {:.0} ms", rec.len(), rec.elapsed()),
                )
            }
        },
        RunState::Done(d) => {
            let g = d.scrub.at(st.step);
            let at_found = d.found_step == Some(st.step);
            let note = if at_found {
                "The moment the page found the tasks stuck for good.".to_string()
            } else {
                format!("After {} of {} events.", st.step, d.scrub.len())
            };
            let (s, c) = if at_found { (d.stuck.clone(), d.cycle.clone()) } else { (Vec::new(), Vec::new()) };
            (g, s, c, note)
        }
    };
    let drawing = Rc::new(inspect::draw(&scenario, &graph.snapshot(), &stuck, &cycle));
    let waiting: Vec<(TaskId, String)> = (0..scenario.tasks.len())
        .map(|i| TaskId(i as u32))
        .filter(|t| matches!(graph.state(*t), TaskState::Blocked { .. } | TaskState::Joining { .. }))
        .filter_map(|t| graph.explain(t).map(|e| (t, e)))
        .collect();
    let selected_line = st.selected.and_then(|t| {
        graph.explain(t).or_else(|| {
            let name = scenario.tasks.get(t.0 as usize)?.name.clone();
            Some(format!(
                "{name} is {} (not waiting).",
                inspect::state_class(graph.state(t)).replace('-', " ")
            ))
        })
    });

    let observed_answer = match &st.run {
        RunState::Done(d) if !matches!(d.outcome, Outcome::Stopped) => {
            st.scene.question.answer(&d.log, matches!(d.outcome, Outcome::Stuck { .. }))
        }
        _ => None,
    };
    let model_answer = st.scene.question.answer(&st.prediction.log, st.prediction.stalled);

    html! {
        <article class="stuck-page">
            <h1>{ "Why is it stuck?" }</h1>
            <p class="lede">{ "Tasks that share locks, queues, events and barriers can wait for each other. Pick a scenario, guess what it will do, then run it for real on this page's event loop: the graph shows who holds what and who waits for whom as it happens. If the tasks can never move again, the page stops the run at that instant and tells you why." }</p>

            <section class="card" aria-labelledby="stuck-pick-h">
                <h2 id="stuck-pick-h">{ "1 · A scenario" }</h2>
                <label for="stuck-scene">{ "Scenario" }</label>
                <select id="stuck-scene" onchange={on_pick} disabled={running}>
                    { group(inspect::DEADLOCKS) }
                    { group(inspect::EXAMPLES) }
                </select>
                <p data-testid="stuck-story">{ st.scene.story }</p>
                if let Some(why) = &st.link_error {
                    <p class="error" role="alert">{ why.clone() }</p>
                }
                <p class="muted small">{ format!("{} tasks; {}.", scenario.tasks.len(),
                    scenario.resources.iter().map(|r| format!("{} {}", r.kind.noun(), r.name)).collect::<Vec<_>>().join(", ")) }</p>
            </section>

            <GuessPanel question={st.scene.question.clone()} guess={st.guess} reveal={st.reveal}
                model={model_answer} model_end_ms={st.prediction.end_ms()} model_stalled={st.prediction.stalled}
                model_events={st.prediction.log.events.len()} observed={observed_answer} on_action={act.clone()} />

            <section class="card" aria-labelledby="stuck-run-h">
                <h2 id="stuck-run-h">{ "3 · Run it and watch who waits for whom" }</h2>
                <div class="run-row">
                    <button class="primary" onclick={act.reform(|_| Action::Run)} disabled={running}>{ "Run" }</button>
                    <button onclick={act.reform(|_| Action::Stop)} disabled={!running}>{ "Stop" }</button>
                </div>
                <p class="stuck-status" role="status" data-testid="stuck-status">{ match &st.run {
                    RunState::Idle => "Not run yet.".to_string(),
                    RunState::Running(_) => "Running…".to_string(),
                    RunState::Done(d) => d.outcome.headline(),
                } }</p>
                { match &st.run {
                    RunState::Done(Done { outcome: Outcome::Stuck { explanation, .. }, .. }) => html! {
                        <p class="stuck-why" data-testid="stuck-why"><strong>{ "Why: " }</strong>{ explanation.clone() }</p>
                    },
                    _ => html! {},
                } }
                <div class="stuck-grid">
                    <figure class="wait-graph-fig">
                        <WaitGraph drawing={drawing} selected={st.selected} on_action={act.clone()} />
                        <figcaption class="muted small">{ live_note }</figcaption>
                    </figure>
                    <div>
                        <h3>{ "Who waits for whom" }</h3>
                        if waiting.is_empty() {
                            <p class="muted" data-testid="no-waits">{ "Nobody is waiting on another task or a resource at this point." }</p>
                        } else {
                            <ul class="waits" aria-label="Who waits for whom" data-testid="waits">
                                { for waiting.iter().map(|(t, line)| {
                                    let t = *t;
                                    let pressed = st.selected == Some(t);
                                    html! {
                                        <li>
                                            <button class="link-like" aria-pressed={pressed.to_string()}
                                                onclick={act.reform(move |_| Action::Select(if pressed { None } else { Some(t) }))}>
                                                { line.clone() }
                                            </button>
                                        </li>
                                    }
                                }) }
                            </ul>
                        }
                        if let Some(line) = selected_line {
                            <p class="selected-why" aria-live="polite" data-testid="selected-why">{ line }</p>
                        }
                    </div>
                </div>
            </section>

            { match &st.run {
                RunState::Done(d) => html! {
                    <>
                        <Stepper scrub={d.scrub.clone()} log={d.log.clone()} step={st.step} found_step={d.found_step} on_action={act.clone()}
                            link_note={st.link_note.clone()} />
                        <section class="card" aria-labelledby="stuck-model-h">
                            <h2 id="stuck-model-h">{ "5 · The model against the real run" }</h2>
                            <p data-testid="vs-model">{ match &d.vs_model {
                                Err(()) => "You stopped the run, which the model does not predict: nothing to compare.".to_string(),
                                Ok(None) => format!("The run recorded the same {} events, in the same order, as the model predicted without running anything.",
                                    d.found_step.unwrap_or(d.log.events.len())),
                                Ok(Some(diff)) => describe_difference(diff),
                            } }</p>
                        </section>
                    </>
                },
                _ => html! {},
            } }
        </article>
    }
}

/// The first difference between model and run, in words, with its explanation when the model
/// documents it.
fn describe_difference(d: &Difference) -> String {
    let said = |x: &Option<String>, none: &str| x.clone().unwrap_or_else(|| none.to_string());
    let why = if d.timer_tie {
        format!(
            " Explained: two timers were due within {TIE_MS:.0} ms of each other, set at different moments, and a browser may fire such timers in either order; the model fires the one set first."
        )
    } else {
        " Not one of the model's documented differences: please report it with the exported log.".to_string()
    };
    format!(
        "The run and the model part at event {}: the model predicted “{}”, the run recorded “{}”.{why}",
        d.index + 1,
        said(&d.predicted, "the end of the run"),
        said(&d.observed, "the end of the run"),
    )
}
