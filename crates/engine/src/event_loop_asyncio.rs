//! The event-loops page's snippet in asyncio: each line's nearest counterpart on CPython's event
//! loop, the whole program, and the order CPython prints it in.
//!
//! asyncio has one ready queue and a heap of timers. A line that runs now prints at once;
//! `call_soon`, `create_task` (a Task's first step) and a done callback added to a finished
//! Future all join the ready queue, first in, first out. A `call_later(0)` timer is due at once
//! but joins the ready queue only on the loop's next pass, after what was already there
//! (`BaseEventLoop._run_once`: due timers are appended behind the ready handles). asyncio has no
//! microtask queue and draws no frames: `queueMicrotask` becomes `call_soon`, and a frame becomes
//! a timer one frame (1/60 s) away.

use crate::event_loop_model::Item;

/// Where a line's callback waits on CPython's loop, in the order the queues drain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Queue {
    /// Runs during the turn.
    Now,
    /// The ready queue.
    Ready,
    /// A timer due at once (`call_later(0)`).
    Due,
    /// A timer one frame away.
    Frame,
}

fn queue(item: Item) -> Queue {
    match item {
        Item::Log => Queue::Now,
        Item::Microtask | Item::PromiseThen | Item::SpawnLocal => Queue::Ready,
        Item::Timeout => Queue::Due,
        Item::AnimationFrame => Queue::Frame,
    }
}

/// The line's asyncio counterpart, as written inside `async def main()` (with `loop` and a
/// finished future `done` at hand).
pub fn line(item: Item) -> &'static str {
    match item {
        Item::Log => "print(\"sync log\")",
        Item::Timeout => "loop.call_later(0, print, \"setTimeout(0)\")",
        Item::Microtask => "loop.call_soon(print, \"queueMicrotask\")  # no microtask queue: the ready queue",
        Item::PromiseThen => "done.add_done_callback(lambda _: print(\"Promise.then\"))  # a Future callback",
        Item::SpawnLocal => "asyncio.create_task(say(\"spawn_local\"))  # its first step: the ready queue",
        Item::AnimationFrame => {
            "loop.call_later(1 / 60, print, \"requestAnimationFrame\")  # no frames: a timer one frame away"
        }
    }
}

/// The order (indices into `items`) in which CPython prints the snippet's asyncio counterpart:
/// the lines that run now, then the ready queue, then due timers, then the frame timer, each in
/// the order of their lines.
pub fn order(items: &[Item]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by_key(|&k| (queue(items[k]), k));
    idx
}

/// The whole asyncio program for the snippet, ending with the order CPython prints it in.
pub fn program(items: &[Item]) -> String {
    let mut out = String::from("import asyncio\n\nasync def say(text):\n    print(text)\n\nasync def main():\n    loop = asyncio.get_running_loop()\n");
    if items.contains(&Item::PromiseThen) {
        out.push_str("    done = loop.create_future()\n    done.set_result(None)\n");
    }
    for &item in items {
        out.push_str("    ");
        out.push_str(line(item));
        out.push('\n');
    }
    out.push_str(
        "    await asyncio.sleep(0.1)  # let every callback run\n\nasyncio.run(main())\n# CPython prints: ",
    );
    out.push_str(&order(items).iter().map(|&k| printed(items[k])).collect::<Vec<_>>().join(", "));
    out.push('\n');
    out
}

/// What the line's counterpart prints (the same words as the page's log).
pub fn printed(item: Item) -> &'static str {
    item.name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpython_runs_now_then_the_ready_queue_then_due_timers_then_the_frame() {
        let items = [
            Item::Timeout,
            Item::AnimationFrame,
            Item::Log,
            Item::SpawnLocal,
            Item::Microtask,
            Item::PromiseThen,
        ];
        // sync log; spawn_local, queueMicrotask and Promise.then in line order; setTimeout(0);
        // the frame last.
        assert_eq!(order(&items), vec![2, 3, 4, 5, 0, 1]);
        // Reordering the ready-queue lines reorders them in the output: one FIFO queue, unlike
        // the browser, where microtasks go before spawn_local's executor.
        assert_eq!(order(&[Item::SpawnLocal, Item::PromiseThen]), vec![0, 1]);
        assert_eq!(order(&[Item::PromiseThen, Item::SpawnLocal]), vec![0, 1]);
        assert!(order(&[]).is_empty());
    }

    #[test]
    fn the_program_follows_the_snippet_and_states_its_order() {
        let p = program(&[Item::Timeout, Item::Log, Item::PromiseThen]);
        let main = p.split("async def main():\n").nth(1).unwrap();
        let body: Vec<&str> = main.lines().filter(|l| l.starts_with("    ")).collect();
        assert_eq!(body[1], "    done = loop.create_future()", "{p}");
        assert!(body[3].starts_with("    loop.call_later(0, print"), "{p}");
        assert!(body[4].starts_with("    print(\"sync log\")"), "{p}");
        assert!(body[5].starts_with("    done.add_done_callback"), "{p}");
        assert!(p.ends_with("# CPython prints: sync log, Promise.then, setTimeout(0)\n"), "{p}");
        // Without a Future callback, no future is made.
        assert!(!program(&[Item::Log]).contains("create_future"));
    }
}
