//! One run's life in a demo — waiting for its turn, running (with a stage to show), finished
//! with its result, or failed — as state with an [`Action`] enum and a reducer
//! ([`use_run_session`]). A demo's component renders the [`Session`] and its hook sends actions;
//! [`run_on_lab`] drives a run on the page's worker lab through them.

use crate::ui::shared::lab::{Activity, LabHandle};
use std::future::Future;
use std::rc::Rc;
use yew::prelude::*;

/// A demo's run session: what it is doing, and its last result or error.
pub struct Session<T> {
    /// Idle, waiting for the lab, or running.
    pub activity: Activity,
    /// What the running demo is doing now (e.g. "one after another"), if it says.
    pub stage: Option<&'static str>,
    /// The last finished run's result.
    pub result: Option<Rc<T>>,
    /// Why the last run failed.
    pub error: Option<String>,
}

impl<T> Default for Session<T> {
    fn default() -> Self {
        Session { activity: Activity::Idle, stage: None, result: None, error: None }
    }
}

impl<T> PartialEq for Session<T> {
    fn eq(&self, other: &Self) -> bool {
        self.activity == other.activity
            && self.stage == other.stage
            && self.error == other.error
            && match (&self.result, &other.result) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

impl<T> Session<T> {
    /// Whether a run is waiting or running (the demo's buttons are disabled).
    pub fn busy(&self) -> bool {
        self.activity != Activity::Idle
    }
}

/// What happens to a run.
pub enum Action<T> {
    /// Asked to run while another demo holds the lab.
    Queued,
    /// Running, at this stage (if any).
    Started(Option<&'static str>),
    /// Finished with this result (the last one is kept until the next finishes).
    Finished(T),
    /// Failed with this reason.
    Failed(String),
    /// The demo's inputs changed: the last result no longer applies.
    Reset,
}

impl<T> Reducible for Session<T> {
    type Action = Action<T>;

    fn reduce(self: Rc<Self>, action: Action<T>) -> Rc<Self> {
        let result = self.result.clone();
        Rc::new(match action {
            Action::Queued => Session { activity: Activity::Waiting, stage: None, result, error: None },
            Action::Started(stage) => Session { activity: Activity::Running, stage, result, error: None },
            Action::Finished(r) => {
                Session { activity: Activity::Idle, stage: None, result: Some(Rc::new(r)), error: None }
            }
            Action::Failed(e) => Session { activity: Activity::Idle, stage: None, result, error: Some(e) },
            Action::Reset => Session::default(),
        })
    }
}

/// A demo's run session (see the module).
#[hook]
pub fn use_run_session<T: 'static>() -> UseReducerHandle<Session<T>> {
    use_reducer(Session::default)
}

/// Runs `run` on the page's lab when the demo's turn comes: `Queued` while another demo holds
/// the lab, `Started` when the turn comes, then `Finished` or `Failed`. `run` gets the
/// dispatcher to report its stages.
pub fn run_on_lab<T, F, Fut>(lab: &LabHandle, session: UseReducerDispatcher<Session<T>>, run: F)
where
    T: 'static,
    F: FnOnce(LabHandle, UseReducerDispatcher<Session<T>>) -> Fut + 'static,
    Fut: Future<Output = Result<T, String>> + 'static,
{
    let lab = lab.clone();
    session.dispatch(if lab.busy() { Action::Queued } else { Action::Started(None) });
    wasm_bindgen_futures::spawn_local(async move {
        let _turn = lab.turn().await;
        session.dispatch(Action::Started(None));
        match run(lab.clone(), session.clone()).await {
            Ok(r) => session.dispatch(Action::Finished(r)),
            Err(e) => session.dispatch(Action::Failed(e)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(actions: Vec<Action<u32>>) -> Rc<Session<u32>> {
        actions.into_iter().fold(Rc::new(Session::default()), |s, a| s.reduce(a))
    }

    #[test]
    fn a_run_waits_runs_and_keeps_its_result_until_the_next_one_finishes() {
        let s = after(vec![Action::Queued]);
        assert_eq!(s.activity, Activity::Waiting);
        let s = after(vec![Action::Queued, Action::Started(Some("one")), Action::Finished(7)]);
        assert_eq!((s.activity, s.result.as_deref()), (Activity::Idle, Some(&7)));
        let s = s.reduce(Action::Started(Some("two")));
        assert_eq!((s.busy(), s.stage, s.result.as_deref()), (true, Some("two"), Some(&7)));
        let s = s.reduce(Action::Failed("gone".into()));
        assert_eq!((s.busy(), s.error.as_deref(), s.result.as_deref()), (false, Some("gone"), Some(&7)));
        assert!(s.reduce(Action::Reset).result.is_none());
    }
}
