//! Browser tests of the "Why is it stuck?" page's engine-in-the-browser parts (headless Chromium
//! and Firefox): every deadlock preset, run for real with the live detector attached, is found
//! stuck at the event that completed it and stopped in that same turn; and every preset with
//! resources records the event order the schedule model predicts, allowing only the model's
//! documented difference (timers due within a few ms of each other), which is reported.
#![cfg(target_arch = "wasm32")]

use async_playground::web::watch::Watched;
use engine::model::{first_difference, predict};
use engine::waitfor::detect;
use engine::{deadlock_presets, inspect, EventKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Timers whose deadlines are this close may fire in either order in a browser.
const TIE_MS: f64 = 4.0;

#[wasm_bindgen_test]
async fn every_deadlock_is_found_live_at_the_event_that_completes_it_and_stopped_there() {
    for p in deadlock_presets::all() {
        let s = p.scenario();
        let watched = Watched::start(&s);
        let watch = watched.watch();
        let log = watched.finished().await;
        let found = watch.found().unwrap_or_else(|| panic!("{}: not found stuck", p.id));
        let d = &found.deadlock;
        // Found while the completing event was recorded: nothing else was recorded first.
        assert_eq!(
            found.events_then,
            d.at + 1,
            "{}: found after event {}, {} recorded",
            p.id,
            d.at,
            found.events_then
        );
        // After it, only the stop's cancellations.
        for e in &log.events[d.at + 1..] {
            assert!(
                matches!(
                    e.kind,
                    EventKind::Cancelling { .. } | EventKind::Cancelled { .. } | EventKind::Signalled { .. }
                ),
                "{}: after the deadlock: {}",
                p.id,
                log.line(e)
            );
        }
        // The same verdict as the detector run over the finished log, and as the model.
        let again = detect(&s, &log).unwrap_or_else(|| panic!("{}: the whole log shows no deadlock", p.id));
        assert_eq!(again.at, d.at, "{}", p.id);
        assert_eq!(again.tasks, d.tasks, "{}", p.id);
        assert!(predict(&s).stalled, "{}: the model stalls too", p.id);
        assert!(!d.explanation.is_empty(), "{}", p.id);
    }
}

#[wasm_bindgen_test]
async fn the_opposite_locks_deadlock_names_its_cycle() {
    let p = deadlock_presets::by_id("dl-opposite-locks").unwrap();
    let watched = Watched::start(&p.scenario());
    let watch = watched.watch();
    watched.finished().await;
    let d = watch.found().unwrap().deadlock;
    assert_eq!(d.cycle.len(), 2);
    assert!(d.explanation.contains("held by"), "{}", d.explanation);
    let philosophers = deadlock_presets::by_id("dl-philosophers").unwrap();
    let watched = Watched::start(&philosophers.scenario());
    let watch = watched.watch();
    watched.finished().await;
    assert_eq!(watch.found().unwrap().deadlock.cycle.len(), deadlock_presets::PHILOSOPHERS);
}

#[wasm_bindgen_test]
async fn every_scene_runs_in_the_order_the_model_predicts() {
    let mut ties = Vec::new();
    for scene in inspect::scenes() {
        let s = scene.scenario();
        let predicted = predict(&s);
        let mut diff = None;
        // A difference the model documents (a timer tie) may go either way: run once more.
        for _ in 0..2 {
            let watched = Watched::start(&s);
            let watch = watched.watch();
            let log = watched.finished().await;
            let mut observed = (*log).clone();
            if let Some(f) = watch.found() {
                observed.events.truncate(f.deadlock.at + 1);
            }
            diff = first_difference(&predicted.log, &observed, TIE_MS);
            if diff.is_none() {
                break;
            }
        }
        match diff {
            None => {}
            Some(d) if d.timer_tie => ties.push(format!("{}: {d:?}", scene.id)),
            Some(d) => panic!("{}: the run departs from the model: {d:?}", scene.id),
        }
    }
    // Reported, never silently ignored.
    web_sys::console::log_1(&format!("model vs run: {} timer ties: {ties:?}", ties.len()).into());
}
