//! The server demo's runs: one event loop and a sweep of synchronous servers (1, cores,
//! 2 × cores, 4 × cores blocking workers) serving the same requests, in interleaved rounds on the
//! page's lab; the engine sums them up, models them and judges claims 7_1 and 7_2, which are
//! recorded for the claims tables; the facts go to the "What you just saw" box.

use crate::ui::shared::lab::{use_lab, LabHandle};
use crate::ui::shared::run_session::{run_on_lab, use_run_session, Action, Session};
use crate::ui::tour::lesson_seen::Seen;
use engine::chapters::ch7::{
    async_verdict, loop_model_rps, per_core_verdict, rps, sweep, sync_model_rps, AsyncClaim, PerCore,
    ServerReading,
};
use engine::claims::Measured;
use yew::prelude::*;

/// Each server runs this many times, interleaved.
pub const ROUNDS: usize = engine::measure::MIN_ROUNDS;

/// Work a newly started worker does before its first measured run, ms (its wasm tiers up).
const WARM_UP_MS: f64 = 60.0;

/// What a click asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServerRequest {
    /// Requests arriving at once.
    pub requests: u32,
    /// CPU work per request, ms.
    pub work_ms: f64,
    /// I/O per request, ms.
    pub io_ms: f64,
}

/// What one click measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// What was asked.
    pub req: ServerRequest,
    /// The machine's logical cores.
    pub cores: u32,
    /// The event loop first, then each synchronous server in increasing workers.
    pub readings: Vec<ServerReading>,
    /// Claim 7_1: the loop over `cores` workers, if the workers ran.
    pub async_claim: Option<AsyncClaim>,
    /// Claim 7_2 from the sweep, if the workers ran.
    pub per_core: Option<PerCore>,
    /// Why the synchronous servers did not run (no shared memory), if so.
    pub no_sync: Option<String>,
    /// CPU time per request the workers measured for its work, ms (the mean over every request
    /// served): the model assumes `req.work_ms`, the page's calibration of the same work.
    pub measured_work_ms: f64,
}

/// The stage names shown while running.
const STAGE_LOOP: &str = "one event loop";
const STAGE_SYNC: &str = "blocking workers";
const STAGE_START: &str = "starting the workers";

async fn measure(
    lab: &LabHandle,
    req: ServerRequest,
    session: &UseReducerDispatcher<Session<Outcome>>,
) -> Result<Outcome, String> {
    let cores = lab.env.cores.max(1);
    let no_sync = lab.env.shared_memory.clone().err();
    let ks = if no_sync.is_none() { sweep(cores) } else { Vec::new() };
    session.dispatch(Action::Started(Some(STAGE_START)));
    let l = lab.ensure(cores).await?;
    let most = ks.iter().copied().max().unwrap_or(1);
    let had = l.pool.size();
    if had < most {
        l.pool.resize(most).await?;
        let warm = (had..most).map(|k| l.pool.calibrate(k, WARM_UP_MS));
        futures::future::try_join_all(warm).await?;
    }
    let rpm = l.rounds_per_ms;
    let (n, w, d) = (req.requests, req.work_ms, req.io_ms);
    let mut readings: Vec<ServerReading> = std::iter::once(ServerReading {
        workers: None,
        rps: vec![],
        latencies: vec![],
        model_rps: loop_model_rps(n, w, d),
    })
    .chain(ks.iter().map(|&k| ServerReading {
        workers: Some(k),
        rps: vec![],
        latencies: vec![],
        model_rps: sync_model_rps(n, k, cores, w, d),
    }))
    .collect();
    let (mut work_total, mut served_total) = (0.0, 0u32);
    for _ in 0..ROUNDS {
        for r in readings.iter_mut() {
            session.dispatch(Action::Started(Some(if r.workers.is_some() {
                STAGE_SYNC
            } else {
                STAGE_LOOP
            })));
            let served = l.pool.serve(r.workers, n, w, d, rpm).await?;
            r.rps.push(rps(n, served.wall_ms));
            r.latencies.extend(served.latencies_ms);
            work_total += served.work_ms;
            served_total += n;
        }
    }
    let at_cores = readings.iter().find(|r| r.workers == Some(cores)).cloned();
    let async_claim = at_cores.map(|c| async_verdict(&readings[0], &c));
    let points: Vec<_> = readings.iter().filter_map(|r| Some((r.workers?, r.spread()?))).collect();
    let per_core = per_core_verdict(&points, cores, w, d);
    let measured_work_ms = work_total / f64::from(served_total.max(1));
    Ok(Outcome { req, cores, readings, async_claim, per_core, no_sync, measured_work_ms })
}

