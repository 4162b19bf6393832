//! Real, blocking CPU work on whatever thread calls it.

use super::clock;
use engine::work::{crunch, ROUNDS_PER_SLICE};

/// Computes (really: a hash chain, see [`engine::work::crunch`]) for `ms` milliseconds without
/// yielding, then returns the chain's state and the number of rounds done. Nothing else on this
/// thread runs meanwhile: timers, clicks and rendering all wait. That is the point.
pub fn busy_for(ms: f64, seed: u64) -> (u64, u64) {
    let start = clock::now();
    let mut state = seed;
    let mut rounds = 0u64;
    loop {
        state = crunch(state, ROUNDS_PER_SLICE);
        rounds += ROUNDS_PER_SLICE;
        if clock::now() - start >= ms {
            break;
        }
    }
    (std::hint::black_box(state), rounds)
}

/// Measures how many rounds of the hash chain this thread does per millisecond, by computing for
/// about `sample_ms` milliseconds. Used to size "units" so that 1 unit ≈ 1 ms here.
pub fn calibrate(sample_ms: f64) -> u64 {
    let start = clock::now();
    let (_, rounds) = busy_for(sample_ms, 1);
    engine::work::rounds_per_ms(rounds, clock::now() - start)
}
