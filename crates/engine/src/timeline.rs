//! Timeline maths: an incremental segment tracker fed while a run goes on, the time scale and
//! its ticks, and the aggregation of segments narrower than a pixel (so 10,000 tasks draw fast).

use crate::event::{Event, EventKind, Lane, TaskId};
use crate::metrics::{Metrics, Outcome, Segment, SegmentKind, TaskMetrics};

/// A task's current, not yet closed state.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Open {
    lane: Lane,
    kind: SegmentKind,
    since: f64,
    due: Option<f64>,
}

/// Builds the same segments as [`crate::metrics::segments`], but incrementally: feed it the new
/// events of a growing log each frame and it does work proportional to those events only.
/// Segments are kept per task (for the task's swimlane) and per lane (who holds the thread).
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    consumed: usize,
    open: Vec<Option<Open>>,
    per_task: Vec<Vec<Segment>>,
    holders: Vec<(Lane, Vec<Segment>)>,
    tasks: Vec<TaskMetrics>,
    first: Vec<Option<f64>>,
    last: Vec<Option<f64>>,
    polled: Vec<bool>,
    t_first: Option<f64>,
    t_last: f64,
    in_flight: usize,
    peak_concurrency: usize,
    /// The tasks in an open running state, with their lane: a handful, so finding who holds a
    /// lane now does not look at every task.
    running: Vec<(Lane, u32)>,
}

impl Tracker {
    /// A tracker for a log of `n_tasks` tasks.
    pub fn new(n_tasks: usize) -> Self {
        Self {
            open: vec![None; n_tasks],
            per_task: vec![Vec::new(); n_tasks],
            tasks: vec![TaskMetrics::default(); n_tasks],
            first: vec![None; n_tasks],
            last: vec![None; n_tasks],
            polled: vec![false; n_tasks],
            ..Self::default()
        }
    }

    /// How many events have been fed so far.
    pub fn consumed(&self) -> usize {
        self.consumed
    }

    /// Number of tasks tracked.
    pub fn n_tasks(&self) -> usize {
        self.per_task.len()
    }

    /// Time of the latest event fed.
    pub fn last_ms(&self) -> f64 {
        self.t_last
    }

    /// Feeds every event of `events` past the ones already fed (pass the whole growing log).
    pub fn feed(&mut self, events: &[Event]) {
        for e in events.get(self.consumed..).unwrap_or(&[]) {
            self.feed_one(e);
        }
        self.consumed = self.consumed.max(events.len());
    }

    fn push_seg(&mut self, s: Segment) {
        if !crate::metrics::kept(s.kind, s.start_ms, s.end_ms) {
            return;
        }
        let list = &mut self.per_task[s.task.0 as usize];
        match list.last_mut() {
            Some(m) if m.lane == s.lane && m.kind == s.kind && m.end_ms >= s.start_ms => m.end_ms = s.end_ms,
            _ => list.push(s),
        }
        let m = &mut self.tasks[s.task.0 as usize];
        match s.kind {
            SegmentKind::Running => m.busy_ms += s.len_ms(),
            SegmentKind::Awaiting => m.idle_ms += s.len_ms(),
            SegmentKind::ReadyWaiting => m.scheduled_ms += s.len_ms(),
        }
        if s.kind == SegmentKind::Running {
            let lane = match self.holders.iter().position(|(l, _)| *l == s.lane) {
                Some(i) => i,
                None => {
                    self.holders.push((s.lane, Vec::new()));
                    crate::sort::sort_by_key(&mut self.holders, |(l, _)| *l);
                    self.holders.iter().position(|(l, _)| *l == s.lane).unwrap_or(0)
                }
            };
            let list = &mut self.holders[lane].1;
            match list.last_mut() {
                Some(m) if m.task == s.task && m.end_ms >= s.start_ms => m.end_ms = m.end_ms.max(s.end_ms),
                _ => list.push(s),
            }
        }
    }

    /// The segments an open state contributes if closed at `t`.
    fn closing(task: TaskId, o: Open, t: f64) -> [Option<Segment>; 2] {
        let seg = |kind, a: f64, b: f64| {
            crate::metrics::kept(kind, a, b).then_some(Segment {
                task,
                lane: o.lane,
                kind,
                start_ms: a,
                end_ms: b,
            })
        };
        match (o.kind, o.due) {
            (SegmentKind::Awaiting, Some(due)) if due < t => {
                let due = due.max(o.since);
                [seg(SegmentKind::Awaiting, o.since, due), seg(SegmentKind::ReadyWaiting, due, t)]
            }
            (kind, _) => [seg(kind, o.since, t), None],
        }
    }

