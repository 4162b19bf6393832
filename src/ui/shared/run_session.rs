//! One run's life in a demo, on the comparison page or in the playground — waiting for its turn,
//! running (with a stage to show and, if it fills its result as it goes, the result so far),
//! finished with its result, or failed — as state with an [`Action`] enum and a reducer
//! ([`use_run_session`]). A component renders the [`Session`] and its hook sends actions;
//! [`run_on_lab`] drives a run on the page's worker lab through them, [`run_now`] one that takes
//! no turn on the lab, [`run_claimed`] one whose end is dropped if the page left it for another;
//! a run that can be stopped holds a [`Claim`] on its session's [`Stop`] (one run at a time;
//! Stop before it is under way cancels it). A demo that compares
//! timed variants measures them with [`measure_rounds`] (interleaved rounds, the workers' speed
//! checked just before and after, judged by [`engine::measure`]) and shows the verdict with
//! [`verdict_note`].

use crate::ui::shared::lab::{Activity, LabHandle};
use crate::web::lab::Lab;
use engine::measure::{self, Comparison, Conditions, Expect};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use yew::prelude::*;

/// A run session: what it is doing, and its last result or error. Its stage `S` is a fixed
/// phrase by default, or a sentence built from the run's numbers (the comparison page's).
pub struct Session<T, S = &'static str> {
    /// Idle, waiting for the lab, or running.
    pub activity: Activity,
    /// What the running demo is doing now (e.g. "one after another"), if it says.
    pub stage: Option<S>,
    /// The last finished run's result.
    pub result: Option<Rc<T>>,
    /// Why the last run failed.
    pub error: Option<String>,
}

impl<T, S> Default for Session<T, S> {
    fn default() -> Self {
        Session { activity: Activity::Idle, stage: None, result: None, error: None }
    }
}

impl<T, S: PartialEq> PartialEq for Session<T, S> {
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

impl<T, S> Session<T, S> {
    /// Whether a run is waiting or running (the demo's buttons are disabled).
    pub fn busy(&self) -> bool {
        self.activity != Activity::Idle
    }
}

/// What happens to a run.
pub enum Action<T, S = &'static str> {
    /// Asked to run while another demo holds the lab.
    Queued,
    /// Running, at this stage (if any).
    Started(Option<S>),
    /// Still running; the result so far replaces the last one (a run that fills its result
    /// stage by stage, as the comparison's table does).
    Progress(T),
    /// Finished with this result (the last one is kept until the next finishes).
    Finished(T),
    /// Failed with this reason.
    Failed(String),
    /// The demo's inputs changed: the last result no longer applies.
    Reset,
}

impl<T, S: Clone> Reducible for Session<T, S> {
    type Action = Action<T, S>;

    fn reduce(self: Rc<Self>, action: Action<T, S>) -> Rc<Self> {
        let result = self.result.clone();
        Rc::new(match action {
            Action::Queued => Session { activity: Activity::Waiting, stage: None, result, error: None },
            Action::Started(stage) => Session { activity: Activity::Running, stage, result, error: None },
            Action::Progress(r) => Session {
                activity: Activity::Running,
                stage: self.stage.clone(),
                result: Some(Rc::new(r)),
                error: None,
            },
            Action::Finished(r) => {
                Session { activity: Activity::Idle, stage: None, result: Some(Rc::new(r)), error: None }
            }
            Action::Failed(e) => Session { activity: Activity::Idle, stage: None, result, error: Some(e) },
            Action::Reset => Session::default(),
        })
    }
}

/// A run session (see the module).
#[hook]
pub fn use_run_session<T: 'static>() -> UseReducerHandle<Session<T>> {
    use_reducer(Session::default)
}

/// A run session whose stage is a sentence built from the run's numbers ("on 3 workers").
#[hook]
pub fn use_worded_run_session<T: 'static>() -> UseReducerHandle<Session<T, String>> {
    use_reducer(Session::default)
}

