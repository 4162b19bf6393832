//! The "Why is it stuck?" page's state and actions: the scene, the reader's guess, the run (with
//! its live detector) and its end, the step shown, and links in and out.

use crate::web::frame::FrameLoop;
use crate::web::watch::{Watch, Watched};
use engine::inspect::{self, Outcome, Scene};
use engine::model::{first_difference, predict, Difference, Prediction};
use engine::waitfor::Scrubber;
use engine::{EventLog, TaskId};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Timer deadlines closer than this (ms) may fire in either order in a browser: the model's
/// documented difference (see [`engine::model`]).
pub const TIE_MS: f64 = 4.0;

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

/// Where the run is.
pub enum RunState {
    Idle,
    Running(Watch),
    Done(Done),
}

/// What the page shows.
pub struct PageState {
    pub(super) scene: Scene,
    pub(super) prediction: Rc<Prediction>,
    pub(super) guess: Option<usize>,
    pub(super) reveal: bool,
    pub(super) run: RunState,
    pub(super) step: usize,
    pub(super) selected: Option<TaskId>,
    pub(super) stopped_by_reader: bool,
    /// Bumped by each run, so a late end of an earlier run is ignored.
    pub(super) generation: u64,
    /// The step a link asked for, shown once the run it started has ended.
    pub(super) linked_step: Option<usize>,
    /// What became of the last "copy a link": copied, or why not.
    pub(super) link_note: Option<String>,
    /// Why the link this page was opened with was not used.
    pub(super) link_error: Option<String>,
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

/// The page's state, and the callback that changes it.
pub struct StuckPage {
    /// The state (read while rendering).
    pub state: Rc<RefCell<PageState>>,
    /// Sends an action.
    pub act: Callback<Action>,
}

/// The page's state and actions; the run's frames stop when the page goes away.
#[hook]
pub fn use_stuck() -> StuckPage {
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
    StuckPage { state, act }
}
