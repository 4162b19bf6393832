//! The playground's run: a run session (`shared/run_session.rs`) whose result is the run's
//! [`RunView`]. It starts the selected scenario ([`run_now`]) on the page's event loop or on the
//! page's worker lab (the workers started and the unit calibrated first),
//! follows it frame by frame into the run's views ([`LiveFeeds`]) without rendering the page,
//! and stops it through the session's [`Stop`]. [`use_run`] gives the page a [`RunHandle`].

use super::run_view::{plural, LiveFeed, LiveFeeds, RunView};
use crate::ui::shared::lab::{use_lab, LabHandle};
use crate::ui::shared::run_session::{
    run_now, use_stop, use_worded_run_session, Action, Claim, Session, Stop,
};
use crate::ui::shared::timeline::SharedTracker;
use crate::web::frame::{self, FrameLoop};
use crate::web::heartbeat::Heartbeat;
use crate::web::lab::Lab;
use crate::web::runner::{Recorder, Run};
use crate::web::{busy, clock};
use engine::calibration::{self, LatestWalls, Unit};
use engine::metrics::{self, Outcome};
use engine::pacing::FrameGate;
use engine::timeline::Tracker;
use engine::RunMode;
use engine::{EventLog, Scenario};
use futures::future::LocalBoxFuture;
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use yew::prelude::*;

/// The wall time of the latest finished run per mode, with its scenario.
pub type Walls = Rc<RefCell<LatestWalls>>;

/// How the playground's run reports to its session (its stage is a sentence).
type Reporter = UseReducerDispatcher<Session<RunView, String>>;

/// What runs a scenario: the page's event loop, or `workers` workers of the page's pool.
enum Runner {
    EventLoop(RunMode),
    Pool {
        lab: Rc<Lab>,
        workers: u32,
        /// Rounds of the hash chain per unit of work.
        rounds_per_ms: u64,
        /// Start-up before this run, if it started workers, ms.
        startup_ms: Option<f64>,
        /// Milliseconds per unit of work measured in worker 1.
        worker_ms_per_unit: Option<f64>,
    },
}

/// Calibrates the unit as the comparison page does: samples on the page and in worker 1, which
/// [`calibration::Unit::from_samples`] turns into the unit.
async fn calibrate(lab: &Lab) -> Unit {
    let mut page = Vec::with_capacity(calibration::SAMPLES);
    for _ in 0..calibration::SAMPLES {
        page.push(busy::calibrate(calibration::SAMPLE_MS));
        // Let the page paint between samples.
        TimeoutFuture::new(0).await;
    }
    let mut worker = Vec::with_capacity(calibration::SAMPLES);
    for _ in 0..calibration::SAMPLES {
        if let Ok(r) = lab.pool.calibrate(0, calibration::SAMPLE_MS).await {
            worker.push(r);
        }
    }
    Unit::from_samples(lab.rounds_per_ms, &page, &worker)
}

/// The playground's run, as [`use_run`] gives it to the page.
#[derive(Clone)]
pub struct RunHandle {
    /// The run's session: busy while the workers start or the run goes on, its stage while the
    /// workers start, why the run could not start, and as its result the run's view, set when
    /// it starts and when it ends (the page's buttons read it). The run's views (progress,
    /// status, timeline, metrics, log) read `feed` instead, which also carries a live run's
    /// frequent updates, so those never render the page (run_view.rs, live_view.rs).
    pub session: UseReducerHandle<Session<RunView, String>>,
    /// The run's views' feeds.
    pub feed: LiveFeeds,
    /// Wall times of the latest run per mode, with its scenario: the speedup needs both.
    pub walls: Walls,
    stop: Stop,
    lab: LabHandle,
    /// The page's calibration of a unit, measured once when the pool starts.
    worker_unit: Rc<RefCell<Option<Unit>>>,
}

/// The playground's run (see the module).
#[hook]
pub fn use_run() -> RunHandle {
    RunHandle {
        session: use_worded_run_session(),
        feed: (*use_memo((), |_| LiveFeeds::new())).clone(),
        walls: use_mut_ref(LatestWalls::default),
        stop: use_stop(),
        lab: use_lab(),
        worker_unit: use_mut_ref(|| None::<Unit>),
    }
}

impl RunHandle {
    /// The current (or last) run's view as the page shows it: empty before the first run.
    pub fn view(&self) -> Rc<RunView> {
        self.session.result.clone().unwrap_or_default()
    }

