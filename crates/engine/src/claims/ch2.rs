//! Chapter 2 (asyncio basics): coroutines, tasks, task groups and timeouts.

use super::TutorialClaim as C;

const PAGE: &str = "asyncio-basics";

pub(super) const CLAIMS: &[C] = &[
    C {
        id: "2_3-unawaited",
        chapter: 2,
        example: "2_3",
        claim: "Calling a coroutine function without awaiting it runs none of its body.",
        tutorial: "nothing runs; awaiting it gives 42",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "2_5-two-tasks",
        chapter: 2,
        example: "2_5",
        claim: "Two tasks that each sleep 1 s, started together, finish in about 1 s, not 2 s.",
        tutorial: "under 1.1 s",
        slug: PAGE,
        preset: Some("2_5-two-tasks"),
    },
    C {
        id: "2_7-task-group",
        chapter: 2,
        example: "2_7",
        claim: "A task group of a 2 s and a 3 s task ends when the longer one does.",
        tutorial: "under 3.1 s",
        slug: PAGE,
        preset: Some("2_7-task-group"),
    },
    C {
        id: "2_8-timeout",
        chapter: 2,
        example: "2_8",
        claim: "A 1 s timeout around a 2 s coroutine cancels it at 1 s.",
        tutorial: "\"timeout!\" after 1 s",
        slug: PAGE,
        preset: Some("2_8-timeout"),
    },
];
