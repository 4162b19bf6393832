//! Event-loop lag: how late a heartbeat timer fires.
//!
//! The web layer arms a short timer again and again while a run goes on; each time it fires it
//! records how much later than asked it ran. A loop that is never blocked fires within a
//! millisecond or so; a task that holds the thread for 300 ms makes one heartbeat ~300 ms late.

use serde::{Deserialize, Serialize};

/// Summary of heartbeat lateness over one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LagStats {
    /// Heartbeats measured.
    pub samples: usize,
    /// The latest any heartbeat fired, in milliseconds.
    pub worst_ms: f64,
    /// Mean lateness.
    pub mean_ms: f64,
    /// 95th percentile lateness (nearest rank).
    pub p95_ms: f64,
}

/// How late a timer due at `due_ms` was when it ran at `fired_ms` (never negative: browsers may
/// round a timer's start down by a fraction of a millisecond).
pub fn lateness(due_ms: f64, fired_ms: f64) -> f64 {
    (fired_ms - due_ms).max(0.0)
}

/// Summarises lateness samples (milliseconds).
pub fn stats(samples: &[f64]) -> LagStats {
    if samples.is_empty() {
        return LagStats::default();
    }
    let mut sorted = samples.to_vec();
    crate::sort::sort_by(&mut sorted, f64::total_cmp);
    let n = sorted.len();
    let rank = ((0.95 * n as f64).ceil() as usize).clamp(1, n);
    LagStats {
        samples: n,
        worst_ms: sorted[n - 1],
        mean_ms: sorted.iter().sum::<f64>() / n as f64,
        p95_ms: sorted[rank - 1],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_summarise_lateness() {
        assert_eq!(stats(&[]), LagStats::default());
        let mut s: Vec<f64> = (0..20).map(|_| 1.0).collect();
        s.push(300.0);
        let st = stats(&s);
        assert_eq!(st.samples, 21);
        assert_eq!(st.worst_ms, 300.0);
        assert_eq!(st.p95_ms, 1.0);
        assert!((st.mean_ms - 320.0 / 21.0).abs() < 1e-9);
        assert_eq!(lateness(10.0, 9.8), 0.0);
        assert_eq!(lateness(10.0, 12.5), 2.5);
    }
}
