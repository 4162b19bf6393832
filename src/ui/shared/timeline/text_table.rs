//! The timeline in words, for screen readers and for anyone who prefers numbers to colours:
//! per task, the time in each state and its segments in order.

use super::words::kind_word;
use engine::metrics::{Segment, SegmentKind};
use engine::timeline::Tracker;
use engine::TaskId;
use yew::prelude::*;

/// Task rows the text table lists before it says how many it left out.
const TABLE_TASKS: usize = 100;
/// Segments listed per task in the text table.
const TABLE_SEGMENTS: usize = 24;

/// The table of the tasks of `tr` up to `upto` ms, named from `log`.
pub fn text_table(tr: &Tracker, log: &engine::EventLog, upto: f64) -> Html {
    let n = tr.n_tasks();
    let rows = (0..n.min(TABLE_TASKS)).map(|i| {
        let segs = tr.task_segments(TaskId(i as u32), upto);
        let total = |k: SegmentKind| segs.iter().filter(|s| s.kind == k).map(Segment::len_ms).sum::<f64>();
        let mut list: Vec<String> = segs
            .iter()
            .take(TABLE_SEGMENTS)
            .map(|s| format!("{} {:.1}–{:.1} ms", kind_word(s.kind), s.start_ms, s.end_ms))
            .collect();
        if segs.len() > TABLE_SEGMENTS {
            list.push(format!("and {} more", segs.len() - TABLE_SEGMENTS));
        }
        html! {
            <tr>
                <th scope="row">{ log.name(TaskId(i as u32)) }</th>
                <td>{ format!("{:.1}", total(SegmentKind::Running)) }</td>
                <td>{ format!("{:.1}", total(SegmentKind::Awaiting)) }</td>
                <td>{ format!("{:.1}", total(SegmentKind::ReadyWaiting)) }</td>
                <td class="tl-segs">{ list.join("; ") }</td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Timeline as a table, scrollable">
            <table class="task-table" aria-label="Timeline as a table">
                <thead><tr>
                    <th scope="col">{ "Task" }</th><th scope="col">{ "Running (ms)" }</th>
                    <th scope="col">{ "Awaiting (ms)" }</th><th scope="col">{ "Ready, waiting (ms)" }</th>
                    <th scope="col">{ "Segments in order" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if n > TABLE_TASKS {
                <p class="muted small">{ format!("The first {TABLE_TASKS} of {n} tasks.") }</p>
            }
        </div>
    }
}
