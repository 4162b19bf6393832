//! The timeline's toolbar: the range shown, zoom in and out, reset, and the drag hint.

use engine::timeline::tick_label;
use yew::prelude::*;

/// What [`toolbar`] draws.
pub struct ToolbarProps {
    /// Start of the range shown, ms.
    pub t0: f64,
    /// End of the range shown, ms.
    pub t1: f64,
    /// Whether the timeline is zoomed in.
    pub zoomed: bool,
    /// Zooms by this factor around the middle (0.5: in, 2: out).
    pub on_zoom: Callback<f64>,
    /// Shows the whole run.
    pub on_reset: Callback<()>,
}

/// The range and the zoom buttons.
pub fn toolbar(props: &ToolbarProps) -> Html {
    let zoom_by = |factor: f64| props.on_zoom.reform(move |_: MouseEvent| factor);
    let round = |t: f64| tick_label((t * 10.0).round() / 10.0);
    html! {
        <div class="tl-toolbar">
            <span class="muted tl-range">{ format!("Showing {} → {}", round(props.t0), round(props.t1)) }</span>
            <button onclick={zoom_by(0.5)}>{ "Zoom in" }</button>
            <button onclick={zoom_by(2.0)} disabled={!props.zoomed}>{ "Zoom out" }</button>
            <button onclick={props.on_reset.reform(|_: MouseEvent| ())} disabled={!props.zoomed}>{ "Reset zoom" }</button>
            <span class="muted hint">{ "Drag across the timeline to zoom into a range." }</span>
        </div>
    }
}
