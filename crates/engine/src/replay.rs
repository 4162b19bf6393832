//! Replaying a recorded run on a virtual clock: a cursor over the log's events in time order,
//! stepping to the next or previous event, dragging to any time (clamped), and playing at a
//! speed. The page only feeds real frame times to [`Player::tick`] and draws [`Replay::prefix`].

use crate::event::EventLog;

/// Speeds a reader can pick (virtual ms per real ms).
pub const SPEEDS: [f64; 7] = [0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 10.0];
/// Longest frame gap a tick honours, ms: after a hidden tab or a breakpoint, playback resumes
/// where it was instead of leaping ahead.
pub const MAX_TICK_MS: f64 = 100.0;

/// A recorded log, ordered by time for replay.
#[derive(Clone, Debug, PartialEq)]
pub struct Replay {
    log: EventLog,
    end_ms: f64,
}

impl Replay {
    /// Prepares `log` for replay. Events are sorted by time, keeping recorded order among equal
    /// times (events converted from workers' clocks can arrive slightly out of order).
    pub fn new(log: &EventLog) -> Self {
        let mut log = log.clone();
        log.events.retain(|e| e.t_ms.is_finite());
        crate::sort::sort_by(&mut log.events, |a, b| a.t_ms.total_cmp(&b.t_ms));
        let end_ms = log.events.last().map_or(0.0, |e| e.t_ms.max(0.0));
        Self { log, end_ms }
    }

    /// Time of the last event, ms.
    pub fn end_ms(&self) -> f64 {
        self.end_ms
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.log.events.len()
    }

    /// Whether there is nothing to replay.
    pub fn is_empty(&self) -> bool {
        self.log.events.is_empty()
    }

    /// `t` limited to the recording: from 0 to [`Replay::end_ms`] (NaN counts as 0).
    pub fn clamp(&self, t: f64) -> f64 {
        if t.is_nan() {
            0.0
        } else {
            t.clamp(0.0, self.end_ms)
        }
    }

    /// How many events happened at or before `t`.
    pub fn count_at(&self, t: f64) -> usize {
        let t = self.clamp(t);
        self.log.events.partition_point(|e| e.t_ms <= t)
    }

    /// The log as it stood at time `t`: the events at or before it.
    pub fn prefix(&self, t: f64) -> EventLog {
        let k = self.count_at(t);
        EventLog {
            task_names: self.log.task_names.clone(),
            task_steps: self.log.task_steps.clone(),
            events: self.log.events[..k].to_vec(),
            resources: self.log.resources.clone(),
        }
    }

    /// Time of the first event after `t` (the end if there is none): "step forward".
    pub fn next_time(&self, t: f64) -> f64 {
        let t = self.clamp(t);
        self.log.events.iter().map(|e| e.t_ms).find(|&x| x > t).unwrap_or(self.end_ms)
    }

    /// Time of the last event before `t` (0 if there is none): "step back".
    pub fn prev_time(&self, t: f64) -> f64 {
        let t = self.clamp(t);
        let k = self.log.events.partition_point(|e| e.t_ms < t);
        self.log.events[..k].last().map_or(0.0, |e| e.t_ms.max(0.0))
    }
}

/// The virtual clock: where the replay is, whether it plays, and how fast.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Player {
    /// The replay's time, ms since the run started.
    pub t_ms: f64,
    /// Whether it is playing.
    pub playing: bool,
    /// Virtual ms per real ms.
    pub speed: f64,
}

impl Default for Player {
    fn default() -> Self {
        Self { t_ms: 0.0, playing: false, speed: 1.0 }
    }
}

impl Player {
    /// Starts playing; from the start again if it is at the end.
    pub fn play(&mut self, r: &Replay) {
        if self.t_ms >= r.end_ms() {
            self.t_ms = 0.0;
        }
        self.playing = true;
    }

    /// Pauses.
    pub fn pause(&mut self) {
        self.playing = false;
    }

    /// Jumps to `t` (clamped), as dragging the scrubber does.
    pub fn seek(&mut self, r: &Replay, t: f64) {
        self.t_ms = r.clamp(t);
    }

    /// Pauses and moves to the next event.
    pub fn step_forward(&mut self, r: &Replay) {
        self.playing = false;
        self.t_ms = r.next_time(self.t_ms);
    }

    /// Pauses and moves to the previous event.
    pub fn step_back(&mut self, r: &Replay) {
        self.playing = false;
        self.t_ms = r.prev_time(self.t_ms);
    }

