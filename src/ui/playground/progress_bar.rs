//! The run's progress: steps done out of all steps, and for a long run the time it has left.

use yew::prelude::*;

/// What [`progress_bar`] draws.
pub struct ProgressBarProps {
    /// Steps completed so far.
    pub done: usize,
    /// Steps in the whole scenario.
    pub total: usize,
    /// Milliseconds since the run started (0 before a run).
    pub elapsed_ms: f64,
    /// Whether the run goes on (only then is the time left estimated).
    pub running: bool,
}

/// A labelled `<progress>` with "k / n steps" beside it.
pub fn progress_bar(props: &ProgressBarProps) -> Html {
    let total = props.total.max(1);
    html! {
        <div class="progress-row">
            <label for="run-progress">{ "Progress" }</label>
            <progress id="run-progress" max={total.to_string()} value={props.done.min(total).to_string()}></progress>
            <span class="progress-text" data-testid="progress-text">
                { format!("{} / {} steps", props.done, props.total) }
                if let Some(left) = props.running.then(|| engine::words::time_left(props.elapsed_ms, props.done, props.total)).flatten() {
                    <span data-testid="time-left">{ format!(" · {left}") }</span>
                }
            </span>
        </div>
    }
}
