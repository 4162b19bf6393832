//! The event-loop lag meter and the three ways of spending time that page 1 compares.
//!
//! A heartbeat timer asks to fire every [`BEAT_MS`] milliseconds; how late each beat fires is the
//! event loop's lag: the time the loop was too busy to run a ready callback. A frame counter
//! (`requestAnimationFrame`) counts frames drawn. Both only ever report what they measured.

use super::{busy, clock};
use gloo_timers::future::TimeoutFuture;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The heartbeat's interval, in milliseconds.
pub const BEAT_MS: f64 = 20.0;

/// How much CPU work one chunk does before yielding, in the chunked approach.
pub const CHUNK_MS: f64 = 10.0;

/// The shortest and longest duration the page accepts, in milliseconds.
pub const DURATION_RANGE_MS: (f64, f64) = (100.0, 10_000.0);

/// One heartbeat: when it fired and how late it was.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Beat {
    /// When the beat fired (`performance.now()` milliseconds).
    pub at_ms: f64,
    /// How much later than asked it fired, in milliseconds.
    pub lag_ms: f64,
}

struct MeterState {
    beats: RefCell<Vec<Beat>>,
    frames: RefCell<Vec<f64>>,
    running: Cell<bool>,
}

/// A running heartbeat plus frame counter. Cloning shares it; [`LagMeter::stop`] ends both loops.
#[derive(Clone)]
pub struct LagMeter {
    state: Rc<MeterState>,
}

impl PartialEq for LagMeter {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

/// Keeps at most this many samples of each kind (a few minutes of beats).
const KEEP: usize = 20_000;

impl LagMeter {
    /// Starts the heartbeat and the frame counter now.
    pub fn start() -> LagMeter {
        let state = Rc::new(MeterState {
            beats: RefCell::new(Vec::new()),
            frames: RefCell::new(Vec::new()),
            running: Cell::new(true),
        });
        let s = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            while s.running.get() {
                let asked = clock::now() + BEAT_MS;
                TimeoutFuture::new(BEAT_MS as u32).await;
                let at = clock::now();
                let mut beats = s.beats.borrow_mut();
                if beats.len() >= KEEP {
                    beats.drain(..KEEP / 2);
                }
                beats.push(Beat { at_ms: at, lag_ms: (at - asked).max(0.0) });
            }
        });
        request_frames(state.clone());
        LagMeter { state }
    }

    /// Stops both loops (they end at their next tick).
    pub fn stop(&self) {
        self.state.running.set(false);
    }

    /// The most recent beat, if any.
    pub fn last_beat(&self) -> Option<Beat> {
        self.state.beats.borrow().last().copied()
    }

    /// The largest lag of the beats that fired in `[from_ms, to_ms]`.
    pub fn max_lag_between(&self, from_ms: f64, to_ms: f64) -> Option<f64> {
        self.state
            .beats
            .borrow()
            .iter()
            .filter(|b| b.at_ms >= from_ms && b.at_ms <= to_ms)
            .map(|b| b.lag_ms)
            .fold(None, |m: Option<f64>, l| Some(m.map_or(l, |m| m.max(l))))
    }

    /// Beats from `from_ms` on (for the meter's sparkline).
    pub fn beats_since(&self, from_ms: f64) -> Vec<Beat> {
        self.state.beats.borrow().iter().filter(|b| b.at_ms >= from_ms).copied().collect()
    }

    /// Frames drawn strictly inside `(from_ms, to_ms)`, and the longest gap between two frames
    /// from the last one before the window to the first one after it.
    pub fn frames_between(&self, from_ms: f64, to_ms: f64) -> (usize, f64) {
        let frames = self.state.frames.borrow();
        let count = frames.iter().filter(|&&t| t > from_ms && t < to_ms).count();
        let first = frames.iter().rposition(|&t| t <= from_ms).unwrap_or(0);
        let last = frames.iter().position(|&t| t >= to_ms).unwrap_or(frames.len().saturating_sub(1));
        let longest =
            frames.get(first..=last).unwrap_or(&[]).windows(2).map(|w| w[1] - w[0]).fold(0.0, f64::max);
        (count, longest)
    }
}

