//! The request demo's runs: three simulated requests with latencies drawn from the reader's
//! distribution and seed, run on the page's event loop one after another, gathered, and the
//! slowest alone, in interleaved rounds ([`measure_rounds`]); the claims 3_1-gather and
//! 3_1-sequential recorded with the ratios, and the facts for the "What you just saw" box.

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::run_session::{measure_rounds, run_on_lab, use_run_session, Action, Session};
use crate::ui::tour::lesson_seen::Seen;
use crate::web::claims::{now_epoch_ms, record};
use crate::web::compare::{event_loop_stage, StageResult, Stopper};
use engine::chapters::ch3::{
    draw_latencies, request_claims, request_expectations, requests, slowest_alone, ClaimReading,
    RequestModel, REQUESTS,
};
use engine::measure::{Comparison, Conditions, MIN_ROUNDS};
use engine::RunMode;
use yew::prelude::*;

/// What a click asks for: the distribution and its seed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RequestsAsk {
    /// Mean latency, ms.
    pub mean_ms: f64,
    /// Each latency within ± this of the mean, ms.
    pub spread_ms: f64,
    /// The draw's seed.
    pub seed: u64,
}

/// What one click measured.
pub struct RequestsOutcome {
    /// What was asked.
    pub ask: RequestsAsk,
    /// The latencies drawn, ms.
    pub latencies: Vec<f64>,
    /// What waiting predicts for them.
    pub model: RequestModel,
    /// Each variant's typical run, in [`request_expectations`] order.
    pub runs: Vec<StageResult>,
    /// Every variant's median and spread, and what they support.
    pub comparison: Comparison,
    /// The machine around the runs.
    pub conditions: Conditions,
    /// Claim 3_1-gather as recorded.
    pub gather: ClaimReading,
    /// Claim 3_1-sequential as recorded.
    pub sequential: ClaimReading,
}

async fn measure(
    lab: &crate::ui::shared::lab::LabHandle,
    ask: RequestsAsk,
    session: &UseReducerDispatcher<Session<RequestsOutcome>>,
) -> Result<RequestsOutcome, String> {
    let stage = |s: &'static str| session.dispatch(Action::Started(Some(s)));
    stage("starting a worker to check the machine's speed");
    let cores = lab.env.cores;
    // The runs are on the page's event loop; the lab's worker only checks the machine's speed
    // before and after, so a busy machine is named as such.
    let lab = lab.ensure(1).await?;
    let latencies = draw_latencies(ask.seed, REQUESTS, ask.mean_ms, ask.spread_ms);
    let model = RequestModel::of(&latencies);
    let (all, one) = (requests(&latencies), slowest_alone(&latencies));
    let variants = request_expectations();
    let stop = Stopper::default();
    let rounds = measure_rounds(&lab, 1, cores, &variants, MIN_ROUNDS, stage, |i| {
        let (scenario, mode) = match i {
            0 => (&all, RunMode::Sequential),
            1 => (&all, RunMode::Concurrent),
            _ => (&one, RunMode::Concurrent),
        };
        let (stop, rpm) = (&stop, lab.rounds_per_ms);
        async move {
            let r = event_loop_stage(scenario, mode, rpm, stop).await;
            if r.measured.not_finished > 0 {
                return Err(format!("{} of the requests did not finish", r.measured.not_finished));
            }
            Ok((r.measured.wall_ms, r))
        }
    })
    .await?;
    let runs = (0..variants.len())
        .map(|i| rounds.typical(i, |r: &StageResult| r.measured.wall_ms).cloned())
        .collect::<Option<Vec<_>>>()
        .ok_or("a variant did not run")?;
    let (gather, sequential) =
        request_claims(&rounds.comparison, &model).ok_or("a variant measured no time")?;
    Ok(RequestsOutcome {
        ask,
        latencies,
        model,
        runs,
        comparison: rounds.comparison,
        conditions: rounds.conditions,
        gather,
        sequential,
    })
}

fn seen(o: &RequestsOutcome) -> Seen {
    let m = &o.comparison.readings;
    let ms: Vec<String> = o.latencies.iter().map(|x| format!("{x:.0}")).collect();
    Seen {
        label: "Three requests, gathered and one after another".into(),
        value: format!(
            "gathered {:.2}×, one after another {:.2}× the slowest alone (waiting predicts 1× and {:.2}×)",
            m[1].spread.median / m[2].spread.median,
            m[0].spread.median / m[2].spread.median,
            o.model.sequential_ratio()
        )
        .into(),
        detail: format!(
            "seed {} drew {} ms; medians of {MIN_ROUNDS} rounds on this page's event loop: one after another {}, gathered {}, the slowest alone {}. {}",
            o.ask.seed,
            ms.join(", "),
            m[0].spread.reading(),
            m[1].spread.reading(),
            m[2].spread.reading(),
            o.comparison.words()
        )
        .into(),
    }
}

/// The demo's run session, and the callback that starts a measurement (recording the claims and
/// reporting its facts to `on_seen`).
#[hook]
pub fn use_requests(
    on_seen: Callback<Seen>,
) -> (UseReducerHandle<Session<RequestsOutcome>>, Callback<RequestsAsk>) {
    let lab = use_lab();
    let session = use_run_session::<RequestsOutcome>();
    let run = {
        let dispatcher = session.dispatcher();
        Callback::from(move |ask: RequestsAsk| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, dispatcher.clone(), move |lab, session| async move {
                let o = measure(&lab, ask, &session).await?;
                let at_ms = now_epoch_ms();
                for (id, c) in [("3_1-gather", &o.gather), ("3_1-sequential", &o.sequential)] {
                    record(id, engine::claims::Measured { value: c.value.clone(), holds: c.holds, at_ms });
                }
                on_seen.emit(seen(&o));
                Ok(o)
            });
        })
    };
    (session, run)
}
