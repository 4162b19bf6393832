//! Chapter 7: servers, synchronous workers against one event loop.

use super::TutorialClaim as C;

const PAGE: &str = "servers";

pub(super) const CLAIMS: &[C] = &[
    C {
        id: "7_1-async-server",
        chapter: 7,
        example: "text",
        claim: "One event loop serves many slow requests at once, so it outdoes as many blocking workers as there are cores.",
        tutorial: "ASGI handles many connections concurrently",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "7_2-workers-per-core",
        chapter: 7,
        example: "text",
        claim: "A synchronous server stops gaining throughput at 2–4 workers per core.",
        tutorial: "workers = 2–4 × cores",
        slug: PAGE,
        preset: None,
    },
];
