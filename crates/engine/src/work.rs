//! Real CPU work: a small integer hash chain that cannot be skipped or vectorised.
//!
//! The same function runs on the main thread and inside Web Workers, so a worker's checksum can
//! be checked against the page's. All arithmetic wraps, so native, wasm32 and every browser agree.

/// `checksum(42, 10, 1000)`, computed natively; wasm32 must agree.
pub const KNOWN_42_10_1000: u64 = 12_231_678_617_264_136_928;

/// Rounds of [`crunch`] done between two clock reads in a busy loop (small: ~tens of µs).
pub const ROUNDS_PER_SLICE: u64 = 4_096;

/// Advances the hash chain `state` by `rounds` rounds and returns the new state.
///
/// Each round depends on the one before (a multiply–xorshift mix), so the work is real and
/// strictly sequential: an optimiser cannot fold it away as long as the result is used.
/// Rounds compose: `crunch(crunch(s, a), b) == crunch(s, a + b)`, so a busy loop may run the
/// chain in slices (checking the clock between them) and still report the same checksum.
// Never inlined: browsers compile wasm in a fast baseline tier first and optimise a function
// only for its *next* call. As one shared function, the chain is optimised once (by the page's
// and each worker's calibration) and every later run — however long one call is — gets the
// optimised code, so a run's speed does not depend on which caller ran first.
#[inline(never)]
pub fn crunch(mut state: u64, rounds: u64) -> u64 {
    for _ in 0..rounds {
        state ^= state >> 33;
        state = state.wrapping_mul(0xff51_afd7_ed55_8ccd).wrapping_add(0x9e37_79b9_7f4a_7c15);
        state ^= state >> 29;
    }
    state
}

/// The checksum of `units` units of work of `rounds_per_unit` rounds each, from `seed`.
pub fn checksum(seed: u64, units: u64, rounds_per_unit: u64) -> u64 {
    crunch(seed, units.saturating_mul(rounds_per_unit))
}

/// Rounds per millisecond from a calibration sample, never less than 1.
pub fn rounds_per_ms(rounds: u64, elapsed_ms: f64) -> u64 {
    if elapsed_ms <= 0.0 || !elapsed_ms.is_finite() {
        return rounds.max(1);
    }
    ((rounds as f64 / elapsed_ms).round() as u64).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crunch_is_deterministic_and_sliceable() {
        assert_eq!(crunch(7, 0), 7, "no rounds, no change");
        // Two rounds from 0, worked out by hand (Python, 64-bit wrapping) from the formula in
        // the doc comment: 0 → 0x9e37_79b9_7f4a_7c15 ^ (that >> 29) → …
        assert_eq!(crunch(0, 1), 11_400_714_836_765_684_190);
        assert_eq!(crunch(0, 2), 13_200_816_303_415_699_165);
        assert_ne!(crunch(7, 1000), crunch(8, 1000));
        assert_ne!(crunch(7, 1000), crunch(7, 1001));
        assert_eq!(crunch(crunch(7, 400), 600), crunch(7, 1000));
        assert_eq!(checksum(1, 3, 10), crunch(1, 30));
    }

    /// Guards the value the page and the workers compare: if this function changes, a page and a
    /// worker built from different commits would disagree. The browser test checks wasm32 too.
    #[test]
    fn checksum_has_a_known_value() {
        assert_eq!(checksum(42, 10, 1000), KNOWN_42_10_1000);
    }

    #[test]
    fn calibration_never_gives_zero() {
        assert_eq!(rounds_per_ms(10_000, 2.0), 5_000);
        assert_eq!(rounds_per_ms(1, 100.0), 1);
        assert_eq!(rounds_per_ms(500, 0.0), 500);
        assert_eq!(rounds_per_ms(500, f64::NAN), 500);
    }
}
