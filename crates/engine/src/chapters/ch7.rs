//! Chapter 7's models and verdicts: a simulated server under `N` requests that all arrive at
//! once, each a little CPU work (`work` ms) and then I/O (`io` ms), served by `K` synchronous
//! workers (a worker serves one request at a time, its thread blocked during the I/O) or by one
//! event loop (every request's I/O awaited at once, the CPU work one request after another).
//!
//! The page measures both on real Web Workers; this module sums the measurements up (latency
//! percentiles, throughput over rounds), predicts them ([`sync_model_rps`], [`loop_model_rps`])
//! and judges the two claims ([`async_verdict`], [`per_core_verdict`]).

use crate::measure::Spread;
use crate::sync_presets::SyncPreset;

/// The presets this chapter adds.
pub fn presets() -> Vec<SyncPreset> {
    Vec::new()
}

/// Most workers the sweep starts (4 × cores is capped here on machines with many cores).
pub const MAX_WORKERS: u32 = 32;

/// Longest one round of the slowest server (one worker: `N × (work + io)`) may take, ms.
pub const MAX_ROUND_MS: f64 = 30_000.0;

/// The value below which at least `p` per cent of `samples` lie: the nearest-rank percentile
/// (the smallest sample with at least `p`% of the samples at or below it). `None` without a
/// finite sample; `p` is clamped to 0–100.
pub fn percentile(samples: &[f64], p: f64) -> Option<f64> {
    let mut s: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
    if s.is_empty() {
        return None;
    }
    s.sort_by(f64::total_cmp);
    let p = p.clamp(0.0, 100.0);
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    Some(s[rank.clamp(1, s.len()) - 1])
}

/// A server's latencies summed up, ms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Latency {
    /// Half the requests finished within this.
    pub p50: f64,
    /// 95 % of them within this.
    pub p95: f64,
    /// 99 % of them within this.
    pub p99: f64,
}

impl Latency {
    /// The percentiles of `samples` (ms), or `None` without any finite sample.
    pub fn of(samples: &[f64]) -> Option<Latency> {
        Some(Latency {
            p50: percentile(samples, 50.0)?,
            p95: percentile(samples, 95.0)?,
            p99: percentile(samples, 99.0)?,
        })
    }
}

/// Requests per second of `requests` served in `wall_ms` (0 for no time).
pub fn rps(requests: u32, wall_ms: f64) -> f64 {
    if wall_ms > 0.0 {
        f64::from(requests) * 1000.0 / wall_ms
    } else {
        0.0
    }
}

/// The steady-state model of `k` synchronous workers on `cores` cores, requests per second:
/// each worker finishes one request per `work + io` ms, and the cores can do at most
/// `cores / work` requests' CPU work per ms — `min(K / (work + io), cores / work)`.
pub fn steady_rps(k: u32, cores: u32, work_ms: f64, io_ms: f64) -> f64 {
    let per_worker = 1000.0 * f64::from(k) / (work_ms + io_ms).max(1e-9);
    let cpu = 1000.0 * f64::from(cores.max(1)) / work_ms.max(1e-9);
    per_worker.min(cpu)
}

/// The model of one batch: `n` requests arriving at once on `k` synchronous workers, requests
/// per second. The steady-state model ([`steady_rps`]) for a batch: the workers serve
/// `⌈N / K⌉` requests in turn, and the cores need `N × work / cores` for the CPU work, after
/// which the last request still does its I/O — whichever takes longer.
pub fn sync_model_rps(n: u32, k: u32, cores: u32, work_ms: f64, io_ms: f64) -> f64 {
    let n = n.max(1);
    let turns = f64::from(n.div_ceil(k.max(1)));
    let by_workers = turns * (work_ms + io_ms);
    let by_cores = f64::from(n) * work_ms / f64::from(cores.max(1)) + io_ms;
    rps(n, by_workers.max(by_cores))
}

