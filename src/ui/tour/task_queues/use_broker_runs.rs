//! Chapter 9's runs: a broker (`engine::chapters::ch9::Broker`) in the page, driven with real
//! timers, and consumers that take its jobs. Each consumer is paired with one of the lab's Web
//! Workers, which does the job's CPU work (a hash chain of [`JOB_MS`] calibrated ms); the sum a
//! job returns is computed on the page from its arguments when the worker answers, because the
//! worker protocol has no "add" request. Every time shown is measured with the page's clock.

use crate::ui::shared::lab::{use_lab, LabHandle};
use crate::ui::shared::run_session::{run_on_lab, use_run_session, Action, Session};
use crate::ui::tour::lesson_seen::Seen;
use crate::web::lab::Lab;
use engine::chapters::ch9::{
    countdown_verdict, delay_verdict, every_verdict, retry_verdict, Broker, Every, EveryVerdict, JobSpec,
    RetryPolicy,
};
use engine::protocol::{FromWorker, ToWorker};
use gloo_timers::future::TimeoutFuture;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// CPU work per job on its Web Worker, calibrated ms.
pub const JOB_MS: u64 = 50;
/// How often an idle consumer asks the broker for a due job, ms.
pub const POLL_MS: u32 = 10;
/// How often the page asks `ready()`, ms.
pub const READY_POLL_MS: u32 = 20;
/// The countdown of the countdown demo, ms (the tutorial's 2 s).
pub const COUNTDOWN_MS: f64 = 2000.0;
/// Longest a run may take before the page gives up on it, ms.
const GIVE_UP_MS: f64 = 120_000.0;

/// Which of the chapter's examples a run shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    /// `add.delay(4, 4)`, then `ready()` until the result.
    Delay,
    /// `apply_async(countdown=2)`.
    Countdown,
    /// A job that fails its first attempts, retried.
    Retry,
    /// A job every N seconds.
    Every,
}

impl Demo {
    /// The tutorial claim the run measures.
    pub fn claim(self) -> &'static str {
        match self {
            Demo::Delay => "9_2-delay",
            Demo::Countdown => "9_3-countdown",
            Demo::Retry => "9_4-retry",
            Demo::Every => "9_5-every",
        }
    }

    /// Its name in the "What you just saw" box and the results.
    pub fn title(self) -> &'static str {
        match self {
            Demo::Delay => "delay, then ready()",
            Demo::Countdown => "A 2 s countdown",
            Demo::Retry => "Retries after failures",
            Demo::Every => "A job every N seconds",
        }
    }

    /// A short key for test ids.
    pub fn key(self) -> &'static str {
        match self {
            Demo::Delay => "delay",
            Demo::Countdown => "countdown",
            Demo::Retry => "retry",
            Demo::Every => "every",
        }
    }
}

/// What a click asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BrokerRequest {
    /// Which example.
    pub demo: Demo,
    /// Consumers (each with its own Web Worker).
    pub workers: u32,
    /// For [`Demo::Retry`]: attempts that fail first, and the policy.
    pub retry: (u32, RetryPolicy),
    /// For [`Demo::Every`]: the schedule.
    pub every: Every,
}

/// What a run measured.
#[derive(Clone, PartialEq)]
pub struct BrokerOutcome {
    /// What was asked.
    pub request: BrokerRequest,
    /// The broker at the end (its jobs and log; times in ms from the run's start).
    pub broker: Broker,
    /// Whether the claim held, as the engine judged it.
    pub holds: bool,
    /// The figure in words.
    pub value: String,
    /// For [`Demo::Every`]: the intervals and jitter.
    pub every: Option<EveryVerdict>,
    /// When the run finished on the page's clock, ms (tells one run's result from the next).
    pub finished_ms: f64,
}

/// The broker and its consumers during one run.
struct Live {
    broker: RefCell<Broker>,
    stop: Cell<bool>,
    t0: f64,
}

impl Live {
    fn now(&self) -> f64 {
        crate::web::clock::now() - self.t0
    }
}

/// Runs the job's CPU work on Web Worker `k`.
async fn cpu_work(lab: &Lab, k: u32, seed: u64) -> Result<(), String> {
    let w = lab.pool.worker(k).ok_or("a worker is missing")?;
    let id = w.next_id();
    let req = ToWorker::Checksum { id, seed, units: JOB_MS, rounds_per_unit: lab.rounds_per_ms };
    match w.request(id, &req).await? {
        FromWorker::Checksum { .. } => Ok(()),
        FromWorker::Error { message, .. } => Err(message),
        other => Err(format!("unexpected answer {other:?}")),
    }
}

/// Consumer `w`: takes a due job when there is one, has worker `w` do its work, reports the
/// outcome; otherwise waits [`POLL_MS`] and asks again, until the run stops.
async fn consumer(w: u32, live: Rc<Live>, lab: Rc<Lab>) {
    while !live.stop.get() {
        let taken = live.broker.borrow_mut().take(w, live.now());
        match taken {
            Some((id, attempt)) => {
                let spec = live.broker.borrow().jobs[id].spec;
                let outcome = match cpu_work(&lab, w, id as u64 + 1).await {
                    Ok(()) => spec.run(attempt),
                    Err(e) => Err(format!("attempt {attempt} lost its worker ({e})")),
                };
                live.broker.borrow_mut().finish(id, live.now(), outcome);
            }
            None => TimeoutFuture::new(POLL_MS).await,
        }
    }
}

