//! Chapter 8's models, verdicts and presets: a rendezvous channel whose consumer ends when it
//! closes, and handing blocking work to a worker (`to_thread`) judged by how the page's event
//! loop fared meanwhile.

pub mod rendezvous;

use crate::lag::LagStats;
use crate::sync_presets::SyncPreset;

/// The presets this chapter adds.
pub fn presets() -> Vec<SyncPreset> {
    Vec::new()
}

/// The producer's values, one every [`SEND_EVERY_MS`].
pub const VALUES: u32 = 5;
/// Time between the producer's values, ms (the tutorial's 1 s).
pub const SEND_EVERY_MS: f64 = 1000.0;
/// Slack a browser's timers may add before the run counts as late, ms.
pub const SLACK_MS: f64 = 400.0;

/// What happened in the channel demo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelEvent {
    /// The consumer received this value.
    Got(u32),
    /// The producer's send of this value returned.
    Sent(u32),
    /// The producer closed its end.
    Closed,
    /// The consumer's loop ended.
    ConsumerEnded,
    /// The group (nursery) ended: "Done!".
    Done,
}

impl ChannelEvent {
    /// The line in words.
    pub fn words(self) -> String {
        match self {
            ChannelEvent::Got(v) => format!("consumer got {v}"),
            ChannelEvent::Sent(v) => format!("producer: send({v}) returned"),
            ChannelEvent::Closed => "producer done: its end closed".into(),
            ChannelEvent::ConsumerEnded => "consumer: the channel closed, its loop ended".into(),
            ChannelEvent::Done => "Done!".into(),
        }
    }
}

/// One timed line of the channel demo (ms since it started).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelLine {
    /// When, ms.
    pub t_ms: f64,
    /// What.
    pub what: ChannelEvent,
}

/// Whether the channel demo shows the claim: each send returned only after its value was
/// received, the consumer ended after the producer closed, "Done!" came last and after about
/// [`VALUES`] × [`SEND_EVERY_MS`]. The value says so in words.
pub fn channel_reading(lines: &[ChannelLine]) -> (String, bool) {
    let at = |e: ChannelEvent| lines.iter().position(|l| l.what == e);
    let after = |a: Option<usize>, b: Option<usize>| matches!((a, b), (Some(a), Some(b)) if a < b);
    let paired = (0..VALUES).all(|v| after(at(ChannelEvent::Got(v)), at(ChannelEvent::Sent(v))));
    let closed = at(ChannelEvent::Closed);
    let ended = at(ChannelEvent::ConsumerEnded);
    let done = at(ChannelEvent::Done);
    let wall = VALUES as f64 * SEND_EVERY_MS;
    let done_ms = done.map(|i| lines[i].t_ms);
    let holds = paired
        && after(at(ChannelEvent::Sent(VALUES - 1)), closed)
        && after(closed, ended)
        && done == Some(lines.len().saturating_sub(1))
        && after(ended, done)
        && done_ms.is_some_and(|t| t >= wall && t <= wall + SLACK_MS);
    let value = format!(
        "{}; the consumer ended {}; Done! {}",
        if paired { "each send returned after its receive" } else { "a send returned before its receive" },
        if after(closed, ended) { "when the channel closed" } else { "without a close" },
        done_ms.map_or("never".into(), |t| format!("at {t:.0} ms, last")),
    );
    (value, holds)
}

/// Blocking CPU work in the `to_thread` demo, ms (units of ≈ 1 ms on this machine).
pub const WORK_MS: f64 = 500.0;

/// The event loop's heartbeat while the same blocking work ran on the page and on a worker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Handoff {
    /// The work asked for, ms.
    pub work_ms: f64,
    /// Heartbeat while the page's own thread did the work.
    pub on_page: LagStats,
    /// Wall time of the work on the page, ms.
    pub page_wall_ms: f64,
    /// Heartbeat while a worker did it and the page awaited the answer.
    pub on_worker: LagStats,
    /// Wall time from handing the work over to getting the answer, ms.
    pub worker_wall_ms: f64,
}

/// What the demo shows, in words, and whether it shows the claim: the page's loop kept ticking
/// (its worst lag under a quarter of the blocked loop's) while a worker did the work, and the
/// work done on the page really held the loop (a beat at least half the work late).
pub fn to_thread_reading(h: &Handoff) -> (String, bool) {
    let blocked = h.on_page.worst_ms >= 0.5 * h.work_ms;
    let free = h.on_worker.worst_ms < h.on_page.worst_ms / 4.0 && h.on_worker.samples > h.on_page.samples;
    (
        format!(
            "on a worker: {}, worst lag {:.0} ms; on the page: {}, worst lag {:.0} ms",
            crate::words::plural(h.on_worker.samples, "tick", "ticks"),
            h.on_worker.worst_ms,
            crate::words::plural(h.on_page.samples, "tick", "ticks"),
            h.on_page.worst_ms
        ),
        blocked && free,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lag(samples: usize, worst_ms: f64) -> LagStats {
        LagStats { samples, worst_ms, mean_ms: worst_ms / 2.0, p95_ms: worst_ms }
    }

    fn handoff(on_page: LagStats, on_worker: LagStats) -> Handoff {
        Handoff { work_ms: WORK_MS, on_page, page_wall_ms: 501.0, on_worker, worker_wall_ms: 520.0 }
    }

    fn channel_run(done_ms: f64) -> Vec<ChannelLine> {
        let mut lines = Vec::new();
        for v in 0..VALUES {
            let t = f64::from(v + 1) * SEND_EVERY_MS;
            lines.push(ChannelLine { t_ms: t, what: ChannelEvent::Got(v) });
            lines.push(ChannelLine { t_ms: t + 0.1, what: ChannelEvent::Sent(v) });
        }
        for what in [ChannelEvent::Closed, ChannelEvent::ConsumerEnded] {
            lines.push(ChannelLine { t_ms: done_ms - 0.1, what });
        }
        lines.push(ChannelLine { t_ms: done_ms, what: ChannelEvent::Done });
        lines
    }

    #[test]
    fn a_rendezvous_run_holds_and_a_send_before_its_receive_does_not() {
        let (value, holds) = channel_reading(&channel_run(5001.0));
        assert!(holds, "{value}");
        assert_eq!(
            value,
            "each send returned after its receive; the consumer ended when the channel closed; Done! at 5001 ms, last"
        );
        let mut buffered = channel_run(5001.0);
        buffered.swap(0, 1);
        assert!(!channel_reading(&buffered).1);
        assert!(!channel_reading(&channel_run(6000.0)).1, "too late for five 1 s gaps");
        let mut no_close = channel_run(5001.0);
        no_close.retain(|l| l.what != ChannelEvent::Closed);
        assert!(!channel_reading(&no_close).1);
    }

    #[test]
    fn a_free_loop_beside_a_blocked_one_holds() {
        let (words, holds) = to_thread_reading(&handoff(lag(1, 495.0), lag(48, 6.0)));
        assert!(holds);
        assert_eq!(words, "on a worker: 48 ticks, worst lag 6 ms; on the page: 1 tick, worst lag 495 ms");
    }

    #[test]
    fn a_loop_held_during_the_handoff_does_not() {
        assert!(!to_thread_reading(&handoff(lag(1, 495.0), lag(2, 300.0))).0.is_empty());
        assert!(!to_thread_reading(&handoff(lag(1, 495.0), lag(2, 300.0))).1);
    }

    #[test]
    fn work_that_never_blocked_the_page_proves_nothing() {
        assert!(!to_thread_reading(&handoff(lag(50, 4.0), lag(48, 0.5))).1);
    }
}
