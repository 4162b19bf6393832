//! Measurement discipline for the demos that compare timed variants (one worker against several,
//! one after another against taking turns): the variants run in interleaved rounds
//! ([`schedule`]: A B C, A B C, …), each variant is summed up by its median and its min–max
//! spread ([`Spread`]), ratios come from medians, and a [`Verdict`] says in plain words whether
//! the numbers show the lesson's effect — or that the machine was too busy for them to show
//! anything. A verdict never states a conclusion its own numbers do not support.

use crate::metrics::speedup;
use crate::words::plural;

/// Rounds a comparison runs when it takes well under ten seconds.
pub const MIN_ROUNDS: usize = 3;

/// The calibrated unit may drift this much (as a fraction) before a run counts as disturbed.
pub const DRIFT_LIMIT: f64 = 0.20;

/// A variant's runs may spread this much (max − min over the median) before they count as noisy.
pub const SPREAD_LIMIT: f64 = 0.25;

/// A speedup at or under this counts as "no faster" (timer ticks and scheduling make equal
/// work differ by a few per cent).
pub const NO_FASTER: f64 = 1.15;

/// The order in which `variants` variants run over `rounds` rounds: `0 1 2 0 1 2 …`, so a burst
/// of other work on the machine slows one round of every variant rather than all of one.
pub fn schedule(variants: usize, rounds: usize) -> Vec<usize> {
    (0..rounds).flat_map(|_| 0..variants).collect()
}

/// One variant's measured times summed up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    /// The median, ms (the mean of the middle two for an even count).
    pub median: f64,
    /// The fastest run, ms.
    pub min: f64,
    /// The slowest run, ms.
    pub max: f64,
    /// How many runs.
    pub runs: usize,
}

impl Spread {
    /// The summary of `samples` (ms), or `None` without any finite sample.
    pub fn of(samples: &[f64]) -> Option<Spread> {
        let mut s: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
        if s.is_empty() {
            return None;
        }
        s.sort_by(f64::total_cmp);
        let n = s.len();
        let median = if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 };
        Some(Spread { median, min: s[0], max: s[n - 1], runs: n })
    }

    /// The spread relative to the median: `(max − min) / median` (0 for one run).
    pub fn relative(&self) -> f64 {
        if self.median > 0.0 {
            (self.max - self.min) / self.median
        } else {
            0.0
        }
    }

    /// `"412 ms (398–431 ms over 3 runs)"`.
    pub fn reading(&self) -> String {
        if self.runs <= 1 {
            format!("{:.0} ms", self.median)
        } else {
            format!("{:.0} ms ({:.0}–{:.0} ms over {} runs)", self.median, self.min, self.max, self.runs)
        }
    }
}

/// The index of the sample closest to the median of `samples` (the run a demo shows as typical),
/// or `None` for no samples.
pub fn median_index(samples: &[f64]) -> Option<usize> {
    let m = Spread::of(samples)?.median;
    (0..samples.len())
        .filter(|&i| samples[i].is_finite())
        .min_by(|&a, &b| (samples[a] - m).abs().total_cmp(&(samples[b] - m).abs()))
}

/// What the lesson says a variant's speedup over the baseline (variant 0) is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expect {
    /// The baseline itself: nothing to check.
    Baseline,
    /// At least this much faster than the baseline.
    Faster(f64),
    /// No faster than the baseline (at most [`NO_FASTER`]): one thread cannot compute faster by
    /// taking turns; a lock held to compute lets one worker run at a time.
    NoFaster,
}

impl Expect {
    /// Whether a measured speedup agrees with the lesson.
    pub fn holds(self, ratio: f64) -> bool {
        match self {
            Expect::Baseline => true,
            Expect::Faster(min) => ratio >= min,
            Expect::NoFaster => ratio <= NO_FASTER,
        }
    }

