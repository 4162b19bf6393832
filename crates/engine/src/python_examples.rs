//! The tutorial's pure-asyncio examples, as our own Python, for the CPython page. Each shows
//! the behaviour of one of the tutorial's examples (named by its number, e.g. 2_5) and prints
//! the line its claim is checked against; where the playground can express the same behaviour,
//! the equivalent Rust scenario runs beside it.

use crate::scenario::{Scenario, Step, TaskSpec};

/// How the Rust column of an example's claims table is filled.
#[derive(Clone, Debug, PartialEq)]
pub enum RustSide {
    /// This scenario, run concurrently on the page's event loop; its wall time is compared.
    Scenario(Scenario),
    /// The playground cannot express it: the reason is shown instead of a number.
    None(&'static str),
}

/// One example.
#[derive(Clone, Debug, PartialEq)]
pub struct PyExample {
    /// The tutorial's example number, e.g. "2_5".
    pub id: &'static str,
    /// Its chapter.
    pub chapter: u32,
    /// A short title.
    pub title: &'static str,
    /// What it shows, one sentence.
    pub shows: &'static str,
    /// Our Python.
    pub code: &'static str,
    /// What the tutorial says its example gives.
    pub claim: &'static str,
    /// The output line the result is read from starts with this.
    pub result_prefix: &'static str,
    /// The Rust column.
    pub rust: RustSide,
}

fn waits(name: &str, n: usize, ms: f64) -> Vec<TaskSpec> {
    (0..n)
        .map(|i| TaskSpec {
            name: format!("{name} {}", i + 1),
            start_delay_ms: 0.0,
            steps: vec![Step::Wait { ms }],
        })
        .collect()
}

fn scenario(tasks: Vec<TaskSpec>) -> RustSide {
    RustSide::Scenario(Scenario { tasks, ..Default::default() })
}

/// Every example, by chapter.
pub fn all() -> Vec<PyExample> {
    vec![
        PyExample {
            id: "2_5",
            chapter: 2,
            title: "Two tasks, one second each",
            shows: "Two tasks created with create_task sleep at the same time, so both finish after about one second, not two.",
            code: TWO_TASKS,
            claim: "< 1.1 s",
            result_prefix: "took ",
            rust: scenario(waits("sleep", 2, 1000.0)),
        },
        PyExample {
            id: "2_7",
            chapter: 2,
            title: "A TaskGroup of 2 s and 3 s",
            shows: "A TaskGroup waits for all its tasks: the group ends with the longest one, after about three seconds.",
            code: TASK_GROUP,
            claim: "< 3.1 s",
            result_prefix: "took ",
            rust: scenario(vec![
                TaskSpec { name: "two".into(), start_delay_ms: 0.0, steps: vec![Step::Wait { ms: 2000.0 }] },
                TaskSpec { name: "three".into(), start_delay_ms: 0.0, steps: vec![Step::Wait { ms: 3000.0 }] },
            ]),
        },
        PyExample {
            id: "2_8",
            chapter: 2,
            title: "A timeout",
            shows: "wait_for gives a two-second coroutine one second, then cancels it and raises TimeoutError.",
            code: TIMEOUT,
            claim: "timeout! (after 1 s)",
            result_prefix: "result: ",
            rust: RustSide::None("the playground's tasks have no timeout"),
        },
        PyExample {
            id: "2_x",
            chapter: 2,
            title: "time.sleep blocks the loop",
            shows: "A coroutine calling time.sleep holds the thread: two of them take two seconds, and the timeline shows them running one after the other.",
            code: BLOCKING,
            claim: "(not in the tutorial: why its examples await asyncio.sleep)",
            result_prefix: "took ",
            rust: scenario(
                (0..2)
                    .map(|i| TaskSpec {
                        name: format!("blocker {}", i + 1),
                        start_delay_ms: 0.0,
                        steps: vec![Step::Work { ms: 1000.0 }],
                    })
                    .collect(),
            ),
        },
        PyExample {
            id: "4_1",
            chapter: 4,
            title: "A race on a counter",
            shows: "Each task reads a shared counter, sleeps, then writes back what it read plus one: every task read 0, so the counter ends at 1.",
            code: RACE,
            claim: "prints 1 (10,000 tasks; here 1,000)",
            result_prefix: "counter = ",
            rust: RustSide::None("the playground's tasks share no counter (the tour's race demo uses workers)"),
        },
        PyExample {
            id: "4_2",
            chapter: 4,
            title: "The same race under a Lock",
            shows: "Holding a Lock from the read to the write makes the tasks take turns: no update is lost.",
            code: LOCKED,
            claim: "prints 10000 (10,000 tasks; here 200, each holding the lock 1 ms)",
            result_prefix: "counter = ",
            rust: RustSide::None("the playground has no lock"),
        },
        PyExample {
            id: "4_3",
            chapter: 4,
            title: "A Semaphore of 2",
            shows: "Four one-second tasks, at most two at a time: two rounds, about two seconds.",
            code: SEMAPHORE,
            claim: "between 2 s and 3 s",
            result_prefix: "took ",
            rust: RustSide::None("the playground has no semaphore"),
        },
        PyExample {
            id: "4_5",
            chapter: 4,
            title: "An Event",
            shows: "A waiter blocks on an Event until another task sets it one second later.",
            code: EVENT,
            claim: "the waiter wakes after 1 s",
            result_prefix: "woke after ",
            rust: RustSide::None("the playground has no event"),
        },
        PyExample {
            id: "5_1",
            chapter: 5,
            title: "A task that fails",
            shows: "One task raises after 0.1 s while another runs for a second; the failure is kept in the task until someone asks.",
            code: FAILING,
            claim: "the exception is read from the task",
            result_prefix: "exception: ",
            rust: RustSide::None("a failing task is not a scenario step"),
        },
        PyExample {
            id: "5_3",
            chapter: 5,
            title: "Cancelling a task",
            shows: "A long task is cancelled after 10 ms; it sees CancelledError where it awaited.",
            code: CANCEL,
            claim: "CancelledError caught",
            result_prefix: "result: ",
            rust: RustSide::None("the playground cancels whole runs (Stop), not single tasks"),
        },
        PyExample {
            id: "5_5",
            chapter: 5,
            title: "A Queue between a producer and a consumer",
            shows: "A producer puts five numbers one second apart; the consumer never returns, so the program ends by cancelling it.",
            code: QUEUE,
            claim: "\"Done!\" prints before the last number is consumed",
            result_prefix: "order: ",
            rust: RustSide::None("the playground has no queue"),
        },
        PyExample {
            id: "6_1",
            chapter: 6,
            title: "The eager task factory",
            shows: "With the eager task factory a task that finishes without awaiting never goes through the loop: creating many of them is several times faster.",
            code: EAGER,
            claim: "nearly 6× faster (1,000,000 tasks; here 20,000)",
            result_prefix: "speed-up: ",
            rust: RustSide::None("Rust futures run when polled; there is no task factory to change"),
        },
        PyExample {
            id: "6_x",
            chapter: 6,
            title: "What one step costs",
            shows: "100 tasks each yield to the loop 100 times (await asyncio.sleep(0)): the time per step is the loop's own overhead, here with the page's tracer on.",
            code: STEPS,
            claim: "(not in the tutorial: the loop's cost per task switch)",
            result_prefix: "took ",
            rust: scenario(
                (0..100)
                    .map(|i| TaskSpec {
                        name: format!("yielder {}", i + 1),
                        start_delay_ms: 0.0,
                        steps: vec![Step::Wait { ms: 0.0 }; 100],
                    })
                    .collect(),
            ),
        },
        PyExample {
            id: "6_4",
            chapter: 6,
            title: "Shutting a Queue down",
            shows: "After Queue.shutdown, put raises QueueShutDown (Python 3.13+).",
            code: SHUTDOWN,
            claim: "put after shutdown raises",
            result_prefix: "result: ",
            rust: RustSide::None("the playground has no queue"),
        },
        PyExample {
            id: "8_1",
            chapter: 8,
            title: "An orphaned task",
            shows: "A task created and never awaited is cancelled when the program ends, unfinished: what structured concurrency (task groups) prevents.",
            code: ORPHAN,
            claim: "the orphan never finishes",
            result_prefix: "orphan ",
            rust: RustSide::None("a Rust future nobody polls never starts at all"),
        },
    ]
}

/// The example with this id.
pub fn by_id(id: &str) -> Option<PyExample> {
    all().into_iter().find(|e| e.id == id)
}

const TWO_TASKS: &str = r#"import asyncio, time

async def nap(label):
    await asyncio.sleep(1)
    print(f"{label} woke up")

async def main():
    start = time.perf_counter()
    first = asyncio.create_task(nap("first"))
    second = asyncio.create_task(nap("second"))
    await first
    await second
    print(f"took {time.perf_counter() - start:.3f} s")

asyncio.run(main())
"#;

const TASK_GROUP: &str = r#"import asyncio, time

async def wait_for_it(seconds):
    await asyncio.sleep(seconds)
    print(f"{seconds} s task done")

async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        group.create_task(wait_for_it(2))
        group.create_task(wait_for_it(3))
    print(f"took {time.perf_counter() - start:.3f} s")

asyncio.run(main())
"#;

const TIMEOUT: &str = r#"import asyncio, time

async def slow_answer():
    await asyncio.sleep(2)
    return "answer"

async def main():
    start = time.perf_counter()
    try:
        value = await asyncio.wait_for(slow_answer(), timeout=1.0)
        print(f"result: {value}")
    except TimeoutError:
        print(f"result: timeout! after {time.perf_counter() - start:.3f} s")

asyncio.run(main())
"#;

const BLOCKING: &str = r#"import asyncio, time

async def stubborn(label):
    time.sleep(1)          # blocks the whole thread: nothing else can run
    print(f"{label} done")

async def main():
    start = time.perf_counter()
    await asyncio.gather(stubborn("one"), stubborn("two"))
    print(f"took {time.perf_counter() - start:.3f} s")

asyncio.run(main())
"#;

const RACE: &str = r#"import asyncio

counter = 0

async def bump():
    global counter
    seen = counter              # read
    await asyncio.sleep(0.01)   # every other task reads meanwhile
    counter = seen + 1          # write back a stale value

async def main():
    await asyncio.gather(*(bump() for _ in range(1000)))
    print(f"counter = {counter}")

asyncio.run(main())
"#;

const LOCKED: &str = r#"import asyncio

counter = 0
lock = asyncio.Lock()

async def bump():
    global counter
    async with lock:            # one task at a time from read to write
        seen = counter
        await asyncio.sleep(0.001)
        counter = seen + 1

async def main():
    await asyncio.gather(*(bump() for _ in range(200)))
    print(f"counter = {counter}")

asyncio.run(main())
"#;

const SEMAPHORE: &str = r#"import asyncio, time

gate = asyncio.Semaphore(2)

async def job(n):
    async with gate:           # at most two inside
        print(f"job {n} in")
        await asyncio.sleep(1)

async def main():
    start = time.perf_counter()
    await asyncio.gather(*(job(n) for n in range(4)))
    print(f"took {time.perf_counter() - start:.3f} s")

asyncio.run(main())
"#;

const EVENT: &str = r#"import asyncio, time

async def waiter(signal, start):
    await signal.wait()
    print(f"woke after {time.perf_counter() - start:.3f} s")

async def setter(signal):
    await asyncio.sleep(1)
    signal.set()

async def main():
    signal = asyncio.Event()
    start = time.perf_counter()
    await asyncio.gather(waiter(signal, start), setter(signal))

asyncio.run(main())
"#;

const FAILING: &str = r#"import asyncio

async def breaks():
    await asyncio.sleep(0.1)
    raise ValueError("something went wrong")

async def steady():
    await asyncio.sleep(1)
    return "fine"

async def main():
    bad = asyncio.create_task(breaks())
    good = asyncio.create_task(steady())
    try:
        bad.exception()          # asked too early
    except asyncio.InvalidStateError:
        print("not done yet: InvalidStateError")
    print(await good)
    print(f"exception: {bad.exception()!r}")

asyncio.run(main())
"#;

const CANCEL: &str = r#"import asyncio

async def long_job():
    try:
        await asyncio.sleep(10)
        return "finished"
    except asyncio.CancelledError:
        print("long_job was cancelled")
        raise

async def main():
    task = asyncio.create_task(long_job())
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("result: CancelledError caught")

asyncio.run(main())
"#;

const QUEUE: &str = r#"import asyncio

events = []

async def producer(q):
    for n in range(5):
        await q.put(n)
        await asyncio.sleep(1)

async def consumer(q):
    while True:
        n = await q.get()
        events.append(f"got {n}")
        print(f"got {n}")

async def main():
    q = asyncio.Queue()
    asyncio.create_task(consumer(q))
    await producer(q)
    events.append("Done!")
    print("Done!")
    print("order: " + ", ".join(events))

asyncio.run(main())
"#;

const EAGER: &str = r#"import asyncio, time

N = 20_000

async def nothing():
    return None

async def spawn_all():
    await asyncio.gather(*(asyncio.create_task(nothing()) for _ in range(N)))

async def main():
    loop = asyncio.get_running_loop()
    plain_factory = loop.get_task_factory()
    start = time.perf_counter()
    await spawn_all()
    plain = time.perf_counter() - start
    loop.set_task_factory(asyncio.eager_task_factory)
    start = time.perf_counter()
    await spawn_all()
    eager = time.perf_counter() - start
    loop.set_task_factory(plain_factory)
    print(f"plain {plain:.3f} s, eager {eager:.3f} s")
    print(f"speed-up: {plain / eager:.1f}x")

asyncio.run(main())
"#;

const STEPS: &str = r#"import asyncio, time

async def yielder():
    for _ in range(100):
        await asyncio.sleep(0)      # hand the thread back to the loop

async def main():
    start = time.perf_counter()
    await asyncio.gather(*(yielder() for _ in range(100)))
    took = time.perf_counter() - start
    print(f"{took / 10_000 * 1e6:.1f} µs per step")
    print(f"took {took:.3f} s")

asyncio.run(main())
"#;

const SHUTDOWN: &str = r#"import asyncio

async def main():
    q = asyncio.Queue()
    await q.put("before")
    q.shutdown()
    try:
        await q.put("after")
        print("result: put worked")
    except asyncio.QueueShutDown:
        print("result: QueueShutDown raised")

asyncio.run(main())
"#;

const ORPHAN: &str = r#"import asyncio

async def orphan():
    try:
        await asyncio.sleep(5)
        print("orphan finished")
    except asyncio.CancelledError:
        print("orphan cancelled, unfinished")
        raise

async def main():
    asyncio.create_task(orphan())   # nobody keeps or awaits it
    await asyncio.sleep(0.5)
    print("main returns")

asyncio.run(main())
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_example_prints_its_result_line() {
        let all = all();
        let mut ids: Vec<_> = all.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        for e in &all {
            assert!(
                e.code.contains(e.result_prefix.trim_end()),
                "{} never prints {:?}",
                e.id,
                e.result_prefix
            );
            assert!([2, 4, 5, 6, 8].contains(&e.chapter));
            if let RustSide::Scenario(s) = &e.rust {
                assert!(!s.tasks.is_empty(), "{}", e.id);
            }
        }
        assert_eq!(by_id("4_1").map(|e| e.chapter), Some(4));
    }
}