    fn feed_one(&mut self, e: &Event) {
        let i = e.task.0 as usize;
        if i >= self.open.len() {
            return;
        }
        self.t_first.get_or_insert(e.t_ms);
        self.t_last = self.t_last.max(e.t_ms);
        self.first[i].get_or_insert(e.t_ms);
        self.last[i] = Some(e.t_ms);
        if let Some(o) = self.open[i].take() {
            if o.kind == SegmentKind::Running {
                self.running.retain(|r| *r != (o.lane, i as u32));
            }
            for s in Self::closing(e.task, o, e.t_ms).into_iter().flatten() {
                self.push_seg(s);
            }
        }
        let m = &mut self.tasks[i];
        match &e.kind {
            EventKind::Spawned => {
                self.in_flight += 1;
                self.peak_concurrency = self.peak_concurrency.max(self.in_flight);
            }
            EventKind::Resumed { .. } => m.polls += 1,
            EventKind::StepStarted { .. } | EventKind::Awaiting { .. } if !self.polled[i] => {
                self.polled[i] = true;
                m.polls += 1;
            }
            EventKind::Finished | EventKind::Failed { .. } | EventKind::Cancelled { .. } => {
                self.in_flight = self.in_flight.saturating_sub(1);
                m.outcome = Some(match e.kind {
                    EventKind::Finished => Outcome::Finished,
                    EventKind::Failed { .. } => Outcome::Failed,
                    _ => Outcome::Cancelled,
                });
            }
            // Resource and task events change no count here.
            _ => {}
        }
        let next = crate::metrics::state_after(&e.kind);
        self.open[i] = next.map(|(kind, due)| Open { lane: e.lane, kind, since: e.t_ms, due });
        if matches!(next, Some((SegmentKind::Running, _))) {
            self.running.push((e.lane, i as u32));
        }
    }

    /// Task `task`'s segments, with its open state drawn up to `now_ms`.
    pub fn task_segments(&self, task: TaskId, now_ms: f64) -> Vec<Segment> {
        let i = task.0 as usize;
        let mut v = self.per_task.get(i).cloned().unwrap_or_default();
        if let Some(Some(o)) = self.open.get(i) {
            for s in Self::closing(task, *o, now_ms.max(o.since)).into_iter().flatten() {
                match v.last_mut() {
                    Some(m) if m.lane == s.lane && m.kind == s.kind && m.end_ms >= s.start_ms => {
                        m.end_ms = s.end_ms
                    }
                    _ => v.push(s),
                }
            }
        }
        v
    }

    /// The lanes that have had a running task so far, in order.
    pub fn lanes(&self) -> Vec<Lane> {
        self.holders.iter().map(|(l, _)| *l).collect()
    }

    /// Who held `lane`'s thread, in time order (closed segments; the open one drawn up to `now_ms`).
    pub fn holders(&self, lane: Lane, now_ms: f64) -> Vec<Segment> {
        let mut v = self.closed_holders(lane).to_vec();
        v.extend(self.open_holder(lane, now_ms));
        v
    }

    /// The closed "who held the thread" segments of `lane`, without copying them.
    pub fn closed_holders(&self, lane: Lane) -> &[Segment] {
        self.holders.iter().find(|(l, _)| *l == lane).map_or(&[], |(_, s)| s.as_slice())
    }

    /// The task holding `lane`'s thread right now, as a segment up to `now_ms`.
    pub fn open_holder(&self, lane: Lane, now_ms: f64) -> Option<Segment> {
        // The lowest task id running on the lane, as a scan of every task would find.
        let i = self
            .running
            .iter()
            .filter(|(l, i)| *l == lane && self.open[*i as usize].is_some_and(|o| now_ms >= o.since))
            .map(|(_, i)| *i)
            .min()?;
        let o = self.open[i as usize]?;
        Some(Segment { task: TaskId(i), lane, kind: SegmentKind::Running, start_ms: o.since, end_ms: now_ms })
    }

