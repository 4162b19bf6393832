//! The code view: a scenario written out as a Python asyncio program (the tutorial's language)
//! and as the Rust the runner really executes (`src/web/runner.rs`, event recording left out).
//! The parallel mode is written as a Python process pool (`ProcessPoolExecutor`) and as the
//! page's worker-pool dispatch (`src/web/pool.rs` + `src/web/worker_main.rs`).

use crate::scenario::{Scenario, Step, TaskSpec};
use crate::RunMode;

/// Up to this many tasks, each gets its own function; past it, the code is table-driven.
pub const MAX_SPELLED_OUT: usize = 6;
/// Rows of the task table shown before the rest is summarised in a comment.
pub const MAX_TABLE_ROWS: usize = 20;

fn num(ms: f64) -> String {
    if ms.fract() == 0.0 {
        format!("{}", ms as i64)
    } else {
        format!("{ms}")
    }
}

/// Seconds as the Python writes them: up to 4 decimals, at least one (shared with `codegen_sync`).
pub(crate) fn secs(ms: f64) -> String {
    let s = format!("{:.4}", ms / 1000.0);
    let s = s.trim_end_matches('0');
    if s.ends_with('.') {
        format!("{s}0")
    } else {
        s.to_string()
    }
}

fn py_ident(i: usize, t: &TaskSpec) -> String {
    let base: String = t
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .collect();
    let base = base.trim_matches('_');
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("task_{}", i + 1)
    } else {
        format!("{base}_{}", i + 1)
    }
}

/// A name or message as a quoted string literal, escaped as Rust escapes it (shared with
/// `codegen_sync`).
pub(crate) fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// A millisecond number as the code writes it (for `codegen_sync`).
pub(crate) fn num_text(ms: f64) -> String {
    num(ms)
}

/// A task name as a Rust identifier (for `codegen_sync`).
pub(crate) fn rust_ident(name: &str) -> String {
    py_ident(0, &TaskSpec { name: name.into(), start_delay_ms: 0.0, steps: vec![] })
        .trim_end_matches("_1")
        .to_string()
}

/// The scenario as a runnable Python program: asyncio for the event-loop modes, a process pool
/// of `workers` for the parallel one (the event-loop modes ignore `workers`).
pub fn python(s: &Scenario, mode: RunMode, workers: u32) -> String {
    if mode == RunMode::Parallel {
        return python_parallel(s, workers);
    }
    if s.uses_sync() {
        return crate::codegen_sync::python(s, mode);
    }
    let mut out = String::from(
        "import asyncio\nimport time\n\n\ndef busy(ms):\n    \"\"\"CPU work: holds the thread (and the event loop) for ms milliseconds.\"\"\"\n    end = time.perf_counter() + ms / 1000\n    while time.perf_counter() < end:\n        pass\n\n\n",
    );
    let spelled = s.tasks.len() <= MAX_SPELLED_OUT;
    let calls: Vec<String> = if spelled {
        let mut names = Vec::new();
        for (i, t) in s.tasks.iter().enumerate() {
            let f = py_ident(i, t);
            out.push_str(&format!("async def {f}():\n    # {}\n", t.name));
            if t.start_delay_ms > 0.0 {
                out.push_str(&format!(
                    "    await asyncio.sleep({})  # start delay\n",
                    secs(t.start_delay_ms)
                ));
            }
            for step in &t.steps {
                match *step {
                    Step::Work { ms } => {
                        out.push_str(&format!("    busy({})  # blocks: nothing else runs\n", num(ms)))
                    }
                    Step::Wait { ms } => out
                        .push_str(&format!("    await asyncio.sleep({})  # yields to the loop\n", secs(ms))),
                    // Scenarios with other steps are written by `codegen_sync`.
                    _ => {}
                }
            }
            if t.start_delay_ms <= 0.0 && t.steps.is_empty() {
                out.push_str("    pass\n");
            }
            out.push_str("\n\n");
            names.push(f);
        }
        names.iter().map(|f| format!("{f}()")).collect()
    } else {
        out.push_str(
            "async def task(name, delay_ms, steps):\n    await asyncio.sleep(delay_ms / 1000)\n    for kind, ms in steps:\n        if kind == \"work\":\n            busy(ms)  # blocks: nothing else runs\n        else:\n            await asyncio.sleep(ms / 1000)  # yields to the loop\n\n\n",
        );
        out.push_str(&py_table(s));
        vec![]
    };
    out.push_str("async def main():\n");
    match (mode, spelled) {
        (RunMode::Concurrent, true) => {
            out.push_str("    # Concurrent: all tasks are on the loop at once; they take turns, never run simultaneously.\n");
            out.push_str(&format!("    await asyncio.gather({})\n", calls.join(", ")));
        }
        (RunMode::Sequential, true) => {
            out.push_str("    # Sequential: each task is awaited to the end before the next starts.\n");
            for c in &calls {
                out.push_str(&format!("    await {c}\n"));
            }
            if calls.is_empty() {
                out.push_str("    pass\n");
            }
        }
        (RunMode::Concurrent, false) => {
            out.push_str("    # Concurrent: all tasks are on the loop at once; they take turns, never run simultaneously.\n");
            out.push_str("    await asyncio.gather(*(task(*t) for t in TASKS))\n");
        }
        (RunMode::Sequential, false) => {
            out.push_str("    # Sequential: each task is awaited to the end before the next starts.\n");
            out.push_str("    for t in TASKS:\n        await task(*t)\n");
        }
        (RunMode::Parallel, _) => unreachable!("handled by python_parallel"),
    }
    out.push_str("\n\nstart = time.perf_counter()\nasyncio.run(main())\nprint(f\"took {time.perf_counter() - start:.3f} s\")\n");
    out
}

