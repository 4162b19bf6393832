//! The "Why is it stuck?" page's hook: its own state (`state.rs`, a reducer), its run as a run
//! session (`shared/run_session.rs`) with a [`Stop`] — a watched run whose live graph is redrawn
//! about ten times a second — and the actions its cards send.

use super::state::{Change, Done, Ending, PageState};
use crate::ui::shared::run_session::{self, run_claimed, use_stop, Session, Stop};
use crate::web::frame::FrameLoop;
use crate::web::watch::{Watch, Watched};
use engine::inspect;
use engine::TaskId;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// The page's run: its live watch while it goes on, and the finished run.
type RunSession = Session<Done, Watch>;

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
    /// Open what a link's fragment names: pick its scene, run it, show its step.
    Open(String),
}

/// Where the run is, as the cards draw it.
pub enum RunState {
    /// No run since the scene was shown.
    Idle,
    /// Running: its live recorder, graph and detector.
    Running(Watch),
    /// Finished (or stopped, or found stuck).
    Done(Rc<Done>),
}

/// The page's state, its run, and the callback that changes them.
pub struct StuckPage {
    /// The page's own state.
    pub page: UseReducerHandle<PageState>,
    /// The run.
    pub run: RunState,
    /// Sends an action.
    pub act: Callback<Action>,
}

/// Starts a watched run of the scene shown, unless one is under way: the detector stops it
/// the moment tasks are stuck for good; Stop stops it as the reader's.
fn start(st: &PageState, session: UseReducerDispatcher<RunSession>, stop: &Stop) {
    let Some(claim) = stop.claim() else { return };
    let watched = Watched::start(&st.scenario);
    let watch = watched.watch();
    let (scenario, prediction) = (st.scenario.clone(), st.prediction.clone());
    run_claimed(session, claim, Some(watch.clone()), move |claim| {
        let by_reader = Rc::new(Cell::new(false));
        let (flag, stopper) = (by_reader.clone(), watch.stopper());
        claim.running(Rc::new(move || {
            flag.set(true);
            stopper.stop();
        }));
        async move {
            let log = watched.finished().await;
            let ending = match watch.found() {
                Some(f) => Ending::Stuck {
                    at: f.deadlock.at,
                    explanation: f.deadlock.explanation,
                    tasks: f.deadlock.tasks,
                    cycle: f.deadlock.cycle,
                },
                None if by_reader.get() => Ending::Stopped,
                None => Ending::Ended,
            };
            Ok(Done::new(&scenario, &prediction, log, ending))
        }
    });
}

/// Copies a link to `scene` at `step`, and says what became of it.
fn copy_link(scene: &'static str, step: Option<usize>, page: UseReducerDispatcher<PageState>) {
    let link = crate::web::share::link_to(&inspect::link_fragment(scene, step));
    wasm_bindgen_futures::spawn_local(async move {
        let note = match crate::web::share::copy(&link).await {
            Ok(()) => format!("Copied: {link} — it opens this scenario, runs it, and shows this step."),
            Err(why) => format!("Could not copy ({why}). The link: {link}"),
        };
        page.dispatch(Change::LinkNote(note));
    });
}

/// The page's state, run and actions. A run starts whenever one is asked for; leaving the page,
/// or showing another scene, stops the run under way (whose end is then not shown).
#[hook]
pub fn use_stuck() -> StuckPage {
    let page = use_reducer(PageState::default);
    let session = use_reducer(RunSession::default);
    let stop = use_stop();
    {
        // Each run asked for starts once; the page going away stops the run under way.
        let (st, session, stop) = (page.clone(), session.dispatcher(), stop.clone());
        use_effect_with(page.runs_asked, move |&asked| {
            if asked > 0 {
                start(&st, session, &stop);
            }
            move || stop.abandon()
        });
    }
    // Redraw the live graph about ten times a second while a run goes on.
    let redraw = use_force_update();
    use_effect_with(session.stage.clone(), move |live| {
        let frames = live.as_ref().map(|_| {
            let mut last = 0.0;
            FrameLoop::start(move |t| {
                if t - last >= 100.0 {
                    last = t;
                    redraw.force_update();
                }
                true
            })
        });
        move || drop(frames)
    });
    let run = match (&session.stage, &session.result) {
        (Some(watch), _) if session.busy() => RunState::Running(watch.clone()),
        (_, Some(done)) => RunState::Done(done.clone()),
        _ => RunState::Idle,
    };
    let act = {
        let (page, session, stop, left) = (page.clone(), session.clone(), stop.clone(), stop.clone());
        let leave = move || {
            left.abandon();
            session.dispatch(run_session::Action::Reset);
        };
        let step = match &run {
            RunState::Done(d) => page.step(d),
            _ => 0,
        };
        Callback::from(move |a: Action| match a {
            Action::Pick(id) => {
                if let Some(scene) = inspect::scene(&id) {
                    leave();
                    page.dispatch(Change::Show(scene, None));
                }
            }
            Action::Open(fragment) => match inspect::parse_fragment(&fragment) {
                Ok((scene, step)) => {
                    leave();
                    page.dispatch(Change::Show(scene, step));
                }
                Err(why) => page.dispatch(Change::LinkError(format!("The link was not used: {why}."))),
            },
            Action::Guess(i) => page.dispatch(Change::Guess(i)),
            Action::Reveal => page.dispatch(Change::Reveal),
            Action::Run => page.dispatch(Change::Run),
            Action::Stop => stop.stop(),
            Action::Step(n) => page.dispatch(Change::Step(n)),
            Action::Select(t) => page.dispatch(Change::Select(t)),
            Action::CopyLink => copy_link(page.scene.id, Some(step), page.dispatcher()),
        })
    };
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
    StuckPage { page, run, act }
}