/// Runs `run` on the page's lab when the demo's turn comes: `Queued` while another demo holds
/// the lab, `Started` when the turn comes, then `Finished` or `Failed`. `run` gets the
/// dispatcher to report its stages.
pub fn run_on_lab<T, S, F, Fut>(lab: &LabHandle, session: UseReducerDispatcher<Session<T, S>>, run: F)
where
    T: 'static,
    S: Clone + 'static,
    F: FnOnce(LabHandle, UseReducerDispatcher<Session<T, S>>) -> Fut + 'static,
    Fut: Future<Output = Result<T, String>> + 'static,
{
    let lab = lab.clone();
    session.dispatch(if lab.busy() { Action::Queued } else { Action::Started(None) });
    wasm_bindgen_futures::spawn_local(async move {
        let _turn = lab.turn().await;
        session.dispatch(Action::Started(None));
        settle(&session, run(lab.clone(), session.clone()).await);
    });
}

/// Runs `run` at once, taking no turn on the lab: a run on the page's own event loop, or the
/// page's only run on its lab (the playground's, whose [`Stop`] already lets one run at a time).
/// `Started(stage)`, then `run` is called (what it does before its first await happens in the
/// caller's turn), then `Finished` or `Failed`.
pub fn run_now<T, S, F, Fut>(session: UseReducerDispatcher<Session<T, S>>, stage: Option<S>, run: F)
where
    T: 'static,
    S: Clone + 'static,
    F: FnOnce(UseReducerDispatcher<Session<T, S>>) -> Fut,
    Fut: Future<Output = Result<T, String>> + 'static,
{
    session.dispatch(Action::Started(stage));
    let finished = run(session.clone());
    wasm_bindgen_futures::spawn_local(async move { settle(&session, finished.await) });
}

/// Runs `run` at once under `claim` (see [`Stop`]), as [`run_now`] does: `Started(stage)`, then
/// `run` (which registers how to stop it with [`Claim::running`]), then `Finished` or `Failed` —
/// unless the page abandoned the run meanwhile, whose end then is not reported.
pub fn run_claimed<T, S, F, Fut>(
    session: UseReducerDispatcher<Session<T, S>>,
    claim: Claim,
    stage: Option<S>,
    run: F,
) where
    T: 'static,
    S: Clone + 'static,
    F: FnOnce(&Claim) -> Fut,
    Fut: Future<Output = Result<T, String>> + 'static,
{
    session.dispatch(Action::Started(stage));
    let finished = run(&claim);
    wasm_bindgen_futures::spawn_local(async move {
        let ended = finished.await;
        if claim.current() {
            drop(claim);
            settle(&session, ended);
        }
    });
}

/// A run's end: its result, or why it failed.
fn settle<T, S: Clone>(session: &UseReducerDispatcher<Session<T, S>>, ended: Result<T, String>) {
    session.dispatch(match ended {
        Ok(r) => Action::Finished(r),
        Err(e) => Action::Failed(e),
    });
}

/// Where a session's run is, as Stop sees it.
#[derive(Default)]
enum Phase {
    /// No run.
    #[default]
    Idle,
    /// Claimed, not under way yet (waiting for its turn or its workers); `true` once Stop asked
    /// to cancel it.
    Starting(bool),
    /// Under way: Stop calls this.
    Running(Rc<dyn Fn()>),
}

/// A [`Stop`]'s state: the phase of its current run, and which run is current (bumped when the
/// page leaves a run for another, so the run left behind cannot report its end).
#[derive(Default)]
struct StopState {
    epoch: u64,
    phase: Phase,
}

/// Stop for a session whose runs can be stopped, and its one-run-at-a-time guard: a run
/// [`Stop::claim`]s it from the click that starts it (a second click before the page renders
/// again finds it taken) until the run ends. Stop cancels a run not yet under way, and stops one
/// that is through the stop it gave ([`Claim::running`]). [`Stop::abandon`] stops the run and
/// frees the session at once for another, whose result is the only one shown.
#[derive(Clone, Default)]
pub struct Stop(Rc<RefCell<StopState>>);

impl Stop {
    /// Claims the session for a new run; `None` while another is claimed.
    pub fn claim(&self) -> Option<Claim> {
        let mut st = self.0.borrow_mut();
        matches!(st.phase, Phase::Idle).then(|| {
            st.phase = Phase::Starting(false);
            Claim { stop: self.clone(), epoch: st.epoch }
        })
    }

