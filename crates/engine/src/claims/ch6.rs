//! Chapter 6: what Python 3.11–3.13 added.

use super::TutorialClaim as C;

const PAGE: &str = "newer-asyncio";

pub(super) const CLAIMS: &[C] = &[
    C {
        id: "6_1-eager",
        chapter: 6,
        example: "6_1",
        claim: "Tasks that start eagerly run until their first await at once, saving the event-loop turns a scheduled start costs.",
        tutorial: "\"nearly 6×\" faster on 1,000,000 tasks (CPython-specific)",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "6_4-shutdown",
        chapter: 6,
        example: "6_4",
        claim: "Once a queue is shut down, a put raises.",
        tutorial: "QueueShutDown (Python 3.13+)",
        slug: PAGE,
        preset: Some("6_4-shutdown"),
    },
];