    /// The run's metrics so far; open states count up to `now_ms`.
    pub fn metrics(&self, now_ms: f64) -> Metrics {
        let mut tasks = self.tasks.clone();
        for (i, o) in self.open.iter().enumerate() {
            if let Some(o) = o {
                for s in Self::closing(TaskId(i as u32), *o, now_ms.max(o.since)).into_iter().flatten() {
                    let m = &mut tasks[i];
                    match s.kind {
                        SegmentKind::Running => m.busy_ms += s.len_ms(),
                        SegmentKind::Awaiting => m.idle_ms += s.len_ms(),
                        SegmentKind::ReadyWaiting => m.scheduled_ms += s.len_ms(),
                    }
                }
            }
        }
        for (i, t) in tasks.iter_mut().enumerate() {
            if let (Some(a), Some(b)) = (self.first[i], self.last[i]) {
                let end = if t.outcome.is_some() { b } else { now_ms.max(b) };
                t.total_ms = end - a;
            }
        }
        let mut busy_by_lane: Vec<(Lane, f64)> = Vec::new();
        for (lane, segs) in &self.holders {
            busy_by_lane.push((*lane, segs.iter().map(Segment::len_ms).fold(0.0, |a, b| a + b)));
        }
        for o in &self.open {
            if let Some(o) = o.filter(|o| o.kind == SegmentKind::Running) {
                let extra = (now_ms - o.since).max(0.0);
                match busy_by_lane.iter_mut().find(|(l, _)| *l == o.lane) {
                    Some((_, b)) => *b += extra,
                    None if extra > 0.0 => busy_by_lane.push((o.lane, extra)),
                    None => {}
                }
            }
        }
        crate::sort::sort_by_key(&mut busy_by_lane, |a| a.0);
        // A run with an open task goes on until `now_ms` (as `metrics::compute` says).
        let last = if self.open.iter().any(Option::is_some) { self.t_last.max(now_ms) } else { self.t_last };
        let wall_ms = self.t_first.map_or(0.0, |a| last - a);
        // Running segments of one lane never overlap, so the peak of tasks running at once is the
        // number of lanes busy at one moment; with one lane it is 1 as soon as anything ran.
        if self.holders.len() <= 1 {
            let ran = self.holders.iter().any(|(_, s)| !s.is_empty());
            return Metrics {
                wall_ms,
                busy_by_lane,
                tasks,
                peak_concurrency: self.peak_concurrency,
                peak_running: usize::from(ran),
            };
        }
        let mut edges: Vec<(f64, i32)> = self
            .holders
            .iter()
            .flat_map(|(_, s)| s.iter())
            .filter(|s| s.len_ms() > 0.0)
            .flat_map(|s| [(s.start_ms, 1), (s.end_ms, -1)])
            .collect();
        crate::sort::sort_by(&mut edges, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let (mut cur, mut peak_running) = (0i32, 0i32);
        for (_, d) in edges {
            cur += d;
            peak_running = peak_running.max(cur);
        }
        Metrics {
            wall_ms,
            busy_by_lane,
            tasks,
            peak_concurrency: self.peak_concurrency,
            // A run whose turns all measured 0 ms still had one running at a time.
            peak_running: (peak_running.max(0) as usize).max(usize::from(!self.holders.is_empty())),
        }
    }
}

/// A linear map from time (ms) to x (px).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Time at the left edge.
    pub t0: f64,
    /// Time at the right edge.
    pub t1: f64,
    /// Width in pixels.
    pub width_px: f64,
}

impl Scale {
    /// A scale showing `[t0, t1]` over `width_px` pixels (an empty range is widened to 1 ms).
    pub fn new(t0: f64, t1: f64, width_px: f64) -> Self {
        let t1 = if t1 > t0 { t1 } else { t0 + 1.0 };
        Self { t0, t1, width_px: width_px.max(1.0) }
    }

    /// x for time `t`.
    pub fn x(&self, t: f64) -> f64 {
        (t - self.t0) / (self.t1 - self.t0) * self.width_px
    }

    /// Time at x.
    pub fn t(&self, x: f64) -> f64 {
        self.t0 + x / self.width_px * (self.t1 - self.t0)
    }

    /// Milliseconds one pixel covers.
    pub fn ms_per_px(&self) -> f64 {
        (self.t1 - self.t0) / self.width_px
    }
}