    /// Stops the run under way, or cancels the one starting.
    pub fn stop(&self) {
        let running = match &mut self.0.borrow_mut().phase {
            Phase::Starting(cancelled) => {
                *cancelled = true;
                None
            }
            Phase::Running(stop) => Some(stop.clone()),
            Phase::Idle => None,
        };
        if let Some(stop) = running {
            stop();
        }
    }

    /// Stops the run (if any) and leaves it: the session is free for the next run at once, and
    /// the run left behind is no longer [`Claim::current`] (a [`run_claimed`] run does not
    /// report its end). For a page that replaces what it shows while a run goes on.
    pub fn abandon(&self) {
        let phase = {
            let mut st = self.0.borrow_mut();
            st.epoch += 1;
            std::mem::take(&mut st.phase)
        };
        if let Phase::Running(stop) = phase {
            stop();
        }
    }
}

/// A run's hold on its session's [`Stop`], released when dropped (the run ended).
pub struct Claim {
    stop: Stop,
    epoch: u64,
}

impl Claim {
    /// Whether this is still the session's run (the page did not [`Stop::abandon`] it).
    pub fn current(&self) -> bool {
        self.stop.0.borrow().epoch == self.epoch
    }

    /// Whether Stop cancelled the run before it got under way, or the page left it.
    pub fn cancelled(&self) -> bool {
        !self.current() || matches!(self.stop.0.borrow().phase, Phase::Starting(true))
    }

    /// The run is under way: Stop calls `stop` from now on (at once if the page left the run).
    pub fn running(&self, stop: Rc<dyn Fn()>) {
        if self.current() {
            self.stop.0.borrow_mut().phase = Phase::Running(stop);
        } else {
            stop();
        }
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if self.current() {
            self.stop.0.borrow_mut().phase = Phase::Idle;
        }
    }
}

/// A session's [`Stop`], kept across renders.
#[hook]
pub fn use_stop() -> Stop {
    (*use_memo((), |_| Stop::default())).clone()
}

/// Length of the speed check before and after a measured comparison, ms.
const CHECK_MS: f64 = 40.0;

/// Rounds of work per unit the slowest of the lab's workers manages now, all calibrating at once
/// (a core held by other work slows at least one of them).
async fn worker_speed(lab: &Lab) -> Result<f64, String> {
    let all = (0..lab.pool.size()).map(|k| lab.pool.calibrate(k, CHECK_MS));
    let speeds = futures::future::try_join_all(all).await?;
    Ok(speeds.into_iter().min().unwrap_or(0) as f64)
}

/// A comparison measured in interleaved rounds.
pub struct Rounds<R> {
    /// Every run of each variant, in the order they ran.
    pub runs: Vec<Vec<R>>,
    /// The verdict on their wall times.
    pub comparison: Comparison,
    /// The machine around the runs.
    pub conditions: Conditions,
}

impl<R> Rounds<R> {
    /// Variant `i`'s typical run: the one whose wall time is closest to its median.
    pub fn typical(&self, i: usize, wall_ms: impl Fn(&R) -> f64) -> Option<&R> {
        let times: Vec<f64> = self.runs[i].iter().map(wall_ms).collect();
        measure::median_index(&times).map(|k| &self.runs[i][k])
    }
}

