//! Chapter 3's models and verdicts: three simulated requests with latencies drawn from a seeded
//! distribution the reader sets ([`draw_latencies`], [`RequestModel`]), CPU-bound jobs on a pool
//! of workers ([`pool_expectations`]), and the start-up of a fresh worker against a warm one
//! ([`fork_spawn_expectations`]); each with the reading the page records for its tutorial claim.

use crate::fields;
use crate::measure::{Comparison, Expect, Verdict, NO_FASTER};
use crate::permalink::{playground_link, SharedRun};
use crate::run_mode::RunMode;
use crate::scenario::{Scenario, Step, TaskSpec};
use crate::sync_presets::SyncPreset;
use crate::tour::cpu_bound;
use crate::words::plural;

/// The presets this chapter adds (none: its demos build their own scenarios).
pub fn presets() -> Vec<SyncPreset> {
    Vec::new()
}

/// How many requests the `gather` demo sends.
pub const REQUESTS: usize = 3;

/// Shortest and longest mean latency the reader may set, ms.
pub const MEAN_RANGE: (f64, f64) = (20.0, 2000.0);

/// The mean latency typed, or a message for beside the field.
pub fn parse_mean(text: &str) -> Result<f64, String> {
    fields::millis(text, MEAN_RANGE.0, MEAN_RANGE.1)
}

/// The spread typed (each latency is drawn within ± spread of the mean), or a message. At most
/// half the mean, so every request takes at least half the mean and the slowest at most three
/// times the fastest: three requests one after another then take at least 5⁄3 of the slowest,
/// which keeps "sequential is slower" a claim the numbers can test. `mean` is `None` when the
/// mean field itself is wrong.
pub fn parse_spread(text: &str, mean: Option<f64>) -> Result<f64, String> {
    let max = mean.map_or(MEAN_RANGE.1 / 2.0, |m| m / 2.0);
    fields::millis(text, 0.0, max).map_err(|e| format!("{e} (at most half the mean)"))
}

/// The seed typed: a whole number from 0 to 4294967295, or a message.
pub fn parse_seed(text: &str) -> Result<u64, String> {
    fields::whole(text, 0, u32::MAX).map(u64::from)
}

/// SplitMix64: a small, well-mixed generator whose sequence is fixed by its seed, so the same
/// seed always draws the same latencies.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `n` request latencies, ms: each uniform between `mean − spread` and `mean + spread`, rounded
/// to whole milliseconds (the event loop's timers fire on whole milliseconds), at least 1 ms.
/// The same seed gives the same latencies.
pub fn draw_latencies(seed: u64, n: usize, mean_ms: f64, spread_ms: f64) -> Vec<f64> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            // 53 random bits as a fraction in [0, 1).
            let u = (splitmix64(&mut state) >> 11) as f64 / (1u64 << 53) as f64;
            (mean_ms - spread_ms + 2.0 * spread_ms * u).round().max(1.0)
        })
        .collect()
}

fn request(i: usize, ms: f64) -> TaskSpec {
    TaskSpec { name: format!("request-{}", i + 1), start_delay_ms: 0.0, steps: vec![Step::Wait { ms }] }
}

/// The requests as tasks that each await their response (a timer of its latency).
pub fn requests(latencies: &[f64]) -> Scenario {
    Scenario {
        tasks: latencies.iter().enumerate().map(|(i, &ms)| request(i, ms)).collect(),
        ..Default::default()
    }
}

/// The playground's address opening `scenario` in `mode` (with `workers` for the parallel mode).
fn scenario_link(scenario: &Scenario, mode: RunMode, workers: Option<u32>) -> String {
    playground_link(&SharedRun { draft: scenario.to_draft(), mode, workers })
}

/// The playground's address opening the drawn requests, gathered (its concurrent mode).
pub fn requests_link(latencies: &[f64]) -> String {
    scenario_link(&requests(latencies), RunMode::Concurrent, None)
}

/// The playground's address opening the pool demo's jobs on `workers` workers (its parallel
/// mode).
pub fn pool_link(workers: u32) -> String {
    scenario_link(&pool_scenario(workers), RunMode::Parallel, Some(workers))
}

/// The slowest of the requests, alone: what "one request" takes in this draw.
pub fn slowest_alone(latencies: &[f64]) -> Scenario {
    let (i, ms) =
        latencies.iter().copied().enumerate().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap_or((0, 1.0));
    Scenario { tasks: vec![request(i, ms)], ..Default::default() }
}

