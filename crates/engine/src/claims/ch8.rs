//! Chapter 8: structured concurrency, memory channels, handing work to a thread.

use super::TutorialClaim as C;

const PAGE: &str = "structured-concurrency";

pub(super) const CLAIMS: &[C] = &[
    C {
        id: "8_1-orphan",
        chapter: 8,
        example: "8_1",
        claim: "A task nobody awaits is cut off when the run ends.",
        tutorial: "the orphan never finishes",
        slug: PAGE,
        preset: Some("8_1-orphan"),
    },
    C {
        id: "8_3-nursery",
        chapter: 8,
        example: "8_3",
        claim: "A nursery (task group) waits for every child: two 1 s children take about 1 s, and nothing outlives it.",
        tutorial: "about 1 s (1.26 s with start-up)",
        slug: PAGE,
        preset: Some("8_2-group-waits"),
    },
    C {
        id: "8_4-rendezvous",
        chapter: 8,
        example: "8_4",
        claim: "With a channel of capacity 0, each send waits for a receive, and the consumer ends when the channel closes.",
        tutorial: "\"Done!\" prints last; about 5 s",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "8_7-to-thread",
        chapter: 8,
        example: "8_7",
        claim: "Blocking work handed to a thread (here a worker) leaves the event loop free meanwhile.",
        tutorial: "the loop keeps running",
        slug: PAGE,
        preset: None,
    },
];
