//! Chapter 9: task queues and schedulers.

use super::TutorialClaim as C;

const PAGE: &str = "task-queues";

pub(super) const CLAIMS: &[C] = &[
    C {
        id: "9_2-delay",
        chapter: 9,
        example: "9_2",
        claim: "A job handed to the broker is not ready at once; a worker picks it up and its result arrives later.",
        tutorial: "ready() is False, then get() gives 8",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "9_3-countdown",
        chapter: 9,
        example: "9_3",
        claim: "A job with a 2 s countdown does not start before 2 s have passed.",
        tutorial: "runs after 2 s",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "9_4-retry",
        chapter: 9,
        example: "9_4",
        claim: "A job that fails is retried until it succeeds or runs out of retries.",
        tutorial: "retried after a failure",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "9_5-every",
        chapter: 9,
        example: "9_5",
        claim: "A scheduled job runs every N seconds.",
        tutorial: "a job every 5 s",
        slug: PAGE,
        preset: None,
    },
];
