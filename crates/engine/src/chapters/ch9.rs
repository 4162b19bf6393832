//! Chapter 9's models: a task-queue broker (jobs, countdowns, retries, ready/result states) and a
//! periodic schedule, as plain state the page drives with real timers and real consumers. Every
//! method takes the time as an argument, so the tests run the same broker on a made-up clock.

use crate::fields;
use crate::sync_presets::SyncPreset;

/// The presets this chapter adds.
pub fn presets() -> Vec<SyncPreset> {
    Vec::new()
}

/// A job's id in its broker.
pub type JobId = usize;

/// How a failed job is retried.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0: a failure is final).
    pub max_retries: u32,
    /// How long after a failure the retry becomes due, ms.
    pub delay_ms: f64,
}

/// What a job does: `add(a, b)`, failing its first `fails_first` attempts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct JobSpec {
    /// First argument.
    pub a: i64,
    /// Second argument.
    pub b: i64,
    /// Attempts that fail before one succeeds.
    pub fails_first: u32,
    /// The retry policy.
    pub retry: RetryPolicy,
}

impl JobSpec {
    /// `add(a, b)` that never fails and is never retried.
    pub fn add(a: i64, b: i64) -> JobSpec {
        JobSpec { a, b, fails_first: 0, retry: RetryPolicy { max_retries: 0, delay_ms: 0.0 } }
    }

    /// What attempt `attempt` (1 for the first) returns.
    pub fn run(&self, attempt: u32) -> Result<i64, String> {
        if attempt <= self.fails_first {
            Err(format!("attempt {attempt} failed"))
        } else {
            Ok(self.a + self.b)
        }
    }
}

/// Where a job is.
#[derive(Clone, Debug, PartialEq)]
pub enum JobState {
    /// Waiting in the queue until its ETA (and a free worker).
    Queued,
    /// A worker is running it.
    Started,
    /// It succeeded with this result.
    Success(i64),
    /// It failed and has no retries left.
    Failure(String),
}

/// One attempt at a job.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    /// Which worker took it (0-based).
    pub worker: u32,
    /// When the attempt became due (the job's ETA then), ms.
    pub due_ms: f64,
    /// When a worker took it, ms.
    pub started_ms: f64,
    /// When it ended, ms, and how.
    pub ended: Option<(f64, Result<i64, String>)>,
}

/// A job in the broker.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    /// What it does.
    pub spec: JobSpec,
    /// When it was sent, ms.
    pub sent_ms: f64,
    /// Not before this time, ms.
    pub eta_ms: f64,
    /// Where it is.
    pub state: JobState,
    /// Every attempt so far.
    pub attempts: Vec<Attempt>,
}

/// A line of the broker's log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// When, ms.
    pub t_ms: f64,
    /// What happened, in words.
    pub text: String,
}

/// The broker: a queue of jobs with ETAs, handed to workers as they ask.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Broker {
    /// Every job sent, by id.
    pub jobs: Vec<Job>,
    /// What happened, in order.
    pub log: Vec<LogLine>,
}

impl Broker {
    /// A broker with no jobs.
    pub fn new() -> Broker {
        Broker::default()
    }

    fn note(&mut self, t_ms: f64, text: String) {
        self.log.push(LogLine { t_ms, text });
    }

    /// Sends `spec` at `now_ms`, not to start before `countdown_ms` have passed (0: as soon as a
    /// worker is free, like Celery's `delay`).
    pub fn send(&mut self, spec: JobSpec, now_ms: f64, countdown_ms: f64) -> JobId {
        let id = self.jobs.len();
        let eta_ms = now_ms + countdown_ms.max(0.0);
        self.jobs.push(Job { spec, sent_ms: now_ms, eta_ms, state: JobState::Queued, attempts: Vec::new() });
        let when = if countdown_ms > 0.0 {
            format!(", not before {countdown_ms:.0} ms from now")
        } else {
            String::new()
        };
        self.note(now_ms, format!("job {id} add({}, {}) sent{when}", spec.a, spec.b));
        id
    }

    /// Whether job `id` is finished (succeeded, or failed for good): Celery's `ready()`.
    pub fn ready(&self, id: JobId) -> bool {
        matches!(self.jobs.get(id).map(|j| &j.state), Some(JobState::Success(_) | JobState::Failure(_)))
    }