/// The model of one event loop serving `n` requests that arrive at once, requests per second:
/// the CPU work runs one request after another on its one thread, each request's I/O starts when
/// its work is done and all the waits overlap, so the last ends at `N × work + io`.
pub fn loop_model_rps(n: u32, work_ms: f64, io_ms: f64) -> f64 {
    rps(n.max(1), f64::from(n.max(1)) * work_ms + io_ms)
}

/// The worker counts the sweep tries: 1, cores, 2 × cores, 4 × cores (distinct, at most
/// [`MAX_WORKERS`]), in increasing order.
pub fn sweep(cores: u32) -> Vec<u32> {
    let c = cores.max(1);
    let mut ks: Vec<u32> = [1, c, 2 * c, 4 * c].into_iter().map(|k| k.min(MAX_WORKERS)).collect();
    ks.dedup();
    ks
}

/// Why a configuration cannot run, for beside the fields: one round of the slowest server (one
/// worker) would take longer than [`MAX_ROUND_MS`].
pub fn plan_error(n: u32, work_ms: f64, io_ms: f64) -> Option<String> {
    let one = f64::from(n) * (work_ms + io_ms);
    (one > MAX_ROUND_MS).then(|| {
        format!(
            "one worker would take {:.1} s a round: keep requests × (work + I/O) under {:.0} s",
            one / 1000.0,
            MAX_ROUND_MS / 1000.0
        )
    })
}

/// One server configuration measured over rounds.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerReading {
    /// Workers (`None`: the event loop).
    pub workers: Option<u32>,
    /// Requests per second in each round.
    pub rps: Vec<f64>,
    /// Every request's latency (from arrival to response) over all rounds, ms.
    pub latencies: Vec<f64>,
    /// What the model predicts, requests per second.
    pub model_rps: f64,
}

impl ServerReading {
    /// The rounds' throughput: median and min–max.
    pub fn spread(&self) -> Option<Spread> {
        Spread::of(&self.rps)
    }

    /// The median throughput (0 without a round).
    pub fn median_rps(&self) -> f64 {
        self.spread().map_or(0.0, |s| s.median)
    }

    /// The latency percentiles over all rounds.
    pub fn latency(&self) -> Option<Latency> {
        Latency::of(&self.latencies)
    }
}

/// The event loop must beat `cores` blocking workers by at least this factor for claim 7_1 to
/// hold: "serves many at once" means clearly more than the workers, not a few per cent.
pub const ASYNC_WINS: f64 = 1.5;

/// Claim 7_1 measured: the event loop's throughput over `cores` synchronous workers'.
#[derive(Clone, Debug, PartialEq)]
pub struct AsyncClaim {
    /// The ratio of the medians.
    pub ratio: f64,
    /// Whether the claim held: `Some(true)` when even the loop's slowest round beat the workers'
    /// fastest by [`ASYNC_WINS`], `Some(false)` when even its fastest round did not beat their
    /// slowest by that much, `None` when the rounds disagree (the machine was busy).
    pub holds: Option<bool>,
    /// The figures in words.
    pub words: String,
}

/// Claim 7_1 from the event loop's reading and the one of as many workers as cores.
pub fn async_verdict(event_loop: &ServerReading, at_cores: &ServerReading) -> AsyncClaim {
    let (a, s) = (event_loop.spread(), at_cores.spread());
    let (am, sm) = (event_loop.median_rps(), at_cores.median_rps());
    let ratio = if sm > 0.0 { am / sm } else { 0.0 };
    let model = if at_cores.model_rps > 0.0 { event_loop.model_rps / at_cores.model_rps } else { 0.0 };
    let holds = match (a, s) {
        (Some(a), Some(s)) if s.max > 0.0 && a.min / s.max >= ASYNC_WINS => Some(true),
        (Some(a), Some(s)) if s.min > 0.0 && a.max / s.min < ASYNC_WINS => Some(false),
        _ => None,
    };
    let k = at_cores.workers.unwrap_or(1);
    let words = format!(
        "one event loop {am:.0} req/s, {k} blocking {} {sm:.0} req/s: {ratio:.1}× (model {model:.1}×)",
        if k == 1 { "worker" } else { "workers" }
    );
    AsyncClaim { ratio, holds, words }
}

