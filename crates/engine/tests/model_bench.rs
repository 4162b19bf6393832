//! Benchmarks of the schedule model and the deadlock detector, reported, never asserted:
//! `cargo test -p engine --release --test model_bench -- --ignored --nocapture`.

use engine::model::predict;
use engine::scenario::{Scenario, Step, TaskSpec};
use engine::sync::{Resource, ResourceKind, Structure};
use engine::waitfor::{Detector, Scrubber};
use std::time::Instant;

/// `n` tasks contending for a Semaphore(10), 5 steps each: a `with` block around three 10 ms waits.
fn contention(n: usize) -> Scenario {
    Scenario {
        tasks: (0..n)
            .map(|i| TaskSpec {
                name: format!("t{i}"),
                start_delay_ms: 0.0,
                steps: vec![
                    Step::With { res: 0 },
                    Step::Wait { ms: 10.0 },
                    Step::Wait { ms: 10.0 },
                    Step::Wait { ms: 10.0 },
                    Step::End,
                ],
            })
            .collect(),
        resources: vec![Resource { name: "sem".into(), kind: ResourceKind::Semaphore { permits: 10 } }],
        structure: Structure::Gather { return_exceptions: false },
    }
}

/// The best of `runs` timings of `f`, in milliseconds.
fn best_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t0 = Instant::now();
            f();
            t0.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::MAX, f64::min)
}

#[test]
#[ignore = "a benchmark: run it in release with --ignored --nocapture"]
fn model_and_detector_on_10k_tasks() {
    let s = contention(10_000);
    let pr = predict(&s);
    assert!(!pr.stalled);
    let events = pr.log.events.len();
    let predict_ms = best_ms(5, || {
        std::hint::black_box(predict(&s));
    });
    let detect_ms = best_ms(5, || {
        let mut d = Detector::new(&s);
        for e in &pr.log.events {
            std::hint::black_box(d.push(e));
        }
    });
    let scrub_ms = best_ms(3, || {
        std::hint::black_box(Scrubber::new(&s, &pr.log, 1024));
    });
    let scrub = Scrubber::new(&s, &pr.log, 1024);
    let seek_ms = best_ms(5, || {
        for k in 0..100 {
            std::hint::black_box(scrub.at(events * k / 100 + 1023));
        }
    }) / 100.0;
    println!("10,000 tasks × Semaphore(10) × 5 steps: {events} events, {:.0} virtual ms", pr.end_ms());
    println!("predict: {predict_ms:.1} ms (best of 5)");
    println!(
        "detector: {detect_ms:.1} ms for the whole log, {:.3} µs per event (best of 5)",
        detect_ms * 1000.0 / events as f64
    );
    println!("scrubber: {scrub_ms:.1} ms to checkpoint every 1024 events; {seek_ms:.2} ms per seek");
}
