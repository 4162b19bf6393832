//! The code view: a scenario written out as a Python asyncio program (the tutorial's language)
//! and as the Rust the runner really executes (`src/web/runner.rs`, event recording left out).

use crate::scenario::{Scenario, Step, TaskSpec};

/// How the tasks are combined, as the code shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeMode {
    /// `for t in tasks: await t`.
    Sequential,
    /// `asyncio.gather(...)` / `spawn_local` for each task.
    Concurrent,
}

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

fn secs(ms: f64) -> String {
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

fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// The scenario as a runnable Python asyncio program.
pub fn python(s: &Scenario, mode: CodeMode) -> String {
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
            "async def task(name, delay_ms, steps):\n    await asyncio.sleep(delay_ms / 1000)\n    for kind, ms in steps:\n        if kind == \"work\":\n            busy(ms)  # blocks: nothing else runs\n        else:\n            await asyncio.sleep(ms / 1000)  # yields to the loop\n\n\nTASKS = [\n",
        );
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
        vec![]
    };
    out.push_str("async def main():\n");
    match (mode, spelled) {
        (CodeMode::Concurrent, true) => {
            out.push_str("    # Concurrent: all tasks are on the loop at once; they take turns, never run simultaneously.\n");
            out.push_str(&format!("    await asyncio.gather({})\n", calls.join(", ")));
        }
        (CodeMode::Sequential, true) => {
            out.push_str("    # Sequential: each task is awaited to the end before the next starts.\n");
            for c in &calls {
                out.push_str(&format!("    await {c}\n"));
            }
            if calls.is_empty() {
                out.push_str("    pass\n");
            }
        }
        (CodeMode::Concurrent, false) => {
            out.push_str("    # Concurrent: all tasks are on the loop at once; they take turns, never run simultaneously.\n");
            out.push_str("    await asyncio.gather(*(task(*t) for t in TASKS))\n");
        }
        (CodeMode::Sequential, false) => {
            out.push_str("    # Sequential: each task is awaited to the end before the next starts.\n");
            out.push_str("    for t in TASKS:\n        await task(*t)\n");
        }
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
        }
    }
    out
}

/// The Rust the runner executes for this scenario (recording of events left out).
pub fn rust(s: &Scenario, mode: CodeMode) -> String {
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
        out.push_str("/// One task: its steps in order. `Step` and `TaskSpec` are the engine's types.\nasync fn run_task(spec: TaskSpec) {\n    TimeoutFuture::new(spec.start_delay_ms as u32).await;\n    for step in spec.steps {\n        match step {\n            Step::Work { ms } => busy_for(ms), // holds the thread\n            Step::Wait { ms } => TimeoutFuture::new(ms as u32).await, // yields\n        }\n    }\n}\n\n");
        out.push_str(&format!(
            "// The scenario: {} tasks, {} steps in all.\n\n",
            s.tasks.len(),
            s.total_steps()
        ));
    }
    let names: Vec<String> = s.tasks.iter().enumerate().map(|(i, t)| py_ident(i, t)).collect();
    match (mode, spelled) {
        (CodeMode::Concurrent, true) => {
            out.push_str(
                "// Concurrent: every task is handed to the browser's executor now; they take turns.\n",
            );
            for n in &names {
                out.push_str(&format!("spawn_local({n}());\n"));
            }
        }
        (CodeMode::Sequential, true) => {
            out.push_str("// Sequential: one future awaits each task to the end before starting the next.\nspawn_local(async {\n");
            for n in &names {
                out.push_str(&format!("    {n}().await;\n"));
            }
            out.push_str("});\n");
        }
        (CodeMode::Concurrent, false) => {
            out.push_str("// Concurrent: every task is handed to the browser's executor now; they take turns.\nfor spec in scenario.tasks {\n    spawn_local(run_task(spec));\n}\n");
        }
        (CodeMode::Sequential, false) => {
            out.push_str("// Sequential: one future awaits each task to the end before starting the next.\nspawn_local(async move {\n    for spec in scenario.tasks {\n        run_task(spec).await;\n    }\n});\n");
        }
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
        let py = python(&s, CodeMode::Concurrent);
        assert!(py.contains("async def hog_1():\n    # hog\n    busy(300)"), "{py}");
        assert!(py.contains("    await asyncio.sleep(0.05)  # yields"), "{py}");
        assert!(py.contains("await asyncio.gather(hog_1(), waiter_2())"), "{py}");
        let seq = python(&s, CodeMode::Sequential);
        assert!(seq.contains("    await hog_1()\n    await waiter_2()\n"), "{seq}");
        assert!(!seq.contains("gather"));
    }

    #[test]
    fn rust_shows_spawn_local_and_real_timers() {
        let s = presets::by_id("two-sleeps").unwrap().scenario;
        let rs = rust(&s, CodeMode::Concurrent);
        assert!(rs.contains("spawn_local(sleep_1_1());\nspawn_local(sleep_2_2());"), "{rs}");
        assert!(rs.contains("TimeoutFuture::new(1000).await"), "{rs}");
        assert!(rust(&s, CodeMode::Sequential).contains("    sleep_1_1().await;\n    sleep_2_2().await;"));
    }

    #[test]
    fn large_scenarios_become_a_table() {
        let s = presets::by_id("many-small").unwrap().scenario;
        let py = python(&s, CodeMode::Concurrent);
        assert!(py.contains("TASKS = [\n    (\"t0\", 0, [(\"wait\", 1)"), "{py}");
        assert!(py.contains("# … 980 more tasks"));
        assert!(py.contains("asyncio.gather(*(task(*t) for t in TASKS))"));
        assert!(py.lines().count() < 60);
        assert!(rust(&s, CodeMode::Sequential).contains("run_task(spec).await"));
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
