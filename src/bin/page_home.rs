//! The module of the home page (the tour map) and the not-found page alone (`ui::pages`).
use async_playground::ui::pages::{self, Pages};

fn main() {
    async_playground::ui::app::start(Pages(pages::home));
}
