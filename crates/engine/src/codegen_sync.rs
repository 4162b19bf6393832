//! The code view of a scenario with resources, child tasks, task groups, timeouts, cancellation
//! or failures: a runnable Python asyncio program, and the Rust `src/web/sync.rs` runs (tokio's
//! primitives on wasm-bindgen-futures; the recording left out).
//!
//! Tasks with the same steps share one function. The Python uses `asyncio.Lock`, `Semaphore`,
//! `Event`, `Barrier`, `Condition`, `Queue` (a rendezvous queue of capacity 0 is a queue of one
//! place whose put waits for `join()`), `TaskGroup`, `gather`, `asyncio.timeout` and
//! `task.cancel()`; it runs on Python 3.11+, except `Queue.shutdown`, which needs 3.13.

use crate::codegen::{quote, secs};
use crate::scenario::{Scenario, Step, TaskSpec};
use crate::sync::{ResourceKind, Structure};
use crate::RunMode;

const PY_KEYWORDS: [&str; 38] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "tasks",
    "asyncio", "time",
];

/// Identifiers for the resources: the name itself when it is one (and unique), else `kind_n`.
fn resource_idents(s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, r) in s.resources.iter().enumerate() {
        let base: String = r
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
            .collect();
        let ok = !base.is_empty()
            && !base.starts_with(|c: char| c.is_ascii_digit())
            && !PY_KEYWORDS.contains(&base.as_str())
            && !matches!(base.as_str(), "busy" | "main" | "local" | "tg" | "fn" | "let" | "loop" | "type")
            && !base.starts_with("body_")
            && !out.contains(&base);
        out.push(if ok { base } else { format!("{}_{}", r.kind.noun(), i + 1) });
    }
    out
}

/// Which function runs each task: tasks with the same start delay and steps share one.
fn bodies(s: &Scenario) -> (Vec<&TaskSpec>, Vec<usize>) {
    let mut distinct: Vec<&TaskSpec> = Vec::new();
    let mut of_task = Vec::with_capacity(s.tasks.len());
    for t in &s.tasks {
        let k = match distinct.iter().position(|d| d.steps == t.steps && d.start_delay_ms == t.start_delay_ms)
        {
            Some(k) => k,
            None => {
                distinct.push(t);
                distinct.len() - 1
            }
        };
        of_task.push(k);
    }
    (distinct, of_task)
}

/// The task-creation lines for `tasks` (indexes), each `tasks[name] = <make>(body_k())`, with
/// runs of tasks named `prefix1, prefix2, …` sharing a body written as one loop.
fn creations(s: &Scenario, of_task: &[usize], tasks: &[usize], make: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut i = 0;
    let split = |name: &str| {
        let digits = name.chars().rev().take_while(|c| c.is_ascii_digit()).count();
        let (p, n) = name.split_at(name.len() - digits);
        (p.to_string(), n.parse::<u64>().ok().filter(|_| !n.starts_with('0')))
    };
    while i < tasks.len() {
        let first = tasks[i];
        let (prefix, n0) = split(&s.tasks[first].name);
        let mut j = i + 1;
        if let Some(n0) = n0 {
            while j < tasks.len() {
                let t = tasks[j];
                let (p, n) = split(&s.tasks[t].name);
                if of_task[t] != of_task[first] || p != prefix || n != Some(n0 + (j - i) as u64) {
                    break;
                }
                j += 1;
            }
        }
        let body = format!("body_{}", of_task[first] + 1);
        if j - i >= 3 {
            let n0 = n0.unwrap_or(0);
            out.push_str(&format!(
                "{indent}for i in range({n0}, {}):\n{indent}    tasks[f{}] = {make}({body}())\n",
                n0 + (j - i) as u64,
                quote(&format!("{prefix}{{i}}"))
            ));
        } else {
            for &t in &tasks[i..j] {
                out.push_str(&format!("{indent}tasks[{}] = {make}({body}())\n", quote(&s.tasks[t].name)));
            }
        }
        i = j;
    }
    out
}

