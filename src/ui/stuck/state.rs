//! The "Why is it stuck?" page's own state — the scene, the reader's guess, the step shown, the
//! selected task and the link notes — as a reducer, and what a finished run becomes ([`Done`]:
//! its outcome, scrubber and comparison with the model). The run itself is a run session
//! (`shared/run_session.rs`, driven by `use_stuck.rs`); this state only counts the runs asked
//! for, so the hook starts each once.

use engine::inspect::{Outcome, Scene};
use engine::model::{first_difference, predict, Difference, Prediction};
use engine::waitfor::Scrubber;
use engine::{EventLog, Scenario, TaskId};
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

/// How a run ended, as the watched run reports it: stuck (the deadlock's event index, its time
/// and explanation, its tasks and cycle), stopped by the reader, or every task ended.
pub enum Ending {
    /// The detector found tasks stuck for good at this event and stopped the run.
    Stuck { at: usize, explanation: String, tasks: Vec<TaskId>, cycle: Vec<TaskId> },
    /// The reader pressed Stop.
    Stopped,
    /// Every task ended.
    Ended,
}

impl Done {
    /// The finished run's view: outcome, scrubber, and comparison with the model's `prediction`.
    pub fn new(scenario: &Scenario, prediction: &Prediction, log: Rc<EventLog>, ending: Ending) -> Done {
        let scrub = Rc::new(Scrubber::new(scenario, &log, 32));
        let (outcome, stuck, cycle, found_step) = match ending {
            Ending::Stuck { at, explanation, tasks, cycle } => {
                let t_ms = log.events.get(at).map_or(0.0, |e| e.t_ms);
                let outcome = Outcome::Stuck { at, t_ms, explanation, cycle: !cycle.is_empty() };
                (outcome, tasks, cycle, Some(at + 1))
            }
            Ending::Stopped => (Outcome::Stopped, Vec::new(), Vec::new(), None),
            Ending::Ended => (Outcome::Ended { wall_ms: log.end_ms() }, Vec::new(), Vec::new(), None),
        };
        let vs_model = match (&outcome, found_step) {
            (Outcome::Stopped, _) => Err(()),
            // A stuck run is compared up to the deadlock: what follows is the page stopping it.
            (_, Some(n)) => {
                let mut prefix = (*log).clone();
                prefix.events.truncate(n);
                Ok(first_difference(&prediction.log, &prefix, TIE_MS))
            }
            _ => Ok(first_difference(&prediction.log, &log, TIE_MS)),
        };
        Done { log, outcome, stuck, cycle, scrub, found_step, vs_model }
    }
}

/// What the page shows, apart from the run.
pub struct PageState {
    /// The scenario picked, with its story and question.
    pub scene: Scene,
    /// The scene's validated scenario.
    pub scenario: Rc<Scenario>,
    /// What the schedule model predicts for it, without running anything.
    pub prediction: Rc<Prediction>,
    /// The reader's guess: a choice's index.
    pub guess: Option<usize>,
    /// Whether the model's prediction is shown.
    pub reveal: bool,
    /// The step the reader chose in the finished run (`None`: the run's own, see [`Self::step`]).
    pub chosen_step: Option<usize>,
    /// The task whose wait is explained.
    pub selected: Option<TaskId>,
    /// Runs asked for on this page; the hook starts a run whenever it grows.
    pub runs_asked: u64,
    /// The step a link asked for, shown once the run it started has ended.
    pub linked_step: Option<usize>,
    /// What became of the last "copy a link": copied, or why not.
    pub link_note: Option<String>,
    /// Why the link this page was opened with was not used.
    pub link_error: Option<String>,
}

impl PageState {
    /// The page showing `scene`, with nothing chosen yet; `runs_asked` carries on.
    pub fn new(scene: Scene, runs_asked: u64) -> Self {
        let scenario = Rc::new(scene.scenario());
        let prediction = Rc::new(predict(&scenario));
        PageState {
            scene,
            scenario,
            prediction,
            guess: None,
            reveal: false,
            chosen_step: None,
            selected: None,
            runs_asked,
            linked_step: None,
            link_note: None,
            link_error: None,
        }
    }

    /// The step shown of the finished run `done`: the reader's choice, else the one a link asked
    /// for, else the moment it was found stuck, else its end.
    pub fn step(&self, done: &Done) -> usize {
        let len = done.scrub.len();
        self.chosen_step.or(self.linked_step).map(|n| n.min(len)).or(done.found_step).unwrap_or(len)
    }
}

impl Default for PageState {
    fn default() -> Self {
        PageState::new(engine::inspect::scenes().remove(0), 0)
    }
}

