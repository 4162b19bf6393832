//! The module of the home page, chapter 1's lessons and the not-found page (`ui::pages`).
use async_playground::ui::pages::{self, Pages};

fn main() {
    async_playground::ui::app::start(Pages(pages::tour));
}