/// A count of workers is "enough" once it reaches this share of the best throughput measured.
pub const KNEE_SHARE: f64 = 0.9;

/// Doubling the workers and gaining at least this factor means throughput is still growing.
pub const STILL_GROWING: f64 = 1.3;

/// What the sweep showed about "2–4 workers per core".
#[derive(Clone, Debug, PartialEq)]
pub struct PerCore {
    /// The fewest workers measured that reach [`KNEE_SHARE`] of the best median throughput.
    pub knee: u32,
    /// Whether throughput still grew by [`STILL_GROWING`] from the second-largest count to the
    /// largest (medians).
    pub still_growing: bool,
    /// Whether the rule held here: `Some(true)` when the knee is from 2 to 4 workers per core and
    /// throughput did not keep growing past it; `None` when a count's rounds spread more than
    /// [`crate::measure::SPREAD_LIMIT`] of their median (a busy machine: the sweep shows nothing).
    pub holds: Option<bool>,
    /// The workers per core at which the model stops growing: `(work + io) / work`.
    pub model_per_core: f64,
    /// The finding in words, with the reason.
    pub words: String,
}

/// Claim 7_2 from a sweep of synchronous servers (`(workers, rounds' spread of req/s)`,
/// increasing workers) on `cores` cores with requests of `work` + `io` ms. `None` for fewer than
/// two points.
pub fn per_core_verdict(points: &[(u32, Spread)], cores: u32, work_ms: f64, io_ms: f64) -> Option<PerCore> {
    if points.len() < 2 {
        return None;
    }
    let cores = cores.max(1);
    let model_per_core = (work_ms + io_ms) / work_ms.max(1e-9);
    let model = format!("the model stops at {model_per_core:.1} per core for these requests");
    let best = points.iter().map(|p| p.1.median).fold(0.0, f64::max);
    let knee = points.iter().find(|p| p.1.median >= KNEE_SHARE * best)?.0;
    let (prev, last) = (points[points.len() - 2], points[points.len() - 1]);
    let still_growing = prev.1.median > 0.0 && last.1.median / prev.1.median >= STILL_GROWING;
    let per_core = f64::from(knee) / f64::from(cores);
    if let Some((k, s)) = points.iter().find(|p| p.1.relative() > crate::measure::SPREAD_LIMIT) {
        let words = format!(
            "could not be tested here: the rounds of {k} {} spread {:.0}–{:.0} req/s around a median of {:.0}, \
             so the machine was busy with other work; run again ({model})",
            if *k == 1 { "worker" } else { "workers" },
            s.min,
            s.max,
            s.median
        );
        return Some(PerCore { knee, still_growing, holds: None, model_per_core, words });
    }
    let holds = (2.0..=4.0).contains(&per_core) && !still_growing;
    let reason = if still_growing {
        format!(
            "throughput still grew {:.1}× from {} to {} workers: with requests waiting {:.0}× as long as they compute, \
             a core can keep many blocked workers busy ({model})",
            last.1.median / prev.1.median,
            prev.0,
            last.0,
            io_ms / work_ms.max(1e-9),
        )
    } else if per_core < 2.0 {
        format!(
            "throughput stopped growing at {knee} {} ({per_core:.1} per core): the CPU work fills the cores, \
             and more blocked workers add nothing ({model})",
            if knee == 1 { "worker" } else { "workers" }
        )
    } else if holds {
        format!("throughput stopped growing at {knee} workers ({per_core:.1} per core), as the rule says ({model})")
    } else {
        format!("throughput stopped growing at {knee} workers ({per_core:.1} per core), more than the rule's 4 ({model})")
    };
    let words = format!("{}: {reason}", if holds { "holds here" } else { "does not hold here" });
    Some(PerCore { knee, still_growing, holds: Some(holds), model_per_core, words })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let xs: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        assert_eq!(percentile(&xs, 50.0), Some(50.0));
        assert_eq!(percentile(&xs, 95.0), Some(95.0));
        assert_eq!(percentile(&xs, 99.0), Some(99.0));
        assert_eq!(percentile(&xs, 100.0), Some(100.0));
        assert_eq!(percentile(&xs, 0.0), Some(1.0));
        // Few samples: p99 of ten is the largest, p50 the fifth.
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(Latency::of(&ten), Some(Latency { p50: 5.0, p95: 10.0, p99: 10.0 }));
        assert_eq!(percentile(&[f64::NAN, 3.0], 50.0), Some(3.0));
        assert_eq!(percentile(&[], 50.0), None);
    }

    #[test]
    fn the_sync_model_is_bounded_by_workers_then_by_cores() {
        // I/O-heavy: 2 ms work + 98 ms I/O on 2 cores: each worker adds 10 req/s up to 1000.
        assert!((steady_rps(1, 2, 2.0, 98.0) - 10.0).abs() < 1e-9);
        assert!((steady_rps(8, 2, 2.0, 98.0) - 80.0).abs() < 1e-9);
        assert!((steady_rps(1000, 2, 2.0, 98.0) - 1000.0).abs() < 1e-9);
        // CPU-heavy: 50 ms work + 5 ms I/O: two cores cap it at 40 req/s from K = 3 on.
        assert!((steady_rps(2, 2, 50.0, 5.0) - 2000.0 / 55.0).abs() < 1e-9);
        assert_eq!(steady_rps(4, 2, 50.0, 5.0), 40.0);
        assert_eq!(steady_rps(8, 2, 50.0, 5.0), 40.0);
        // A batch of 24 on 8 workers: three turns of 100 ms.
        assert!((sync_model_rps(24, 8, 2, 2.0, 98.0) - 80.0).abs() < 1e-9);
        // More workers than requests: one turn, but the 24 requests' work shares two cores
        // (24 ms) before the last I/O.
        assert!((sync_model_rps(24, 32, 2, 2.0, 98.0) - 24_000.0 / 122.0).abs() < 1e-9);
        // CPU-bound batch: 16 × 50 ms over 2 cores, then the last I/O.
        assert!((sync_model_rps(16, 8, 2, 50.0, 5.0) - 16_000.0 / 405.0).abs() < 1e-9);
    }

    #[test]
    fn the_event_loop_overlaps_the_io_but_not_the_work() {
        assert!((loop_model_rps(24, 2.0, 100.0) - 24_000.0 / 148.0).abs() < 1e-9);
        // CPU-heavy: one thread, so one core's worth.
        assert!((loop_model_rps(16, 50.0, 5.0) - 16_000.0 / 805.0).abs() < 1e-9);
        // I/O-heavy: the loop beats cores blocking workers by far.
        assert!(loop_model_rps(24, 2.0, 100.0) / sync_model_rps(24, 2, 2, 2.0, 100.0) > 5.0);
    }

    #[test]
    fn the_sweep_doubles_from_the_cores_and_is_capped() {
        assert_eq!(sweep(2), vec![1, 2, 4, 8]);
        assert_eq!(sweep(1), vec![1, 2, 4]);
        assert_eq!(sweep(16), vec![1, 16, 32]);
    }

    #[test]
    fn plans_too_long_for_one_worker_are_refused_with_the_reason() {
        assert_eq!(plan_error(24, 2.0, 200.0), None);
        let e = plan_error(200, 2.0, 200.0).unwrap();
        assert!(e.contains("40.4 s"), "{e}");
    }

    fn reading(workers: Option<u32>, rps: &[f64], model_rps: f64) -> ServerReading {
        ServerReading { workers, rps: rps.to_vec(), latencies: vec![], model_rps }
    }

    #[test]
    fn the_event_loop_claim_is_decided_by_every_round() {
        let two = reading(Some(2), &[20.0, 19.0, 18.0], 19.6);
        let lp = reading(None, &[150.0, 160.0, 90.0], 162.0);
        let c = async_verdict(&lp, &two);
        assert!((c.ratio - 150.0 / 19.0).abs() < 1e-9);
        assert_eq!(c.holds, Some(true), "its slowest round is 4.5× their fastest");
        assert!(c.words.contains("2 blocking workers 19 req/s: 7.9× (model 8.3×)"), "{}", c.words);
        assert_eq!(async_verdict(&reading(None, &[25.0, 26.0, 24.0], 20.0), &two).holds, Some(false));
        // Rounds that disagree: the median says 2×, but one round of the loop was slower than theirs.
        assert_eq!(async_verdict(&reading(None, &[40.0, 41.0, 15.0], 20.0), &two).holds, None);
        assert_eq!(async_verdict(&lp, &reading(Some(2), &[], 1.0)).holds, None, "no measurement, no claim");
    }

    fn sweep_of(points: &[(u32, f64)]) -> Vec<(u32, Spread)> {
        points.iter().map(|&(k, r)| (k, Spread::of(&[r * 0.98, r, r * 1.01]).unwrap())).collect()
    }

    #[test]
    fn io_heavy_sweeps_keep_growing_past_four_per_core() {
        let v =
            per_core_verdict(&sweep_of(&[(1, 10.0), (2, 19.5), (4, 38.0), (8, 74.0)]), 2, 2.0, 98.0).unwrap();
        assert!(v.still_growing);
        assert_eq!(v.holds, Some(false));
        assert_eq!(v.knee, 8);
        assert!(
            v.words.starts_with("does not hold here: throughput still grew 1.9× from 4 to 8 workers"),
            "{}",
            v.words
        );
        assert!(v.words.contains("the model stops at 50.0 per core"), "{}", v.words);
    }

    #[test]
    fn cpu_heavy_sweeps_stop_at_the_cores() {
        let v =
            per_core_verdict(&sweep_of(&[(1, 18.0), (2, 35.0), (4, 36.0), (8, 35.5)]), 2, 50.0, 5.0).unwrap();
        assert!(!v.still_growing);
        assert_eq!(v.holds, Some(false));
        assert_eq!(v.knee, 2);
        assert!(v.words.contains("stopped growing at 2 workers (1.0 per core)"), "{}", v.words);
    }

    #[test]
    fn mixed_requests_bear_the_rule_out() {
        // 30 ms work + 60 ms I/O: three workers per core; measured knee at 2 × cores.
        let v = per_core_verdict(&sweep_of(&[(1, 11.0), (2, 22.0), (4, 42.0), (8, 44.0)]), 2, 30.0, 60.0)
            .unwrap();
        assert_eq!(v.holds, Some(true), "{}", v.words);
        assert_eq!(v.knee, 4);
        assert!(v.words.starts_with("holds here"), "{}", v.words);
        assert_eq!(per_core_verdict(&sweep_of(&[(1, 11.0)]), 2, 30.0, 60.0), None);
    }

    #[test]
    fn a_busy_machine_tests_nothing() {
        let mut points = sweep_of(&[(1, 23.0), (2, 29.0), (4, 34.0), (8, 26.0)]);
        points[1].1 = Spread::of(&[23.0, 29.0, 34.0]).unwrap();
        let v = per_core_verdict(&points, 2, 40.0, 5.0).unwrap();
        assert_eq!(v.holds, None);
        assert!(
            v.words.starts_with("could not be tested here: the rounds of 2 workers spread 23–34 req/s"),
            "{}",
            v.words
        );
    }
}
