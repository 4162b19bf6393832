//! Chapter 5's models, verdicts and presets: what a task's status lets you read, the lines a
//! demo logs as it runs on the page's event loop, and whether each run shows the tutorial's
//! claim. The demos themselves run in the browser (`src/ui/tour/advanced_asyncio/`); they hand
//! their timed lines here to be put in words and judged.

pub mod bare_future;

use crate::sync_presets::SyncPreset;

/// The presets this chapter adds.
pub fn presets() -> Vec<SyncPreset> {
    Vec::new()
}

/// Where a task is in its life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not finished yet.
    Pending,
    /// Ran to the end.
    Finished,
    /// Raised this exception.
    Failed(String),
    /// Was cancelled.
    Cancelled,
}

/// What reading a task's exception gives, by asyncio's rule: a pending task has no exception to
/// read yet (`InvalidStateError`), a cancelled one raises `CancelledError`, a finished one has
/// none (`None`), a failed one returns what it raised.
pub fn exception(status: &Status) -> Result<Option<String>, String> {
    match status {
        Status::Pending => Err("InvalidStateError: the task is not done".into()),
        Status::Cancelled => Err("CancelledError".into()),
        Status::Finished => Ok(None),
        Status::Failed(e) => Ok(Some(e.clone())),
    }
}

/// What happened, in a demo's log.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// The task's exception was read, with what the read gave.
    Read { task: &'static str, got: Result<Option<String>, String> },
    /// The task raised.
    Failed { task: &'static str, message: String },
    /// The task ran to its end.
    Finished { task: &'static str },
    /// `cancel()` was called on the task.
    CancelAsked { task: &'static str },
    /// The task's cleanup (`finally`; in Rust, a value's `Drop`) ran.
    Cleanup { task: &'static str },
    /// The task ended cancelled.
    Cancelled { task: &'static str },
    /// Main's last line ran.
    MainDone,
    /// The loop's exception handler was called with this message.
    Handler { message: String },
    /// The `n`th done callback ran.
    Callback { n: u32 },
    /// An event was set.
    EventSet,
    /// Main woke from waiting on the event.
    MainWoke,
    /// The future was given this value.
    Set { value: i64 },
    /// The task awaiting the future got this value.
    Got { value: i64 },
}

impl What {
    /// The line in words.
    pub fn words(&self) -> String {
        match self {
            What::Read { task, got: Ok(Some(e)) } => format!("{task}.exception() → {e}"),
            What::Read { task, got: Ok(None) } => format!("{task}.exception() → None"),
            What::Read { task, got: Err(e) } => format!("{task}.exception() raised {e}"),
            What::Failed { task, message } => format!("{task} raised: {message}"),
            What::Finished { task } => format!("{task} finished"),
            What::CancelAsked { task } => format!("main: {task}.cancel()"),
            What::Cleanup { task } => format!("{task}: cleanup ran"),
            What::Cancelled { task } => format!("{task} ended cancelled"),
            What::MainDone => "main done".into(),
            What::Handler { message } => format!("exception handler: {message}"),
            What::Callback { n } => format!("done callback {n} ran"),
            What::EventSet => "event set".into(),
            What::MainWoke => "main woke: the chain is over".into(),
            What::Set { value } => format!("future set to {value}"),
            What::Got { value } => format!("waiter got {value}"),
        }
    }
}

/// One timed line of a demo's log (ms since the demo started).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// When, ms since the start.
    pub t_ms: f64,
    /// What.
    pub what: What,
}

/// The chapter's own demos (the queue runs as a preset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    /// 5_1: a failing task beside a 1 s one; its exception read too early and after.
    Failure,
    /// 5_2: a failed task nobody awaited, reported by the loop's handler.
    Handler,
    /// 5_3: cancel after 10 ms; the cleanup runs.
    Cancel,
    /// 5_4: a chain of done callbacks ending in an event.
    Callbacks,
    /// 5_6: a bare future set to 10.
    Future,
}

/// Timing of the demos, ms.
pub const FAIL_AT_MS: f64 = 100.0;
/// The task beside the failing one.
pub const WORK_MS: f64 = 1000.0;
/// When the unawaited task of the handler demo fails, and when main ends.
pub const HANDLER_FAIL_MS: f64 = 50.0;
/// Main's length in the handler demo.
pub const HANDLER_MAIN_MS: f64 = 150.0;
/// When main cancels the 1 s task.
pub const CANCEL_AFTER_MS: f64 = 10.0;
/// Each link of the callback chain.
pub const LINK_MS: f64 = 1000.0;
/// When the future is set.
pub const SET_AFTER_MS: f64 = 500.0;
/// Slack a browser's timers may add before a line counts as late, ms.
pub const SLACK_MS: f64 = 400.0;

impl Demo {
    /// Every demo, in page order.
    pub const ALL: [Demo; 5] = [Demo::Failure, Demo::Handler, Demo::Cancel, Demo::Callbacks, Demo::Future];

    /// The tutorial claim it measures.
    pub fn claim_id(self) -> &'static str {
        match self {
            Demo::Failure => "5_1-failure",
            Demo::Handler => "5_2-handler",
            Demo::Cancel => "5_3-cancel",
            Demo::Callbacks => "5_4-callbacks",
            Demo::Future => "5_6-future",
        }
    }

    /// The playground preset that shows the same scenario, if there is one.
    pub fn preset(self) -> Option<&'static str> {
        match self {
            Demo::Failure => Some("5_1-failure"),
            Demo::Cancel => Some("5_3-cancel"),
            _ => None,
        }
    }

    /// Its heading.
    pub fn title(self) -> &'static str {
        match self {
            Demo::Failure => "A failing task, read too early and after (5_1)",
            Demo::Handler => "The loop's exception handler (5_2)",
            Demo::Cancel => "Cancel, and the cleanup runs (5_3)",
            Demo::Callbacks => "A chain of done callbacks (5_4)",
            Demo::Future => "A bare future set to 10 (5_6)",
        }
    }

    /// Which one, as the page's `data-demo` attribute.
    pub fn key(self) -> &'static str {
        match self {
            Demo::Failure => "failure",
            Demo::Handler => "handler",
            Demo::Cancel => "cancel",
            Demo::Callbacks => "callbacks",
            Demo::Future => "future",
        }
    }
}