    /// Sets the speed (limited to the range of [`SPEEDS`]; anything not finite is 1×).
    pub fn set_speed(&mut self, speed: f64) {
        self.speed = if speed.is_finite() { speed.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]) } else { 1.0 };
    }

    /// Advances by `real_dt_ms` of real time (capped at [`MAX_TICK_MS`]) while playing; stops at
    /// the end. Returns whether the time changed.
    pub fn tick(&mut self, r: &Replay, real_dt_ms: f64) -> bool {
        if !self.playing {
            return false;
        }
        let dt = if real_dt_ms.is_finite() { real_dt_ms.clamp(0.0, MAX_TICK_MS) } else { 0.0 };
        let before = self.t_ms;
        self.t_ms = r.clamp(self.t_ms + dt * self.speed);
        if self.t_ms >= r.end_ms() {
            self.playing = false;
        }
        self.t_ms != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventKind, Lane, TaskId};

    fn log() -> EventLog {
        let mut l = EventLog::new(vec!["a".into(), "b".into()], vec![1, 1]);
        let wait = |until_ms| EventKind::Awaiting { step: Some(0), until_ms };
        l.push(0.0, TaskId(0), Lane::EventLoop, EventKind::Spawned);
        l.push(0.0, TaskId(1), Lane::EventLoop, EventKind::Spawned);
        l.push(1.0, TaskId(0), Lane::EventLoop, wait(11.0));
        // Out of order, as a worker's converted clock can be.
        l.push(2.5, TaskId(1), Lane::Worker(0), wait(12.0));
        l.push(2.0, TaskId(1), Lane::Worker(0), EventKind::StepStarted { step: 0, of: 1, work: false });
        l.push(11.0, TaskId(0), Lane::EventLoop, EventKind::Finished);
        l.push(12.0, TaskId(1), Lane::Worker(0), EventKind::Finished);
        l
    }

    #[test]
    fn the_cursor_shows_events_up_to_the_time() {
        let r = Replay::new(&log());
        assert_eq!((r.len(), r.end_ms()), (7, 12.0));
        assert_eq!(r.count_at(0.0), 2, "both events at 0 ms");
        assert_eq!(r.count_at(2.2), 4);
        let p = r.prefix(2.6);
        assert_eq!(p.events.len(), 5);
        assert!(p.events.windows(2).all(|w| w[0].t_ms <= w[1].t_ms), "sorted by time");
        assert_eq!(p.task_names, ["a", "b"]);
        assert_eq!(r.count_at(-5.0), 2);
        assert_eq!(r.count_at(f64::NAN), 2);
        assert_eq!(r.count_at(1e9), 7);
    }

    #[test]
    fn stepping_visits_every_event_time_and_clamps() {
        let r = Replay::new(&log());
        let mut p = Player::default();
        let mut seen = vec![p.t_ms];
        for _ in 0..10 {
            p.step_forward(&r);
            seen.push(p.t_ms);
        }
        assert_eq!(seen[..6], [0.0, 1.0, 2.0, 2.5, 11.0, 12.0]);
        assert!(seen[6..].iter().all(|t| *t == 12.0), "stays at the end");
        p.step_back(&r);
        assert_eq!(p.t_ms, 11.0);
        p.seek(&r, 5.0);
        p.step_back(&r);
        assert_eq!(p.t_ms, 2.5);
        p.seek(&r, -3.0);
        assert_eq!(p.t_ms, 0.0);
        p.step_back(&r);
        assert_eq!(p.t_ms, 0.0);
        p.seek(&r, 99.0);
        assert_eq!(p.t_ms, 12.0);
    }

    #[test]
    fn playing_follows_real_time_at_the_speed_and_stops_at_the_end() {
        let r = Replay::new(&log());
        let mut p = Player::default();
        assert!(!p.tick(&r, 16.0), "paused: no change");
        p.play(&r);
        p.set_speed(0.25);
        assert!(p.tick(&r, 16.0));
        assert_eq!(p.t_ms, 4.0);
        p.tick(&r, 5_000.0); // a long gap counts as MAX_TICK_MS: 25 ms at 0.25×
        assert_eq!(p.t_ms, 12.0);
        assert!(!p.playing, "stopped at the end");
        p.play(&r);
        assert_eq!((p.t_ms, p.playing), (0.0, true), "play at the end starts over");
        p.set_speed(f64::NAN);
        assert_eq!(p.speed, 1.0);
        p.set_speed(1e6);
        assert_eq!(p.speed, 10.0);
        assert!(!p.tick(&r, f64::NAN));
        p.pause();
        assert!(!p.playing);
    }

    #[test]
    fn an_empty_log_replays_as_nothing() {
        let r = Replay::new(&EventLog::default());
        let mut p = Player::default();
        p.play(&r);
        p.tick(&r, 16.0);
        p.step_forward(&r);
        assert_eq!((r.is_empty(), r.end_ms(), p.t_ms, p.playing), (true, 0.0, 0.0, false));
    }
}