/// The scenario as a Python asyncio program.
pub fn python(s: &Scenario, mode: RunMode) -> String {
    let ids = resource_idents(s);
    let (distinct, of_task) = bodies(s);
    let uses_shutdown = s.tasks.iter().any(|t| t.steps.iter().any(|st| matches!(st, Step::Shutdown { .. })));
    let mut out = String::new();
    if uses_shutdown {
        out.push_str("# Queue.shutdown() needs Python 3.13 or later.\n");
    }
    out.push_str(
        "import asyncio\nimport time\n\n\ndef busy(ms):\n    \"\"\"CPU work: holds the thread (and the event loop) for ms milliseconds.\"\"\"\n    end = time.perf_counter() + ms / 1000\n    while time.perf_counter() < end:\n        pass\n\n\n",
    );
    out.push_str("tasks = {}  # every task by name, to join or cancel it\n");
    let counters: Vec<&String> = s
        .resources
        .iter()
        .zip(&ids)
        .filter(|(r, _)| r.kind == ResourceKind::Counter)
        .map(|(_, id)| id)
        .collect();
    for c in &counters {
        out.push_str(&format!("{c} = 0  # a shared counter\n"));
    }
    for (r, id) in s.resources.iter().zip(&ids) {
        let made = match r.kind {
            ResourceKind::Lock => "asyncio.Lock()".to_string(),
            ResourceKind::Semaphore { permits } => format!("asyncio.Semaphore({permits})"),
            ResourceKind::Event => "asyncio.Event()".to_string(),
            ResourceKind::Barrier { parties } => format!("asyncio.Barrier({parties})"),
            ResourceKind::Condition { lock } => format!("asyncio.Condition({})", ids[lock as usize]),
            ResourceKind::Queue { capacity: 0 } => {
                "asyncio.Queue(maxsize=1)  # a rendezvous: each put waits for a get (join below)".to_string()
            }
            ResourceKind::Queue { capacity } => format!("asyncio.Queue(maxsize={capacity})"),
            ResourceKind::Counter => continue,
        };
        out.push_str(&format!("{id} = {made}\n"));
    }
    out.push_str("\n\n");
    for (k, t) in distinct.iter().enumerate() {
        let names: Vec<&str> = s
            .tasks
            .iter()
            .zip(&of_task)
            .filter(|(_, b)| **b == k)
            .map(|(t, _)| t.name.as_str())
            .take(3)
            .collect();
        let count = of_task.iter().filter(|b| **b == k).count();
        let who = if count > names.len() {
            format!("{}, … ({count} tasks)", names.join(", "))
        } else {
            names.join(", ")
        };
        out.push_str(&format!("async def body_{}():\n    # {who}\n", k + 1));
        out.push_str(&py_steps(s, t, &ids));
        out.push_str("\n\n");
    }
    let children = s.children();
    let top: Vec<usize> = (0..s.tasks.len()).filter(|i| !children[*i]).collect();
    out.push_str("async def main():\n");
    match (mode, s.structure) {
        (RunMode::Sequential, _) => {
            out.push_str("    # Sequential: each task is awaited to the end before the next starts.\n");
            for &t in &top {
                out.push_str(&creations(s, &of_task, &[t], "asyncio.create_task", "    "));
                out.push_str(&format!("    await asyncio.wait([tasks[{}]])\n", quote(&s.tasks[t].name)));
            }
        }
        (_, Structure::TaskGroup) => {
            out.push_str("    # A task group: the first failure cancels the others, and the group raises.\n");
            out.push_str("    try:\n        async with asyncio.TaskGroup() as tg:\n");
            out.push_str(&creations(s, &of_task, &top, "tg.create_task", "            "));
            out.push_str(
                "    except* Exception as group:\n        print(\"the group raised:\", group.exceptions)\n",
            );
        }
        (_, structure) => {
            out.push_str(&creations(s, &of_task, &top, "asyncio.create_task", "    "));
            let all = format!(
                "[tasks[name] for name in ({})]",
                top.iter().map(|t| quote(&s.tasks[*t].name)).collect::<Vec<_>>().join(", ")
                    + if top.len() == 1 { "," } else { "" }
            );
            let all = if top.len() > 6 { "list(tasks.values())".to_string() } else { all };
            match structure {
                Structure::Gather { return_exceptions: false } => {
                    out.push_str("    # gather raises the first failure; the other tasks are not cancelled by it\n    # (asyncio.run cancels whatever is left when main returns).\n");
                    out.push_str(&format!(
                        "    try:\n        await asyncio.gather(*{all})\n    except Exception as failure:\n        print(\"gather raised:\", repr(failure))\n"
                    ));
                }
                Structure::Gather { return_exceptions: true } => {
                    out.push_str("    # return_exceptions=True: a failure comes back as a value; every task is awaited.\n");
                    out.push_str(&format!(
                        "    results = await asyncio.gather(*{all}, return_exceptions=True)\n    print(\"results:\", results)\n"
                    ));
                }
                _ => {
                    out.push_str("    # Every task is awaited to its end, whatever the others do.\n");
                    out.push_str(&format!("    await asyncio.wait({all})\n"));
                }
            }
        }
    }
    if mode == RunMode::Sequential || s.structure == Structure::All {
        out.push_str("    for name, t in tasks.items():\n        if t.done() and not t.cancelled() and t.exception():\n            print(name, \"raised\", repr(t.exception()))\n");
    }
    for c in &counters {
        out.push_str(&format!("    print(\"{c} =\", {c})\n"));
    }
    out.push_str("    # Returning ends the run: asyncio.run cancels every task still going (orphans).\n");
    out.push_str("\n\nstart = time.perf_counter()\nasyncio.run(main())\nprint(f\"took {time.perf_counter() - start:.3f} s\")\n");
    out
}

