//! The module of chapters 2–9 and the claims page (`ui::pages`).
use async_playground::ui::pages::{self, Pages};

fn main() {
    async_playground::ui::app::start(Pages(pages::chapters));
}