    /// Runs `scenario` in `mode`: on the event loop at once, or in parallel on `workers` workers
    /// of the page's lab, started (and the unit calibrated) first if needed.
    /// Nothing happens while a run goes on or its workers start, or when the Workers field is
    /// invalid.
    pub fn start(&self, scenario: Rc<Scenario>, mode: RunMode, workers: Result<u32, String>) {
        let workers = match (mode, workers) {
            (RunMode::Parallel, Ok(n)) => Some(n),
            (RunMode::Parallel, Err(_)) => return,
            _ => None,
        };
        let Some(claim) = self.stop.claim() else { return };
        let this = self.clone();
        let Some(n) = workers else {
            run_now(self.session.dispatcher(), None, move |session| {
                this.follow(claim, &scenario, Runner::EventLoop(mode), &session)
            });
            return;
        };
        let fresh = self.lab.started().is_none_or(|l| l.pool.size() < n);
        let stage = fresh.then(|| {
            format!("Starting {n} worker{} and calibrating… (not part of the run's time)", plural(n))
        });
        // The page's only run on its lab: it takes no turn (the claim lets one run at a time).
        run_now(self.session.dispatcher(), stage, move |session| async move {
            // Starting and warming the workers is timed here, apart: never part of the run.
            let t = clock::now();
            let lab = this.lab.ensure(n).await;
            let measured = this.worker_unit.borrow().is_some();
            if let (Ok(lab), false) = (&lab, measured) {
                *this.worker_unit.borrow_mut() = Some(calibrate(lab).await);
            }
            let startup_ms = fresh.then(|| clock::now() - t);
            let lab = lab.map_err(|e| format!("The workers could not start: {e}"))?;
            if claim.cancelled() {
                return Err("Stopped before the run started: the workers are ready for the next run.".into());
            }
            let unit = this
                .worker_unit
                .borrow()
                .unwrap_or(Unit { rounds_per_ms: lab.rounds_per_ms, worker_ms_per_unit: None });
            let runner = Runner::Pool {
                lab,
                workers: n,
                rounds_per_ms: unit.rounds_per_ms,
                startup_ms,
                worker_ms_per_unit: unit.worker_ms_per_unit,
            };
            session.dispatch(Action::Started(None));
            this.follow(claim, &scenario, runner, &session).await
        });
    }

    /// Stops the run, or (while its workers start) the run that would follow.
    pub fn stop(&self) {
        self.stop.stop();
    }

    /// Starts `runner` on `scenario` and follows it: its view to the session (the page) and the
    /// views at once, a live update to the views whenever one is due, and at the end the
    /// finished view to the views; the returned future gives it to the session.
    fn follow(
        &self,
        claim: Claim,
        scenario: &Rc<Scenario>,
        runner: Runner,
        session: &Reporter,
    ) -> impl Future<Output = Result<RunView, String>> + 'static {
        let heartbeat = Rc::new(Heartbeat::start());
        let Started { rec, stop, steps_done, finished } = start_runner(scenario, &runner);
        claim.running(stop);
        let (mode, workers, startup_ms, worker_ms_per_unit) = match runner {
            Runner::EventLoop(m) => (m, 0, None, None),
            Runner::Pool { workers, startup_ms, worker_ms_per_unit, .. } => {
                (RunMode::Parallel, workers, startup_ms, worker_ms_per_unit)
            }
        };
        let tracker = Rc::new(RefCell::new(Tracker::new(scenario.tasks.len())));
        let base = RunView {
            tracker: Some((SharedTracker(tracker.clone()), rec.shared())),
            run: self.view().run + 1,
            log: Rc::new(EventLog::for_scenario(scenario)),
            names: Rc::new(scenario.tasks.iter().map(|t| t.name.clone()).collect()),
            running: true,
            total_steps: scenario.total_steps(),
            mode,
            scenario: Some(scenario.clone()),
            workers,
            startup_ms,
            worker_ms_per_unit,
            ..RunView::default()
        };
        // The page (its buttons) and the status line show the new run at once; the timeline and
        // the log, costlier to start over, follow in the next frames, one per frame, as updates
        // do (in this task they would add to the start of the run, which for 10,000 tasks is
        // long already).
        frame::begin_update();
        session.dispatch(Action::Progress(base.clone()));
        self.feed.numbers.set(base.clone());
        let live = Live {
            feed: self.feed.clone(),
            rec: rec.clone(),
            tracker: tracker.clone(),
            heartbeat: heartbeat.clone(),
            steps_done: steps_done.clone(),
        };
        let frames = live.updates(base.clone());

        let (scenario, feed, walls) = (scenario.clone(), self.feed.clone(), self.walls.clone());
        async move {
            let log = finished.await;
            let t = clock::now();
            heartbeat.stop();
            drop((frames, claim));
            let end = log.events.iter().map(|e| e.t_ms).fold(0.0, f64::max);
            tracker.borrow_mut().feed(&log.events);
            let m = tracker.borrow().metrics(end);
            // Stopped by the reader: a task cancelled with no cause logged (a cancel step, a task
            // group, a timeout or the run's end log theirs, and the run is still done).
            let stopped = m.count(Outcome::Cancelled) > 0
                && metrics::endings(&log)
                    .iter()
                    .any(|e| matches!(e, Some(metrics::Ending::Cancelled { cause: None, .. })));
            frame::measure("playground:snapshot", t);
            if !stopped {
                walls.borrow_mut().record(mode, scenario, m.wall_ms);
            }
            let done = RunView {
                log,
                now_ms: end,
                running: false,
                done_steps: steps_done(),
                metrics: Rc::new(m),
                lag: Some(heartbeat.stats()),
                stopped,
                ..base
            };
            feed.set_all(&done);
            Ok(done)
        }
    }
}