fn py_steps(s: &Scenario, t: &TaskSpec, ids: &[String]) -> String {
    let mut out = String::new();
    let mut depth = 1usize;
    let pad = |d: usize| "    ".repeat(d);
    let counters: Vec<&str> = s
        .resources
        .iter()
        .zip(ids)
        .filter(|(r, _)| r.kind == ResourceKind::Counter)
        .map(|(_, id)| id.as_str())
        .collect();
    let writes: Vec<&str> = counters
        .iter()
        .copied()
        .filter(|c| t.steps.iter().any(|st| matches!(st, Step::Write { res } if ids[*res as usize] == *c)))
        .collect();
    if !writes.is_empty() {
        out.push_str(&format!("    global {}\n", writes.join(", ")));
    }
    if t.steps
        .iter()
        .any(|st| matches!(st, Step::Read { .. } | Step::Put { .. } | Step::Get { .. } | Step::Write { .. }))
    {
        out.push_str("    local = 0  # this task's own value (read, written, put, got)\n");
    }
    if t.start_delay_ms > 0.0 {
        out.push_str(&format!("    await asyncio.sleep({})  # start delay\n", secs(t.start_delay_ms)));
    }
    // What each open block is: `true` for a timeout (its `except` comes at the end).
    let mut blocks: Vec<bool> = Vec::new();
    let name = |r: u32| ids[r as usize].as_str();
    let task_name = |k: u32| quote(&s.tasks[k as usize].name);
    for st in &t.steps {
        let p = pad(depth);
        let line = match st {
            Step::Work { ms } => format!("busy({})  # blocks: nothing else runs", crate::codegen::num_text(*ms)),
            Step::Wait { ms } => format!("await asyncio.sleep({})  # yields to the loop", secs(*ms)),
            Step::Acquire { res } => format!("await {}.acquire()", name(*res)),
            Step::Release { res } => format!("{}.release()", name(*res)),
            Step::With { res } => {
                blocks.push(false);
                depth += 1;
                format!("async with {}:", name(*res))
            }
            Step::Timeout { ms } => {
                blocks.push(true);
                depth += 2;
                format!("try:\n{p}    async with asyncio.timeout({}):", secs(*ms))
            }
            Step::End => {
                let timeout = blocks.pop().unwrap_or(false);
                if timeout {
                    depth = depth.saturating_sub(2).max(1);
                    let p = pad(depth);
                    out.push_str(&format!("{p}except TimeoutError:\n{p}    print(\"timed out\")\n"));
                } else {
                    depth = depth.saturating_sub(1).max(1);
                    out.push_str(&format!("{}pass\n", pad(depth + 1)));
                }
                continue;
            }
            Step::WaitOn { res } => format!("await {}.wait()", name(*res)),
            Step::Set { res } => format!("{}.set()", name(*res)),
            Step::Clear { res } => format!("{}.clear()", name(*res)),
            Step::Notify { res, all: false } => format!("{}.notify()", name(*res)),
            Step::Notify { res, all: true } => format!("{}.notify_all()", name(*res)),
            Step::Put { res } => match s.resources[*res as usize].kind {
                ResourceKind::Queue { capacity: 0 } => format!(
                    "await {q}.put(local)\n{p}await {q}.join()  # rendezvous: until a getter took it\n{p}local += 1",
                    q = name(*res)
                ),
                _ => format!("await {}.put(local)\n{p}local += 1", name(*res)),
            },
            Step::Get { res } => match s.resources[*res as usize].kind {
                ResourceKind::Queue { capacity: 0 } => {
                    format!("local = await {q}.get()\n{p}{q}.task_done()", q = name(*res))
                }
                _ => format!("local = await {}.get()", name(*res)),
            },
            Step::Shutdown { res } => format!("{}.shutdown()  # Python 3.13+", name(*res)),
            Step::Read { res } => format!("local = {}  # read", name(*res)),
            Step::Write { res } => format!("{} = local + 1  # write", name(*res)),
            Step::Spawn { task } => format!(
                "tasks[{n}] = asyncio.create_task(body_{}())",
                bodies(s).1[*task as usize] + 1,
                n = task_name(*task)
            ),
            Step::Join { task } => format!(
                "await asyncio.wait([tasks[{}]])  # until it ends (its failure is not raised here)",
                task_name(*task)
            ),
            Step::Cancel { task } => format!("tasks[{}].cancel()", task_name(*task)),
            Step::Fail { message } => format!("raise RuntimeError({})", quote(if message.is_empty() { "failed" } else { message })),
        };
        out.push_str(&format!("{p}{line}\n"));
    }
    if t.steps.is_empty() && t.start_delay_ms <= 0.0 {
        out.push_str("    pass\n");
    }
    out
}