/// Round tick positions (1, 2 or 5 × 10^k ms apart) covering `[t0, t1]`, about `target` of them,
/// and at least two whenever the span is positive: on a narrow plot the round step nearest
/// `span / target` can exceed the span (474 ms at two ticks asks for 500 ms apart, which leaves
/// only "0 ms"), so the step goes down to the next round one until two ticks fit.
pub fn ticks(t0: f64, t1: f64, target: usize) -> Vec<f64> {
    let span = t1 - t0;
    if span <= 0.0 || !span.is_finite() || target == 0 {
        return vec![t0];
    }
    let raw = span / target as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let mut step =
        [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    loop {
        let out = ticks_every(t0, t1, step);
        if out.len() >= 2 || target < 2 {
            return out;
        }
        // The next round step below: 10 → 5 → 2 → 1 (× 10^k).
        let m = 10f64.powf(step.log10().floor());
        let lead = (step / m).round();
        step = if lead >= 5.0 {
            2.0 * m
        } else if lead >= 2.0 {
            m
        } else {
            m / 2.0
        };
    }
}

fn ticks_every(t0: f64, t1: f64, step: f64) -> Vec<f64> {
    let mut t = (t0 / step).ceil() * step;
    let mut out = Vec::new();
    while t <= t1 + step * 1e-9 {
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    out
}

/// A tick label: `250 ms`, `1.5 s`.
pub fn tick_label(t: f64) -> String {
    if t.abs() >= 1000.0 {
        let s = format!("{:.3}", t / 1000.0);
        format!("{} s", s.trim_end_matches('0').trim_end_matches('.'))
    } else if t.fract().abs() < 1e-9 {
        format!("{} ms", t as i64)
    } else {
        let s = format!("{t:.3}");
        format!("{} ms", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// One rectangle to draw in a lane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    /// Left edge, px.
    pub x: f64,
    /// Width, px (at least 1 for aggregated bars).
    pub w: f64,
    /// The state drawn (for an aggregate: the one that covered most of the pixel).
    pub kind: SegmentKind,
    /// The task (for an aggregate: the one that covered most of the pixel).
    pub task: TaskId,
    /// How many segments this bar stands for (1 = an exact segment).
    pub count: usize,
    /// Start time of the first segment drawn.
    pub start_ms: f64,
    /// End time of the last segment drawn.
    pub end_ms: f64,
}

/// The pixel column being pooled: time per state, the task that covered most of it, how many
/// segments, and the times they span.
#[derive(Clone, Debug)]
struct PoolCol {
    col: i64,
    by_kind: [f64; 3],
    best_task: (TaskId, f64),
    count: usize,
    start: f64,
    end: f64,
}

fn kind_index(k: SegmentKind) -> usize {
    match k {
        SegmentKind::Running => 0,
        SegmentKind::Awaiting => 1,
        SegmentKind::ReadyWaiting => 2,
    }
}

/// The state of [`bars`] part-way through its segments: the bars so far and the open pool.
/// [`bars`] and [`BarCache`] run the same steps, so they give the same bars.
#[derive(Clone, Debug, Default)]
struct BarFold {
    out: Vec<Bar>,
    pool: Option<PoolCol>,
    /// A segment starting at or after the scale's end was met: later ones are not drawn.
    stopped: bool,
}

impl BarFold {
    fn flush(&mut self) {
        if let Some(p) = self.pool.take() {
            // On a tie (a column of 0 ms turns only) the first state, running, wins.
            let k = (0..3).rev().max_by(|a, b| p.by_kind[*a].total_cmp(&p.by_kind[*b])).unwrap_or(0);
            let kind = [SegmentKind::Running, SegmentKind::Awaiting, SegmentKind::ReadyWaiting][k];
            self.out.push(Bar {
                x: p.col as f64,
                w: 1.0,
                kind,
                task: p.best_task.0,
                count: p.count,
                start_ms: p.start,
                end_ms: p.end,
            });
        }
    }

    fn step(&mut self, s: &Segment, scale: &Scale, min_px: f64) {
        if self.stopped || after(s, scale) {
            self.stopped = true;
            return;
        }
        let a = scale.x(s.start_ms.max(scale.t0));
        let b = scale.x(s.end_ms.min(scale.t1));
        if b - a >= min_px {
            self.flush();
            self.out.push(Bar {
                x: a,
                w: b - a,
                kind: s.kind,
                task: s.task,
                count: 1,
                start_ms: s.start_ms,
                end_ms: s.end_ms,
            });
            return;
        }
        // A 0 ms turn at the scale's end is drawn in its last column.
        let col = a.floor().min(scale.width_px.ceil() - 1.0) as i64;
        let len = s.len_ms();
        match &mut self.pool {
            Some(p) if p.col == col => {
                p.by_kind[kind_index(s.kind)] += len;
                if len > p.best_task.1 {
                    p.best_task = (s.task, len);
                }
                p.count += 1;
                p.end = s.end_ms;
            }
            _ => {
                self.flush();
                let mut by_kind = [0.0; 3];
                by_kind[kind_index(s.kind)] = len;
                self.pool = Some(PoolCol {
                    col,
                    by_kind,
                    best_task: (s.task, len),
                    count: 1,
                    start: s.start_ms,
                    end: s.end_ms,
                });
            }
        }
    }

    fn finish(mut self) -> Vec<Bar> {
        self.flush();
        self.out
    }
}

/// Whether `s` ends before `scale` starts (a 0 ms turn at its start is in view).
fn before(s: &Segment, scale: &Scale) -> bool {
    s.end_ms < scale.t0 || (s.end_ms == scale.t0 && s.start_ms < s.end_ms)
}

/// Whether `s` starts after `scale` ends (a 0 ms turn at its end is in view).
fn after(s: &Segment, scale: &Scale) -> bool {
    s.start_ms > scale.t1 || (s.start_ms == scale.t1 && s.start_ms < s.end_ms)
}

/// Turns segments (sorted by start, not overlapping: one lane or one task) into bars for
/// `scale`. Segments at least `min_px` wide are drawn exactly; narrower ones are pooled per pixel
/// column, and the pool is drawn as one 1-px bar of the state and task that covered most of it.
/// The number of bars is at most about twice the lane's width in pixels, however many segments.
pub fn bars(segs: &[Segment], scale: &Scale, min_px: f64) -> Vec<Bar> {
    let from = segs.partition_point(|s| before(s, scale));
    let mut fold = BarFold::default();
    for s in &segs[from..] {
        fold.step(s, scale, min_px);
        if fold.stopped {
            break;
        }
    }
    fold.finish()
}

/// [`bars`] for a list that grows while a run goes on, at the cost of its new segments only.
///
/// The list may only grow at its end, and only its last segment may still change (a
/// [`Tracker`] extends it when the same task holds the thread again): everything before the
/// last is pooled once and kept, the last is pooled afresh on each call. A different scale or
/// a shorter list starts over. The bars are exactly those of [`bars`] on the same list.
#[derive(Clone, Debug, Default)]
pub struct BarCache {
    key: Option<(Scale, f64)>,
    /// Segments taken in so far (skipped before the scale's start, or pooled).
    fed: usize,
    /// Still skipping the segments that end before the scale's start.
    skipping: bool,
    fold: BarFold,
}

impl BarCache {
    /// A cache with nothing in it.
    pub fn new() -> Self {
        Self::default()
    }

    /// The bars of `segs` for `scale`, as [`bars`] draws them.
    pub fn bars(&mut self, segs: &[Segment], scale: &Scale, min_px: f64) -> Vec<Bar> {
        if self.key != Some((*scale, min_px)) || segs.len() < self.fed {
            *self = Self { key: Some((*scale, min_px)), fed: 0, skipping: true, fold: BarFold::default() };
        }
        let settled = segs.len().saturating_sub(1);
        while self.fed < settled && !self.fold.stopped {
            let s = &segs[self.fed];
            if !(self.skipping && before(s, scale)) {
                self.skipping = false;
                self.fold.step(s, scale, min_px);
            }
            self.fed += 1;
        }
        // The last segment may still grow: pool it on a copy of the open pool only.
        let mut tail = BarFold { out: Vec::new(), pool: self.fold.pool.clone(), stopped: self.fold.stopped };
        for s in &segs[self.fed.min(segs.len())..] {
            if !(self.skipping && before(s, scale)) {
                tail.step(s, scale, min_px);
            }
        }
        let mut out = Vec::with_capacity(self.fold.out.len() + 2);
        out.extend_from_slice(&self.fold.out);
        out.extend(tail.finish());
        out
    }
}

/// The end of the time axis while a run is live at `now_ms`: the next round value at or after
/// it (1, 2 or 5 × 10^k ms, at least 10 ms). The axis then stays put for many frames while "now"
/// moves across it, so the drawing is kept and extended rather than redrawn: every step moves
/// every segment on screen. With 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 steps a 10,000-task run
/// stepped at almost every update; with these, 8 times in its 2.5 s, and the timeline's longest
/// render in a run fell from 9–26 ms to 4–6 ms in 3 of 4 runs (`e2e/bench/playground.bench.mjs`,
/// 4 runs each). The price: while the run is live its axis is at least 40% filled, not 75% (a
/// finished run's axis fits it exactly).
pub fn live_axis_end(now_ms: f64) -> f64 {
    let now = now_ms.max(10.0);
    if !now.is_finite() {
        return now;
    }
    let mag = 10f64.powf(now.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|v| *v >= now * (1.0 - 1e-12))
        .unwrap_or(10.0 * mag)
}

/// The segment under time `t` in a sorted, non-overlapping list (for hover details).
pub fn segment_at(segs: &[Segment], t: f64) -> Option<&Segment> {
    let i = segs.partition_point(|s| s.end_ms <= t);
    segs.get(i).filter(|s| s.start_ms <= t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::EventKind::*;
    use crate::metrics;
    use crate::EventLog;

    const L: Lane = Lane::EventLoop;

    fn sample() -> EventLog {
        let mut l = EventLog::new(vec!["hog".into(), "io".into(), "late".into()], vec![1, 2, 1]);
        let rows: Vec<(f64, u32, Lane, EventKind)> = vec![
            (0.0, 0, L, Spawned),
            (0.0, 1, L, Spawned),
            (0.0, 2, L, Spawned),
            (0.5, 0, L, StepStarted { step: 0, of: 1, work: true }),
            (300.5, 0, L, Finished),
            (300.6, 1, L, StepStarted { step: 0, of: 2, work: false }),
            (300.6, 1, L, Awaiting { step: Some(0), until_ms: 350.6 }),
            (300.7, 2, L, Awaiting { step: None, until_ms: 310.0 }),
            (312.0, 2, L, Resumed { step: None }),
            (312.0, 2, L, StepStarted { step: 0, of: 1, work: true }),
            (320.0, 2, L, Cancelled { step: Some(0) }),
            (351.0, 1, L, Resumed { step: Some(0) }),
            (351.0, 1, L, StepStarted { step: 1, of: 2, work: true }),
            (361.0, 1, L, Finished),
        ];
        for (t, task, lane, kind) in rows {
            l.push(t, TaskId(task), lane, kind);
        }
        l
    }

    fn all_segments(tr: &Tracker, now: f64) -> Vec<Segment> {
        let mut v: Vec<Segment> =
            (0..tr.n_tasks()).flat_map(|i| tr.task_segments(TaskId(i as u32), now)).collect();
        v.sort_by(|a, b| {
            a.start_ms.total_cmp(&b.start_ms).then(a.end_ms.total_cmp(&b.end_ms)).then(a.task.cmp(&b.task))
        });
        v
    }

    /// Guards that the live timeline shows exactly what the after-the-run analysis computes,
    /// however the events arrive in frames.
    #[test]
    fn the_tracker_agrees_with_metrics_fed_in_any_chunks() {
        let log = sample();
        let end = 361.0;
        for chunk in [1, 2, 3, 5, 100] {
            let mut tr = Tracker::new(3);
            let mut upto = 0;
            while upto < log.events.len() {
                upto = (upto + chunk).min(log.events.len());
                tr.feed(&log.events[..upto]);
            }
            assert_eq!(tr.consumed(), log.events.len());
            assert_eq!(all_segments(&tr, end), metrics::segments(&log, end), "chunk {chunk}");
            assert_eq!(tr.metrics(end), metrics::compute(&log, end), "chunk {chunk}");
            assert_eq!(tr.holders(L, end), metrics::holders(&metrics::segments(&log, end), L));
        }
    }

    #[test]
    fn open_states_are_drawn_up_to_now() {
        let log = sample();
        let mut tr = Tracker::new(3);
        tr.feed(&log.events[..4]); // the hog is running since 0.5
        let hog = tr.task_segments(TaskId(0), 100.0);
        assert_eq!(hog.last().map(|s| (s.kind, s.end_ms)), Some((SegmentKind::Running, 100.0)));
        assert_eq!(tr.holders(L, 100.0).len(), 1);
        let m = tr.metrics(100.0);
        assert_eq!(m.tasks[0].busy_ms, 99.5);
        assert_eq!(m.tasks[1].scheduled_ms, 100.0, "io is ready but the hog holds the loop");
        assert_eq!(m.peak_concurrency, 3);
    }

    #[test]
    fn a_narrow_plot_still_gets_two_ticks() {
        // A 390 px phone: two ticks asked over a 474 ms run.
        assert_eq!(ticks(0.0, 473.9, 2), vec![0.0, 200.0, 400.0]);
        assert_eq!(ticks(0.0, 1.5, 2), vec![0.0, 1.0]);
        assert_eq!(ticks(0.0, 9.0, 2), vec![0.0, 5.0]);
        for end in [3.0, 47.0, 120.0, 999.0, 1_001.0, 77_777.0] {
            assert!(ticks(0.0, end, 2).len() >= 2, "{end}");
        }
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 1000.0, 5), vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]);
        assert_eq!(ticks(3.0, 9.0, 3), vec![4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.0, 0.0, 5), vec![0.0]);
        assert_eq!(tick_label(250.0), "250 ms");
        assert_eq!(tick_label(1500.0), "1.5 s");
        assert_eq!(tick_label(0.5), "0.5 ms");
        let s = Scale::new(100.0, 300.0, 400.0);
        assert_eq!((s.x(200.0), s.t(400.0), s.ms_per_px()), (200.0, 300.0, 0.5));
    }

    /// Guards the large-run budget: bars stay bounded by pixels, not by the number of segments.
    #[test]
    fn narrow_segments_are_pooled_per_pixel() {
        let segs: Vec<Segment> = (0..100_000)
            .map(|i| Segment {
                task: TaskId(i % 7),
                lane: L,
                kind: if i % 3 == 0 { SegmentKind::Awaiting } else { SegmentKind::Running },
                start_ms: i as f64 * 0.01,
                end_ms: i as f64 * 0.01 + 0.009,
            })
            .collect();
        let scale = Scale::new(0.0, 1000.0, 800.0);
        let b = bars(&segs, &scale, 1.0);
        assert!(b.len() <= 801, "{}", b.len());
        assert_eq!(b.iter().map(|b| b.count).sum::<usize>(), 100_000);
        assert!(b.iter().all(|b| b.kind == SegmentKind::Running), "running covers most of each pixel");
        // Zoomed in far enough, every segment is drawn exactly.
        let zoom = Scale::new(10.0, 10.1, 800.0);
        let z = bars(&segs, &zoom, 1.0);
        assert!(z.iter().all(|b| b.count == 1 && b.w >= 1.0));
        assert_eq!(z.len(), 10);
        assert_eq!(segment_at(&segs, 10.005).map(|s| s.start_ms), Some(10.0));
        assert_eq!(segment_at(&segs, 10.0095), None, "the gap between segments");
    }

    /// Guards the waiter's 0 ms turns in the replay: each is drawn as a 1 px running bar,
    /// including the last one, which ends the run at the axis's very end.
    #[test]
    fn turns_of_0_ms_are_drawn_a_pixel_wide_up_to_the_axis_ends() {
        let turn = |task: u32, t: f64| Segment {
            task: TaskId(task),
            lane: L,
            kind: SegmentKind::Running,
            start_ms: t,
            end_ms: t,
        };
        let segs = [turn(1, 0.0), Segment { end_ms: 300.0, ..turn(0, 0.0) }, turn(1, 300.0), turn(1, 450.0)];
        let scale = Scale::new(0.0, 450.0, 900.0);
        let drawn: Vec<(u32, f64, f64, SegmentKind)> =
            bars(&segs, &scale, 1.0).iter().map(|b| (b.task.0, b.x, b.w, b.kind)).collect();
        let run = SegmentKind::Running;
        assert_eq!(
            drawn,
            vec![(1, 0.0, 1.0, run), (0, 0.0, 600.0, run), (1, 600.0, 1.0, run), (1, 899.0, 1.0, run)]
        );
        assert_eq!(BarCache::new().bars(&segs, &scale, 1.0), bars(&segs, &scale, 1.0));
    }

    /// A big, busy log: `n` tasks on `lanes` lanes taking turns in microsecond slices, some
    /// running two steps back to back (so a lane's last holder segment grows), some timers late.
    fn busy_log(n: u32, steps: u32, lanes: u32) -> EventLog {
        let mut l = EventLog::new((0..n).map(|i| format!("t{i}")).collect(), vec![steps; n as usize]);
        let lane = |i: u32| if lanes <= 1 { L } else { Lane::Worker(i % lanes) };
        let mut t = 0.0;
        for i in 0..n {
            l.push(t, TaskId(i), lane(i), Spawned);
        }
        // Each task's turn: resumed (or not: its timer was late and it is just picked up),
        // a step, maybe CPU work and a second step in the same turn, then it awaits again.
        for k in 0..=steps {
            for i in 0..n {
                t += 0.003 + f64::from((i * 7 + k * 3) % 11) * 0.001;
                if k > 0 && (k + i) % 3 != 0 {
                    l.push(t, TaskId(i), lane(i), Resumed { step: Some(k - 1) });
                    t += 0.001;
                }
                if k == steps {
                    l.push(t, TaskId(i), lane(i), Finished);
                    continue;
                }
                let work = (i + k) % 4 == 0;
                l.push(t, TaskId(i), lane(i), StepStarted { step: k, of: steps, work });
                if work {
                    t += 0.02 * f64::from(i % 5);
                    l.push(t, TaskId(i), lane(i), StepStarted { step: k, of: steps, work: false });
                }
                t += 0.002;
                l.push(t, TaskId(i), lane(i), Awaiting { step: Some(k), until_ms: t + 0.5 });
            }
        }
        l
    }

    /// Guards the live timeline's holder lanes: bars pooled a few new segments at a time equal
    /// bars pooled from scratch, for every prefix of a growing log and every scale.
    #[test]
    fn the_bar_cache_equals_pooling_from_scratch_as_the_log_grows() {
        for (log, lanes) in
            [(sample(), vec![L]), (busy_log(120, 5, 1), vec![L]), (busy_log(50, 4, 3), vec![])]
        {
            let lanes = if lanes.is_empty() { (0..3).map(Lane::Worker).collect() } else { lanes };
            let end = log.events.last().map_or(1.0, |e| e.t_ms);
            let scales = [
                Scale::new(0.0, live_axis_end(end), 700.0),
                Scale::new(0.0, end, 90.0),
                Scale::new(end * 0.3, end * 0.6, 400.0),
                Scale::new(end * 0.2, end * 0.21, 1000.0),
            ];
            for chunk in [1, 7, 50] {
                let mut tr = Tracker::new(log.task_names.len());
                let mut caches: Vec<BarCache> = vec![BarCache::new(); scales.len() * lanes.len()];
                let mut upto = 0;
                while upto < log.events.len() {
                    upto = (upto + chunk).min(log.events.len());
                    tr.feed(&log.events[..upto]);
                    for (j, lane) in lanes.iter().enumerate() {
                        for (k, sc) in scales.iter().enumerate() {
                            let segs = tr.closed_holders(*lane);
                            for min_px in [1.0, 3.0] {
                                let c = &mut caches[j * scales.len() + k];
                                assert_eq!(
                                    c.bars(segs, sc, min_px),
                                    bars(segs, sc, min_px),
                                    "chunk {chunk} upto {upto}"
                                );
                            }
                        }
                    }
                }
                let pooled = caches.iter_mut().any(|c| {
                    c.bars(tr.closed_holders(lanes[0]), &scales[1], 1.0).iter().any(|b| b.count > 1)
                });
                assert!(pooled || log.events.len() < 50, "the big logs exercise pooling");
            }
        }
    }

    /// Guards the cache against a list that is not the one it saw: a shorter list starts over.
    #[test]
    fn the_bar_cache_starts_over_for_another_list() {
        let a = busy_log(40, 3, 1);
        let b = sample();
        let (mut ta, mut tb) = (Tracker::new(40), Tracker::new(3));
        ta.feed(&a.events);
        tb.feed(&b.events);
        let sc = Scale::new(0.0, 400.0, 300.0);
        let mut c = BarCache::new();
        let _ = c.bars(ta.closed_holders(L), &sc, 1.0);
        assert_eq!(c.bars(tb.closed_holders(L), &sc, 1.0), bars(tb.closed_holders(L), &sc, 1.0));
    }

    /// Guards who holds the thread "now": the tracker's short list of running tasks answers
    /// what the after-the-run analysis says, at every point of a run, on one lane or several.
    #[test]
    fn the_open_holder_is_the_batch_analysis_at_every_prefix() {
        for log in [sample(), busy_log(30, 4, 1), busy_log(30, 4, 3)] {
            let mut tr = Tracker::new(log.task_names.len());
            for upto in 1..=log.events.len() {
                tr.feed(&log.events[..upto]);
                let prefix = EventLog { events: log.events[..upto].to_vec(), ..log.clone() };
                let now = log.events[upto - 1].t_ms + 0.25;
                let segs = metrics::segments(&prefix, now);
                for lane in [L, Lane::Worker(0), Lane::Worker(1), Lane::Worker(2)] {
                    // The open segment is drawn after the closed ones; the batch merges the two
                    // when the same task goes on holding the thread.
                    let mut live: Vec<Segment> = Vec::new();
                    for s in tr.holders(lane, now) {
                        match live.last_mut() {
                            Some(m) if m.task == s.task && m.end_ms >= s.start_ms => m.end_ms = s.end_ms,
                            _ => live.push(s),
                        }
                    }
                    assert_eq!(live, metrics::holders(&segs, lane), "upto {upto}");
                }
            }
        }
    }

    #[test]
    fn the_live_axis_ends_on_a_round_value_just_past_now() {
        assert_eq!(live_axis_end(0.0), 10.0);
        assert_eq!(live_axis_end(10.0), 10.0);
        assert_eq!(live_axis_end(11.0), 20.0);
        assert_eq!(live_axis_end(2_100.0), 5_000.0);
        assert_eq!(live_axis_end(3_100.0), 5_000.0);
        assert_eq!(live_axis_end(8_500.0), 10_000.0);
        // Steps from 10 ms to 3 s: 20, 50, 100, 200, 500, 1000, 2000, 5000.
        let steps: std::collections::BTreeSet<u64> =
            (1..=3_000).map(|ms| live_axis_end(ms as f64) as u64).collect();
        assert_eq!(steps.into_iter().collect::<Vec<_>>(), [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000]);
        for now in [13.0, 77.0, 999.0, 3_333.0, 51_234.0] {
            let e = live_axis_end(now);
            assert!(e >= now && now / e >= 0.4, "{now} → {e}");
            // It stays put while now moves on a little.
            assert_eq!(live_axis_end(now * 1.0001), e);
        }
    }
}