/// What waiting predicts for a draw: `gather` takes as long as its slowest request, one after
/// another takes the sum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RequestModel {
    /// The slowest request alone, ms.
    pub one_ms: f64,
    /// All of them gathered, ms.
    pub gather_ms: f64,
    /// All of them one after another, ms.
    pub sequential_ms: f64,
}

impl RequestModel {
    /// The model of `latencies`.
    pub fn of(latencies: &[f64]) -> RequestModel {
        let one = latencies.iter().copied().fold(0.0, f64::max);
        RequestModel { one_ms: one, gather_ms: one, sequential_ms: latencies.iter().sum() }
    }

    /// One after another over the slowest alone: 3 when the three take equally long.
    pub fn sequential_ratio(&self) -> f64 {
        self.sequential_ms / self.one_ms
    }
}

/// The request demo's variants, in the order they run: one after another is the baseline;
/// gathered and the slowest alone both wait about as long as the slowest request, so both are
/// faster than the baseline by at least 1.5× (the spread is at most half the mean, so the model
/// predicts at least 5⁄3).
pub fn request_expectations() -> [(&'static str, Expect); 3] {
    [
        ("three requests one after another", Expect::Baseline),
        ("three requests gathered", Expect::Faster(1.5)),
        ("the slowest request alone", Expect::Faster(1.5)),
    ]
}

/// What the page records for a tutorial claim: the figure in words, and whether it held.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimReading {
    /// The figure in words.
    pub value: String,
    /// Whether the claim held in this run.
    pub holds: bool,
}

/// How far a measured ratio may stray from what the model predicts and still agree with it.
pub const MODEL_TOLERANCE: f64 = 0.15;

fn medians(c: &Comparison) -> Option<Vec<f64>> {
    let m: Vec<f64> = c.readings.iter().map(|r| r.spread.median).collect();
    m.iter().all(|x| *x > 0.0).then_some(m)
}

/// What a reading that does not hold adds when the machine was measurably disturbed meanwhile.
fn busy_suffix(c: &Comparison) -> &'static str {
    match &c.verdict {
        Verdict::Busy { .. } => " (the machine was busy: run again)",
        Verdict::Shows { noise } if !noise.is_empty() => " (the machine was busy: run again)",
        _ => "",
    }
}

/// Claims 3_1-gather and 3_1-sequential from the request demo's comparison (variants as in
/// [`request_expectations`]): gathered takes the slowest request's time (within
/// [`NO_FASTER`]), and one after another takes the model's multiple of it (within
/// [`MODEL_TOLERANCE`]), which is 3× when the three take equally long.
pub fn request_claims(c: &Comparison, model: &RequestModel) -> Option<(ClaimReading, ClaimReading)> {
    let m = medians(c)?;
    let (sequential, gathered, one) = (m.first()?, m.get(1)?, m.get(2)?);
    let g = gathered / one;
    let g_holds = (1.0 / NO_FASTER..=NO_FASTER).contains(&g);
    let s = sequential / one;
    let want = model.sequential_ratio();
    let s_holds = (s - want).abs() <= MODEL_TOLERANCE * want;
    let gather = ClaimReading {
        value: format!(
            "{g:.2}× the slowest request alone ({gathered:.0} ms against {one:.0} ms){}",
            if g_holds { "" } else { busy_suffix(c) }
        ),
        holds: g_holds,
    };
    let seq = ClaimReading {
        value: format!(
            "{s:.2}× the slowest request alone; waiting predicts {want:.2}× (the sum of the draws over the slowest){}",
            if s_holds { "" } else { busy_suffix(c) }
        ),
        holds: s_holds,
    };
    Some((gather, seq))
}

/// Units of work in each CPU-bound job of the pool demo (1 unit ≈ 1 ms on this machine).
pub const POOL_JOB_UNITS: f64 = 300.0;

/// Jobs the pool demo runs on `workers` workers: one per worker, and at least two (so one worker
/// shows two jobs taking turns on one core).
pub fn pool_jobs(workers: u32) -> usize {
    workers.max(2) as usize
}

/// The pool demo's jobs for `workers` workers: [`pool_jobs`] CPU-bound tasks of
/// [`POOL_JOB_UNITS`] units.
pub fn pool_scenario(workers: u32) -> Scenario {
    cpu_bound(pool_jobs(workers), POOL_JOB_UNITS)
}

