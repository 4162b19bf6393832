//! The live log's bookkeeping: the cap, the filter by task, and which rows a virtualised list
//! draws for a scroll position (so 100,000 lines cost what 30 do).

use crate::event::{Event, TaskId};

/// Most lines the live log keeps; later events still count in the timeline and metrics.
pub const LOG_CAP: usize = 100_000;

/// Rows to draw for a viewport, plus the empty space above and below them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// First row drawn.
    pub first: usize,
    /// One past the last row drawn.
    pub end: usize,
    /// Height of the space above the first row, px.
    pub pad_top: f64,
    /// Height of the space below the last row, px.
    pub pad_bottom: f64,
}

/// The rows of a `total`-row list of `row_px`-high rows that a viewport `view_px` high, scrolled
/// to `scroll_px`, shows — with `overscan` extra rows each side so fast scrolling stays filled.
pub fn window(total: usize, row_px: f64, scroll_px: f64, view_px: f64, overscan: usize) -> Window {
    let row_px = row_px.max(1.0);
    let first_visible = ((scroll_px.max(0.0) / row_px).floor() as usize).min(total);
    let visible = (view_px.max(0.0) / row_px).ceil() as usize + 1;
    let first = first_visible.saturating_sub(overscan);
    let end = (first_visible + visible + overscan).min(total);
    Window { first, end, pad_top: first as f64 * row_px, pad_bottom: (total - end) as f64 * row_px }
}

/// Which events the log shows: the first [`LOG_CAP`] events, filtered by task. Built
/// incrementally as the log grows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogIndex {
    /// The task shown, or `None` for all.
    pub filter: Option<TaskId>,
    /// The cap in force.
    pub cap: usize,
    /// Indexes (into the log's events) of the rows shown.
    pub rows: Vec<u32>,
    consumed: usize,
    /// Events not kept because the cap was hit.
    pub dropped: usize,
}

impl LogIndex {
    /// An empty index with a filter and a cap.
    pub fn new(filter: Option<TaskId>, cap: usize) -> Self {
        Self { filter, cap, ..Self::default() }
    }

    /// Takes in the events past those already seen (pass the whole growing list).
    pub fn feed(&mut self, events: &[Event]) {
        let kept_end = events.len().min(self.cap);
        for (i, e) in events.iter().enumerate().take(kept_end).skip(self.consumed) {
            if self.filter.is_none_or(|t| t == e.task) {
                self.rows.push(i as u32);
            }
        }
        self.consumed = self.consumed.max(kept_end);
        self.dropped = events.len().saturating_sub(self.cap);
    }

    /// Whether the cap was hit.
    pub fn capped(&self) -> bool {
        self.dropped > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventKind, EventLog, Lane};

    #[test]
    fn the_window_follows_the_scroll() {
        let w = window(100_000, 20.0, 20_000.0, 400.0, 5);
        assert_eq!((w.first, w.end), (995, 1026));
        assert_eq!(w.pad_top, 995.0 * 20.0);
        assert_eq!(w.pad_top + (w.end - w.first) as f64 * 20.0 + w.pad_bottom, 100_000.0 * 20.0);
        let top = window(10, 20.0, 0.0, 400.0, 5);
        assert_eq!((top.first, top.end, top.pad_bottom), (0, 10, 0.0));
        assert_eq!(
            window(0, 20.0, 50.0, 400.0, 5),
            Window { first: 0, end: 0, pad_top: 0.0, pad_bottom: 0.0 }
        );
    }

    /// Guards the log cap: past it, events are counted as dropped, never silently lost.
    #[test]
    fn the_index_filters_caps_and_grows() {
        let mut log = EventLog::new(vec!["a".into(), "b".into()], vec![0, 0]);
        for i in 0..10u32 {
            log.push(i as f64, TaskId(i % 2), Lane::EventLoop, EventKind::Spawned);
        }
        let mut all = LogIndex::new(None, 6);
        all.feed(&log.events[..3]);
        all.feed(&log.events);
        assert_eq!(all.rows, vec![0, 1, 2, 3, 4, 5]);
        assert_eq!((all.dropped, all.capped()), (4, true));
        let mut b = LogIndex::new(Some(TaskId(1)), LOG_CAP);
        b.feed(&log.events[..4]);
        b.feed(&log.events);
        assert_eq!(b.rows, vec![1, 3, 5, 7, 9]);
        assert!(!b.capped());
    }
}
