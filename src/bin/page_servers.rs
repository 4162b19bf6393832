//! The module of the tour page /learn/servers alone (`ui::pages`).
use async_playground::ui::pages::{self, Pages};

fn main() {
    async_playground::ui::app::start(Pages(pages::servers));
}