    fn claim(self) -> String {
        match self {
            Expect::Baseline => String::new(),
            Expect::Faster(min) => format!("at least {min:.1}× faster"),
            Expect::NoFaster => "no faster".into(),
        }
    }
}

/// The machine's state around a measured run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Conditions {
    /// Rounds of work per unit the page calibrated when it started its workers.
    pub calibrated: f64,
    /// Rounds per unit the slowest worker managed just before the run (all workers at once).
    pub before: f64,
    /// The same just after the run.
    pub after: f64,
    /// The logical cores the browser reports (`navigator.hardwareConcurrency`).
    pub cores: u32,
    /// The workers the comparison asked for.
    pub workers: u32,
}

/// Why a measurement cannot be trusted.
#[derive(Clone, Debug, PartialEq)]
pub enum Noise {
    /// The workers ran this many times slower than the page calibrated (> 1 + [`DRIFT_LIMIT`]).
    Slower(f64),
    /// The workers' speed changed by this fraction between just before and just after the run.
    Drift(f64),
    /// A variant's runs spread widely: its name and its spread.
    Spread(String, Spread),
    /// Fewer logical cores than workers: `(cores, workers)`.
    FewCores(u32, u32),
}

impl Noise {
    /// The reason in plain words.
    pub fn words(&self) -> String {
        match self {
            Noise::Slower(x) => format!("the workers ran {x:.1}× slower than when this page calibrated them"),
            Noise::Drift(f) => {
                format!(
                    "the workers' speed changed by {:.0} % between just before and just after the run",
                    f * 100.0
                )
            }
            Noise::Spread(name, s) => format!(
                "the runs of “{name}” ranged from {:.0} to {:.0} ms, {:.0} % of their median",
                s.min,
                s.max,
                s.relative() * 100.0
            ),
            Noise::FewCores(cores, workers) => format!(
                "this browser reports {}, fewer than the {} asked for",
                plural(*cores as usize, "logical core", "logical cores"),
                plural(*workers as usize, "worker", "workers")
            ),
        }
    }
}

/// What the numbers of one comparison found, from the conditions and every variant's times.
pub fn noise(c: &Conditions, names: &[&str], samples: &[Vec<f64>]) -> Vec<Noise> {
    let mut found = Vec::new();
    let slowest = c.before.min(c.after);
    if slowest > 0.0 && c.calibrated / slowest > 1.0 + DRIFT_LIMIT {
        found.push(Noise::Slower(c.calibrated / slowest));
    }
    let fastest = c.before.max(c.after);
    if fastest > 0.0 && (c.before - c.after).abs() / fastest > DRIFT_LIMIT {
        found.push(Noise::Drift((c.before - c.after).abs() / fastest));
    }
    for (name, s) in names.iter().zip(samples) {
        if let Some(s) = Spread::of(s).filter(|s| s.relative() > SPREAD_LIMIT) {
            found.push(Noise::Spread(name.to_string(), s));
        }
    }
    if c.cores < c.workers {
        found.push(Noise::FewCores(c.cores, c.workers));
    }
    found
}

/// One variant's speedup over the baseline, from medians, with what the lesson expects of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The variant's name.
    pub name: String,
    /// Its times.
    pub spread: Spread,
    /// Median of the baseline over its median (`None` for the baseline or a zero time).
    pub speedup: Option<f64>,
    /// What the lesson expects.
    pub expect: Expect,
}

impl Reading {
    /// Whether the measured speedup agrees with the lesson (the baseline always does).
    pub fn holds(&self) -> bool {
        self.speedup.is_none_or(|x| self.expect.holds(x))
    }
}

/// The conclusion a comparison may state.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Every variant showed what the lesson says; `noise` lists what disturbed the machine
    /// anyway (the effect was larger than the disturbance).
    Shows { noise: Vec<Noise> },
    /// Some variant contradicted the lesson while the machine was disturbed: the numbers show
    /// nothing either way.
    Busy { noise: Vec<Noise>, against: Vec<Reading> },
    /// Some variant contradicted the lesson and nothing measured explains why.
    Unexplained { against: Vec<Reading> },
}