/// Measures `variants` (name and what the lesson expects; the first is the baseline) in
/// `rounds` interleaved rounds on `lab`'s `workers` workers: the workers' speed is checked just
/// before and just after, `run(i)` runs variant `i` once and returns its wall time (ms) with
/// what the demo keeps of it, and `on_stage` hears each variant's name as it starts.
pub async fn measure_rounds<R, F, Fut>(
    lab: &Lab,
    workers: u32,
    cores: u32,
    variants: &[(&'static str, Expect)],
    rounds: usize,
    on_stage: impl Fn(&'static str),
    mut run: F,
) -> Result<Rounds<R>, String>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = Result<(f64, R), String>>,
{
    on_stage("checking the workers' speed");
    let before = worker_speed(lab).await?;
    let mut runs: Vec<Vec<R>> = variants.iter().map(|_| Vec::new()).collect();
    let mut times: Vec<Vec<f64>> = variants.iter().map(|_| Vec::new()).collect();
    for i in measure::schedule(variants.len(), rounds) {
        on_stage(variants[i].0);
        let (ms, r) = run(i).await?;
        times[i].push(ms);
        runs[i].push(r);
    }
    on_stage("checking the workers' speed");
    let after = worker_speed(lab).await?;
    let conditions = Conditions { calibrated: lab.rounds_per_ms as f64, before, after, cores, workers };
    let comparison = measure::judge(variants, &times, &conditions).ok_or("a variant measured no time")?;
    Ok(Rounds { runs, comparison, conditions })
}

/// The verdict of a measured comparison, in plain words: a note when the numbers show the
/// lesson, a warning when they cannot. Carries the speed checks for tests and the curious.
pub fn verdict_note(r: &Comparison, c: &Conditions) -> Html {
    let shows = r.shows();
    html! {
        <p class={classes!("verdict", if shows { "verdict-shows" } else { "verdict-noise" })}
            role={if shows { "note" } else { "alert" }}
            data-testid={if shows { "verdict-shows" } else { "verdict-noise" }}
            data-calibrated={format!("{:.0}", c.calibrated)}
            data-before={format!("{:.0}", c.before)} data-after={format!("{:.0}", c.after)}
            data-noise={(!matches!(&r.verdict, engine::measure::Verdict::Shows { noise } if noise.is_empty())).to_string()}>
            { r.words() }
        </p>
    }
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

    #[test]
    fn one_run_at_a_time_and_stop_cancels_a_starting_run_or_stops_a_running_one() {
        let stop = Stop::default();
        let claim = stop.claim().expect("idle");
        assert!(stop.claim().is_none(), "a second click while the first run starts does nothing");
        stop.stop();
        assert!(claim.cancelled());
        drop(claim);
        let claim = stop.claim().expect("free again once the run ended");
        assert!(!claim.cancelled());
        let stopped = Rc::new(std::cell::Cell::new(0));
        let s = stopped.clone();
        claim.running(Rc::new(move || s.set(s.get() + 1)));
        stop.stop();
        assert_eq!((stopped.get(), claim.cancelled()), (1, false));
        drop(claim);
        stop.stop();
        assert_eq!(stopped.get(), 1, "Stop after the run ended does nothing");
    }

    #[test]
    fn an_abandoned_run_is_stopped_frees_the_session_at_once_and_is_no_longer_current() {
        let stop = Stop::default();
        let old = stop.claim().expect("idle");
        let stopped = Rc::new(std::cell::Cell::new(0));
        let s = stopped.clone();
        old.running(Rc::new(move || s.set(s.get() + 1)));
        stop.abandon();
        assert_eq!(stopped.get(), 1, "abandoning stops the run under way");
        assert!(!old.current() && old.cancelled());
        let new = stop.claim().expect("the next run claims at once, before the old one ends");
        drop(old);
        assert!(stop.claim().is_none(), "the old run's end does not free the new run's claim");
        assert!(new.current() && !new.cancelled());
        // A run left while it was still starting is stopped as soon as it gets under way.
        let starting = {
            drop(new);
            stop.claim().expect("free")
        };
        stop.abandon();
        let s = stopped.clone();
        starting.running(Rc::new(move || s.set(s.get() + 10)));
        assert_eq!(stopped.get(), 11);
    }

    #[test]
    fn a_run_can_show_its_result_so_far_and_a_built_stage() {
        let s: Rc<Session<u32, String>> = Rc::new(Session::default());
        let s = s.reduce(Action::Started(Some("on 2 workers".to_string()))).reduce(Action::Progress(1));
        assert_eq!(
            (s.busy(), s.stage.as_deref(), s.result.as_deref()),
            (true, Some("on 2 workers"), Some(&1))
        );
        let s = s.reduce(Action::Finished(2));
        assert_eq!((s.busy(), s.stage.as_deref(), s.result.as_deref()), (false, None, Some(&2)));
    }
}