fn rust_steps(t: &TaskSpec) -> String {
    let mut out = String::new();
    if t.start_delay_ms > 0.0 {
        out.push_str(&format!(
            "    TimeoutFuture::new({}).await; // start delay\n",
            t.start_delay_ms.round()
        ));
    }
    for step in &t.steps {
        match *step {
            Step::Work { ms } => {
                out.push_str(&format!("    busy_for({:.1}); // holds the thread: no await inside\n", ms))
            }
            Step::Wait { ms } => out.push_str(&format!(
                "    TimeoutFuture::new({}).await; // a real setTimeout; yields to the loop\n",
                ms.round()
            )),
            // Scenarios with other steps are written by `codegen_sync`.
            _ => {}
        }
    }
    out
}

/// The Rust the page executes for this scenario (recording of events left out), on a pool of
/// `workers` in the parallel mode (the event-loop modes ignore `workers`).
pub fn rust(s: &Scenario, mode: RunMode, workers: u32) -> String {
    if mode == RunMode::Parallel {
        return rust_parallel(s, workers);
    }
    if s.uses_sync() {
        return crate::codegen_sync::rust(s, mode);
    }
    let mut out = String::from(
        "// What src/web/runner.rs runs for this scenario (event recording left out).\nuse gloo_timers::future::TimeoutFuture;\nuse wasm_bindgen_futures::spawn_local;\n\n",
    );
    let spelled = s.tasks.len() <= MAX_SPELLED_OUT;
    if spelled {
        for (i, t) in s.tasks.iter().enumerate() {
            out.push_str(&format!("/// {}\nasync fn {}() {{\n", t.name, py_ident(i, t)));
            out.push_str(&rust_steps(t));
            out.push_str("}\n\n");
        }
    } else {
        out.push_str("/// One task: its steps in order. `Step` and `TaskSpec` are the engine's types.\nasync fn run_task(spec: TaskSpec) {\n    TimeoutFuture::new(spec.start_delay_ms as u32).await;\n    for step in spec.steps {\n        match step {\n            Step::Work { ms } => busy_for(ms), // holds the thread\n            Step::Wait { ms } => TimeoutFuture::new(ms as u32).await, // yields\n            _ => {} // locks, queues, groups…: a scenario with them runs in web::sync\n        }\n    }\n}\n\n");
        out.push_str(&format!(
            "// The scenario: {} tasks, {} steps in all.\n\n",
            s.tasks.len(),
            s.total_steps()
        ));
    }
    let names: Vec<String> = s.tasks.iter().enumerate().map(|(i, t)| py_ident(i, t)).collect();
    match (mode, spelled) {
        (RunMode::Concurrent, true) => {
            out.push_str(
                "// Concurrent: every task is handed to the browser's executor now; they take turns.\n",
            );
            for n in &names {
                out.push_str(&format!("spawn_local({n}());\n"));
            }
        }
        (RunMode::Sequential, true) => {
            out.push_str("// Sequential: one future awaits each task to the end before starting the next.\nspawn_local(async {\n");
            for n in &names {
                out.push_str(&format!("    {n}().await;\n"));
            }
            out.push_str("});\n");
        }
        (RunMode::Concurrent, false) => {
            out.push_str("// Concurrent: every task is handed to the browser's executor now; they take turns.\nfor spec in scenario.tasks {\n    spawn_local(run_task(spec));\n}\n");
        }
        (RunMode::Sequential, false) => {
            out.push_str("// Sequential: one future awaits each task to the end before starting the next.\nspawn_local(async move {\n    for spec in scenario.tasks {\n        run_task(spec).await;\n    }\n});\n");
        }
        (RunMode::Parallel, _) => unreachable!("handled by rust_parallel"),
    }
    out
}

