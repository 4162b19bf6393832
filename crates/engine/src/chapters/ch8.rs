//! Chapter 8's models, verdicts and presets: handing blocking work to a worker (`to_thread`)
//! judged by how the page's event loop fared meanwhile.

use crate::lag::LagStats;
use crate::sync_presets::SyncPreset;

/// The presets this chapter adds.
pub fn presets() -> Vec<SyncPreset> {
    Vec::new()
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
