//! Chapter 5: failures, the loop's exception handler, cancellation, callbacks, queues, futures.

use super::TutorialClaim as C;

const PAGE: &str = "advanced-asyncio";

pub(super) const CLAIMS: &[C] = &[
    C {
        id: "5_1-failure",
        chapter: 5,
        example: "5_1",
        claim: "A task's exception stays in the task: one fails at 0.1 s, the other finishes its 1 s; reading the exception before the task is done is an error.",
        tutorial: "the exception is read after the failure; too early raises InvalidStateError",
        slug: PAGE,
        preset: Some("5_1-failure"),
    },
    C {
        id: "5_2-handler",
        chapter: 5,
        example: "5_2",
        claim: "The loop's exception handler reports a failed task nobody awaited, and only once main has finished.",
        tutorial: "the handler fires after \"Main coroutine done!\"",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "5_3-cancel",
        chapter: 5,
        example: "5_3",
        claim: "A 1 s task cancelled after 10 ms stops at once, and its cleanup runs.",
        tutorial: "CancelledError caught after 0.01 s",
        slug: PAGE,
        preset: Some("5_3-cancel"),
    },
    C {
        id: "5_4-callbacks",
        chapter: 5,
        example: "5_4",
        claim: "Done callbacks run in order when a task ends, and one can set an event that main waits on.",
        tutorial: "the chain ends after about 2.2 s",
        slug: PAGE,
        preset: None,
    },
    C {
        id: "5_5-queue",
        chapter: 5,
        example: "5_5",
        claim: "A consumer looping forever on a queue never ends: the producer is done before the last item is taken, and the consumer is cancelled.",
        tutorial: "\"Done!\" before \"Got number 4\"",
        slug: PAGE,
        preset: Some("5_5-queue"),
    },
    C {
        id: "5_6-future",
        chapter: 5,
        example: "5_6",
        claim: "A bare future holds no work: whoever awaits it waits until someone sets its value.",
        tutorial: "the awaiting task gets 10",
        slug: PAGE,
        preset: None,
    },
];