/// The Python for the parallel mode: synchronous task functions on a `ProcessPoolExecutor`.
/// CPU work is a fixed computation (not a clock), as in the page's workers, and a wait is a
/// `time.sleep` that keeps its worker process busy, as a worker's own timer keeps its worker.
fn python_parallel(s: &Scenario, workers: u32) -> String {
    if !s.resources.is_empty() {
        return crate::codegen_shared::python(s, workers);
    }
    let mut out = String::from(
        "import time\nfrom concurrent.futures import ProcessPoolExecutor\n\n# Rounds per unit of work: about 1 ms in CPython on a laptop; calibrate it on yours.\nROUNDS_PER_UNIT = 5_000\n\n\ndef work(units):\n    \"\"\"CPU work: a fixed computation (not a clock), so a unit costs the same on every core.\"\"\"\n    x = 1\n    for _ in range(units * ROUNDS_PER_UNIT):\n        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64\n    return x\n\n\n",
    );
    let spelled = s.tasks.len() <= MAX_SPELLED_OUT;
    let mut names = Vec::new();
    if spelled {
        for (i, t) in s.tasks.iter().enumerate() {
            let f = py_ident(i, t);
            out.push_str(&format!("def {f}():\n    # {}\n", t.name));
            if t.start_delay_ms > 0.0 {
                out.push_str(&format!("    time.sleep({})  # start delay\n", secs(t.start_delay_ms)));
            }
            for step in &t.steps {
                match *step {
                    Step::Work { ms } => {
                        out.push_str(&format!("    work({})  # runs on this worker's own core\n", num(ms)))
                    }
                    Step::Wait { ms } => out.push_str(&format!(
                        "    time.sleep({})  # this worker waits; it takes no other task meanwhile\n",
                        secs(ms)
                    )),
                    // The parallel mode refuses other steps (`Scenario::parallel_refusal`).
                    _ => {}
                }
            }
            if t.start_delay_ms <= 0.0 && t.steps.is_empty() {
                out.push_str("    pass\n");
            }
            out.push_str("\n\n");
            names.push(f);
        }
    } else {
        out.push_str(
            "def task(name, delay_ms, steps):\n    time.sleep(delay_ms / 1000)\n    for kind, ms in steps:\n        if kind == \"work\":\n            work(ms)  # runs on this worker's own core\n        else:\n            time.sleep(ms / 1000)  # this worker waits; it takes no other task meanwhile\n\n\n",
        );
        out.push_str(&py_table(s));
    }
    out.push_str(&format!(
        "def main():\n    # Parallel: {workers} worker process{}; each task goes to the next free one, and up to\n    # {workers} task{} run at the same time, each on its own core. (multiprocessing.Pool({workers}) works alike.)\n    with ProcessPoolExecutor(max_workers={workers}) as pool:\n",
        if workers == 1 { "" } else { "es" },
        if workers == 1 { "" } else { "s" },
    ));
    if spelled {
        let submits: Vec<String> = names.iter().map(|f| format!("pool.submit({f})")).collect();
        out.push_str(&format!("        futures = [{}]\n", submits.join(", ")));
    } else {
        out.push_str("        futures = [pool.submit(task, *t) for t in TASKS]\n");
    }
    out.push_str("        for f in futures:\n            f.result()\n\n\nif __name__ == \"__main__\":\n    # Start-up of the worker processes is part of this time; the page measures it apart.\n    start = time.perf_counter()\n    main()\n    print(f\"took {time.perf_counter() - start:.3f} s\")\n");
    out
}

/// The scenario as the Python table `TASKS = [(name, delay_ms, [(kind, ms), …]), …]`.
fn py_table(s: &Scenario) -> String {
    let mut out = String::from("TASKS = [\n");
    for t in s.tasks.iter().take(MAX_TABLE_ROWS) {
        let steps: Vec<String> = t
            .steps
            .iter()
            .map(|st| format!("(\"{}\", {})", if st.is_work() { "work" } else { "wait" }, num(st.ms())))
            .collect();
        out.push_str(&format!(
            "    ({}, {}, [{}]),\n",
            quote(&t.name),
            num(t.start_delay_ms),
            steps.join(", ")
        ));
    }
    if s.tasks.len() > MAX_TABLE_ROWS {
        out.push_str(&format!("    # … {} more tasks, not shown here\n", s.tasks.len() - MAX_TABLE_ROWS));
    }
    out.push_str("]\n\n\n");
    out
}