    /// Job `id`'s result once it is ready.
    pub fn result(&self, id: JobId) -> Option<Result<i64, String>> {
        match &self.jobs.get(id)?.state {
            JobState::Success(v) => Some(Ok(*v)),
            JobState::Failure(e) => Some(Err(e.clone())),
            _ => None,
        }
    }

    /// Gives `worker` the queued job that has been due longest at `now_ms` (ties: the earlier
    /// sent), marking it started; `None` if no job is due.
    pub fn take(&mut self, worker: u32, now_ms: f64) -> Option<(JobId, u32)> {
        let id = (0..self.jobs.len())
            .filter(|&i| self.jobs[i].state == JobState::Queued && self.jobs[i].eta_ms <= now_ms)
            .min_by(|&a, &b| self.jobs[a].eta_ms.total_cmp(&self.jobs[b].eta_ms).then(a.cmp(&b)))?;
        let job = &mut self.jobs[id];
        job.state = JobState::Started;
        job.attempts.push(Attempt { worker, due_ms: job.eta_ms, started_ms: now_ms, ended: None });
        let attempt = job.attempts.len() as u32;
        self.note(now_ms, format!("worker {} starts job {id} (attempt {attempt})", worker + 1));
        Some((id, attempt))
    }

    /// The earliest ETA of a queued job, ms (when a sleeping worker should look again).
    pub fn next_eta(&self) -> Option<f64> {
        self.jobs.iter().filter(|j| j.state == JobState::Queued).map(|j| j.eta_ms).min_by(f64::total_cmp)
    }

    /// Whether every job sent is ready.
    pub fn all_ready(&self) -> bool {
        (0..self.jobs.len()).all(|i| self.ready(i))
    }

    /// Records how job `id`'s running attempt ended at `now_ms`. A failure with retries left
    /// queues the job again, due `delay_ms` later; otherwise the outcome is final.
    pub fn finish(&mut self, id: JobId, now_ms: f64, outcome: Result<i64, String>) {
        let Some(job) = self.jobs.get_mut(id) else { return };
        if job.state != JobState::Started {
            return;
        }
        if let Some(a) = job.attempts.last_mut() {
            a.ended = Some((now_ms, outcome.clone()));
        }
        let attempts = job.attempts.len() as u32;
        let text = match outcome {
            Ok(v) => {
                job.state = JobState::Success(v);
                format!("job {id} succeeded: {v}")
            }
            Err(e) if attempts <= job.spec.retry.max_retries => {
                job.state = JobState::Queued;
                job.eta_ms = now_ms + job.spec.retry.delay_ms;
                format!(
                    "job {id} {e}; retry {attempts} of {} in {:.0} ms",
                    job.spec.retry.max_retries, job.spec.retry.delay_ms
                )
            }
            Err(e) => {
                job.state = JobState::Failure(e.clone());
                format!("job {id} {e}; no retries left: it failed")
            }
        };
        self.note(now_ms, text);
    }
}

/// The most workers the demo starts (fewer on a machine with fewer logical cores).
pub const MAX_WORKERS: u32 = 8;

/// Parses the demo's concurrency field: workers consuming the broker, from 1 to the machine's
/// logical cores (at most [`MAX_WORKERS`]).
pub fn parse_workers(text: &str, cores: u32) -> Result<u32, String> {
    fields::workers(text, cores.clamp(1, MAX_WORKERS))
}

/// The retry demo's fields: failures before success (0–5), max retries (0–5), delay (100–5000
/// ms), each with its own message.
pub fn parse_retry(
    fails: &str,
    retries: &str,
    delay_ms: &str,
) -> (Result<u32, String>, Result<u32, String>, Result<f64, String>) {
    (fields::whole(fails, 0, 5), fields::whole(retries, 0, 5), fields::millis(delay_ms, 100.0, 5000.0))
}

/// The periodic demo's fields: every N seconds (0.5–10), this many times (2–10).
pub fn parse_every(seconds: &str, times: &str) -> (Result<f64, String>, Result<u32, String>) {
    let s = seconds
        .trim()
        .parse::<f64>()
        .map_err(|_| "must be a number of seconds, like 1".to_string())
        .and_then(|s| {
            if s.is_finite() && (0.5..=10.0).contains(&s) {
                Ok(s)
            } else {
                Err("must be from 0.5 to 10 seconds".to_string())
            }
        });
    (s, fields::whole(times, 2, 10))
}