/// The pool demo's variants: one worker doing the jobs one after another is the baseline; a
/// pool of two or more computes them at once, which the tutorial says doubles the speed (its
/// test accepts 1.5×). A pool of one cannot be faster.
pub fn pool_expectations(workers: u32) -> [(&'static str, Expect); 2] {
    [
        ("one worker, one job after another", Expect::Baseline),
        ("a pool of workers", if workers >= 2 { Expect::Faster(1.5) } else { Expect::NoFaster }),
    ]
}

/// Claim 3_2-pool from the pool demo's comparison on `workers` workers with `cores` logical
/// cores reported: it holds only when a pool of at least two on at least two cores was at least
/// 1.5× faster and the machine was steady enough for the numbers to show it.
pub fn pool_claim(c: &Comparison, workers: u32, cores: u32) -> Option<ClaimReading> {
    let m = medians(c)?;
    let x = m.first()? / m.get(1)?;
    let value = if cores < 2 {
        format!(
            "{x:.2}×: this browser reports {}, so no pool can compute two jobs at once here",
            plural(cores as usize, "logical core", "logical cores")
        )
    } else if workers < 2 {
        format!("{x:.2}×: a pool of one worker runs the jobs one after another")
    } else {
        match &c.verdict {
            Verdict::Shows { .. } => format!("{x:.2}× faster with {workers} workers"),
            Verdict::Busy { .. } => format!("{x:.2}×: not shown, the machine was busy (run again)"),
            Verdict::Unexplained { .. } => format!("{x:.2}× with {workers} workers: less than 1.5×"),
        }
    };
    let holds = cores >= 2 && workers >= 2 && c.shows() && x >= 1.5;
    Some(ClaimReading { value, holds })
}

/// Units of work in the small job the fork-vs-spawn demo sends (1 unit ≈ 1 ms here): small, so
/// the start-up is what is compared.
pub const STARTUP_JOB_UNITS: f64 = 1.0;

/// Rounds of the fork-vs-spawn demo (each is quick).
pub const STARTUP_ROUNDS: usize = 5;

/// A fresh worker must cost at least this many times a warm one's job for claim 3_3 to hold.
pub const FAR_MORE: f64 = 3.0;

/// The job the fork-vs-spawn demo sends.
pub fn startup_job() -> TaskSpec {
    TaskSpec { name: "job".into(), start_delay_ms: 0.0, steps: vec![Step::Work { ms: STARTUP_JOB_UNITS }] }
}

/// The fork-vs-spawn demo's variants: a fresh worker (new Worker, load and instantiate the
/// wasm, then run the job) is the baseline; sending the job to a warm pool's worker must be at
/// least [`FAR_MORE`] times faster.
pub fn fork_spawn_expectations() -> [(&'static str, Expect); 2] {
    [
        ("a fresh worker: start it, then run the job", Expect::Baseline),
        ("a warm pool's worker: send it the job", Expect::Faster(FAR_MORE)),
    ]
}

/// Claim 3_3-fork-spawn from the fork-vs-spawn comparison: how many times a warm worker's job
/// the fresh worker cost. Holds when it is at least [`FAR_MORE`] and the verdict shows it.
pub fn fork_spawn_claim(c: &Comparison) -> Option<ClaimReading> {
    let m = medians(c)?;
    let (fresh, warm) = (m.first()?, m.get(1)?);
    let x = fresh / warm;
    let holds = c.shows() && x >= FAR_MORE;
    let value = format!(
        "a fresh worker cost {x:.1}× a warm one ({fresh:.0} ms against {warm:.1} ms, medians){}",
        if holds { "" } else { busy_suffix(c) }
    );
    Some(ClaimReading { value, holds })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::{judge, Conditions};

    const STEADY: Conditions =
        Conditions { calibrated: 1000.0, before: 990.0, after: 1000.0, cores: 2, workers: 2 };
    const BUSY: Conditions =
        Conditions { calibrated: 1000.0, before: 400.0, after: 900.0, cores: 2, workers: 2 };

    fn compare(variants: &[(&str, Expect)], times: &[&[f64]], c: &Conditions) -> Comparison {
        let samples: Vec<Vec<f64>> = times.iter().map(|t| t.to_vec()).collect();
        judge(variants, &samples, c).unwrap()
    }

    #[test]
    fn a_seed_always_draws_the_same_latencies_and_another_seed_others() {
        let a = draw_latencies(7, 3, 200.0, 50.0);
        assert_eq!(a, draw_latencies(7, 3, 200.0, 50.0));
        assert_ne!(a, draw_latencies(8, 3, 200.0, 50.0));
        // SplitMix64's published first output for seed 0.
        assert_eq!(splitmix64(&mut 0), 0xe220_a839_7b1d_cdaf);
        // Pinned: a change to the generator would change every reader's reproduced run.
        assert_eq!(draw_latencies(1, 3, 200.0, 50.0), vec![207.0, 225.0, 247.0]);
    }

    #[test]
    fn draws_stay_within_the_spread_and_centre_on_the_mean() {
        let d = draw_latencies(42, 10_000, 300.0, 100.0);
        assert!(d.iter().all(|&x| (200.0..=400.0).contains(&x)), "every draw within ±100 ms");
        let mean = d.iter().sum::<f64>() / d.len() as f64;
        assert!((mean - 300.0).abs() < 3.0, "mean {mean}");
        assert!(d.iter().any(|&x| x < 210.0) && d.iter().any(|&x| x > 390.0), "the whole range is used");
        assert_eq!(draw_latencies(3, 4, 150.0, 0.0), vec![150.0; 4]);
        assert!(draw_latencies(3, 50, 20.0, 10.0).iter().all(|&x| x >= 10.0 && x.fract() == 0.0));
    }

    #[test]
    fn fields_say_what_to_type_and_tie_the_spread_to_the_mean() {
        assert_eq!(parse_mean("250"), Ok(250.0));
        assert!(parse_mean("5").unwrap_err().contains("from 20 to 2000"));
        assert!(parse_mean("soon").is_err());
        assert_eq!(parse_spread("50", Some(200.0)), Ok(50.0));
        let e = parse_spread("150", Some(200.0)).unwrap_err();
        assert!(e.contains("from 0 to 100") && e.contains("half the mean"), "{e}");
        assert_eq!(parse_spread("900", None), Ok(900.0));
        assert!(parse_spread("-1", Some(200.0)).is_err());
        assert_eq!(parse_seed("4294967295"), Ok(4_294_967_295));
        assert!(parse_seed("4294967296").is_err());
        assert!(parse_seed("1.5").is_err());
    }

    #[test]
    fn the_model_of_waiting_is_the_slowest_gathered_and_the_sum_in_turn() {
        let m = RequestModel::of(&[100.0, 300.0, 200.0]);
        assert_eq!((m.one_ms, m.gather_ms, m.sequential_ms), (300.0, 300.0, 600.0));
        assert_eq!(m.sequential_ratio(), 2.0);
        assert_eq!(RequestModel::of(&[200.0; 3]).sequential_ratio(), 3.0);
        let s = requests(&[100.0, 300.0, 200.0]);
        assert_eq!(s.tasks.len(), 3);
        assert_eq!(s.concurrent_ideal_ms(), 300.0);
        assert_eq!(s.sequential_ideal_ms(), 600.0);
        let one = slowest_alone(&[100.0, 300.0, 200.0]);
        assert_eq!(
            (one.tasks.len(), one.tasks[0].name.as_str(), one.tasks[0].solo_ms()),
            (1, "request-2", 300.0)
        );
        // The playground opens them as the editor would.
        assert_eq!(s.to_draft().validate(), Ok(s));
    }

    #[test]
    fn the_widest_spread_allowed_still_predicts_sequential_at_least_five_thirds_slower() {
        for seed in 0..500 {
            let d = draw_latencies(seed, REQUESTS, 100.0, 50.0);
            assert!(RequestModel::of(&d).sequential_ratio() >= 5.0 / 3.0 - 0.02, "seed {seed}: {d:?}");
        }
    }

    #[test]
    fn request_claims_hold_when_gather_matches_the_slowest_and_sequential_the_model() {
        let model = RequestModel::of(&[200.0, 200.0, 200.0]);
        let v = request_expectations();
        let c =
            compare(&v, &[&[602.0, 604.0, 603.0], &[202.0, 203.0, 202.0], &[201.0, 202.0, 201.0]], &STEADY);
        let (g, s) = request_claims(&c, &model).unwrap();
        assert!(g.holds && s.holds, "{g:?} {s:?}");
        assert!(g.value.starts_with("1.00× the slowest request alone"), "{}", g.value);
        assert!(s.value.starts_with("3.00×") && s.value.contains("predicts 3.00×"), "{}", s.value);
        // Gathered requests that took as long as running them in turn do not hold.
        let c =
            compare(&v, &[&[602.0, 604.0, 603.0], &[590.0, 600.0, 598.0], &[201.0, 202.0, 201.0]], &STEADY);
        let (g, _) = request_claims(&c, &model).unwrap();
        assert!(!g.holds, "{g:?}");
        // One after another far off the model does not hold; a busy machine says so.
        let c = compare(&v, &[&[900.0, 904.0, 903.0], &[202.0, 203.0, 202.0], &[201.0, 202.0, 201.0]], &BUSY);
        let (_, s) = request_claims(&c, &model).unwrap();
        assert!(!s.holds && s.value.contains("busy"), "{s:?}");
    }

    #[test]
    fn the_pool_claim_needs_two_cores_two_workers_and_a_steady_speedup() {
        let c2 = compare(&pool_expectations(2), &[&[600.0, 610.0, 605.0], &[310.0, 305.0, 306.0]], &STEADY);
        let r = pool_claim(&c2, 2, 2).unwrap();
        assert!(r.holds && r.value.starts_with("1.98× faster with 2 workers"), "{r:?}");
        // Too little speedup on a steady machine.
        let slow = compare(&pool_expectations(2), &[&[600.0, 610.0, 605.0], &[500.0, 505.0, 501.0]], &STEADY);
        assert!(!pool_claim(&slow, 2, 2).unwrap().holds);
        // The same on a busy machine: not shown, and the reading says why.
        let busy = compare(&pool_expectations(2), &[&[600.0, 610.0, 605.0], &[500.0, 505.0, 501.0]], &BUSY);
        let r = pool_claim(&busy, 2, 2).unwrap();
        assert!(!r.holds && r.value.contains("busy"), "{r:?}");
        // One core cannot show it, whatever the numbers.
        let one = Conditions { cores: 1, workers: 1, ..STEADY };
        let c1 = compare(&pool_expectations(1), &[&[600.0, 610.0, 605.0], &[600.0, 605.0, 606.0]], &one);
        let r = pool_claim(&c1, 1, 1).unwrap();
        assert!(!r.holds && r.value.contains("1 logical core"), "{r:?}");
        assert_eq!(pool_expectations(1)[1].1, Expect::NoFaster);
        assert_eq!((pool_jobs(1), pool_jobs(2), pool_jobs(4)), (2, 2, 4));
    }

    #[test]
    fn the_playground_links_open_the_same_scenarios() {
        let open = |link: String| {
            let fragment = link.strip_prefix("/playground#").expect("a playground address").to_string();
            crate::permalink::decode_link(&fragment).unwrap()
        };
        let d = draw_latencies(5, REQUESTS, 300.0, 100.0);
        let run = open(requests_link(&d));
        assert_eq!((run.mode, run.workers), (RunMode::Concurrent, None));
        assert_eq!(run.draft.validate(), Ok(requests(&d)));
        let run = open(pool_link(2));
        assert_eq!((run.mode, run.workers), (RunMode::Parallel, Some(2)));
        let jobs = run.draft.validate().unwrap();
        assert_eq!((jobs.tasks.len(), jobs.total_work_ms()), (2, 2.0 * POOL_JOB_UNITS));
        assert_eq!(pool_scenario(1).tasks.len(), 2);
    }

    #[test]
    fn the_fork_spawn_claim_is_the_ratio_of_medians_and_needs_far_more() {
        let v = fork_spawn_expectations();
        let c = compare(&v, &[&[80.0, 90.0, 85.0, 88.0, 84.0], &[6.0, 6.5, 6.2, 6.1, 6.3]], &STEADY);
        let r = fork_spawn_claim(&c).unwrap();
        assert!(r.holds, "{r:?}");
        assert!(
            r.value.starts_with("a fresh worker cost 13.7× a warm one (85 ms against 6.2 ms"),
            "{}",
            r.value
        );
        let close = compare(&v, &[&[12.0, 12.5, 12.2], &[6.0, 6.5, 6.2]], &STEADY);
        assert!(!fork_spawn_claim(&close).unwrap().holds);
        assert_eq!(startup_job().work_ms(), STARTUP_JOB_UNITS);
    }
}
