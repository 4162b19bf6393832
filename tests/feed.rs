//! Browser test of the feed that carries a live run's updates (wasm-bindgen-test, headless
//! Chromium and Firefox): setting it renders the components that read it, not their parent.
#![cfg(target_arch = "wasm32")]

use async_playground::ui::shared::use_feed::{use_feed, Feed};
use gloo_timers::future::TimeoutFuture;
use std::cell::{Cell, RefCell};
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static PAGE_RENDERS: Cell<u32> = const { Cell::new(0) };
    static VIEW_RENDERS: Cell<u32> = const { Cell::new(0) };
    static FEED: RefCell<Option<Feed<u32>>> = const { RefCell::new(None) };
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    feed: Feed<u32>,
}

#[component]
fn View(props: &ViewProps) -> Html {
    VIEW_RENDERS.with(|c| c.set(c.get() + 1));
    let value = use_feed(&props.feed);
    html! { <p id="feed-view">{ *value }</p> }
}

#[component]
fn Page() -> Html {
    PAGE_RENDERS.with(|c| c.set(c.get() + 1));
    let feed = use_memo((), |_| Feed::new(0u32));
    FEED.with(|f| *f.borrow_mut() = Some((*feed).clone()));
    html! { <section><h1>{ "A page" }</h1><View feed={(*feed).clone()} /></section> }
}

async fn settle() {
    TimeoutFuture::new(0).await;
    TimeoutFuture::new(0).await;
}

/// The text the view shows.
fn shown() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("feed-view"))
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Guards the live playground's cost: an update of a run (ten a second, for 10,000 tasks) must
/// render the views that show it, never the whole page around them.
#[wasm_bindgen_test]
async fn setting_a_feed_renders_its_readers_and_not_the_page() {
    let root = web_sys::window().unwrap().document().unwrap().create_element("div").unwrap();
    web_sys::window().unwrap().document().unwrap().body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<Page>::with_root(root).render();
    settle().await;
    let feed = FEED.with(|f| f.borrow().clone()).expect("the page rendered");
    assert_eq!(shown(), "0");
    let (page0, view0) = (PAGE_RENDERS.with(Cell::get), VIEW_RENDERS.with(Cell::get));

    for k in 1..=3 {
        feed.set(k);
        settle().await;
        assert_eq!(shown(), k.to_string(), "the view shows the value set");
    }
    assert_eq!(PAGE_RENDERS.with(Cell::get), page0, "the page did not render again");
    assert_eq!(VIEW_RENDERS.with(Cell::get), view0 + 3, "the view rendered once per set");
    assert_eq!(feed.subscribers(), 1);

    // Unmounting unsubscribes: a later set tells nobody.
    app.destroy();
    settle().await;
    assert_eq!(feed.subscribers(), 0);
    feed.set(9);
}
