//! What the playground shows about a run, and how it reaches the run's views without rendering
//! the page: the page's run session keeps the [`RunView`] set when a run starts and ends, for its
//! buttons, and each of the run's views reads its own [`LiveFeed`], which carries those states
//! and a live run's frequent updates.

use crate::ui::shared::timeline::SharedTracker;
use crate::ui::shared::use_feed::Feed;
use crate::web::log_view::{LogView, SharedLog};
use engine::lag::LagStats;
use engine::metrics::{Metrics, Outcome};
use engine::timeline::live_axis_end;
use engine::RunMode;
use engine::{EventLog, Scenario};
use std::rc::Rc;

/// What the page shows about the current (or last) run.
#[derive(Clone)]
pub struct RunView {
    /// Generation: bumped by every Run, so the views start over.
    pub run: u64,
    /// The run's complete log once it is done (moved out of the runner, not copied: export it
    /// from here); while it runs, the empty log of its tasks. A `RunView` that is not running
    /// shows this log in the views.
    pub log: Rc<EventLog>,
    /// While running: the growing log as of the latest update (a handle and a length, no copy).
    pub live: Option<LogView>,
    /// The run's tracker, fed a little every frame, and the log it tracks: the timeline uses it
    /// (instead of feeding its own) only while it shows that log.
    pub tracker: Option<(SharedTracker, Rc<SharedLog>)>,
    /// Task names of the run.
    pub names: Rc<Vec<String>>,
    /// Milliseconds since the run started, as of the snapshot.
    pub now_ms: f64,
    /// Whether the run is going on.
    pub running: bool,
    /// Steps finished so far.
    pub done_steps: usize,
    /// Steps of the whole run.
    pub total_steps: usize,
    /// How the run runs.
    pub mode: RunMode,
    /// The scenario it runs.
    pub scenario: Option<Rc<Scenario>>,
    /// Its metrics so far.
    pub metrics: Rc<Metrics>,
    /// Heartbeat lateness during the run, when measured.
    pub lag: Option<LagStats>,
    /// Whether Stop cancelled it.
    pub stopped: bool,
    /// Workers of a parallel run.
    pub workers: u32,
    /// How long starting the workers took before this run (not part of its time), ms.
    pub startup_ms: Option<f64>,
    /// Milliseconds one unit of work took in worker 1 (the page's unit is ≈ 1 ms by calibration).
    pub worker_ms_per_unit: Option<f64>,
}

impl Default for RunView {
    fn default() -> Self {
        Self {
            run: 0,
            log: Rc::new(EventLog::default()),
            live: None,
            tracker: None,
            names: Rc::new(Vec::new()),
            now_ms: 0.0,
            running: false,
            done_steps: 0,
            total_steps: 0,
            mode: RunMode::Concurrent,
            scenario: None,
            metrics: Rc::new(Metrics::default()),
            lag: None,
            stopped: false,
            workers: 0,
            startup_ms: None,
            worker_ms_per_unit: None,
        }
    }
}

/// A live run's latest update, published once per update to a view that shows the run.
pub type LiveFeed = Feed<RunView>;

/// The feeds of a live run's views, one per view, so that an update renders them in successive
/// animation frames rather than all in one: each frame then carries one view's work (the
/// timeline, the log, or the numbers), never their sum on top of the run's own.
#[derive(Clone, PartialEq)]
pub struct LiveFeeds {
    /// The timeline's.
    pub timeline: LiveFeed,
    /// The log's.
    pub log: LiveFeed,
    /// The metrics', progress bar's and status line's.
    pub numbers: LiveFeed,
}

impl LiveFeeds {
    /// Feeds holding the empty view.
    pub fn new() -> Self {
        Self {
            timeline: Feed::new(RunView::default()),
            log: Feed::new(RunView::default()),
            numbers: Feed::new(RunView::default()),
        }
    }

    /// The feeds in the order an update sets them, one per frame (the costliest view first).
    pub fn in_order(&self) -> [&LiveFeed; 3] {
        [&self.timeline, &self.log, &self.numbers]
    }

    /// Sets every view to `v` at once (a settled state: the run ended, or could not start).
    pub fn set_all(&self, v: &RunView) {
        for f in self.in_order() {
            f.set(v.clone());
        }
    }
}

impl Default for LiveFeeds {
    fn default() -> Self {
        Self::new()
    }
}

/// "worker" or "workers".
pub fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The status line under the Run button, from the run's view (while the run's session has
/// nothing else to say: see `run_status.rs`).
pub fn status(v: &RunView, blocked: bool) -> String {
    if v.running && v.mode == RunMode::Parallel {
        format!("Running in parallel on {} worker{}… {:.0} ms", v.workers, plural(v.workers), v.now_ms)
    } else if v.running {
        format!("Running {} on the event loop… {:.0} ms", v.mode.label().to_lowercase(), v.now_ms)
    } else if v.run == 0 && blocked {
        "Not ready: Run is disabled until what is marked above is fixed.".to_string()
    } else if v.run == 0 && v.mode == RunMode::Parallel {
        "Ready. Press Run: the tasks run for real on Web Workers.".to_string()
    } else if v.run == 0 {
        "Ready. Press Run: the tasks run for real on this page's event loop.".to_string()
    } else if v.stopped {
        let c = v.metrics.count(Outcome::Cancelled);
        format!(
            "Stopped after {:.1} ms: {c} task{} cancelled (see the log).",
            v.now_ms,
            if c == 1 { "" } else { "s" }
        )
    } else if v.mode == RunMode::Parallel {
        let startup = v
            .startup_ms
            .map(|ms| format!(" Starting the workers took {ms:.0} ms before it, not counted."))
            .unwrap_or_default();
        format!(
            "Done: parallel run on {} worker{} took {:.1} ms.{startup}",
            v.workers,
            plural(v.workers),
            v.metrics.wall_ms
        )
    } else {
        format!("Done: {} run took {:.1} ms.", v.mode.label().to_lowercase(), v.metrics.wall_ms)
    }
}

/// What the timeline and log show of `v`: the log, the end of the time axis (a live run's ends
/// on a round value past "now", so the timeline keeps its drawing and extends it for many frames
/// rather than redrawing all of it every frame), and the run's tracker when it tracks that log.
pub fn shown(v: &RunView) -> (LogView, Option<f64>, Option<SharedTracker>) {
    let shown = match (&v.live, v.running) {
        (Some(l), true) => l.clone(),
        _ => LogView::from(v.log.clone()),
    };
    let axis_end = v.running.then(|| live_axis_end(v.now_ms));
    let tracker = v.tracker.as_ref().filter(|(_, log)| shown.is_of(log)).map(|(t, _)| t.clone());
    (shown, axis_end, tracker)
}
