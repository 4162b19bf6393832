//! Chapter 4: races, and the primitives that order tasks.

use super::TutorialClaim as C;

const PAGE: &str = "synchronisation";

pub(super) const CLAIMS: &[C] = &[
    C {
        id: "4_1-race",
        chapter: 4,
        example: "4_1",
        claim: "Tasks that read a counter, sleep, then write it plus one all read the same value: the counter ends at 1.",
        tutorial: "prints 1, not 10000",
        slug: PAGE,
        preset: Some("4_1-race"),
    },
    C {
        id: "4_2-locked",
        chapter: 4,
        example: "4_2",
        claim: "The same read–sleep–write under a lock counts every task.",
        tutorial: "prints 10000 (one per task)",
        slug: PAGE,
        preset: Some("4_2-locked"),
    },
    C {
        id: "4_3-semaphore",
        chapter: 4,
        example: "4_3",
        claim: "Semaphore(2) lets two of four 1 s tasks run at a time.",
        tutorial: "between 2 s and 3 s",
        slug: PAGE,
        preset: Some("4_3-semaphore"),
    },
    C {
        id: "4_4-barrier",
        chapter: 4,
        example: "4_4",
        claim: "Barrier(3) holds the first two arrivals until the third comes, then releases all three together.",
        tutorial: "filling 2/3 → draining 0/3 → filling 0/3",
        slug: PAGE,
        preset: Some("4_4-barrier"),
    },
    C {
        id: "4_5-event",
        chapter: 4,
        example: "4_5",
        claim: "A task waiting on an event goes on when another sets it after 1 s.",
        tutorial: "the waiter wakes after 1 s",
        slug: PAGE,
        preset: Some("4_5-event"),
    },
    C {
        id: "4_condition",
        chapter: 4,
        example: "text",
        claim: "Tasks waiting on a condition sleep until another task notifies it; notify_all after 1 s wakes all three, and each takes the lock back in turn.",
        tutorial: "no example: this one is ours",
        slug: PAGE,
        preset: Some("4_condition"),
    },
];