/// A whole comparison: every variant's readings and the verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// One reading per variant, the baseline first.
    pub readings: Vec<Reading>,
    /// What the numbers support.
    pub verdict: Verdict,
}

/// Judges a comparison: `variants` names each variant and what the lesson expects of it (the
/// first is the baseline), `samples[i]` holds variant `i`'s wall times (ms), `conditions` the
/// machine around the run. `None` when a variant has no time.
pub fn judge(
    variants: &[(&str, Expect)],
    samples: &[Vec<f64>],
    conditions: &Conditions,
) -> Option<Comparison> {
    let spreads: Vec<Spread> = samples.iter().map(|s| Spread::of(s)).collect::<Option<_>>()?;
    if spreads.len() != variants.len() || spreads.is_empty() {
        return None;
    }
    let base = spreads[0].median;
    let readings: Vec<Reading> = variants
        .iter()
        .zip(&spreads)
        .enumerate()
        .map(|(i, ((name, expect), s))| Reading {
            name: name.to_string(),
            spread: *s,
            speedup: if i == 0 { None } else { speedup(base, s.median) },
            expect: *expect,
        })
        .collect();
    let names: Vec<&str> = variants.iter().map(|(n, _)| *n).collect();
    let noise = noise(conditions, &names, samples);
    let against: Vec<Reading> = readings.iter().filter(|r| !r.holds()).cloned().collect();
    let verdict = match (against.is_empty(), noise.is_empty()) {
        (true, _) => Verdict::Shows { noise },
        (false, false) => Verdict::Busy { noise, against },
        (false, true) => Verdict::Unexplained { against },
    };
    Some(Comparison { readings, verdict })
}

fn list(items: Vec<String>) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

fn measured(r: &Reading, base: &str) -> String {
    format!(
        "“{}” measured {} against “{base}”, where the lesson says {}",
        r.name,
        r.speedup.map_or("–".into(), |x| format!("{x:.2}×")),
        r.expect.claim()
    )
}

impl Comparison {
    /// Whether the page may present the numbers as the lesson's effect.
    pub fn shows(&self) -> bool {
        matches!(self.verdict, Verdict::Shows { .. })
    }

    /// The verdict in plain words: the effect (with a caution when the machine was disturbed),
    /// or why these numbers cannot show it.
    pub fn words(&self) -> String {
        let base = self.readings.first().map_or("", |r| r.name.as_str());
        match &self.verdict {
            Verdict::Shows { noise } if noise.is_empty() => {
                "These numbers show what the lesson says, and the machine stayed steady while they were measured.".into()
            }
            Verdict::Shows { noise } => format!(
                "These numbers show what the lesson says, although {} — the effect was larger than the disturbance.",
                list(noise.iter().map(Noise::words).collect())
            ),
            Verdict::Busy { noise, against } => format!(
                "Your machine was busy: {}. So these numbers are not reliable ({}) — close other tabs or programs and run again.",
                list(noise.iter().map(Noise::words).collect()),
                list(against.iter().map(|r| measured(r, base)).collect())
            ),
            Verdict::Unexplained { against } => format!(
                "These numbers do not match the lesson: {}. Nothing this page measured explains it (the workers kept their calibrated speed), so something else on the machine likely interfered — run again.",
                list(against.iter().map(|r| measured(r, base)).collect())
            ),
        }
    }
}

/// Most times the race demo runs a racy (non-atomic) race in one click while none loses an
/// update: a short race can finish before the other worker starts, so one run losing nothing
/// says little.
pub const RACE_ATTEMPTS: u32 = 20;

/// Whether the race demo runs the race again: a racy race that lost nothing yet, under
/// [`RACE_ATTEMPTS`] races.
pub fn race_again(atomic: bool, lost: i64, races: u32) -> bool {
    !atomic && lost == 0 && races < RACE_ATTEMPTS
}