fn request_frames(state: Rc<MeterState>) {
    if !state.running.get() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    // Stamped when the callback runs (not with the frame's start time, which can precede it),
    // so a frame that waited for a busy thread counts as drawn after the wait.
    let cb = Closure::once_into_js(move |_frame_start: f64| {
        let t = clock::now();
        {
            let mut frames = state.frames.borrow_mut();
            if frames.len() >= KEEP {
                frames.drain(..KEEP / 2);
            }
            frames.push(t);
        }
        request_frames(state);
    });
    let _ = window.request_animation_frame(cb.unchecked_ref());
}

/// The three ways page 1 spends `ms` milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approach {
    /// `busy_for(ms)`: a busy-wait on the main thread, like `time.sleep` in a coroutine.
    Block,
    /// `TimeoutFuture::new(ms).await`: the task waits on a timer; the loop is free.
    Await,
    /// The same CPU work as `Block`, in [`CHUNK_MS`] chunks with a `setTimeout(0)` yield between.
    Chunked,
}

impl Approach {
    /// What the page calls it.
    pub fn label(self) -> &'static str {
        match self {
            Approach::Block => "Block (busy-wait)",
            Approach::Await => "Await a timer",
            Approach::Chunked => "Chunked CPU work",
        }
    }
}

/// What one measured run saw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LagReport {
    /// Which approach ran.
    pub approach: Approach,
    /// The duration asked for, in milliseconds.
    pub asked_ms: f64,
    /// How long the approach really took, start to end, in milliseconds.
    pub took_ms: f64,
    /// The largest heartbeat lag seen during the run (up to one beat after it).
    pub max_lag_ms: f64,
    /// Frames drawn during the run.
    pub frames: usize,
    /// The longest gap between two frames during the run, in milliseconds.
    pub longest_frame_gap_ms: f64,
    /// Chunks of CPU work done (1 for `Block`, 0 for `Await`).
    pub chunks: u32,
}

/// Checks the duration field: a number of milliseconds within [`DURATION_RANGE_MS`].
pub fn parse_duration(text: &str) -> Result<f64, String> {
    let (lo, hi) = DURATION_RANGE_MS;
    let v: f64 = text.trim().parse().map_err(|_| format!("Enter a number of milliseconds ({lo}–{hi})."))?;
    if !v.is_finite() || v < lo || v > hi {
        return Err(format!("Choose between {lo} and {hi} ms."));
    }
    Ok(v)
}

/// Runs `approach` for `ms` milliseconds on this thread while `meter` watches, then waits for the
/// heartbeat to fire once more (so a beat delayed by the run is counted) and reports.
pub async fn measure(meter: &LagMeter, approach: Approach, ms: f64) -> LagReport {
    // Start on a fresh beat so the run's window is not polluted by earlier work.
    TimeoutFuture::new(0).await;
    let t0 = clock::now();
    let mut chunks = 0;
    match approach {
        Approach::Block => {
            busy::busy_for(ms, 7);
            chunks = 1;
        }
        Approach::Await => TimeoutFuture::new(ms.round() as u32).await,
        Approach::Chunked => {
            let mut done = 0.0;
            while done < ms {
                let slice = CHUNK_MS.min(ms - done);
                let t = clock::now();
                busy::busy_for(slice, u64::from(chunks));
                done += clock::now() - t;
                chunks += 1;
                // Yield: let timers, input and frames run before the next chunk.
                TimeoutFuture::new(0).await;
            }
        }
    }
    let t1 = clock::now();
    // A beat that was due during the run fires right after it; give it time to land.
    TimeoutFuture::new((2.0 * BEAT_MS) as u32).await;
    let end = clock::now();
    let (frames, longest) = meter.frames_between(t0, t1);
    LagReport {
        approach,
        asked_ms: ms,
        took_ms: t1 - t0,
        max_lag_ms: meter.max_lag_between(t0, end).unwrap_or(0.0),
        frames,
        longest_frame_gap_ms: longest,
        chunks,
    }
}
