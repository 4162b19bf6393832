//! The whole app in one module: every page (`trunk serve`, and the release build's fallback).
//! The release build's pages each start a smaller module of their own (`page_*.rs`).
fn main() {
    async_playground::ui::app::start(async_playground::ui::pages::Pages::ALL);
}
