//! The live event-loop lag meter: the heartbeat's latest lateness and the last few seconds of it.

use crate::web::{clock, lag::LagMeter};
use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Props of [`LagMeterView`].
#[derive(Properties, PartialEq)]
pub struct LagMeterProps {
    /// The running meter to show.
    pub meter: LagMeter,
    /// How many seconds of history the sparkline shows.
    #[prop_or(6.0)]
    pub window_s: f64,
}

/// The bars' full height stands for this much lag, in milliseconds (taller lags are clipped and
/// labelled).
const SCALE_MS: f64 = 250.0;

/// Shows the current lag in big digits and a bar per heartbeat for the last few seconds.
///
/// It redraws from a 100 ms interval timer, which itself runs on the event loop: while the loop
/// is blocked, the meter freezes too, and the late beat shows up as soon as it is free.
#[component]
pub fn LagMeterView(props: &LagMeterProps) -> Html {
    let redraw = use_force_update();
    use_effect_with((), move |_| {
        let interval = Interval::new(100, move || redraw.force_update());
        move || drop(interval)
    });

    let now = clock::now();
    let window_ms = props.window_s * 1000.0;
    let beats = props.meter.beats_since(now - window_ms);
    let current = props.meter.last_beat().map(|b| b.lag_ms);
    let peak = beats.iter().map(|b| b.lag_ms).fold(0.0, f64::max);
    let (w, h) = (600.0, 80.0);
    let bars = beats.iter().map(|b| {
        let x = w - (now - b.at_ms) / window_ms * w;
        let bh = (b.lag_ms / SCALE_MS).min(1.0) * (h - 4.0) + 1.0;
        let class = if b.lag_ms > 100.0 {
            "bad"
        } else if b.lag_ms > 25.0 {
            "warn"
        } else {
            "ok"
        };
        html! { <rect class={class} x={format!("{:.1}", x - 2.0)} y={format!("{:.1}", h - bh)} width="3" height={format!("{bh:.1}")} /> }
    });
    let level = match current {
        Some(l) if l > 100.0 => "bad",
        Some(l) if l > 25.0 => "warn",
        _ => "ok",
    };
    html! {
        <div class={classes!("lag-meter", level)} role="group" aria-label="Event-loop lag meter">
            <div class="lag-readout">
                <span class="lag-label">{ "Event-loop lag now" }</span>
                <output class="lag-value" data-testid="lag-now" aria-live="off">
                    { current.map_or("—".to_string(), |l| format!("{l:.0} ms")) }
                </output>
                <span class="lag-label">{ format!("Worst in the last {:.0} s: {peak:.0} ms", props.window_s) }</span>
            </div>
            <svg class="lag-spark" viewBox={format!("0 0 {w} {h}")} preserveAspectRatio="none" role="img"
                aria-label={format!("Heartbeat lag over the last {:.0} seconds", props.window_s)}>
                <line class="lag-grid" x1="0" x2={w.to_string()} y1={format!("{:.1}", h - 25.0 / SCALE_MS * (h - 4.0))} y2={format!("{:.1}", h - 25.0 / SCALE_MS * (h - 4.0))} />
                { for bars }
            </svg>
        </div>
    }
}
