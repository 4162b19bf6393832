//! The module of the tour page /learn/thread-vs-process alone (`ui::pages`).
use async_playground::ui::pages::{self, Pages};

fn main() {
    async_playground::ui::app::start(Pages(pages::thread_vs_process));
}