/// Waits until `until` (ms on the run's clock).
async fn sleep_until(live: &Live, until: f64) {
    let left = until - live.now();
    if left > 0.0 {
        TimeoutFuture::new(left.ceil() as u32).await;
    }
}

/// Polls `ready(id)` every [`READY_POLL_MS`] until it is true; returns the number of polls.
async fn wait_ready(live: &Live, id: usize) -> Result<u32, String> {
    let mut polls = 1;
    while !live.broker.borrow().ready(id) {
        if live.now() > GIVE_UP_MS {
            return Err(format!("job {id} was not ready after {:.0} s", GIVE_UP_MS / 1000.0));
        }
        TimeoutFuture::new(READY_POLL_MS).await;
        polls += 1;
    }
    Ok(polls)
}

async fn run(lab: LabHandle, req: BrokerRequest) -> Result<BrokerOutcome, String> {
    let lab = lab.ensure(req.workers).await?;
    if lab.pool.size() < req.workers {
        return Err(format!("only {} workers could be started", lab.pool.size()));
    }
    let live = Rc::new(Live {
        broker: RefCell::new(Broker::new()),
        stop: Cell::new(false),
        t0: crate::web::clock::now(),
    });
    for w in 0..req.workers {
        wasm_bindgen_futures::spawn_local(consumer(w, live.clone(), lab.clone()));
    }
    let result = scenario(&live, req).await;
    live.stop.set(true);
    let (holds, value, every) = result?;
    let broker = live.broker.borrow().clone();
    Ok(BrokerOutcome { request: req, broker, holds, value, every, finished_ms: crate::web::clock::now() })
}

type Judged = (bool, String, Option<EveryVerdict>);

async fn scenario(live: &Live, req: BrokerRequest) -> Result<Judged, String> {
    let send = |spec: JobSpec, countdown: f64| live.broker.borrow_mut().send(spec, live.now(), countdown);
    match req.demo {
        Demo::Delay => {
            let spec = JobSpec::add(4, 4);
            let id = send(spec, 0.0);
            let first_ready = live.broker.borrow().ready(id);
            let polls = wait_ready(live, id).await?;
            let (holds, value) = delay_verdict(first_ready, polls, live.broker.borrow().result(id), spec);
            Ok((holds, value, None))
        }
        Demo::Countdown => {
            let id = send(JobSpec::add(4, 4), COUNTDOWN_MS);
            wait_ready(live, id).await?;
            let (holds, value) = countdown_verdict(&live.broker.borrow().jobs[id], COUNTDOWN_MS);
            Ok((holds, value, None))
        }
        Demo::Retry => {
            let (fails_first, retry) = req.retry;
            let id = send(JobSpec { a: 4, b: 4, fails_first, retry }, 0.0);
            wait_ready(live, id).await?;
            let (holds, value) = retry_verdict(&live.broker.borrow().jobs[id]);
            Ok((holds, value, None))
        }
        Demo::Every => {
            let start = live.now();
            let mut ids = Vec::new();
            for k in 0..req.every.times {
                // The beat: sends the job when it is due, counting from the fixed start.
                sleep_until(live, req.every.due(start, k)).await;
                ids.push(send(JobSpec::add(i64::from(k), i64::from(k)), 0.0));
            }
            for &id in &ids {
                wait_ready(live, id).await?;
            }
            let starts: Vec<f64> = {
                let b = live.broker.borrow();
                ids.iter().filter_map(|&id| b.jobs[id].attempts.first().map(|a| a.started_ms)).collect()
            };
            let v = every_verdict(req.every, start, &starts);
            Ok((v.holds, v.value.clone(), Some(v)))
        }
    }
}

/// The demo's run session and the callback that starts a run; each run records its claim and
/// sends its fact to `on_seen`.
#[hook]
pub fn use_broker_runs(
    on_seen: Callback<Seen>,
) -> (UseReducerHandle<Session<BrokerOutcome>>, Callback<BrokerRequest>) {
    let lab = use_lab();
    let session = use_run_session::<BrokerOutcome>();
    let start = {
        let dispatcher = session.dispatcher();
        Callback::from(move |req: BrokerRequest| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, dispatcher.clone(), move |lab, session| async move {
                session.dispatch(Action::Started(Some(req.demo.title())));
                let o = run(lab, req).await?;
                crate::web::claims::record(
                    req.demo.claim(),
                    engine::claims::Measured {
                        value: o.value.clone(),
                        holds: o.holds,
                        at_ms: crate::web::claims::now_epoch_ms(),
                    },
                );
                on_seen.emit(Seen {
                    label: req.demo.title().into(),
                    value: o.value.clone().into(),
                    detail: format!(
                        "{}, with {} consuming the broker; its log is under the demo.",
                        if o.holds { "As the tutorial says" } else { "Not what the tutorial says" },
                        engine::words::plural(req.workers as usize, "worker", "workers"),
                    )
                    .into(),
                });
                Ok(o)
            });
        })
    };
    (session, start)
}
