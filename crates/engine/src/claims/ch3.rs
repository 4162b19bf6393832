//! Chapter 3: CPU-bound and I/O-bound work, `gather`, process pools, fork and spawn.

use super::TutorialClaim as C;

const PAGE: &str = "cpu-and-io";

pub(super) const CLAIMS: &[C] = &[
    C {
        id: "3_1-gather",
        chapter: 3,
        example: "3_1",
        claim: "Three requests gathered take about as long as one request (the slowest of them alone).",
        tutorial: "\"very close\" to one request",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "3_1-sequential",
        chapter: 3,
        example: "3_1",
        claim: "Three requests one after another take about three times one request (the sum of their waits).",
        tutorial: "about 3×",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "3_2-pool",
        chapter: 3,
        example: "3_2",
        claim: "Two CPU-bound jobs on a pool of two processes take about half the time of one after another.",
        tutorial: "\"speed doubles\" (at least 1.5×)",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "3_3-fork-spawn",
        chapter: 3,
        example: "text",
        claim: "Starting a fresh worker (like spawn) costs far more than handing the job to a warm pool's worker (the browser's nearest thing to fork's cheap start).",
        tutorial: "fork up to 20× faster than spawn",
        slug: PAGE,
        preset: None,
    },
];
