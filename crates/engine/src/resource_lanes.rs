//! One lane per resource, from a run's log: who holds it (each hold a span, placed in a row so
//! overlapping holds of a semaphore never share one), who waits for it, and its level over time —
//! holders of a lock or semaphore, items in a queue, whether an event is set, a counter's value.
//! The timeline draws these under the task lanes; the metrics panel shows their peaks.
//!
//! [`LanesTracker`] builds them from a growing log at the cost of its new events only, so a live
//! run's lanes cost the same per update at its start and at its 150,000th event; [`lanes_of`]
//! is the tracker fed a whole log at once.

use crate::event::{Event, EventKind, EventLog, TaskId};
use crate::sync::{Op, Resource, ResourceKind};

/// A stretch of time one task spends holding or waiting for a resource.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// The task.
    pub task: TaskId,
    /// When it began, ms since the run started.
    pub start_ms: f64,
    /// When it ended (the lane's `now_ms` while still open).
    pub end_ms: f64,
    /// Whether it had not ended as of the log's end (a held lock never released is a leak).
    pub open: bool,
    /// The row of the lane it is drawn in: holds that overlap get different rows.
    pub row: u32,
    /// For a wait, what the task waits to do (acquire, get, put, wait).
    pub op: Op,
}

/// What a lane's level counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Tasks holding a lock or a semaphore's permits.
    Holders,
    /// Items in a queue.
    Depth,
    /// An event: 1 while set, 0 while clear.
    Set,
    /// A counter's value.
    Value,
    /// Tasks that have arrived at a barrier and wait for the rest.
    Arrived,
}

impl Level {
    /// How the metrics panel names the lane's peak.
    pub fn peak_label(self) -> &'static str {
        match self {
            Level::Holders => "most holders at once",
            Level::Depth => "most items queued",
            Level::Set => "times set",
            Level::Value => "final value",
            Level::Arrived => "most waiting at once",
        }
    }
}

/// An instant operation drawn as a tick on the lane (a set, a put, a write, a barrier's pass).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// When, ms since the run started.
    pub t_ms: f64,
    /// By which task.
    pub task: TaskId,
    /// Which operation.
    pub op: Op,
    /// The item or value it carried, if any.
    pub value: Option<i64>,
}

/// Everything one resource's lane shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceLane {
    /// Index into the log's resources.
    pub res: u32,
    /// The resource's name.
    pub name: String,
    /// Its kind.
    pub kind: ResourceKind,
    /// Who held it, and when (locks and semaphores; a condition's holds are its lock's).
    pub holds: Vec<Span>,
    /// Rows the holds need (at least 1).
    pub hold_rows: u32,
    /// Who waited for it, and when.
    pub waits: Vec<Span>,
    /// Tasks waiting, as (time, count after that time), a step function starting at 0.
    pub waiting: Vec<(f64, i64)>,
    /// What `level` counts.
    pub level_kind: Level,
    /// The level as (time, value after that time), a step function starting at 0 (changes at
    /// the same instant keep the last value).
    pub level: Vec<(f64, i64)>,
    /// The highest level reached, also within an instant (a barrier fills and empties at once).
    pub max_level: i64,
    /// Instant operations.
    pub marks: Vec<Mark>,
    /// Counts kept as the lane grows, so its peaks and summary cost the same however long it is.
    stats: LaneStats,
}

/// What [`ResourceLane`]'s peaks and summary need, counted as its spans and steps are added.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LaneStats {
    /// Holds not ended.
    open_holds: usize,
    /// Sets among the marks.
    sets: i64,
    /// The highest of `waiting`'s values but the last (which may still change within its
    /// instant); `i64::MIN` while there is none.
    settled_waiting: i64,
    /// The same for `level`.
    settled_level: i64,
}

impl Default for LaneStats {
    fn default() -> Self {
        Self { open_holds: 0, sets: 0, settled_waiting: i64::MIN, settled_level: i64::MIN }
    }
}

/// A table by task id, grown as ids appear (a log's ids are its tasks' indexes, 0 to n - 1).
#[derive(Clone, Debug)]
struct PerTask<T>(Vec<T>);

impl<T> Default for PerTask<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: Default> PerTask<T> {
    fn at(&mut self, task: TaskId) -> &mut T {
        let i = task.0 as usize;
        if i >= self.0.len() {
            self.0.resize_with(i + 1, T::default);
        }
        &mut self.0[i]
    }

    fn get_mut(&mut self, task: TaskId) -> Option<&mut T> {
        self.0.get_mut(task.0 as usize)
    }
}

/// Sets a step function to `v` from `t` on: a change at the same instant as the last replaces
/// it. `settled` keeps the highest value no longer last.
fn step_to(points: &mut Vec<(f64, i64)>, settled: &mut i64, t: f64, v: i64) {
    match points.last_mut() {
        Some(last) if last.0 == t => last.1 = v,
        Some(last) => {
            *settled = (*settled).max(last.1);
            points.push((t, v));
        }
        None => points.push((t, v)),
    }
}

impl ResourceLane {
    /// The highest level reached (the last for a counter, the number of sets for an event).
    pub fn peak(&self) -> i64 {
        match self.level_kind {
            Level::Value => self.level.last().map_or(0, |l| l.1),
            Level::Set => self.stats.sets,
            _ => self.max_level,
        }
    }

    /// The most tasks waiting at once: the highest value of `waiting` (0 if none).
    pub fn peak_waiting(&self) -> i64 {
        self.waiting.last().map_or(0, |l| l.1.max(self.stats.settled_waiting))
    }