/// Records the claims this run measured (a claim whose rounds disagree is not recorded: the
/// machine was too busy for it to show anything).
fn record(o: &Outcome) {
    let at_ms = crate::web::claims::now_epoch_ms();
    if let Some(AsyncClaim { holds: Some(holds), words, .. }) = &o.async_claim {
        crate::web::claims::record(
            "7_1-async-server",
            Measured { value: words.clone(), holds: *holds, at_ms },
        );
    }
    if let Some(p @ PerCore { holds: Some(holds), .. }) = &o.per_core {
        let sweep: Vec<String> = o
            .readings
            .iter()
            .filter_map(|r| r.workers.map(|k| format!("{k}: {:.0}", r.median_rps())))
            .collect();
        let value = format!("req/s by workers {}; {}", sweep.join(", "), p.words);
        crate::web::claims::record("7_2-workers-per-core", Measured { value, holds: *holds, at_ms });
    }
}

fn seen(o: &Outcome) -> Vec<Seen> {
    let mut facts = Vec::new();
    let lp = &o.readings[0];
    if let Some(c) = &o.async_claim {
        facts.push(Seen {
            label: "Event loop vs blocking workers".into(),
            value: format!("{:.1}×", c.ratio).into(),
            detail: format!(
                "the throughput of one event loop over as many blocking workers as cores ({}; medians of {ROUNDS} rounds{}).",
                c.words,
                if c.holds.is_none() { ", whose rounds disagree: the machine was busy" } else { "" }
            )
            .into(),
        });
    }
    if let Some(p) = &o.per_core {
        facts.push(Seen {
            label: "2–4 workers per core".into(),
            value: match p.holds {
                Some(true) => "holds here".into(),
                Some(false) => "does not hold here".into(),
                None => "could not be tested".into(),
            },
            detail: format!("{}.", p.words.split_once(": ").map_or(p.words.as_str(), |x| x.1)).into(),
        });
    }
    if let (Some(l), Some(one)) = (lp.latency(), o.readings.get(1).and_then(|r| r.latency())) {
        facts.push(Seen {
            label: "Slowest responses (p99)".into(),
            value: format!("{:.0} ms vs {:.0} ms", l.p99, one.p99).into(),
            detail: format!(
                "99 % of {} requests were answered within {:.0} ms by the event loop and within {:.0} ms by one blocking worker, which answers them in turn.",
                o.req.requests, l.p99, one.p99
            )
            .into(),
        });
    } else if let Some(l) = lp.latency() {
        facts.push(Seen {
            label: "Event loop latency (p50 / p99)".into(),
            value: format!("{:.0} / {:.0} ms", l.p50, l.p99).into(),
            detail: format!("{} requests all waiting at once on one thread.", o.req.requests).into(),
        });
    }
    facts
}

/// The demo's run session, and the callback that starts a measurement.
#[hook]
pub fn use_server_runs(
    on_seen: Callback<Seen>,
) -> (UseReducerHandle<Session<Outcome>>, Callback<ServerRequest>) {
    let lab = use_lab();
    let session = use_run_session::<Outcome>();
    let run = {
        let dispatcher = session.dispatcher();
        Callback::from(move |req: ServerRequest| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, dispatcher.clone(), move |lab, session| async move {
                let outcome = measure(&lab, req, &session).await?;
                record(&outcome);
                for f in seen(&outcome) {
                    on_seen.emit(f);
                }
                Ok(outcome)
            });
        })
    };
    (session, run)
}