/// A demo's figure in words and whether it shows the claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The figure, as the page and the claims table show it.
    pub value: String,
    /// Whether the run shows the claim.
    pub holds: bool,
}

fn first(lines: &[Line], f: impl Fn(&What) -> bool) -> Option<(usize, f64)> {
    lines.iter().position(|l| f(&l.what)).map(|i| (i, lines[i].t_ms))
}

fn ms(t: Option<(usize, f64)>) -> String {
    t.map_or("never".into(), |(_, t)| format!("{t:.0} ms"))
}

fn within(t: Option<(usize, f64)>, lo: f64, hi: f64) -> bool {
    t.is_some_and(|(_, t)| t >= lo && t <= hi)
}

fn before(a: Option<(usize, f64)>, b: Option<(usize, f64)>) -> bool {
    matches!((a, b), (Some((i, _)), Some((j, _))) if i < j)
}

/// Judges a demo's log against its claim.
pub fn judge(demo: Demo, lines: &[Line]) -> Reading {
    match demo {
        Demo::Failure => {
            let early = lines.iter().find_map(|l| match &l.what {
                What::Read { task: "fails", got } => Some(got.clone()),
                _ => None,
            });
            let failed = first(lines, |w| matches!(w, What::Failed { task: "fails", .. }));
            let late =
                lines.iter().skip(failed.map_or(lines.len(), |(i, _)| i)).find_map(|l| match &l.what {
                    What::Read { task: "fails", got } => Some(got.clone()),
                    _ => None,
                });
            let works = first(lines, |w| matches!(w, What::Finished { task: "works" }));
            let early_ok = matches!(&early, Some(Err(e)) if e.starts_with("InvalidStateError"));
            let late_ok = matches!(&late, Some(Ok(Some(_))));
            let holds = early_ok
                && late_ok
                && within(failed, FAIL_AT_MS, FAIL_AT_MS + SLACK_MS)
                && within(works, WORK_MS, WORK_MS + SLACK_MS)
                && before(failed, works);
            Reading {
                value: format!(
                    "fails raised at {}, works finished at {}; read early: {}; read after: {}",
                    ms(failed),
                    ms(works),
                    if early_ok { "InvalidStateError" } else { "no error" },
                    if late_ok { "the exception" } else { "nothing" },
                ),
                holds,
            }
        }
        Demo::Handler => {
            let failed = first(lines, |w| matches!(w, What::Failed { .. }));
            let done = first(lines, |w| matches!(w, What::MainDone));
            let handler = first(lines, |w| matches!(w, What::Handler { .. }));
            let holds = before(failed, done) && before(done, handler) && within(failed, 0.0, HANDLER_MAIN_MS);
            Reading {
                value: format!(
                    "failed at {}, main done at {}, handler at {}",
                    ms(failed),
                    ms(done),
                    ms(handler)
                ),
                holds,
            }
        }
        Demo::Cancel => {
            let asked = first(lines, |w| matches!(w, What::CancelAsked { .. }));
            let cleanup = first(lines, |w| matches!(w, What::Cleanup { .. }));
            let cancelled = first(lines, |w| matches!(w, What::Cancelled { .. }));
            let finished = first(lines, |w| matches!(w, What::Finished { .. }));
            let holds = finished.is_none()
                && before(asked, cleanup)
                && before(cleanup, cancelled)
                && within(cancelled, CANCEL_AFTER_MS, CANCEL_AFTER_MS + SLACK_MS);
            Reading {
                value: format!(
                    "cancel at {}, cleanup at {}, cancelled at {}",
                    ms(asked),
                    ms(cleanup),
                    ms(cancelled)
                ),
                holds,
            }
        }
        Demo::Callbacks => {
            let callbacks: Vec<u32> = lines
                .iter()
                .filter_map(|l| match l.what {
                    What::Callback { n } => Some(n),
                    _ => None,
                })
                .collect();
            let set = first(lines, |w| matches!(w, What::EventSet));
            let woke = first(lines, |w| matches!(w, What::MainWoke));
            let in_order =
                !callbacks.is_empty() && callbacks.iter().enumerate().all(|(i, &n)| n == i as u32 + 1);
            let chain = LINK_MS * 2.0;
            let holds = in_order && before(set, woke) && within(woke, chain, chain + SLACK_MS);
            Reading {
                value: format!(
                    "callbacks {} ran {}; main woke at {}",
                    callbacks.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
                    if in_order { "in order" } else { "out of order" },
                    ms(woke)
                ),
                holds,
            }
        }
        Demo::Future => {
            let set = first(lines, |w| matches!(w, What::Set { .. }));
            let got = lines.iter().find_map(|l| match l.what {
                What::Got { value } => Some((value, l.t_ms)),
                _ => None,
            });
            let got_at = first(lines, |w| matches!(w, What::Got { .. }));
            let holds = got.is_some_and(|(v, _)| v == 10)
                && before(set, got_at)
                && within(got_at, SET_AFTER_MS, SET_AFTER_MS + SLACK_MS);
            Reading {
                value: match got {
                    Some((v, t)) => format!("got {v} at {t:.0} ms (set at {})", ms(set)),
                    None => "the waiter got nothing".into(),
                },
                holds,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(t_ms: f64, what: What) -> Line {
        Line { t_ms, what }
    }

    #[test]
    fn a_pending_task_has_no_exception_to_read_yet() {
        assert!(exception(&Status::Pending).unwrap_err().starts_with("InvalidStateError"));
        assert_eq!(exception(&Status::Failed("boom".into())), Ok(Some("boom".into())));
        assert_eq!(exception(&Status::Finished), Ok(None));
        assert_eq!(exception(&Status::Cancelled), Err("CancelledError".into()));
    }

    fn failure_run(early: Result<Option<String>, String>, fail_at: f64) -> Vec<Line> {
        vec![
            l(0.0, What::Read { task: "fails", got: early }),
            l(fail_at, What::Failed { task: "fails", message: "boom".into() }),
            l(1001.0, What::Finished { task: "works" }),
            l(1001.5, What::Read { task: "fails", got: Ok(Some("boom".into())) }),
        ]
    }

    #[test]
    fn the_failure_demo_needs_the_early_read_to_be_an_error() {
        let good = judge(Demo::Failure, &failure_run(exception(&Status::Pending), 102.0));
        assert!(good.holds, "{}", good.value);
        assert!(good.value.contains("102 ms"));
        assert!(!judge(Demo::Failure, &failure_run(Ok(None), 102.0)).holds);
        // Failing long after 0.1 s is not what the example shows.
        assert!(!judge(Demo::Failure, &failure_run(exception(&Status::Pending), 900.0)).holds);
    }

    #[test]
    fn the_handler_must_come_after_main_is_done() {
        let failed = l(51.0, What::Failed { task: "orphan", message: "boom".into() });
        let good = vec![
            failed.clone(),
            l(151.0, What::MainDone),
            l(152.0, What::Handler { message: "boom".into() }),
        ];
        assert!(judge(Demo::Handler, &good).holds);
        let early = vec![failed, l(52.0, What::Handler { message: "boom".into() }), l(151.0, What::MainDone)];
        assert!(!judge(Demo::Handler, &early).holds);
        assert!(!judge(Demo::Handler, &good[..2]).holds, "no handler line");
    }

    #[test]
    fn a_cancel_shows_its_cleanup_before_the_task_ends() {
        let w = "worker";
        let good = vec![
            l(10.5, What::CancelAsked { task: w }),
            l(11.0, What::Cleanup { task: w }),
            l(11.2, What::Cancelled { task: w }),
        ];
        assert!(judge(Demo::Cancel, &good).holds);
        let no_cleanup = vec![good[0].clone(), good[2].clone()];
        assert!(!judge(Demo::Cancel, &no_cleanup).holds);
        let ran_out = vec![l(1000.0, What::Finished { task: w })];
        assert!(!judge(Demo::Cancel, &ran_out).holds);
    }

    #[test]
    fn the_callback_chain_runs_in_order_and_ends_after_its_two_links() {
        let run = |woke: f64, order: [u32; 2]| {
            vec![
                l(1000.0, What::Callback { n: order[0] }),
                l(2001.0, What::Callback { n: order[1] }),
                l(2001.1, What::EventSet),
                l(woke, What::MainWoke),
            ]
        };
        let good = judge(Demo::Callbacks, &run(2002.0, [1, 2]));
        assert!(good.holds);
        assert_eq!(good.value, "callbacks 1, 2 ran in order; main woke at 2002 ms");
        assert!(!judge(Demo::Callbacks, &run(2002.0, [2, 1])).holds);
        assert!(!judge(Demo::Callbacks, &run(3000.0, [1, 2])).holds);
    }

    #[test]
    fn the_future_must_be_awaited_until_it_is_set_to_10() {
        let good = vec![l(501.0, What::Set { value: 10 }), l(501.5, What::Got { value: 10 })];
        let r = judge(Demo::Future, &good);
        assert!(r.holds);
        assert_eq!(r.value, "got 10 at 502 ms (set at 501 ms)");
        let early = vec![l(0.0, What::Got { value: 10 }), l(501.0, What::Set { value: 10 })];
        assert!(!judge(Demo::Future, &early).holds);
    }

    #[test]
    fn every_demo_names_a_chapter_5_claim() {
        for d in Demo::ALL {
            assert_eq!(crate::claims::by_id(d.claim_id()).map(|c| c.chapter), Some(5));
            if let Some(p) = d.preset() {
                assert!(crate::sync_presets::by_id(p).is_some());
            }
        }
    }
}