/// The Rust `src/web/sync.rs` runs for this scenario, recording left out.
pub fn rust(s: &Scenario, mode: RunMode) -> String {
    let ids = resource_idents(s);
    let (distinct, of_task) = bodies(s);
    let mut out = String::from(
        "// What src/web/sync.rs runs for this scenario (event recording left out). The primitives are\n// tokio::sync's, driven by the browser's event loop through wasm-bindgen-futures.\nuse std::sync::Arc;\nuse tokio::sync::{mpsc, oneshot, Barrier, Mutex, Notify, Semaphore};\nuse wasm_bindgen_futures::spawn_local;\n// spawn_abortable(f): spawn_local(Abortable::new(f, registration)), keeping the AbortHandle to\n// cancel it and a signal to await its end.\n\n",
    );
    for (r, id) in s.resources.iter().zip(&ids) {
        let made = match r.kind {
            ResourceKind::Lock => "Arc::new(Mutex::new(()))".to_string(),
            ResourceKind::Semaphore { permits } => format!("Arc::new(Semaphore::new({permits}))"),
            ResourceKind::Event => {
                "(Cell::new(false), Notify::new()) // the flag, and who waits for it".into()
            }
            ResourceKind::Barrier { parties } => format!("Barrier::new({parties})"),
            ResourceKind::Condition { lock } => {
                format!("Notify::new() // a condition on {}", ids[lock as usize])
            }
            ResourceKind::Queue { capacity: 0 } => {
                out.push_str(&format!("let (tx_{id}, rx_{id}) = mpsc::channel::<(i64, Option<oneshot::Sender<()>>)>(1); // rendezvous: each put awaits its ack\nlet rx_{id} = Mutex::new(rx_{id}); // getters take turns, in arrival order\n"));
                continue;
            }
            ResourceKind::Queue { capacity } => {
                out.push_str(&format!("let (tx_{id}, rx_{id}) = mpsc::channel::<i64>({capacity});\nlet rx_{id} = Mutex::new(rx_{id}); // getters take turns, in arrival order\n"));
                continue;
            }
            ResourceKind::Counter => "Cell::new(0i64)".into(),
        };
        out.push_str(&format!("let {id} = {made};\n"));
    }
    out.push('\n');
    for (k, t) in distinct.iter().enumerate() {
        out.push_str(&format!("async fn body_{}() {{\n", k + 1));
        if t.steps.iter().any(|st| {
            matches!(st, Step::Read { .. } | Step::Put { .. } | Step::Get { .. } | Step::Write { .. })
        }) {
            out.push_str("    let mut local = 0i64; // this task's own value\n");
        }
        if t.start_delay_ms > 0.0 {
            out.push_str(&format!(
                "    TimeoutFuture::new({}).await; // start delay\n",
                t.start_delay_ms.round()
            ));
        }
        let mut depth = 1;
        let mut blocks: Vec<bool> = Vec::new();
        let name = |r: u32| ids[r as usize].as_str();
        for st in &t.steps {
            let p = "    ".repeat(depth);
            let line = match st {
                Step::Work { ms } => format!("busy_for({ms:.1}); // holds the thread"),
                Step::Wait { ms } => format!("TimeoutFuture::new({}).await; // a real setTimeout", ms.round()),
                Step::Acquire { res } | Step::With { res } => {
                    let take = match s.resources[*res as usize].kind {
                        ResourceKind::Semaphore { .. } => format!("{}.clone().acquire_owned().await?", name(*res)),
                        ResourceKind::Condition { lock } => format!("{}.clone().lock_owned().await", ids[lock as usize]),
                        _ => format!("{}.clone().lock_owned().await", name(*res)),
                    };
                    if matches!(st, Step::With { .. }) {
                        blocks.push(false);
                        depth += 1;
                        format!("{{ let _guard = {take}; // dropped at the block's end, or when cancelled")
                    } else {
                        format!("let guard_{} = {take}; // kept until a release (or leaked)", name(*res))
                    }
                }
                Step::Release { res } => format!("drop(guard_{}); // wakes the first waiter", name(*res)),
                Step::Timeout { ms } => {
                    blocks.push(true);
                    depth += 1;
                    format!("let block = async {{ // raced against a {} ms timer; dropped if it loses", ms.round())
                }
                Step::End => {
                    depth = depth.saturating_sub(1).max(1);
                    let p = "    ".repeat(depth);
                    if blocks.pop().unwrap_or(false) {
                        out.push_str(&format!("{p}}};\n{p}select(Box::pin(block), Box::pin(sleep(ms))).await;\n"));
                    } else {
                        out.push_str(&format!("{p}}}\n"));
                    }
                    continue;
                }
                Step::WaitOn { res } => match s.resources[*res as usize].kind {
                    ResourceKind::Barrier { .. } => format!("{}.wait().await;", name(*res)),
                    ResourceKind::Event => {
                        format!("if !{r}.0.get() {{ {r}.1.notified().await; }}", r = name(*res))
                    }
                    _ => format!(
                        "let n = {}.notified(); drop(guard); n.await; let guard = lock.lock_owned().await;",
                        name(*res)
                    ),
                },
                Step::Set { res } => format!("{r}.0.set(true); {r}.1.notify_waiters();", r = name(*res)),
                Step::Clear { res } => format!("{}.0.set(false);", name(*res)),
                Step::Notify { res, all: false } => format!("{}.notify_one();", name(*res)),
                Step::Notify { res, all: true } => format!("{}.notify_waiters();", name(*res)),
                Step::Put { res } => match s.resources[*res as usize].kind {
                    ResourceKind::Queue { capacity: 0 } => format!(
                        "let (ack, acked) = oneshot::channel(); tx_{}.send((local, Some(ack))).await?; acked.await?; local += 1;",
                        name(*res)
                    ),
                    _ => format!("tx_{}.send(local).await?; local += 1;", name(*res)),
                },
                Step::Get { res } => format!("local = rx_{}.lock().await.recv().await?; // None once shut down and empty", name(*res)),
                Step::Shutdown { res } => format!("drop(tx_{}); // puts now fail; gets drain what is left", name(*res)),
                Step::Read { res } => format!("local = {}.get();", name(*res)),
                Step::Write { res } => format!("{}.set(local + 1);", name(*res)),
                Step::Spawn { task } => format!(
                    "let {} = spawn_abortable(body_{}()); // starts now, on the same event loop",
                    crate::codegen::rust_ident(&s.tasks[*task as usize].name),
                    of_task[*task as usize] + 1
                ),
                Step::Join { task } => {
                    format!("{}.ended().await;", crate::codegen::rust_ident(&s.tasks[*task as usize].name))
                }
                Step::Cancel { task } => format!(
                    "{}.abort(); // its future is dropped at its next poll: Rust's cancellation",
                    crate::codegen::rust_ident(&s.tasks[*task as usize].name)
                ),
                Step::Fail { message } => format!("return Err({:?}.into()); // the task fails here", message),
            };
            out.push_str(&format!("{p}{line}\n"));
        }
        out.push_str("}\n\n");
    }
    let children = s.children();
    let top: Vec<usize> = (0..s.tasks.len()).filter(|i| !children[*i]).collect();
    let n = top.len();
    match (mode, s.structure) {
        (RunMode::Sequential, _) => {
            out.push_str("// Sequential: one future awaits each task to the end before starting the next.\n")
        }
        (_, Structure::TaskGroup) => out.push_str(&format!(
            "// A task group of {n}: the first failure aborts the others; the run waits for them all.\n"
        )),
        (_, Structure::Gather { return_exceptions: false }) => out.push_str(&format!(
            "// gather of {n}: the run ends at the first failure (what is left is aborted).\n"
        )),
        _ => out.push_str(&format!(
            "// {n} task{} spawned at once; the run waits for every one.\n",
            if n == 1 { "" } else { "s" }
        )),
    }
    out.push_str("for body in top_level_tasks {\n    spawn_abortable(body);\n}\n// When they are done, every task still going (an orphan) is aborted, as asyncio.run does.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync_presets;

    #[test]
    fn python_uses_the_asyncio_primitives() {
        let py = python(&sync_presets::by_id("4_2-locked").unwrap().scenario(), RunMode::Concurrent);
        assert!(py.contains("lock = asyncio.Lock()\n"), "{py}");
        assert!(py.contains("counter = 0  # a shared counter"), "{py}");
        assert!(
            py.contains(
                "    async with lock:\n        local = counter  # read\n        await asyncio.sleep(0.01)"
            ),
            "{py}"
        );
        assert!(
            py.contains("for i in range(1, 101):\n        tasks[f\"t{i}\"] = asyncio.create_task(body_1())"),
            "{py}"
        );
        assert!(py.contains("global counter"), "{py}");
        let py = python(&sync_presets::by_id("2_7-task-group").unwrap().scenario(), RunMode::Concurrent);
        assert!(py.contains("async with asyncio.TaskGroup() as tg:\n            tasks[\"two\"] = tg.create_task(body_1())"), "{py}");
        let py = python(&sync_presets::by_id("2_8-timeout").unwrap().scenario(), RunMode::Concurrent);
        assert!(
            py.contains(
                "    try:\n        async with asyncio.timeout(1.0):\n            await asyncio.sleep(2.0)"
            ),
            "{py}"
        );
        assert!(py.contains("    except TimeoutError:\n        print(\"timed out\")"), "{py}");
        let py = python(&sync_presets::by_id("6_4-shutdown").unwrap().scenario(), RunMode::Concurrent);
        assert!(py.starts_with("# Queue.shutdown() needs Python 3.13 or later.\n"), "{py}");
        let py = python(&sync_presets::by_id("8_4-rendezvous").unwrap().scenario(), RunMode::Concurrent);
        assert!(py.contains("await channel.join()  # rendezvous"), "{py}");
        let py = python(&sync_presets::by_id("5_3-cancel").unwrap().scenario(), RunMode::Concurrent);
        assert!(py.contains("tasks[\"worker\"].cancel()"), "{py}");
    }

    #[test]
    fn rust_shows_the_tokio_primitives() {
        let rs = rust(&sync_presets::by_id("4_3-semaphore").unwrap().scenario(), RunMode::Concurrent);
        assert!(rs.contains("let sem = Arc::new(Semaphore::new(2));"), "{rs}");
        assert!(rs.contains("{ let _guard = sem.clone().acquire_owned().await?;"), "{rs}");
        let rs = rust(&sync_presets::by_id("5_3-cancel").unwrap().scenario(), RunMode::Concurrent);
        assert!(rs.contains("worker.abort();"), "{rs}");
    }
}
