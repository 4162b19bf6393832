//! The module of the tour page /learn/structured-concurrency alone (`ui::pages`).
use async_playground::ui::pages::{self, Pages};

fn main() {
    async_playground::ui::app::start(Pages(pages::structured_concurrency));
}