/// A change to the page's state.
pub enum Change {
    /// Show this scene afresh; with a step (a link's), run it and show that step at the end.
    Show(Scene, Option<usize>),
    /// The reader's guess: a choice's index.
    Guess(usize),
    /// Show the model's prediction.
    Reveal,
    /// A new run of the scene shown (the run's steps and selection start over).
    Run,
    /// Show the finished run after this many events.
    Step(usize),
    /// Select a task to explain.
    Select(Option<TaskId>),
    /// Say what became of a link copied.
    LinkNote(String),
    /// Say why the link the page was opened with was not used.
    LinkError(String),
}

impl Reducible for PageState {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut st = match change {
            Change::Show(scene, step) => {
                let asked = self.runs_asked + u64::from(step.is_some());
                let mut st = PageState::new(scene, asked);
                st.linked_step = step;
                return Rc::new(st);
            }
            _ => self.copy(),
        };
        match change {
            Change::Show(..) => unreachable!("handled above"),
            Change::Guess(i) => st.guess = Some(i),
            Change::Reveal => st.reveal = true,
            Change::Run => {
                st.runs_asked += 1;
                st.chosen_step = None;
                st.linked_step = None;
                st.selected = None;
            }
            Change::Step(n) => st.chosen_step = Some(n),
            Change::Select(t) => st.selected = t,
            Change::LinkNote(note) => st.link_note = Some(note),
            Change::LinkError(why) => st.link_error = Some(why),
        }
        Rc::new(st)
    }
}

impl PageState {
    /// A copy to change (the scene's scenario and prediction are shared, not recomputed).
    fn copy(&self) -> PageState {
        PageState {
            scene: self.scene.clone(),
            scenario: self.scenario.clone(),
            prediction: self.prediction.clone(),
            guess: self.guess,
            reveal: self.reveal,
            chosen_step: self.chosen_step,
            selected: self.selected,
            runs_asked: self.runs_asked,
            linked_step: self.linked_step,
            link_note: self.link_note.clone(),
            link_error: self.link_error.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::inspect;

    fn after(changes: Vec<Change>) -> Rc<PageState> {
        changes.into_iter().fold(Rc::new(PageState::default()), |s, c| s.reduce(c))
    }

    fn ended(st: &PageState) -> Done {
        let log = Rc::new(st.prediction.log.clone());
        Done::new(&st.scenario, &st.prediction, log, Ending::Ended)
    }

    #[test]
    fn a_link_with_a_step_asks_for_one_run_and_shows_that_step_once_it_ends() {
        let scene = inspect::scenes().pop().expect("a scene");
        let st = after(vec![Change::Show(scene.clone(), Some(3))]);
        assert_eq!((st.runs_asked, st.scene.id), (1, scene.id));
        let done = ended(&st);
        assert_eq!(st.step(&done), 3.min(done.scrub.len()));
        // The reader's own next run shows its end again, and a link without a step runs nothing.
        let st = st.reduce(Change::Run);
        assert_eq!((st.runs_asked, st.step(&done)), (2, done.scrub.len()));
        assert_eq!(st.reduce(Change::Show(scene, None)).runs_asked, 2);
    }

    #[test]
    fn a_run_starts_its_steps_and_selection_over_and_keeps_the_guess() {
        let st = after(vec![Change::Guess(1), Change::Step(2), Change::Select(Some(TaskId(0))), Change::Run]);
        assert_eq!((st.guess, st.chosen_step, st.selected), (Some(1), None, None));
        let done = ended(&st);
        let st = st.reduce(Change::Step(done.scrub.len() + 5));
        assert_eq!(st.step(&done), done.scrub.len(), "a step past the end shows the end");
    }

    #[test]
    fn a_stuck_run_shows_the_moment_it_was_found_and_is_compared_up_to_it() {
        let st = PageState::new(
            inspect::scenes().into_iter().find(|s| s.group == inspect::DEADLOCKS).expect("a deadlock"),
            0,
        );
        assert!(st.prediction.stalled, "the model sees the deadlock");
        let log = Rc::new(st.prediction.log.clone());
        let at = log.events.len() - 1;
        let done = Done::new(
            &st.scenario,
            &st.prediction,
            log,
            Ending::Stuck { at, explanation: "x".into(), tasks: vec![TaskId(0)], cycle: vec![] },
        );
        assert_eq!((done.found_step, st.step(&done)), (Some(at + 1), at + 1));
        assert!(matches!(done.vs_model, Ok(None)), "the model's own log matches it");
        let stopped = Done::new(&st.scenario, &st.prediction, done.log.clone(), Ending::Stopped);
        assert!(stopped.vs_model.is_err() && matches!(stopped.outcome, Outcome::Stopped));
    }
}
