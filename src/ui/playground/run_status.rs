//! The progress bar and status line under Run: they follow a live run through its feed
//! (live_view.rs), so a live update renders them and not the page.

use super::live_view::LiveView;
use super::progress_bar::{progress_bar, ProgressBarProps};
use super::run_view::{status, LiveFeed, RunView};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`RunStatus`].
#[derive(Properties, PartialEq)]
pub struct RunStatusProps {
    /// The run's numbers' feed.
    pub feed: LiveFeed,
    /// Steps of the scenario as edited (the bar's length before a run).
    pub planned: usize,
    /// Run is disabled (the scenario or the Workers field has problems): before a run the line
    /// says so instead of "Ready".
    #[prop_or_default]
    pub blocked: bool,
    /// What the run's session says instead of the run's own status: its stage (the workers
    /// starting) or why the run could not start.
    #[prop_or_default]
    pub note: Option<String>,
}

/// The run's progress bar and status line.
#[component]
pub fn RunStatus(props: &RunStatusProps) -> Html {
    let deps = (props.planned, props.blocked, props.note.clone());
    let render = use_callback(deps, |v: Rc<RunView>, (planned, blocked, note)| {
        html! {
            <>
                { progress_bar(&ProgressBarProps { done: v.done_steps, total: v.total_steps.max(*planned), elapsed_ms: v.now_ms, running: v.running }) }
                <p class="status" role="status" id="run-status" tabindex="-1" data-testid="run-status">{ note.clone().unwrap_or_else(|| status(&v, *blocked)) }</p>
            </>
        }
    });
    html! { <LiveView feed={props.feed.clone()} render={render} /> }
}
