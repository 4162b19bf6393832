//! One stable sort for the whole app, to keep the page's download small.
//!
//! `slice::sort_by` is compiled anew for every element type and every comparison closure, and
//! each copy of the standard library's stable sort is several KB of WebAssembly: the app's
//! fourteen sort calls were about 47 KB before `wasm-opt` (measured with twiggy). Here the sort
//! itself runs once, on a list of indices with a `dyn` comparison, so there is a single copy of
//! it; each call site only adds the small loop that moves its items into the sorted order.
//! The result is exactly `slice::sort_by`'s: stable, and `O(n log n)`.

use std::cmp::Ordering;

/// Sorts `v` like [`slice::sort_by`]: stable (equal items keep their order), ascending by `cmp`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_indices(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` like [`slice::sort_by_key`]: stable, ascending by the key `f` gives each item.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)))
}

/// The indices `0..n`, stably sorted by `cmp` on them: the one instance of the standard sort.
#[inline(never)]
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearranges `v` so that position `i` holds the item that was at `order[i]`, by following each
/// cycle of the permutation with swaps (no copies, so `T` needs no `Clone`).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut cur = start;
        // While walking a cycle, `v[cur]` holds the item that was at `start`.
        while order[cur] != DONE {
            let next = order[cur];
            order[cur] = DONE;
            if next == start {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random numbers without a dependency (a fixed LCG): the tests stay deterministic.
    fn lcg(seed: u64) -> impl FnMut() -> u64 {
        let mut x = seed;
        move || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            x >> 33
        }
    }

    /// Guards the replacement of `slice::sort_by`: same order, equal keys keep their order.
    #[test]
    fn matches_the_standard_stable_sort_on_many_lists_with_repeated_keys() {
        let mut next = lcg(7);
        for len in [0usize, 1, 2, 3, 5, 16, 33, 100, 1000] {
            for _ in 0..20 {
                // (key, original position): few distinct keys, so many ties.
                let items: Vec<(u64, usize)> = (0..len).map(|i| (next() % 7, i)).collect();
                let mut ours = items.clone();
                sort_by_key(&mut ours, |x| x.0);
                let mut std = items.clone();
                std.sort_by_key(|x| x.0);
                assert_eq!(ours, std, "len {len}");
            }
        }
    }

    #[test]
    fn sorts_items_that_cannot_be_cloned_by_a_comparison() {
        let mut v: Vec<Box<f64>> = [3.5, -1.0, 2.0, 0.0, 2.0].into_iter().map(Box::new).collect();
        sort_by(&mut v, |a, b| a.total_cmp(b));
        assert_eq!(v.iter().map(|b| **b).collect::<Vec<_>>(), [-1.0, 0.0, 2.0, 2.0, 3.5]);
    }
}
