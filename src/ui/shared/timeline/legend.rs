//! The timeline's legend: the three states, worded for the event loop or for workers.

use super::words::legend_text;
use engine::metrics::SegmentKind;
use yew::prelude::*;

/// A swatch and a line per state; `on_workers` when the run's lanes are a pool's workers.
pub fn legend(on_workers: bool) -> Html {
    let w = on_workers;
    html! {
        <div class="legend">
            <span><i class="sw k-run"></i>{ legend_text(SegmentKind::Running, w) }</span>
            <span><i class="sw k-await"></i>{ legend_text(SegmentKind::Awaiting, w) }</span>
            <span><i class="sw k-ready"></i>{ legend_text(SegmentKind::ReadyWaiting, w) }</span>
        </div>
    }
}