    /// The highest value of `level` (0 if none); unlike `max_level`, not counting a value replaced
    /// within its instant.
    pub fn level_max(&self) -> i64 {
        self.level.last().map_or(0, |l| l.1.max(self.stats.settled_level))
    }

    /// Holds not ended as of the log's end.
    pub fn still_held(&self) -> usize {
        self.stats.open_holds
    }

    /// The lane in one sentence, for its accessible name and the text table.
    pub fn summary(&self) -> String {
        let noun = self.kind.noun();
        let waits = match self.waits.len() {
            0 => "nobody waited".to_string(),
            n => {
                format!("{n} wait{}, at most {} at once", if n == 1 { "" } else { "s" }, self.peak_waiting())
            }
        };
        let level = format!("{} {}", self.level_kind.peak_label(), self.peak());
        match self.level_kind {
            Level::Holders => {
                let leaks = self.still_held();
                let leak = if leaks > 0 { format!(", {leaks} still held at the end") } else { String::new() };
                format!("{noun} {}: held {} times, {level}{leak}; {waits}", self.name, self.holds.len())
            }
            _ => format!("{noun} {}: {level}; {waits}", self.name),
        }
    }
}

/// The lanes of every resource of the log, as of `now_ms` (open spans end there).
pub fn resource_lanes(log: &EventLog, now_ms: f64) -> Vec<ResourceLane> {
    lanes_of(&log.resources, &log.events, now_ms)
}

/// The lanes of `resources` from these events (a prefix of a growing log will do).
pub fn lanes_of(resources: &[Resource], events: &[Event], now_ms: f64) -> Vec<ResourceLane> {
    let mut tracker = LanesTracker::new(resources);
    tracker.feed(events);
    tracker.into_lanes(now_ms)
}

/// The order events are read in: a release before a grant at the same instant.
fn rank(e: &Event) -> u8 {
    u8::from(!matches!(e.kind, EventKind::Signalled { .. }))
}

