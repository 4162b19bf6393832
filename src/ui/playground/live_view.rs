//! One view of a run that follows a live run through its own feed: it renders again when its
//! feed is set, and the rest of the page does not.

use super::run_view::{LiveFeed, RunView};
use crate::ui::shared::use_feed::use_feed;
use crate::web::frame;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`LiveView`].
#[derive(Properties, PartialEq)]
pub struct LiveViewProps {
    /// What this view shows of the run: its settled states and its share of a live run's updates.
    pub feed: LiveFeed,
    /// Draws the view of a run.
    pub render: Callback<Rc<RunView>, Html>,
}

/// Renders `render` of the feed's view of the run, again whenever the feed is set.
#[component]
pub fn LiveView(props: &LiveViewProps) -> Html {
    frame::update_renders();
    let live = use_feed(&props.feed);
    use_effect(|| frame::end_update("playground:update"));
    props.render.emit(live)
}
