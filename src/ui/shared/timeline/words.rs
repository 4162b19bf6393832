//! What the timeline's states are called: in the hover text, the legend and the text table.

use engine::metrics::SegmentKind;

/// What a state means, on the page's event loop or (`on_workers`) on a pool's workers. On a
/// worker a task holds its worker from start to end, so "ready but waiting" there is not
/// another task holding the thread: it is the hand-off from the page to the worker that took
/// the task, or a timer of the worker's that fired late.
pub fn kind_text(k: SegmentKind, on_workers: bool) -> &'static str {
    match (k, on_workers) {
        (SegmentKind::Running, false) => "running (holds the thread)",
        (SegmentKind::Running, true) => "running on its worker",
        (SegmentKind::Awaiting, false) => "awaiting a timer",
        (SegmentKind::Awaiting, true) => "awaiting a timer (its worker waits with it)",
        (SegmentKind::ReadyWaiting, false) => "ready but waiting for the thread",
        (SegmentKind::ReadyWaiting, true) => {
            "ready but not yet running on its worker (the hand-off to the worker, or a late timer)"
        }
    }
}

/// The legend's line for each state; see [`kind_text`].
pub fn legend_text(k: SegmentKind, on_workers: bool) -> &'static str {
    match (k, on_workers) {
        (SegmentKind::ReadyWaiting, false) => "ready but waiting: another task holds the thread",
        (SegmentKind::ReadyWaiting, true) => {
            "ready but waiting: taken by a worker, not yet running on it (a task still queued for a free worker has no bar until one takes it)"
        }
        _ => kind_text(k, on_workers),
    }
}

/// A state in the text table's list of segments.
pub fn kind_word(k: SegmentKind) -> &'static str {
    match k {
        SegmentKind::Running => "running",
        SegmentKind::Awaiting => "awaiting",
        SegmentKind::ReadyWaiting => "ready, waiting",
    }
}
