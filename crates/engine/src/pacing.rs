//! When a live view may take an animation frame for its update.
//!
//! A big run fills the page's thread with its own work (10,000 tasks' timers) for stretches of
//! several frames. An update drawn in such a frame makes it longer still, so a view's pending
//! update waits for a frame that follows a short one, but never longer than [`FrameGate::MAX_WAIT_MS`]:
//! the views keep moving however busy the run is.

/// Decides, frame by frame, whether waiting work may run in this frame.
#[derive(Clone, Debug, Default)]
pub struct FrameGate {
    last_frame: Option<f64>,
    waiting_since: Option<f64>,
}

impl FrameGate {
    /// A gap between frames longer than this (two frames at 60 Hz) means the thread was busy.
    pub const BUSY_GAP_MS: f64 = 34.0;
    /// Work waits for a quiet frame at most this long.
    pub const MAX_WAIT_MS: f64 = 250.0;

    /// A gate that has seen no frame.
    pub fn new() -> Self {
        Self::default()
    }

    /// Notes the animation frame at `ts` (ms; call once per frame) and says whether work may run
    /// in it: `false` when there is none (`waiting` is false), or when the last frame gap was
    /// long and the work has waited less than [`FrameGate::MAX_WAIT_MS`].
    pub fn frame(&mut self, ts: f64, waiting: bool) -> bool {
        let gap = self.last_frame.map_or(0.0, |last| ts - last);
        self.last_frame = Some(ts);
        if !waiting {
            self.waiting_since = None;
            return false;
        }
        let since = *self.waiting_since.get_or_insert(ts);
        let go = gap <= Self::BUSY_GAP_MS || ts - since >= Self::MAX_WAIT_MS;
        if go {
            self.waiting_since = None;
        }
        go
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_runs_at_once_while_frames_are_short() {
        let mut g = FrameGate::new();
        assert!(!g.frame(0.0, false), "nothing to run");
        assert!(g.frame(16.7, true));
        assert!(g.frame(33.4, true));
    }

    #[test]
    fn work_waits_for_a_frame_after_a_short_one() {
        let mut g = FrameGate::new();
        g.frame(0.0, false);
        assert!(!g.frame(60.0, true), "the last frame was long: wait");
        assert!(!g.frame(120.0, true), "and again");
        assert!(g.frame(136.0, true), "a short frame: run");
    }

    /// Guards the views against freezing: under a run that keeps every frame long, an update
    /// still goes out after at most MAX_WAIT_MS.
    #[test]
    fn work_never_waits_longer_than_the_limit() {
        let mut g = FrameGate::new();
        g.frame(0.0, false);
        let mut ts = 0.0;
        let mut ran = Vec::new();
        for _ in 0..40 {
            ts += 60.0;
            if g.frame(ts, true) {
                ran.push(ts);
            }
        }
        assert!(!ran.is_empty());
        // It waits from its first frame (60): the first frame at least 250 ms later runs it.
        assert_eq!(ran[0], 360.0);
        // Each next update waits from the frame after the last ran: at most the limit plus two
        // of these long frames apart.
        for w in ran.windows(2) {
            assert!(w[1] - w[0] <= FrameGate::MAX_WAIT_MS + 2.0 * 60.0, "{w:?}");
        }
        assert!(ran.len() >= 6, "{ran:?}");
    }
}
