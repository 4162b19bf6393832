//! Browser tests of the chapter-1 tour (wasm-bindgen-test, headless Chromium and Firefox): the
//! measurements and recordings the tour pages show, run through the same functions the pages call.
//! Timing assertions compare ratios within one run, never absolute times.
#![cfg(target_arch = "wasm32")]

use async_playground::web::coroutine::{PollOutcome, Stepper};
use async_playground::web::event_loop_probe;
use async_playground::web::lag::{self, Approach, LagMeter};
use engine::event_loop_model as model;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Guards page 1's claim: busy-waiting freezes the event loop for as long as it spins, awaiting
/// a timer leaves it free, and chunked work keeps it mostly free.
#[wasm_bindgen_test]
async fn blocking_lags_the_loop_by_the_busy_time_and_awaiting_does_not() {
    let meter = LagMeter::start();
    TimeoutFuture::new(100).await; // let the heartbeat get going
    let ms = 2000.0;
    let block = lag::measure(&meter, Approach::Block, ms).await;
    let wait = lag::measure(&meter, Approach::Await, ms).await;
    let chunked = lag::measure(&meter, Approach::Chunked, ms).await;
    meter.stop();
    assert!(block.max_lag_ms >= 0.8 * block.took_ms, "{block:?}");
    assert!(wait.max_lag_ms < 0.1 * wait.took_ms, "{wait:?}");
    assert!(chunked.max_lag_ms * 4.0 < block.max_lag_ms, "chunked {chunked:?} vs blocked {block:?}");
    assert!(chunked.chunks >= 10, "{chunked:?}");
    assert_eq!(block.frames, 0, "no frame is drawn while the thread spins: {block:?}");
    assert!(block.longest_frame_gap_ms >= 0.8 * block.took_ms, "{block:?}");
    assert!(wait.frames > 0, "{wait:?}");
    assert!(wait.longest_frame_gap_ms * 4.0 < block.longest_frame_gap_ms, "{wait:?} vs {block:?}");
}

/// Guards the event-loop page: for every snippet the page offers, the order the browser really
/// runs the lines in is the order the engine's model predicts. One pair is not ordered by the
/// HTML standard: a zero-delay timer against the next animation frame (a busy machine can draw the
/// frame first). A snippet that differs only by that swap is run again up to three times; if the
/// swap persists it is counted, and at most 1% of snippets may end that way. Any other difference
/// fails at once.
#[wasm_bindgen_test]
async fn every_offered_snippet_runs_in_the_predicted_order() {
    const RERUNS: usize = 3;
    let mut differences = Vec::new();
    let mut races = 0usize;
    let all = model::all_snippets();
    for snippet in &all {
        let predicted = model::predict(snippet);
        let mut observed = event_loop_probe::record(snippet).await.order;
        let mut tries = 0;
        while model::is_frame_timer_race(snippet, &predicted, &observed) && tries < RERUNS {
            observed = event_loop_probe::record(snippet).await.order;
            tries += 1;
        }
        if observed == predicted {
            continue;
        }
        if model::is_frame_timer_race(snippet, &predicted, &observed) {
            races += 1;
        } else {
            differences.push(format!("{snippet:?}: predicted {predicted:?}, observed {observed:?}"));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} differ:\n{}",
        differences.len(),
        all.len(),
        differences.join("\n")
    );
    assert!(races * 100 <= all.len(), "{races} of {} snippets drew the frame before the timer", all.len());
}

/// Guards the coroutine page: a real async fn is lazy, returns Pending at each await that is not
/// ready, keeps its locals between polls, and is Ready exactly at the last poll.
#[wasm_bindgen_test]
fn the_coroutine_is_pending_and_ready_at_exactly_the_right_polls() {
    let mut s = Stepper::new();
    assert!(!s.watch().started, "creating the future runs nothing");
    assert_eq!(s.poll(), Some(PollOutcome::Pending(1)));
    assert_eq!(s.watch().local("total"), Some(2));
    assert_eq!(s.poll(), Some(PollOutcome::Pending(1)), "no progress while await 1 is not complete");
    s.complete(1);
    assert_eq!(s.wakes(), 1, "completing the awaited future wakes the page's waker");
    assert_eq!(s.poll(), Some(PollOutcome::Pending(2)));
    assert_eq!((s.watch().local("water"), s.watch().local("total")), (Some(3), Some(5)));
    s.complete(2);
    assert_eq!(s.poll(), Some(PollOutcome::Pending(3)));
    assert_eq!((s.watch().local("water"), s.watch().local("leaves")), (Some(3), Some(4)), "locals survive");
    assert_eq!(s.watch().local("total"), Some(20));
    s.complete(3);
    assert_eq!(s.poll(), Some(PollOutcome::Ready(21)));
    assert!(s.is_done());
    assert_eq!(s.polls().len(), 5);
    assert_eq!(s.poll(), None, "a finished future is not polled again");
}
