//! Each demo's code: our Python showing the tutorial's behaviour, beside the Rust the demo runs
//! (abridged from `runs.rs`: `log` stands for adding a line to the demo's log). The failure
//! demo's pair is the page's own code pair.

use engine::chapters::ch5::Demo;

/// The Python and the Rust of `demo`, if the card shows a pair.
pub fn pair(demo: Demo) -> Option<(&'static str, &'static str)> {
    match demo {
        Demo::Failure => None,
        Demo::Handler => Some((HANDLER_PY, HANDLER_RS)),
        Demo::Cancel => Some((CANCEL_PY, CANCEL_RS)),
        Demo::Callbacks => Some((CALLBACKS_PY, CALLBACKS_RS)),
        Demo::Future => Some((FUTURE_PY, FUTURE_RS)),
    }
}

const HANDLER_PY: &str = r#"import asyncio

def report(loop, context):
    print("handler:", context["message"], repr(context["exception"]))

async def orphan():
    await asyncio.sleep(0.05)
    raise RuntimeError("nobody is listening")

async def main():
    asyncio.get_running_loop().set_exception_handler(report)
    task = asyncio.create_task(orphan())  # kept, never awaited
    await asyncio.sleep(0.15)
    print("main done")
    # main returns: the last reference to the failed task goes,
    # and only then is its exception reported

asyncio.run(main())"#;

const HANDLER_RS: &str = r#"// A task that failed and was never read reports
// itself to the loop's handler when its last
// handle is dropped (see Drop for Inner).
run(log, |lp| async move {
    lp.set_exception_handler(|task, e| {
        log(format!("{task}: exception never retrieved: {e}"))
    });
    let _orphan = lp.spawn("orphan", async {
        sleep(50.0).await;
        Err("RuntimeError: nobody is listening".into())
    });
    sleep(150.0).await;
    log("main done");
})   // run() drops its tasks after main returns
.await;"#;

const CANCEL_PY: &str = r#"import asyncio

async def worker():
    try:
        await asyncio.sleep(1)
    finally:
        print("cleanup ran")  # runs on cancel too

async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.01)
    task.cancel()  # CancelledError at worker's await
    try:
        await task
    except asyncio.CancelledError:
        print("worker ended cancelled")

asyncio.run(main())"#;

const CANCEL_RS: &str = r#"// Rust's `finally` is Drop: cancelling a task
// drops its future, and with it the guard.
struct Cleanup;
impl Drop for Cleanup {
    fn drop(&mut self) { log("cleanup ran") }
}

let worker = lp.spawn("worker", async {
    let _cleanup = Cleanup;
    sleep(1000.0).await;
    Ok(())
});
sleep(10.0).await;
worker.cancel();   // an AbortHandle: dropped at its next turn
worker.done().await;"#;

const CALLBACKS_PY: &str = r#"import asyncio, time

async def step():
    await asyncio.sleep(1)

async def main():
    over = asyncio.Event()
    keep = []  # the loop holds tasks weakly: keep them

    def second_done(task):
        print("done callback 2")
        over.set()

    def first_done(task):
        print("done callback 1")
        keep.append(asyncio.create_task(step()))
        keep[-1].add_done_callback(second_done)

    start = time.perf_counter()
    keep.append(asyncio.create_task(step()))
    keep[-1].add_done_callback(first_done)
    await over.wait()
    print(f"chain over after {time.perf_counter() - start:.1f} s")

asyncio.run(main())"#;

const CALLBACKS_RS: &str = r#"let over = BareFuture::<()>::new(); // an event
let first = lp.spawn("step 1", async {
    sleep(1000.0).await;
    Ok(())
});
let (lp2, ev) = (lp.clone(), over.clone());
first.add_done_callback(move |_| {
    log("done callback 1");
    let second = lp2.spawn("step 2", async {
        sleep(1000.0).await;
        Ok(())
    });
    second.add_done_callback(move |_| {
        log("done callback 2");
        ev.set(()).ok();
    });
});
over.await;
log("main woke: the chain is over");"#;

const FUTURE_PY: &str = r#"import asyncio

async def waiter(fut):
    print("waiter got", await fut)  # no work: just waits

async def setter(fut):
    await asyncio.sleep(0.5)
    fut.set_result(10)

async def main():
    fut = asyncio.get_running_loop().create_future()
    await asyncio.gather(waiter(fut), setter(fut))

asyncio.run(main())"#;

const FUTURE_RS: &str = r#"// BareFuture (engine::chapters::ch5): a value
// slot and the wakers of whoever awaits it.
let future = BareFuture::<i64>::new();
let f = future.clone();
let waiter = lp.spawn("waiter", async move {
    let value = f.await;   // Pending until set
    log(format!("waiter got {value}"));
    Ok(())
});
lp.spawn("setter", async move {
    sleep(500.0).await;
    future.set(10)?;       // wakes the waiter
    Ok(())
});
waiter.done().await;"#;