/// What the race demo says beside its lost updates after `races` races (the last one's `lost`).
pub fn race_note(atomic: bool, lost: i64, races: u32) -> String {
    let runs = plural(races as usize, "race", "races");
    match (atomic, lost) {
        (true, 0) => "0 lost: Atomics.add reads, adds and writes as one step no other worker can cut into.".into(),
        (true, n) => format!("{n} lost with Atomics.add: that should never happen — please report it."),
        (false, 0) => format!(
            "0 lost in {runs}: races depend on timing, and these runs happened not to interleave (each worker's increments finished before the other's started). Try more increments."
        ),
        (false, n) if races <= 1 => format!(
            "{} lost: the workers' read–work–write steps interleaved and overwrote each other.",
            plural(n as usize, "update was", "updates were")
        ),
        (false, n) => format!(
            "{} lost in race {races}; the {} before it lost none. Races depend on timing: only when the workers' steps overlap does one overwrite the other.",
            plural(n as usize, "update was", "updates were"),
            plural(races as usize - 1, "race", "races")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEADY: Conditions =
        Conditions { calibrated: 1000.0, before: 990.0, after: 1010.0, cores: 2, workers: 2 };

    #[test]
    fn rounds_interleave_the_variants() {
        assert_eq!(schedule(3, 3), vec![0, 1, 2, 0, 1, 2, 0, 1, 2]);
        assert!(schedule(2, 0).is_empty());
    }

    #[test]
    fn a_spread_is_median_and_range() {
        let s = Spread::of(&[30.0, 10.0, 20.0]).unwrap();
        assert_eq!((s.median, s.min, s.max, s.runs), (20.0, 10.0, 30.0, 3));
        assert_eq!(Spread::of(&[1.0, 3.0, 2.0, 10.0]).unwrap().median, 2.5);
        assert_eq!(Spread::of(&[]), None);
        assert_eq!(Spread::of(&[f64::NAN]), None);
        assert_eq!(s.relative(), 1.0);
        assert_eq!(s.reading(), "20 ms (10–30 ms over 3 runs)");
        assert_eq!(Spread::of(&[5.0]).unwrap().reading(), "5 ms");
        assert_eq!(median_index(&[30.0, 10.0, 21.0]), Some(2));
    }

    #[test]
    fn ratios_come_from_medians_not_from_the_fastest_run() {
        // One lucky fast run of the parallel variant does not make the speedup.
        let c = judge(
            &[("one", Expect::Baseline), ("two", Expect::Faster(1.3))],
            &[vec![400.0, 410.0, 405.0], vec![100.0, 390.0, 395.0]],
            &STEADY,
        )
        .unwrap();
        let x = c.readings[1].speedup.unwrap();
        assert!((x - 405.0 / 390.0).abs() < 1e-9, "{x}");
        assert!(!c.shows());
    }

    #[test]
    fn an_effect_on_a_steady_machine_is_shown() {
        let c = judge(
            &[("one", Expect::Baseline), ("gil", Expect::NoFaster), ("free", Expect::Faster(1.3))],
            &[vec![400.0, 410.0, 405.0], vec![420.0, 415.0, 418.0], vec![210.0, 205.0, 208.0]],
            &STEADY,
        )
        .unwrap();
        assert_eq!(c.verdict, Verdict::Shows { noise: vec![] });
        assert!(c.words().starts_with("These numbers show what the lesson says"), "{}", c.words());
    }

    #[test]
    fn a_contradiction_on_a_busy_machine_says_busy_and_draws_no_conclusion() {
        // The run: "taking turns" came out faster than one after another while the
        // workers ran 1.8× slower than calibrated.
        let busy = Conditions { before: 560.0, after: 600.0, ..STEADY };
        let c = judge(
            &[("one after another", Expect::Baseline), ("taking turns", Expect::NoFaster)],
            &[vec![820.0, 800.0, 790.0], vec![600.0, 590.0, 610.0]],
            &busy,
        )
        .unwrap();
        let Verdict::Busy { noise, against } = &c.verdict else { panic!("{:?}", c.verdict) };
        assert!(matches!(noise[0], Noise::Slower(x) if (x - 1000.0 / 560.0).abs() < 1e-9));
        assert_eq!(against[0].name, "taking turns");
        let w = c.words();
        assert!(w.starts_with("Your machine was busy: the workers ran 1.8× slower"), "{w}");
        assert!(w.contains("not reliable") && w.contains("run again"), "{w}");
        assert!(w.contains("“taking turns” measured 1.33×"), "{w}");
    }

    #[test]
    fn a_contradiction_without_a_cause_is_still_never_a_bare_fact() {
        let c = judge(
            &[("one", Expect::Baseline), ("free", Expect::Faster(1.3))],
            &[vec![400.0, 400.0, 400.0], vec![440.0, 450.0, 445.0]],
            &STEADY,
        )
        .unwrap();
        assert!(matches!(c.verdict, Verdict::Unexplained { .. }));
        assert!(c.words().starts_with("These numbers do not match the lesson"), "{}", c.words());
    }

    #[test]
    fn drift_spread_and_few_cores_are_each_noise() {
        let drift = Conditions { before: 1000.0, after: 700.0, ..STEADY };
        let n = noise(&drift, &["a"], &[vec![10.0, 10.0, 10.0]]);
        assert_eq!(n.len(), 2, "{n:?}"); // slower than calibrated, and drifted during the run
        assert!(matches!(n[1], Noise::Drift(f) if (f - 0.3).abs() < 1e-9));
        let n = noise(&STEADY, &["a", "b"], &[vec![10.0, 10.0, 10.0], vec![100.0, 200.0, 120.0]]);
        assert_eq!(n.len(), 1);
        assert!(n[0].words().starts_with("the runs of “b” ranged from 100 to 200 ms"), "{}", n[0].words());
        let n = noise(&Conditions { cores: 1, ..STEADY }, &[], &[]);
        assert_eq!(n, vec![Noise::FewCores(1, 2)]);
        assert_eq!(n[0].words(), "this browser reports 1 logical core, fewer than the 2 workers asked for");
        // Within the limits, nothing.
        assert!(noise(&STEADY, &["a"], &[vec![100.0, 110.0, 105.0]]).is_empty());
    }

    #[test]
    fn an_effect_despite_noise_is_shown_with_a_caution() {
        let busy = Conditions { before: 700.0, after: 690.0, ..STEADY };
        let c = judge(
            &[("one", Expect::Baseline), ("free", Expect::Faster(1.3))],
            &[vec![600.0, 610.0, 605.0], vec![300.0, 310.0, 305.0]],
            &busy,
        )
        .unwrap();
        assert!(c.shows());
        assert!(c.words().contains("although the workers ran 1.4× slower"), "{}", c.words());
    }

    #[test]
    fn a_racy_race_repeats_until_it_loses_an_update_and_says_when_it_never_did() {
        assert!(race_again(false, 0, 1));
        assert!(!race_again(false, 3, 1), "a lost update ends the repeats");
        assert!(!race_again(true, 0, 1), "an atomic race runs once");
        assert!(!race_again(false, 0, RACE_ATTEMPTS));
        let never = race_note(false, 0, RACE_ATTEMPTS);
        assert!(never.starts_with("0 lost in 20 races: races depend on timing"), "{never}");
        assert_eq!(
            race_note(false, 1, 4),
            "1 update was lost in race 4; the 3 races before it lost none. Races depend on timing: only when the workers' steps overlap does one overwrite the other."
        );
        assert!(race_note(false, 5, 1).starts_with("5 updates were lost: "));
        assert!(race_note(true, 0, 1).starts_with("0 lost: Atomics.add"));
    }
}
