//! Page 3: concurrency vs parallelism, as a guided comparison: an I/O-bound and a CPU-bound
//! workload, each run one after another, taking turns on the event loop, and on workers.

pub mod three_ways;

use crate::ui::tour::concurrency_parallelism::three_ways::ThreeWays;
use crate::ui::tour::lesson_frame::LessonFrame;
use crate::ui::tour::lessons::Slug;
use crate::ui::tour::use_seen::use_seen;
use engine::tour::{cpu_bound, io_bound};
use yew::prelude::*;

/// Tasks in each workload.
const TASKS: usize = 4;
/// Units of work per CPU-bound task.
const UNITS: f64 = 150.0;

/// The concurrency-vs-parallelism lesson with its two guided runs.
#[component]
pub fn ConcurrencyParallelismPage() -> Html {
    let (seen, on_seen) = use_seen();
    html! {
        <LessonFrame slug={Slug::ConcurrencyVsParallelism} demo_title="Turns on one lane, or overlap on several" seen={Some(seen)}>
            <p>{ "Each button runs its tasks three ways, in three interleaved rounds (one way after another, then again, then again), and reports the median of each way with its range. Under each way, the timeline's thread lanes show who held which thread when: turns on one lane, or overlap on several." }</p>
            <ThreeWays name="I/O-bound" scenario={io_bound(TASKS)} on_seen={on_seen.clone()}
                about={format!("{TASKS} tasks each wait 300 ms for a reply, then spend 2 ms on it. Waiting needs no thread, so taking turns already overlaps the waits.")} />
            <ThreeWays name="CPU-bound" scenario={cpu_bound(TASKS, UNITS)} on_seen={on_seen}
                about={format!("{TASKS} tasks each compute {UNITS:.0} units (1 unit ≈ 1 ms here). Computing needs a thread the whole time: turns cannot help, cores can.")} />
        </LessonFrame>
    }
}
