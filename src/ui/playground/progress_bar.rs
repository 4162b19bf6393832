//! The run's progress: steps done out of all steps.

use yew::prelude::*;

/// Props of [`ProgressBar`].
#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    /// Steps completed so far.
    pub done: usize,
    /// Steps in the whole scenario.
    pub total: usize,
}

/// A labelled `<progress>` with "k / n steps" beside it.
#[component]
pub fn ProgressBar(props: &ProgressBarProps) -> Html {
    let total = props.total.max(1);
    html! {
        <div class="progress-row">
            <label for="run-progress">{ "Progress" }</label>
            <progress id="run-progress" max={total.to_string()} value={props.done.min(total).to_string()}></progress>
            <span class="progress-text" data-testid="progress-text">
                { format!("{} / {} steps", props.done, props.total) }
            </span>
        </div>
    }
}