/// The Rust for the parallel mode: the page's queue and one driver per worker
/// (`src/web/pool.rs`), and what each worker runs for a task (`src/web/worker_main.rs`).
fn rust_parallel(s: &Scenario, workers: u32) -> String {
    let mut out = String::from(
        "// What src/web/pool.rs (on the page) and src/web/worker_main.rs (in each worker) run for\n// this scenario; event recording and error handling left out.\n\n// The scenario, as data: a task is sent to a worker as a message (ToWorker::RunTask).\nlet tasks: Vec<TaskSpec> = vec![\n",
    );
    for t in s.tasks.iter().take(MAX_TABLE_ROWS) {
        let steps: Vec<String> = t
            .steps
            .iter()
            .map(|st| match *st {
                Step::Work { ms } => format!("Work {{ ms: {:.1} }}", ms),
                Step::Wait { ms } => format!("Wait {{ ms: {:.1} }}", ms),
                // Lock, semaphore and counter steps (`With { res: 0 }`, `Read { res: 1 }`, …);
                // the parallel mode refuses the others (`Scenario::parallel_refusal`).
                ref other => format!("{other:?}"),
            })
            .collect();
        out.push_str(&format!(
            "    TaskSpec {{ name: {}.into(), start_delay_ms: {:.1}, steps: vec![{}] }},\n",
            quote(&t.name),
            t.start_delay_ms,
            steps.join(", ")
        ));
    }
    if s.tasks.len() > MAX_TABLE_ROWS {
        out.push_str(&format!("    // … {} more tasks, not shown here\n", s.tasks.len() - MAX_TABLE_ROWS));
    }
    out.push_str("];\n\n");
    out.push_str(&format!(
        "// On the page: real Web Workers, started and warmed once (not part of the run's time).\nlet pool = Pool::start({workers}).await?;\nlet queue = Rc::new(RefCell::new(Dispatcher::new(tasks.len(), {workers})));\n// One driver per worker, all on the page's event loop: each takes the next task when its\n// worker is free, posts it, and awaits the worker's answer.\nfor k in 0..{workers} {{\n    spawn_local(async move {{\n        while let Some(task) = queue.borrow_mut().take(k) {{\n            let (w, spec) = (pool.worker(k), tasks[task.0 as usize].clone());\n            let id = w.next_id();\n            let req = ToWorker::RunTask {{ id, task: task.0, spec, seed: task_seed(task.0), rounds_per_ms, panic: false }};\n            let _done = w.request(id, &req).await; // Ok(FromWorker::TaskDone {{ checksum, .. }})\n            queue.borrow_mut().finish(k);\n        }}\n    }});\n}}\n\n",
    ));
    out.push_str("// In each worker (its own thread and its own event loop), for the task it was sent:\nasync fn run_task(spec: TaskSpec, seed: u64, rounds_per_ms: u64) -> u64 {\n    TimeoutFuture::new(spec.start_delay_ms as u32).await;\n    let mut state = seed;\n    for step in spec.steps {\n        match step {\n            // A fixed computation: ms × rounds_per_ms rounds of the hash chain (1 unit ≈ 1 ms here).\n            Step::Work { ms } => state = crunch(state, rounds_for(ms, rounds_per_ms)),\n            // The worker's own setTimeout: this worker takes no other task meanwhile.\n            Step::Wait { ms } => TimeoutFuture::new(ms as u32).await,\n            _ => {} // the parallel mode refuses every other step before sending a task\n        }\n    }\n    state // the checksum, checked against the page's own computation on /compare\n}\n");
    if !s.resources.is_empty() {
        out.push_str(crate::codegen_shared::rust_worker());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    #[test]
    fn python_reads_like_the_tutorial() {
        let s = presets::by_id("hog-and-waiter").unwrap().scenario;
        let py = python(&s, RunMode::Concurrent, 1);
        assert!(py.contains("async def hog_1():\n    # hog\n    busy(300)"), "{py}");
        assert!(py.contains("    await asyncio.sleep(0.05)  # yields"), "{py}");
        assert!(py.contains("await asyncio.gather(hog_1(), waiter_2())"), "{py}");
        let seq = python(&s, RunMode::Sequential, 1);
        assert!(seq.contains("    await hog_1()\n    await waiter_2()\n"), "{seq}");
        assert!(!seq.contains("gather"));
    }

    #[test]
    fn rust_shows_spawn_local_and_real_timers() {
        let s = presets::by_id("two-sleeps").unwrap().scenario;
        let rs = rust(&s, RunMode::Concurrent, 1);
        assert!(rs.contains("spawn_local(sleep_1_1());\nspawn_local(sleep_2_2());"), "{rs}");
        assert!(rs.contains("TimeoutFuture::new(1000).await"), "{rs}");
        assert!(rust(&s, RunMode::Sequential, 1).contains("    sleep_1_1().await;\n    sleep_2_2().await;"));
    }

    #[test]
    fn large_scenarios_become_a_table() {
        let s = presets::by_id("many-small").unwrap().scenario;
        let py = python(&s, RunMode::Concurrent, 1);
        assert!(py.contains("TASKS = [\n    (\"t0\", 0, [(\"wait\", 1)"), "{py}");
        assert!(py.contains("# … 980 more tasks"));
        assert!(py.contains("asyncio.gather(*(task(*t) for t in TASKS))"));
        assert!(py.lines().count() < 60);
        assert!(rust(&s, RunMode::Sequential, 1).contains("run_task(spec).await"));
    }

    /// Guards the parallel code view: a process pool of N in Python, the worker-pool dispatch
    /// that really runs in Rust, and no asyncio (the tasks are synchronous in their workers).
    #[test]
    fn parallel_is_a_process_pool_and_the_worker_dispatch() {
        let s = presets::by_id("cpu-loop").unwrap().scenario;
        let py = python(&s, RunMode::Parallel, 2);
        assert!(py.contains("from concurrent.futures import ProcessPoolExecutor"), "{py}");
        assert!(py.contains("with ProcessPoolExecutor(max_workers=2) as pool:"), "{py}");
        assert!(py.contains("def count_1_1():\n    # count-1\n    work(250)"), "{py}");
        assert!(py.contains("futures = [pool.submit(count_1_1), pool.submit(count_2_2)]"), "{py}");
        assert!(py.contains("if __name__ == \"__main__\":"), "{py}");
        assert!(!py.contains("asyncio"), "{py}");
        let rs = rust(&s, RunMode::Parallel, 2);
        assert!(rs.contains("Pool::start(2).await"), "{rs}");
        assert!(rs.contains("Dispatcher::new(tasks.len(), 2)"), "{rs}");
        assert!(rs.contains("for k in 0..2 {"), "{rs}");
        assert!(
            rs.contains(
                "TaskSpec { name: \"count-1\".into(), start_delay_ms: 0.0, steps: vec![Work { ms: 250.0 }] }"
            ),
            "{rs}"
        );
        assert!(rs.contains("state = crunch(state, rounds_for(ms, rounds_per_ms))"), "{rs}");
        assert!(!rs.contains("busy_for"), "{rs}");
    }

    /// Guards the parallel code of a waiting task and of a big scenario: a wait is a sleep that
    /// keeps its worker, one worker is singular, and a big scenario becomes a table.
    #[test]
    fn parallel_waits_hold_their_worker_and_big_scenarios_are_a_table() {
        let s = presets::by_id("hog-and-waiter").unwrap().scenario;
        let py = python(&s, RunMode::Parallel, 1);
        assert!(
            py.contains("    time.sleep(0.05)  # this worker waits; it takes no other task meanwhile"),
            "{py}"
        );
        assert!(py.contains("# Parallel: 1 worker process; each task"), "{py}");
        let big = presets::by_id("many-small").unwrap().scenario;
        let py = python(&big, RunMode::Parallel, 4);
        assert!(py.contains("TASKS = [\n    (\"t0\", 0, [(\"wait\", 1)"), "{py}");
        assert!(py.contains("futures = [pool.submit(task, *t) for t in TASKS]"), "{py}");
        assert!(py.contains("max_workers=4"), "{py}");
        assert!(py.lines().count() < 70, "{py}");
        let rs = rust(&big, RunMode::Parallel, 4);
        assert!(rs.contains("// … 980 more tasks, not shown here"), "{rs}");
        // The asyncio modes are unchanged by the shared table helper.
        assert_eq!(python(&big, RunMode::Concurrent, 1).matches("TASKS = [").count(), 1);
    }

    #[test]
    fn names_become_identifiers() {
        let t = |n: &str| TaskSpec { name: n.into(), start_delay_ms: 0.0, steps: vec![] };
        assert_eq!(py_ident(0, &t("Hello World!")), "hello_world_1");
        assert_eq!(py_ident(2, &t("9lives")), "task_3");
        assert_eq!(py_ident(1, &t("ü!")), "task_2");
        assert_eq!(secs(1000.0), "1.0");
        assert_eq!(secs(12.5), "0.0125");
    }
}