/// A periodic schedule ("beat"): a job due every `period_ms`, `times` times, counted from a fixed
/// start so that a late run does not push the later ones back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Every {
    /// The period, ms.
    pub period_ms: f64,
    /// How many runs.
    pub times: u32,
}

impl Every {
    /// When run `k` (0-based) is due, for a schedule started at `start_ms`.
    pub fn due(&self, start_ms: f64, k: u32) -> f64 {
        start_ms + self.period_ms * f64::from(k + 1)
    }
}

/// How much a measured interval may differ from the period and still count as "every N seconds".
pub fn every_tolerance_ms(period_ms: f64) -> f64 {
    (period_ms * 0.1).max(50.0)
}

/// What a periodic run measured: the intervals between starts, their jitter, and the verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct EveryVerdict {
    /// Intervals between consecutive starts (the first from the schedule's start), ms.
    pub intervals_ms: Vec<f64>,
    /// The largest |interval − period|, ms.
    pub jitter_ms: f64,
    /// The mean interval, ms.
    pub mean_ms: f64,
    /// How late each run started after it was due, ms (never negative when it holds).
    pub late_ms: Vec<f64>,
    /// Whether the claim held: every run happened, none before it was due, every interval
    /// within [`every_tolerance_ms`] of the period.
    pub holds: bool,
    /// The figure in words.
    pub value: String,
}

/// Judges the starts of a periodic job started at `start_ms`.
pub fn every_verdict(every: Every, start_ms: f64, starts_ms: &[f64]) -> EveryVerdict {
    let mut prev = start_ms;
    let intervals_ms: Vec<f64> = starts_ms
        .iter()
        .map(|&s| {
            let d = s - prev;
            prev = s;
            d
        })
        .collect();
    let jitter_ms = intervals_ms.iter().map(|d| (d - every.period_ms).abs()).fold(0.0, f64::max);
    let mean_ms = if intervals_ms.is_empty() {
        0.0
    } else {
        intervals_ms.iter().sum::<f64>() / intervals_ms.len() as f64
    };
    let late_ms: Vec<f64> =
        starts_ms.iter().enumerate().map(|(k, &s)| s - every.due(start_ms, k as u32)).collect();
    let holds = starts_ms.len() == every.times as usize
        && late_ms.iter().all(|&l| l >= 0.0)
        && jitter_ms <= every_tolerance_ms(every.period_ms);
    let value = format!(
        "{} runs, every {:.0} ms on average (asked {:.0} ms), jitter at most {:.0} ms",
        starts_ms.len(),
        mean_ms,
        every.period_ms,
        jitter_ms
    );
    EveryVerdict { intervals_ms, jitter_ms, mean_ms, late_ms, holds, value }
}

/// The `delay` demo's verdict: `ready()` was false just after sending, and the result that came
/// later is `a + b`.
pub fn delay_verdict(
    first_ready: bool,
    polls: u32,
    result: Option<Result<i64, String>>,
    spec: JobSpec,
) -> (bool, String) {
    let holds = !first_ready && result == Some(Ok(spec.a + spec.b));
    let got = match result {
        Some(Ok(v)) => v.to_string(),
        Some(Err(e)) => format!("an error ({e})"),
        None => "nothing".into(),
    };
    (
        holds,
        format!(
            "ready() was {} at first, then the result {got} after {polls} polls",
            if first_ready { "True" } else { "False" }
        ),
    )
}

/// The countdown demo's verdict: the job started no earlier than `countdown_ms` after it was sent.
pub fn countdown_verdict(job: &Job, countdown_ms: f64) -> (bool, String) {
    match job.attempts.first() {
        Some(a) => {
            let after = a.started_ms - job.sent_ms;
            (
                after >= countdown_ms,
                format!("started {after:.0} ms after it was sent (countdown {countdown_ms:.0} ms)"),
            )
        }
        None => (false, "never started".into()),
    }
}