fn key_cmp(a: (f64, u8), b: (f64, u8)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

/// Builds the same lanes as [`lanes_of`], incrementally: [`LanesTracker::feed`] it a growing log
/// and it reads only the events added since the last call.
///
/// Events from several workers are logged as their messages arrive, which is not always in time
/// order: a log out of time order is read in time order (a release before a grant at the same
/// instant), so a lock handed from one worker to another never shows two holders. A log in order
/// (the event loop's) is read as it is. When a late event belongs before what was already read,
/// the tracker reads the log again from its start: what [`lanes_of`] does on every call.
#[derive(Clone, Debug)]
pub struct LanesTracker {
    resources: Vec<Resource>,
    lanes: Vec<ResourceLane>,
    /// Events of the log read so far.
    consumed: usize,
    /// Whether the log so far is in time order (then it is read as it is).
    in_order: bool,
    /// The (time, rank) of the last event read, in the order read.
    last_key: Option<(f64, u8)>,
    /// Per lane, each task's open holds and open wait: indexes into the lane's spans.
    open_holds: Vec<PerTask<Vec<usize>>>,
    open_waits: Vec<PerTask<Option<usize>>>,
    /// Waits left open when the same task began another wait for the same resource: (lane, index).
    stray_waits: Vec<(usize, usize)>,
    /// Per lane: the hold rows in use (true while taken), the level, the waiting count.
    rows: Vec<Vec<bool>>,
    level: Vec<i64>,
    waiting: Vec<i64>,
}

impl ResourceLane {
    /// Resource `i`'s lane before any event: nothing held, waited for or marked.
    fn empty(i: usize, r: &Resource) -> Self {
        ResourceLane {
            res: i as u32,
            name: r.name.clone(),
            kind: r.kind,
            holds: Vec::new(),
            hold_rows: 1,
            waits: Vec::new(),
            waiting: Vec::new(),
            level_kind: match r.kind {
                ResourceKind::Lock | ResourceKind::Semaphore { .. } | ResourceKind::Condition { .. } => {
                    Level::Holders
                }
                ResourceKind::Queue { .. } => Level::Depth,
                ResourceKind::Event => Level::Set,
                ResourceKind::Counter => Level::Value,
                ResourceKind::Barrier { .. } => Level::Arrived,
            },
            level: Vec::new(),
            max_level: 0,
            marks: Vec::new(),
            stats: LaneStats::default(),
        }
    }
}

impl LanesTracker {
    /// A tracker of `resources`' lanes, with no event read.
    pub fn new(resources: &[Resource]) -> Self {
        let lanes: Vec<ResourceLane> =
            resources.iter().enumerate().map(|(i, r)| ResourceLane::empty(i, r)).collect();
        let n = lanes.len();
        Self {
            resources: resources.to_vec(),
            lanes,
            consumed: 0,
            in_order: true,
            last_key: None,
            open_holds: vec![PerTask::default(); n],
            open_waits: vec![PerTask::default(); n],
            stray_waits: Vec::new(),
            rows: vec![Vec::new(); n],
            level: vec![0; n],
            waiting: vec![0; n],
        }
    }

    /// The resources it draws.
    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    /// How many events of the log it has read.
    pub fn consumed(&self) -> usize {
        self.consumed
    }

    /// Reads the events of `events` (the whole log so far, which only grows) after the ones
    /// already read.
    pub fn feed(&mut self, events: &[Event]) {
        if events.len() <= self.consumed {
            return;
        }
        // A run without resources has no lanes: nothing to read (a big classic run's updates
        // stay as cheap as they are).
        if self.lanes.is_empty() {
            self.consumed = events.len();
            return;
        }
        let new = &events[self.consumed..];
        let still_in_order = self.in_order
            && events[self.consumed.saturating_sub(1)..].windows(2).all(|w| w[0].t_ms <= w[1].t_ms);
        if still_in_order {
            for e in new {
                self.apply(e);
            }
            self.last_key = new.last().map(|e| (e.t_ms, rank(e)));
        } else if !self.in_order {
            // Read in time order already: the new events go after the ones read if none is earlier.
            let mut v: Vec<&Event> = new.iter().collect();
            crate::sort::sort_by(&mut v, |a, b| key_cmp((a.t_ms, rank(a)), (b.t_ms, rank(b))));
            let first = (v[0].t_ms, rank(v[0]));
            if self.last_key.is_none_or(|k| key_cmp(k, first).is_le()) {
                for e in &v {
                    self.apply(e);
                }
                self.last_key = v.last().map(|e| (e.t_ms, rank(e)));
            } else {
                self.reread(events);
            }
        } else {
            self.reread(events);
        }
        self.consumed = events.len();
    }

    /// Starts over and reads all of `events` in time order.
    fn reread(&mut self, events: &[Event]) {
        *self = Self::new(&self.resources);
        self.in_order = false;
        let mut v: Vec<&Event> = events.iter().collect();
        crate::sort::sort_by(&mut v, |a, b| key_cmp((a.t_ms, rank(a)), (b.t_ms, rank(b))));
        for e in &v {
            self.apply(e);
        }
        self.last_key = v.last().map(|e| (e.t_ms, rank(e)));
    }

    /// The lanes as of `now_ms`: the spans not ended end there.
    pub fn lanes(&mut self, now_ms: f64) -> &[ResourceLane] {
        for (lane, (holds, waits)) in self.lanes.iter_mut().zip(self.open_holds.iter().zip(&self.open_waits))
        {
            for &k in holds.0.iter().flatten() {
                lane.holds[k].end_ms = now_ms;
            }
            for &k in waits.0.iter().flatten() {
                lane.waits[k].end_ms = now_ms;
            }
        }
        for &(r, k) in &self.stray_waits {
            self.lanes[r].waits[k].end_ms = now_ms;
        }
        &self.lanes
    }

    /// The lanes as of `now_ms`, moved out.
    pub fn into_lanes(mut self, now_ms: f64) -> Vec<ResourceLane> {
        self.lanes(now_ms);
        self.lanes
    }

    fn push_level(&mut self, r: usize, t: f64, v: i64) {
        let lane = &mut self.lanes[r];
        lane.max_level = lane.max_level.max(v);
        step_to(&mut lane.level, &mut lane.stats.settled_level, t, v);
    }

    fn push_waiting(&mut self, r: usize, t: f64) {
        let lane = &mut self.lanes[r];
        step_to(&mut lane.waiting, &mut lane.stats.settled_waiting, t, self.waiting[r]);
    }

    fn end_wait(&mut self, r: usize, k: usize, t: f64) {
        self.lanes[r].waits[k].end_ms = t;
        self.lanes[r].waits[k].open = false;
        self.waiting[r] -= 1;
        self.push_waiting(r, t);
    }

    fn mark(&mut self, r: usize, m: Mark) {
        if m.op == Op::Set {
            self.lanes[r].stats.sets += 1;
        }
        self.lanes[r].marks.push(m);
    }

    /// Reads one event.
    fn apply(&mut self, e: &Event) {
        let n = self.lanes.len();
        let (t, task) = (e.t_ms, e.task);
        match &e.kind {
            EventKind::Blocked { res, op, .. } if (*res as usize) < n => {
                let r = *res as usize;
                let lane = &mut self.lanes[r];
                // Open until it ends: `lanes` sets the end of the spans still open.
                lane.waits.push(Span { task, start_ms: t, end_ms: t, open: true, row: 0, op: *op });
                if let Some(stray) = self.open_waits[r].at(task).replace(lane.waits.len() - 1) {
                    self.stray_waits.push((r, stray));
                }
                self.waiting[r] += 1;
                self.push_waiting(r, t);
            }
            EventKind::Granted { res, op, value, .. } if (*res as usize) < n => {
                let r = *res as usize;
                if let Some(k) = self.open_waits[r].at(task).take() {
                    self.end_wait(r, k, t);
                }
                match op {
                    Op::Acquire => {
                        let rows = &mut self.rows[r];
                        let row = match rows.iter().position(|b| !b) {
                            Some(i) => {
                                rows[i] = true;
                                i
                            }
                            None => {
                                rows.push(true);
                                rows.len() - 1
                            }
                        };
                        let lane = &mut self.lanes[r];
                        lane.hold_rows = lane.hold_rows.max(row as u32 + 1);
                        lane.holds.push(Span {
                            task,
                            start_ms: t,
                            end_ms: t,
                            open: true,
                            row: row as u32,
                            op: Op::Acquire,
                        });
                        lane.stats.open_holds += 1;
                        self.open_holds[r].at(task).push(lane.holds.len() - 1);
                        self.level[r] += 1;
                        self.push_level(r, t, self.level[r]);
                    }
                    Op::Put | Op::Get => {
                        self.level[r] += if *op == Op::Put { 1 } else { -1 };
                        // A rendezvous's get is logged before its put: the depth never shows -1.
                        self.push_level(r, t, self.level[r].max(0));
                        self.mark(r, Mark { t_ms: t, task, op: *op, value: *value });
                    }
                    Op::Read | Op::Write => {
                        if *op == Op::Write {
                            self.push_level(r, t, value.unwrap_or(0));
                        }
                        self.mark(r, Mark { t_ms: t, task, op: *op, value: *value });
                    }
                    Op::Wait => self.mark(r, Mark { t_ms: t, task, op: *op, value: None }),
                    _ => {}
                }
            }
            EventKind::Raised { res, .. } if (*res as usize) < n => {
                if let Some(k) = self.open_waits[*res as usize].at(task).take() {
                    self.end_wait(*res as usize, k, t);
                }
            }
            EventKind::Signalled { res, op, .. } if (*res as usize) < n => {
                let r = *res as usize;
                match op {
                    Op::Release => {
                        if let Some(k) = self.open_holds[r].at(task).pop() {
                            let lane = &mut self.lanes[r];
                            lane.holds[k].end_ms = t;
                            lane.holds[k].open = false;
                            lane.stats.open_holds -= 1;
                            if let Some(b) = self.rows[r].get_mut(lane.holds[k].row as usize) {
                                *b = false;
                            }
                            self.level[r] -= 1;
                            self.push_level(r, t, self.level[r]);
                        }
                    }
                    Op::Set | Op::Clear => {
                        self.level[r] = i64::from(*op == Op::Set);
                        self.push_level(r, t, self.level[r]);
                        self.mark(r, Mark { t_ms: t, task, op: *op, value: None });
                    }
                    Op::Shutdown => self.mark(r, Mark { t_ms: t, task, op: *op, value: None }),
                    _ => {}
                }
            }
            EventKind::Requested { res, op: Op::Wait, .. } if (*res as usize) < n => {
                // A barrier counts its arrivals: each arriving task waits until the last.
                let r = *res as usize;
                if matches!(self.lanes[r].kind, ResourceKind::Barrier { .. }) {
                    self.level[r] += 1;
                    self.push_level(r, t, self.level[r]);
                }
            }
            kind if kind.is_terminal() || matches!(kind, EventKind::Cancelling { .. }) => {
                // A task that ends (or is being cancelled) while waiting stops waiting then.
                for r in 0..n {
                    if let Some(k) = self.open_waits[r].get_mut(task).and_then(Option::take) {
                        self.end_wait(r, k, t);
                    }
                }
            }
            _ => {}
        }
        // A barrier's pass (the last arrival's signal) empties it.
        if let EventKind::Signalled { res, op: Op::Wait, .. } = &e.kind {
            let r = *res as usize;
            if r < n && matches!(self.lanes[r].kind, ResourceKind::Barrier { .. }) {
                self.level[r] = 0;
                self.push_level(r, t, 0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Lane;
    use std::collections::HashMap;
    use EventKind::*;

    fn log(kinds: &[ResourceKind], rows: &[(f64, u32, EventKind)]) -> EventLog {
        let mut l = EventLog::new(vec!["a".into(), "b".into(), "c".into()], vec![1, 1, 1]);
        l.resources =
            kinds.iter().enumerate().map(|(i, k)| Resource { name: format!("r{i}"), kind: *k }).collect();
        for (t, task, kind) in rows {
            l.push(*t, TaskId(*task), Lane::EventLoop, kind.clone());
        }
        l
    }
    fn granted(res: u32, op: Op, value: Option<i64>) -> EventKind {
        Granted { res, op, waited_ms: 0.0, value }
    }
    fn release(res: u32, woke: Vec<TaskId>) -> EventKind {
        Signalled { res, op: Op::Release, woke }
    }

    /// The lanes read from the whole log in one pass, written plainly: what the tracker must give
    /// however the log is cut into feeds.
    fn whole_log(resources: &[Resource], events: &[Event], now_ms: f64) -> Vec<ResourceLane> {
        let mut lanes: Vec<ResourceLane> =
            resources.iter().enumerate().map(|(i, r)| ResourceLane::empty(i, r)).collect();
        let n = lanes.len();
        // Open holds and waits by (task, resource): indexes into the lane's spans.
        let mut open_holds: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
        let mut open_waits: HashMap<(u32, u32), usize> = HashMap::new();
        // Per lane: the hold rows in use (true while taken), the level, the waiting count.
        let mut rows: Vec<Vec<bool>> = vec![Vec::new(); n];
        let mut level = vec![0i64; n];
        let mut waiting = vec![0i64; n];
        let push_level = |lane: &mut ResourceLane, t: f64, v: i64| {
            lane.max_level = lane.max_level.max(v);
            match lane.level.last_mut() {
                Some(last) if last.0 == t => last.1 = v,
                _ => lane.level.push((t, v)),
            }
        };
        let end_wait = |lanes: &mut Vec<ResourceLane>, waiting: &mut Vec<i64>, r: usize, k: usize, t: f64| {
            lanes[r].waits[k].end_ms = t;
            lanes[r].waits[k].open = false;
            waiting[r] -= 1;
            let v = waiting[r];
            match lanes[r].waiting.last_mut() {
                Some(last) if last.0 == t => last.1 = v,
                _ => lanes[r].waiting.push((t, v)),
            }
        };
        // Events from several workers are logged as their messages arrive, which is not always in
        // time order: read them in time order then (a release before a grant at the same instant), so
        // a lock handed from one worker to another never shows two holders. The event loop's log is
        // in order already and is read as it is, without a copy.
        let sorted: Option<Vec<&Event>> = (!events.windows(2).all(|w| w[0].t_ms <= w[1].t_ms)).then(|| {
            let mut v: Vec<&Event> = events.iter().collect();
            let rank = |e: &Event| u8::from(!matches!(e.kind, EventKind::Signalled { .. }));
            crate::sort::sort_by(&mut v, |a, b| a.t_ms.total_cmp(&b.t_ms).then(rank(a).cmp(&rank(b))));
            v
        });
        let in_time: Box<dyn Iterator<Item = &Event>> = match &sorted {
            Some(v) => Box::new(v.iter().copied()),
            None => Box::new(events.iter()),
        };
        for e in in_time {
            let (t, task) = (e.t_ms, e.task);
            match &e.kind {
                EventKind::Blocked { res, op, .. } if (*res as usize) < n => {
                    let r = *res as usize;
                    lanes[r].waits.push(Span {
                        task,
                        start_ms: t,
                        end_ms: now_ms,
                        open: true,
                        row: 0,
                        op: *op,
                    });
                    open_waits.insert((task.0, *res), lanes[r].waits.len() - 1);
                    waiting[r] += 1;
                    let v = waiting[r];
                    match lanes[r].waiting.last_mut() {
                        Some(last) if last.0 == t => last.1 = v,
                        _ => lanes[r].waiting.push((t, v)),
                    }
                }
                EventKind::Granted { res, op, value, .. } if (*res as usize) < n => {
                    let r = *res as usize;
                    if let Some(k) = open_waits.remove(&(task.0, *res)) {
                        end_wait(&mut lanes, &mut waiting, r, k, t);
                    }
                    match op {
                        Op::Acquire => {
                            let free = rows[r].iter().position(|b| !b);
                            let row = match free {
                                Some(i) => {
                                    rows[r][i] = true;
                                    i
                                }
                                None => {
                                    rows[r].push(true);
                                    rows[r].len() - 1
                                }
                            };
                            let lane = &mut lanes[r];
                            lane.hold_rows = lane.hold_rows.max(row as u32 + 1);
                            lane.holds.push(Span {
                                task,
                                start_ms: t,
                                end_ms: now_ms,
                                open: true,
                                row: row as u32,
                                op: Op::Acquire,
                            });
                            open_holds.entry((task.0, *res)).or_default().push(lane.holds.len() - 1);
                            level[r] += 1;
                            push_level(lane, t, level[r]);
                        }
                        Op::Put | Op::Get => {
                            level[r] += if *op == Op::Put { 1 } else { -1 };
                            // A rendezvous's get is logged before its put: the depth never shows -1.
                            push_level(&mut lanes[r], t, level[r].max(0));
                            lanes[r].marks.push(Mark { t_ms: t, task, op: *op, value: *value });
                        }
                        Op::Read | Op::Write => {
                            if *op == Op::Write {
                                push_level(&mut lanes[r], t, value.unwrap_or(0));
                            }
                            lanes[r].marks.push(Mark { t_ms: t, task, op: *op, value: *value });
                        }
                        Op::Wait => lanes[r].marks.push(Mark { t_ms: t, task, op: *op, value: None }),
                        _ => {}
                    }
                }
                EventKind::Raised { res, .. } if (*res as usize) < n => {
                    if let Some(k) = open_waits.remove(&(task.0, *res)) {
                        end_wait(&mut lanes, &mut waiting, *res as usize, k, t);
                    }
                }
                EventKind::Signalled { res, op, .. } if (*res as usize) < n => {
                    let r = *res as usize;
                    match op {
                        Op::Release => {
                            if let Some(k) = open_holds.get_mut(&(task.0, *res)).and_then(Vec::pop) {
                                let lane = &mut lanes[r];
                                lane.holds[k].end_ms = t;
                                lane.holds[k].open = false;
                                if let Some(b) = rows[r].get_mut(lane.holds[k].row as usize) {
                                    *b = false;
                                }
                                level[r] -= 1;
                                push_level(lane, t, level[r]);
                            }
                        }
                        Op::Set | Op::Clear => {
                            level[r] = i64::from(*op == Op::Set);
                            push_level(&mut lanes[r], t, level[r]);
                            lanes[r].marks.push(Mark { t_ms: t, task, op: *op, value: None });
                        }
                        Op::Shutdown => lanes[r].marks.push(Mark { t_ms: t, task, op: *op, value: None }),
                        _ => {}
                    }
                }
                EventKind::Requested { res, op: Op::Wait, .. } if (*res as usize) < n => {
                    // A barrier counts its arrivals: each arriving task waits until the last.
                    if matches!(lanes[*res as usize].kind, ResourceKind::Barrier { .. }) {
                        let r = *res as usize;
                        level[r] += 1;
                        push_level(&mut lanes[r], t, level[r]);
                    }
                }
                kind if kind.is_terminal() || matches!(kind, EventKind::Cancelling { .. }) => {
                    // A task that ends (or is being cancelled) while waiting stops waiting then.
                    for r in 0..n {
                        if let Some(k) = open_waits.remove(&(task.0, r as u32)) {
                            end_wait(&mut lanes, &mut waiting, r, k, t);
                        }
                    }
                }
                _ => {}
            }
            // A barrier's pass (the last arrival's signal) empties it.
            if let EventKind::Signalled { res, op: Op::Wait, .. } = &e.kind {
                let r = *res as usize;
                if r < n && matches!(lanes[r].kind, ResourceKind::Barrier { .. }) {
                    level[r] = 0;
                    push_level(&mut lanes[r], t, 0);
                }
            }
        }
        for l in &mut lanes {
            let settled = |v: &[(f64, i64)]| {
                v[..v.len().saturating_sub(1)].iter().map(|p| p.1).max().unwrap_or(i64::MIN)
            };
            l.stats = LaneStats {
                open_holds: l.holds.iter().filter(|h| h.open).count(),
                sets: l.marks.iter().filter(|m| m.op == Op::Set).count() as i64,
                settled_waiting: settled(&l.waiting),
                settled_level: settled(&l.level),
            };
        }
        lanes
    }

    /// Feeds `events` to a tracker in chunks of the given sizes (cycled), checking after each
    /// chunk that its lanes, as of a time at and past the last event read, are the whole log's.
    fn check_chunked(resources: &[Resource], events: &[Event], sizes: &[usize]) {
        let mut tr = LanesTracker::new(resources);
        let (mut k, mut i) = (0, 0);
        while k < events.len() {
            k = (k + sizes[i % sizes.len()].max(1)).min(events.len());
            i += 1;
            tr.feed(&events[..k]);
            let t = events[..k].iter().map(|e| e.t_ms).fold(0.0, f64::max);
            for now in [t, t + 7.5] {
                assert_eq!(
                    tr.lanes(now),
                    whole_log(resources, &events[..k], now),
                    "after {k} events, at {now} ms"
                );
            }
        }
        assert_eq!(tr.consumed(), events.len());
        let end = events.iter().map(|e| e.t_ms).fold(0.0, f64::max) + 1.0;
        assert_eq!(lanes_of(resources, events, end), whole_log(resources, events, end));
    }

    /// Chunk sizes that cut a log everywhere: one event at a time, a few at a time in an uneven
    /// cycle, and in two halves.
    fn chunkings(len: usize) -> Vec<Vec<usize>> {
        vec![vec![1], vec![3, 1, 7, 2, 13, 5], vec![len / 2 + 1]]
    }

    /// A log with every kind of resource event: blocks, grants of each operation, releases, sets
    /// and clears, a shutdown, a raise, a barrier's arrivals and pass, a task cancelled and one
    /// failing while they wait, a second block before the first was granted, and a leaked hold.
    fn every_kind() -> EventLog {
        let kinds = [
            ResourceKind::Lock,
            ResourceKind::Semaphore { permits: 2 },
            ResourceKind::Queue { capacity: 1 },
            ResourceKind::Event,
            ResourceKind::Counter,
            ResourceKind::Barrier { parties: 2 },
            ResourceKind::Condition { lock: 0 },
        ];
        log(
            &kinds,
            &[
                (0.0, 0, granted(0, Op::Acquire, None)),
                (0.0, 1, Blocked { res: 0, op: Op::Acquire, holders: vec![TaskId(0)] }),
                (0.5, 2, granted(1, Op::Acquire, None)),
                (0.5, 1, granted(1, Op::Acquire, None)),
                (0.7, 0, Blocked { res: 1, op: Op::Acquire, holders: vec![TaskId(2), TaskId(1)] }),
                (1.0, 2, granted(2, Op::Put, Some(7))),
                (1.0, 2, Blocked { res: 2, op: Op::Put, holders: vec![] }),
                (1.5, 1, granted(2, Op::Get, Some(7))),
                (1.5, 1, Signalled { res: 2, op: Op::Get, woke: vec![TaskId(2)] }),
                (1.5, 2, granted(2, Op::Put, Some(8))),
                (2.0, 0, granted(4, Op::Read, Some(0))),
                (2.0, 1, granted(4, Op::Write, Some(3))),
                (2.5, 0, granted(4, Op::Write, Some(1))),
                (3.0, 2, Signalled { res: 3, op: Op::Set, woke: vec![] }),
                (3.0, 2, Signalled { res: 3, op: Op::Clear, woke: vec![] }),
                (3.5, 2, Blocked { res: 3, op: Op::Wait, holders: vec![] }),
                (3.5, 2, Blocked { res: 3, op: Op::Wait, holders: vec![] }),
                (4.0, 1, Signalled { res: 3, op: Op::Set, woke: vec![TaskId(2)] }),
                (4.0, 2, granted(3, Op::Wait, None)),
                (4.5, 0, Requested { step: 3, res: 5, op: Op::Wait }),
                (4.5, 0, Blocked { res: 5, op: Op::Wait, holders: vec![] }),
                (5.0, 2, Requested { step: 4, res: 5, op: Op::Wait }),
                (5.0, 2, Signalled { res: 5, op: Op::Wait, woke: vec![TaskId(0)] }),
                (5.0, 0, granted(5, Op::Wait, None)),
                (5.0, 2, granted(5, Op::Wait, None)),
                (5.5, 2, Signalled { res: 1, op: Op::Release, woke: vec![TaskId(0)] }),
                (5.5, 0, granted(1, Op::Acquire, None)),
                (6.0, 1, Signalled { res: 2, op: Op::Shutdown, woke: vec![] }),
                (6.0, 2, Blocked { res: 2, op: Op::Get, holders: vec![] }),
                (6.5, 2, Raised { res: 2, op: Op::Get, error: "shut down".into() }),
                (7.0, 0, release(0, vec![TaskId(1)])),
                (7.0, 1, Cancelling { cause: crate::sync::Cause::RunEnd, step: Some(0) }),
                (7.0, 1, Cancelled { step: Some(0) }),
                (7.5, 2, Blocked { res: 6, op: Op::Wait, holders: vec![] }),
                (8.0, 2, Failed { reason: "boom".into() }),
                (8.5, 0, Signalled { res: 1, op: Op::Release, woke: vec![] }),
                (9.0, 0, granted(0, Op::Acquire, None)),
            ],
        )
    }

    #[test]
    fn fed_in_any_chunks_the_tracker_gives_the_whole_logs_lanes() {
        let l = every_kind();
        for sizes in chunkings(l.events.len()) {
            check_chunked(&l.resources, &l.events, &sizes);
        }
        let lanes = resource_lanes(&l, 10.0);
        assert_eq!(lanes[0].still_held(), 1, "the lock taken at 9 ms is never given back");
        assert_eq!(lanes[3].peak(), 2, "the event is set twice");
        assert_eq!(lanes[4].level_max(), 3);
        assert!(lanes[2].waits.iter().all(|w| !w.open), "the raise ends the get's wait");
    }

    /// The tutorial's and the deadlock page's presets, on the logs the schedule model predicts.
    #[test]
    fn fed_in_any_chunks_the_presets_lanes_are_the_whole_logs() {
        let scenarios = crate::sync_presets::all()
            .iter()
            .map(|p| p.scenario())
            .chain(crate::deadlock_presets::all().iter().map(|p| p.scenario()))
            .collect::<Vec<_>>();
        for sc in scenarios {
            let l = crate::model::predict(&sc).log;
            for sizes in chunkings(l.events.len()) {
                check_chunked(&l.resources, &l.events, &sizes);
            }
        }
    }

    /// Guards the parallel mode: events that arrive out of time order, before and after what
    /// was read, give the lanes of the log read in time order whatever the chunks.
    #[test]
    fn fed_out_of_order_the_tracker_gives_the_whole_logs_lanes() {
        let mut l = every_kind();
        // Cross some neighbours and move a late grant and release well back.
        for i in (3..l.events.len() - 1).step_by(5) {
            l.events.swap(i, i + 1);
        }
        let late = l.events.remove(6);
        l.events.push(late);
        assert!(!l.events.windows(2).all(|w| w[0].t_ms <= w[1].t_ms));
        for sizes in chunkings(l.events.len()).into_iter().chain([vec![2], vec![4, 9]]) {
            check_chunked(&l.resources, &l.events, &sizes);
        }
    }

    #[test]
    fn a_lock_lane_shows_holders_in_turn_and_the_waiter() {
        let l = log(
            &[ResourceKind::Lock],
            &[
                (0.0, 0, granted(0, Op::Acquire, None)),
                (1.0, 1, Blocked { res: 0, op: Op::Acquire, holders: vec![TaskId(0)] }),
                (10.0, 0, release(0, vec![TaskId(1)])),
                (10.5, 1, granted(0, Op::Acquire, None)),
            ],
        );
        let lane = &resource_lanes(&l, 30.0)[0];
        let holds: Vec<_> =
            lane.holds.iter().map(|h| (h.task.0, h.start_ms, h.end_ms, h.open, h.row)).collect();
        assert_eq!(holds, vec![(0, 0.0, 10.0, false, 0), (1, 10.5, 30.0, true, 0)]);
        assert_eq!(lane.hold_rows, 1);
        assert_eq!(lane.waits.len(), 1);
        assert_eq!((lane.waits[0].start_ms, lane.waits[0].end_ms), (1.0, 10.5));
        assert_eq!(lane.peak(), 1);
        assert_eq!(lane.peak_waiting(), 1);
        assert_eq!(lane.waiting, vec![(1.0, 1), (10.5, 0)]);
        assert_eq!(lane.summary(), "lock r0: held 2 times, most holders at once 1, 1 still held at the end; 1 wait, at most 1 at once");
    }

    /// Guards the parallel mode (issue 14): two workers' messages arrive out of time order (the
    /// second worker's grant before the first one's release, and a counter's writes crossed), and
    /// the lane still shows one holder at a time and the last write in time as the final value.
    #[test]
    fn events_from_workers_arriving_out_of_order_are_read_in_time_order() {
        let mut l = log(
            &[ResourceKind::Lock, ResourceKind::Counter],
            &[
                (0.0, 0, granted(0, Op::Acquire, None)),
                (1.0, 1, Blocked { res: 0, op: Op::Acquire, holders: vec![TaskId(0)] }),
                (10.5, 1, granted(0, Op::Acquire, None)),
                (9.0, 0, granted(1, Op::Write, Some(1))),
                (10.0, 0, release(0, vec![])),
                (12.0, 1, granted(1, Op::Write, Some(2))),
                (12.5, 1, release(0, vec![])),
            ],
        );
        l.events[5].t_ms = 11.0;
        l.events.swap(3, 5);
        let lanes = resource_lanes(&l, 30.0);
        let holds: Vec<_> = lanes[0].holds.iter().map(|h| (h.task.0, h.start_ms, h.end_ms, h.row)).collect();
        assert_eq!(holds, vec![(0, 0.0, 10.0, 0), (1, 10.5, 12.5, 0)]);
        assert_eq!(lanes[0].peak(), 1);
        assert_eq!(lanes[1].level.last(), Some(&(11.0, 2)));
        // A release and a grant at the same instant: the release counts first.
        let l = log(
            &[ResourceKind::Lock],
            &[
                (0.0, 0, granted(0, Op::Acquire, None)),
                (5.0, 1, granted(0, Op::Acquire, None)),
                (5.0, 0, release(0, vec![])),
                (4.0, 2, Blocked { res: 0, op: Op::Acquire, holders: vec![] }),
            ],
        );
        assert_eq!(resource_lanes(&l, 9.0)[0].peak(), 1);
    }

    #[test]
    fn a_semaphore_of_two_uses_two_rows_and_peaks_at_two() {
        let l = log(
            &[ResourceKind::Semaphore { permits: 2 }],
            &[
                (0.0, 0, granted(0, Op::Acquire, None)),
                (0.0, 1, granted(0, Op::Acquire, None)),
                (0.1, 2, Blocked { res: 0, op: Op::Acquire, holders: vec![TaskId(0), TaskId(1)] }),
                (5.0, 1, release(0, vec![TaskId(2)])),
                (5.0, 2, granted(0, Op::Acquire, None)),
                (8.0, 0, release(0, vec![])),
                (9.0, 2, release(0, vec![])),
            ],
        );
        let lane = &resource_lanes(&l, 9.0)[0];
        assert_eq!(lane.hold_rows, 2);
        assert_eq!(lane.holds.iter().map(|h| h.row).collect::<Vec<_>>(), vec![0, 1, 1]);
        assert_eq!(lane.peak(), 2);
        assert_eq!(lane.level.last(), Some(&(9.0, 0)));
        assert!(lane.holds.iter().all(|h| !h.open));
    }

    #[test]
    fn queues_counters_events_and_barriers_have_levels() {
        let q = ResourceKind::Queue { capacity: 0 };
        let l = log(
            &[q, ResourceKind::Counter, ResourceKind::Event, ResourceKind::Barrier { parties: 2 }],
            &[
                (1.0, 1, Blocked { res: 0, op: Op::Get, holders: vec![] }),
                // A rendezvous: the get is logged before the put.
                (2.0, 1, granted(0, Op::Get, Some(0))),
                (2.0, 0, granted(0, Op::Put, Some(0))),
                (3.0, 0, granted(1, Op::Write, Some(1))),
                (4.0, 1, granted(1, Op::Write, Some(1))),
                (5.0, 2, Signalled { res: 2, op: Op::Set, woke: vec![] }),
                (6.0, 0, Requested { step: 0, res: 3, op: Op::Wait }),
                (6.0, 0, Blocked { res: 3, op: Op::Wait, holders: vec![] }),
                (7.0, 1, Requested { step: 0, res: 3, op: Op::Wait }),
                (7.0, 1, Signalled { res: 3, op: Op::Wait, woke: vec![TaskId(0)] }),
                (7.0, 0, granted(3, Op::Wait, None)),
            ],
        );
        let lanes = resource_lanes(&l, 8.0);
        assert!(lanes[0].level.iter().all(|x| x.1 >= 0), "{:?}", lanes[0].level);
        assert_eq!(lanes[0].waits.len(), 1);
        assert_eq!(lanes[1].peak(), 1, "the race's counter ends at 1");
        assert_eq!(lanes[2].peak(), 1, "set once");
        assert_eq!(lanes[2].level, vec![(5.0, 1)]);
        assert_eq!(lanes[3].peak(), 2, "two arrived before the pass");
        assert_eq!(lanes[3].level.last(), Some(&(7.0, 0)));
    }

    #[test]
    fn a_cancelled_waiter_stops_waiting_when_cancelled() {
        let l = log(
            &[ResourceKind::Lock],
            &[
                (0.0, 0, granted(0, Op::Acquire, None)),
                (1.0, 1, Blocked { res: 0, op: Op::Acquire, holders: vec![TaskId(0)] }),
                (4.0, 1, Cancelled { step: Some(0) }),
            ],
        );
        let lane = &resource_lanes(&l, 10.0)[0];
        assert_eq!((lane.waits[0].end_ms, lane.waits[0].open), (4.0, false));
        assert_eq!(lane.waiting.last(), Some(&(4.0, 0)));
    }

    /// The lanes of the tutorial's presets, on the logs the schedule model predicts for them.
    #[test]
    fn the_presets_lanes_show_what_their_claims_say() {
        use crate::sync_presets::{by_id, COUNTER_TASKS};
        let lanes = |id: &str| {
            let p = crate::model::predict(&by_id(id).unwrap().scenario());
            resource_lanes(&p.log, p.end_ms())
        };
        let sem = &lanes("4_3-semaphore")[0];
        assert_eq!((sem.peak(), sem.hold_rows, sem.holds.len()), (2, 2, 4));
        assert_eq!(sem.peak_waiting(), 2);
        assert_eq!(sem.level.last().map(|l| l.1), Some(0), "every permit given back");
        assert_eq!(lanes("4_1-race")[0].peak(), 1, "the race's counter ends at 1");
        let locked = lanes("4_2-locked");
        assert_eq!(locked[0].peak(), COUNTER_TASKS as i64);
        assert_eq!((locked[1].peak(), locked[1].holds.len()), (1, COUNTER_TASKS));
        assert_eq!(locked[1].peak_waiting(), COUNTER_TASKS as i64 - 1);
        let barrier = &lanes("4_4-barrier")[0];
        assert_eq!((barrier.peak(), barrier.level.last().map(|l| l.1)), (3, Some(0)));
        assert_eq!(barrier.marks.iter().filter(|m| m.op == Op::Wait).count(), 3, "three passes");
        assert_eq!(lanes("4_5-event")[0].peak(), 1, "set once");
        let queue = &lanes("5_5-queue")[0];
        assert_eq!(queue.marks.iter().filter(|m| m.op == Op::Put).count(), 5);
        assert!(queue.waits.iter().any(|w| w.op == Op::Get), "the consumer waits for items");
        assert!(queue.waits.iter().all(|w| !w.open), "the run's end cancels the waiting consumer");
        let rendezvous = &lanes("8_4-rendezvous")[0];
        assert_eq!(rendezvous.peak(), 0, "a rendezvous never holds an item");
    }
}