/// What a started run gives the page: its recorder, how to stop it, its steps done so far, and
/// a future of its whole log (sealed, not copied).
struct Started {
    rec: Rc<Recorder>,
    stop: Rc<dyn Fn()>,
    steps_done: Rc<dyn Fn() -> usize>,
    finished: LocalBoxFuture<'static, Rc<EventLog>>,
}

/// Starts `scenario` on the event loop (timed CPU work) or on the pool (units).
fn start_runner(scenario: &Scenario, runner: &Runner) -> Started {
    match runner {
        Runner::EventLoop(mode) => {
            // On the next turn: the page's render of this click (queued now) goes before the run.
            let run = Run::start_next_turn(scenario, *mode);
            let (rec, stopper) = (run.recorder(), run.stopper());
            let r = rec.clone();
            Started {
                rec,
                stop: Rc::new(move || stopper.stop()),
                steps_done: Rc::new(move || r.steps_done()),
                finished: Box::pin(run.finished_shared()),
            }
        }
        Runner::Pool { lab, workers, rounds_per_ms, .. } => {
            let run = Rc::new(lab.pool.run(scenario, *workers, *rounds_per_ms, None));
            let (r1, r2, lab) = (run.clone(), run.clone(), lab.clone());
            let rec = run.recorder();
            let r3 = rec.clone();
            Started {
                rec,
                stop: Rc::new(move || r1.stop()),
                steps_done: Rc::new(move || r2.progress().0),
                finished: Box::pin(async move {
                    run.wait().await;
                    let log = r3.seal();
                    // Stop replaced the busy workers with fresh ones, whose wasm is not yet
                    // optimised: warm them as the pool's start did, so the next run is fair.
                    // (After the run's last event: not part of its time.)
                    for r in run.replaced() {
                        let _ = lab.pool.calibrate(r.worker, 100.0).await;
                    }
                    log
                }),
            }
        }
    }
}

/// What a live run's updates are made of: the views' feeds, the run's recorder, its tracker,
/// the heartbeat and its steps done so far.
struct Live {
    feed: LiveFeeds,
    rec: Rc<Recorder>,
    tracker: Rc<RefCell<Tracker>>,
    heartbeat: Rc<Heartbeat>,
    steps_done: Rc<dyn Fn() -> usize>,
}

impl Live {
    /// The frame loop that snapshots the log for the views while the run goes on (`base`: the
    /// run's view as it started).
    ///
    /// An update hands the views the log's new length (no copy) and re-renders them; do one no
    /// more often than ten times what our measured work since the last one cost (snapshot + the
    /// whole render of the update): the page then spends at most ~10% of the run's time on
    /// showing it, however big the run, and small runs update every frame.
    fn updates(self, base: RunView) -> FrameLoop {
        let Live { feed, rec, tracker, heartbeat, steps_done } = self;
        let (mut last_len, mut last_at, mut cost) = (usize::MAX, f64::MIN, 0.0f64);
        // A snapshot is taken in one frame and handed to the views in the next ones, one view per
        // frame, so the pieces of an update never add up in a single long frame; and each piece
        // waits (a little) for a frame that the run's own work is not already filling.
        // The view of the run to hand out, and the feeds still to get it (the next one first).
        let mut ready: Option<(RunView, Vec<LiveFeed>)> =
            Some((base.clone(), vec![feed.timeline.clone(), feed.log.clone()]));
        let mut gate = FrameGate::new();
        FrameLoop::start(move |ts| {
            if let Some((v, mut rest)) = ready.take() {
                if !gate.frame(ts, true) {
                    ready = Some((v, rest));
                    return true;
                }
                frame::begin_update();
                // Only this view reads its feed: the page and the other views do not render.
                rest.remove(0).set(v.clone());
                if !rest.is_empty() {
                    ready = Some((v, rest));
                }
                return true;
            }
            // The views' work since the last frame paces the updates.
            cost += frame::take_ui_work();
            // Feed the tracker a little every frame, so an update never has a backlog to take
            // in. (Small and spread out: measured, but not counted in the pacing.)
            let now = clock::now();
            rec.with_log(|l| tracker.borrow_mut().feed(&l.events));
            frame::measure("playground:feed", now);
            let _ = frame::take_ui_work();
            let now = clock::now();
            let len = rec.len();
            let gap = (10.0 * cost).max(15.0);
            let due = now - last_at >= gap && (len != last_len || now - last_at >= 100.0);
            if gate.frame(ts, due) {
                let log = rec.view();
                let now_ms = rec.elapsed();
                let metrics = Rc::new(tracker.borrow().metrics(now_ms));
                frame::measure("playground:snapshot", now);
                cost = frame::take_ui_work();
                last_at = now;
                last_len = len;
                ready = Some((
                    RunView {
                        live: Some(log),
                        now_ms,
                        done_steps: steps_done(),
                        metrics,
                        lag: Some(heartbeat.stats()),
                        ..base.clone()
                    },
                    feed.in_order().into_iter().cloned().collect(),
                ));
            }
            true
        })
    }
}