/// The retry demo's verdict: the number of attempts and the outcome the policy implies (success
/// on attempt `fails_first + 1` if the retries reach it, else failure after `max_retries + 1`
/// attempts), and each retry no earlier than its delay after the failure before it.
pub fn retry_verdict(job: &Job) -> (bool, String) {
    let spec = job.spec;
    let succeeds = spec.fails_first <= spec.retry.max_retries;
    let want_attempts = if succeeds { spec.fails_first + 1 } else { spec.retry.max_retries + 1 } as usize;
    let outcome_ok = match &job.state {
        JobState::Success(v) => succeeds && *v == spec.a + spec.b,
        JobState::Failure(_) => !succeeds,
        _ => false,
    };
    let gaps: Vec<f64> = job
        .attempts
        .windows(2)
        .filter_map(|w| w[0].ended.as_ref().map(|(end, _)| w[1].started_ms - end))
        .collect();
    let gaps_ok = gaps.iter().all(|&g| g >= spec.retry.delay_ms);
    let holds = outcome_ok && job.attempts.len() == want_attempts && gaps_ok;
    let ending = match &job.state {
        JobState::Success(v) => format!("succeeded with {v}"),
        JobState::Failure(_) => "failed for good".into(),
        _ => "did not finish".into(),
    };
    let shortest = gaps.iter().copied().fold(f64::INFINITY, f64::min);
    let gap_words = if gaps.is_empty() {
        String::new()
    } else {
        format!(
            "; retries came at least {shortest:.0} ms after a failure (delay {:.0} ms)",
            spec.retry.delay_ms
        )
    };
    (holds, format!("{} attempts, {ending}{gap_words}", job.attempts.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retrying(fails_first: u32, max_retries: u32) -> JobSpec {
        JobSpec { a: 4, b: 4, fails_first, retry: RetryPolicy { max_retries, delay_ms: 500.0 } }
    }

    /// Runs the broker with `workers` workers that each take a due job whenever free, every job
    /// taking `job_ms`, on a clock that steps 1 ms at a time, until every job is ready.
    fn drive(b: &mut Broker, workers: u32, job_ms: f64) -> f64 {
        let mut busy: Vec<Option<(JobId, u32, f64)>> = vec![None; workers as usize];
        let mut now = b.log.last().map_or(0.0, |l| l.t_ms);
        while !b.all_ready() && now < 100_000.0 {
            for (w, slot) in busy.iter_mut().enumerate() {
                if let Some((id, attempt, end)) = *slot {
                    if end <= now {
                        let out = b.jobs[id].spec.run(attempt);
                        b.finish(id, now, out);
                        *slot = None;
                    }
                }
                if slot.is_none() {
                    *slot = b.take(w as u32, now).map(|(id, a)| (id, a, now + job_ms));
                }
            }
            now += 1.0;
        }
        now
    }

    #[test]
    fn delay_is_not_ready_at_once_and_gives_eight_later() {
        let mut b = Broker::new();
        let id = b.send(JobSpec::add(4, 4), 0.0, 0.0);
        assert!(!b.ready(id));
        assert_eq!(b.result(id), None);
        drive(&mut b, 1, 100.0);
        assert!(b.ready(id));
        assert_eq!(b.result(id), Some(Ok(8)));
        assert!(delay_verdict(false, 5, b.result(id), JobSpec::add(4, 4)).0);
        assert!(!delay_verdict(true, 0, b.result(id), JobSpec::add(4, 4)).0);
        assert!(!delay_verdict(false, 5, Some(Ok(7)), JobSpec::add(4, 4)).0);
    }

    #[test]
    fn a_countdown_is_not_taken_before_its_eta() {
        let mut b = Broker::new();
        let id = b.send(JobSpec::add(1, 2), 10.0, 2000.0);
        assert_eq!(b.take(0, 2009.0), None);
        assert_eq!(b.next_eta(), Some(2010.0));
        assert_eq!(b.take(0, 2010.0), Some((id, 1)));
        b.finish(id, 2020.0, Ok(3));
        let (holds, value) = countdown_verdict(&b.jobs[id], 2000.0);
        assert!(holds);
        assert_eq!(value, "started 2000 ms after it was sent (countdown 2000 ms)");
    }

    #[test]
    fn the_earliest_due_job_goes_first_and_workers_share_the_queue() {
        let mut b = Broker::new();
        let late = b.send(JobSpec::add(1, 1), 0.0, 300.0);
        let now = b.send(JobSpec::add(2, 2), 0.0, 0.0);
        let also = b.send(JobSpec::add(3, 3), 0.0, 0.0);
        assert_eq!(b.take(0, 0.0), Some((now, 1)));
        assert_eq!(b.take(1, 0.0), Some((also, 1)));
        assert_eq!(b.take(2, 0.0), None);
        drive(&mut b, 2, 50.0);
        assert_eq!(b.result(late), Some(Ok(2)));
        assert!(b.jobs[late].attempts[0].started_ms >= 300.0);
    }

    #[test]
    fn a_flaky_job_is_retried_after_its_delay_until_it_succeeds() {
        let mut b = Broker::new();
        let id = b.send(retrying(2, 3), 0.0, 0.0);
        drive(&mut b, 1, 100.0);
        let job = &b.jobs[id];
        assert_eq!(job.attempts.len(), 3);
        assert_eq!(job.state, JobState::Success(8));
        // Attempts end at 100 and 700; retries are due 500 ms after each.
        assert_eq!(job.attempts.iter().map(|a| a.started_ms).collect::<Vec<_>>(), vec![0.0, 600.0, 1200.0]);
        let (holds, value) = retry_verdict(job);
        assert!(holds, "{value}");
        assert_eq!(
            value,
            "3 attempts, succeeded with 8; retries came at least 500 ms after a failure (delay 500 ms)"
        );
    }

    #[test]
    fn out_of_retries_the_job_fails_for_good() {
        let mut b = Broker::new();
        let id = b.send(retrying(3, 1), 0.0, 0.0);
        drive(&mut b, 2, 10.0);
        let job = &b.jobs[id];
        assert_eq!(job.attempts.len(), 2);
        assert_eq!(job.state, JobState::Failure("attempt 2 failed".into()));
        assert!(b.ready(id));
        assert!(retry_verdict(job).0);
        // A record that claims success where the policy says failure does not hold.
        let mut wrong = job.clone();
        wrong.state = JobState::Success(8);
        assert!(!retry_verdict(&wrong).0);
    }

    #[test]
    fn a_retry_sooner_than_its_delay_does_not_hold() {
        let mut b = Broker::new();
        let id = b.send(retrying(1, 2), 0.0, 0.0);
        drive(&mut b, 1, 10.0);
        let mut job = b.jobs[id].clone();
        assert!(retry_verdict(&job).0);
        job.attempts[1].started_ms = 100.0;
        assert!(!retry_verdict(&job).0);
    }

    #[test]
    fn a_periodic_job_is_judged_on_its_intervals() {
        let every = Every { period_ms: 1000.0, times: 3 };
        assert_eq!(every.due(5.0, 2), 3005.0);
        let v = every_verdict(every, 0.0, &[1004.0, 2001.0, 3010.0]);
        assert_eq!(v.intervals_ms, vec![1004.0, 997.0, 1009.0]);
        assert_eq!(v.jitter_ms, 9.0);
        assert!(v.holds);
        assert_eq!(v.value, "3 runs, every 1003 ms on average (asked 1000 ms), jitter at most 9 ms");
        assert!(!every_verdict(every, 0.0, &[1004.0, 2001.0]).holds, "a run missing");
        assert!(!every_verdict(every, 0.0, &[990.0, 2001.0, 3001.0]).holds, "a run before it was due");
        assert!(!every_verdict(every, 0.0, &[1004.0, 2300.0, 3001.0]).holds, "an interval far off");
    }

    #[test]
    fn fields_are_validated() {
        assert_eq!(parse_workers("2", 4), Ok(2));
        assert!(parse_workers("3", 2).is_err(), "no more workers than cores");
        assert!(parse_workers("9", 16).is_err(), "at most MAX_WORKERS");
        assert!(parse_workers("0", 4).is_err());
        assert!(parse_workers("nine", 4).is_err());
        assert_eq!(parse_retry("2", "3", "500"), (Ok(2), Ok(3), Ok(500.0)));
        assert!(parse_retry("6", "3", "500").0.is_err());
        assert!(parse_retry("1", "3", "50").2.is_err());
        assert_eq!(parse_every("1", "3"), (Ok(1.0), Ok(3)));
        assert!(parse_every("0.1", "3").0.is_err());
        assert!(parse_every("1", "1").1.is_err());
    }
}
