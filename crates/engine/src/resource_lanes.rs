//! One lane per resource, from a run's log: who holds it (each hold a span, placed in a row so
//! overlapping holds of a semaphore never share one), who waits for it, and its level over time —
//! holders of a lock or semaphore, items in a queue, whether an event is set, a counter's value.
//! The timeline draws these under the task lanes; the metrics panel shows their peaks.

use crate::event::{Event, EventKind, EventLog, TaskId};
use crate::sync::{Op, Resource, ResourceKind};
use std::collections::HashMap;

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
}

impl ResourceLane {
    /// The highest level reached (the last for a counter, the number of sets for an event).
    pub fn peak(&self) -> i64 {
        match self.level_kind {
            Level::Value => self.level.last().map_or(0, |l| l.1),
            Level::Set => self.marks.iter().filter(|m| m.op == Op::Set).count() as i64,
            _ => self.max_level,
        }
    }

    /// The most tasks waiting at once.
    pub fn peak_waiting(&self) -> i64 {
        self.waiting.iter().map(|w| w.1).max().unwrap_or(0)
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
                let leaks = self.holds.iter().filter(|h| h.open).count();
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
    let mut lanes: Vec<ResourceLane> = resources
        .iter()
        .enumerate()
        .map(|(i, r)| ResourceLane {
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
        })
        .collect();
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
                lanes[r].waits.push(Span { task, start_ms: t, end_ms: now_ms, open: true, row: 0, op: *op });
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
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Lane;
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
