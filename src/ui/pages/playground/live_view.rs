//! One view of a run that follows a live run through its own feed: it renders again when its
//! feed is set, and the rest of the page does not.

use super::run_view::{current, LiveFeed, RunView};
use crate::ui::hooks::use_feed::use_feed;
use crate::web::frame;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`LiveView`].
#[derive(Properties)]
pub struct LiveViewProps {
    /// The page's settled view of the run.
    pub view: Rc<RunView>,
    /// This view's share of a live run's updates.
    pub feed: LiveFeed,
    /// Draws the view of a run.
    pub render: Callback<Rc<RunView>, Html>,
}

// By identity: a view holds a whole run (its log, scenario and metrics), too big to compare.
impl PartialEq for LiveViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view) && self.feed == other.feed && self.render == other.render
    }
}

/// Renders `render` of the live update while the page's run is live, else of the settled view.
#[component]
pub fn LiveView(props: &LiveViewProps) -> Html {
    frame::update_renders();
    let live = use_feed(&props.feed);
    use_effect(|| frame::end_update("playground:update"));
    let v = if std::ptr::eq(current(&props.view, &live), &*live) { live } else { props.view.clone() };
    props.render.emit(v)
}
