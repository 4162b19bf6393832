//! The code view for the parallel mode with resources: Python's `multiprocessing` counterparts
//! (`Lock`, `Semaphore`, a shared `Value`) handed to a `ProcessPoolExecutor`'s worker processes,
//! and the Rust each Web Worker runs on the shared memory (`src/web/shared_sync.rs`).

use crate::codegen::quote;
use crate::scenario::{Scenario, Step};
use crate::shared_sync::with_releases;
use crate::sync::ResourceKind;

/// The scenario as a Python program on a process pool of `workers`, its locks, semaphores and
/// counters shared between the processes. Every task is a row of a table (`with` blocks written
/// as acquire … release: no step between them can raise).
pub fn python(s: &Scenario, workers: u32) -> String {
    let mut out = String::from(
        "import multiprocessing\nimport time\nfrom concurrent.futures import ProcessPoolExecutor\n\n# Rounds per unit of work: about 1 ms in CPython on a laptop; calibrate it on yours.\nROUNDS_PER_UNIT = 5_000\n\n\ndef work(units):\n    \"\"\"CPU work: a fixed computation (not a clock), so a unit costs the same on every core.\"\"\"\n    x = 1\n    for _ in range(units * ROUNDS_PER_UNIT):\n        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64\n    return x\n\n\ndef make_resources():\n    \"\"\"Made once in the main process, in memory every worker process shares.\"\"\"\n    return {\n",
    );
    for r in &s.resources {
        let make = match r.kind {
            ResourceKind::Lock => "multiprocessing.Lock()".to_string(),
            ResourceKind::Semaphore { permits } => format!("multiprocessing.Semaphore({permits})"),
            // A bare shared int: its read and write are separate steps, as on the page.
            ResourceKind::Counter => "multiprocessing.Value(\"i\", 0, lock=False)".to_string(),
            // The parallel mode refuses the other kinds (`shared_sync::refusal`).
            _ => "None".to_string(),
        };
        out.push_str(&format!("        {}: {make},\n", quote(&r.name)));
    }
    out.push_str(
        "    }\n\n\ndef init(resources):\n    \"\"\"Runs once in each worker process: keeps the shared resources.\"\"\"\n    global R\n    R = resources\n\n\ndef task(name, delay_ms, steps):\n    time.sleep(delay_ms / 1000)\n    local = 0\n    for kind, arg in steps:\n        if kind == \"work\":\n            work(arg)  # runs on this worker's own core\n        elif kind == \"wait\":\n            time.sleep(arg / 1000)  # this worker waits; it takes no other task meanwhile\n        elif kind == \"acquire\":\n            R[arg].acquire()  # blocks this process until the lock or a permit is free\n        elif kind == \"release\":\n            R[arg].release()\n        elif kind == \"read\":\n            local = R[arg].value\n        elif kind == \"write\":\n            R[arg].value = local + 1\n\n\nTASKS = [\n",
    );
    let name = |r: u32| quote(&s.resources.get(r as usize).map(|r| r.name.clone()).unwrap_or_default());
    for t in s.tasks.iter().take(crate::codegen::MAX_TABLE_ROWS) {
        let ends = with_releases(&t.steps);
        let steps: Vec<String> = t
            .steps
            .iter()
            .enumerate()
            .filter_map(|(k, st)| match *st {
                Step::Work { ms } => Some(format!("(\"work\", {})", crate::codegen::num_text(ms))),
                Step::Wait { ms } => Some(format!("(\"wait\", {})", crate::codegen::num_text(ms))),
                Step::Acquire { res } | Step::With { res } => Some(format!("(\"acquire\", {})", name(res))),
                Step::Release { res } => Some(format!("(\"release\", {})", name(res))),
                Step::End => ends[k].map(|res| format!("(\"release\", {})", name(res))),
                Step::Read { res } => Some(format!("(\"read\", {})", name(res))),
                Step::Write { res } => Some(format!("(\"write\", {})", name(res))),
                _ => None,
            })
            .collect();
        out.push_str(&format!(
            "    ({}, {}, [{}]),\n",
            quote(&t.name),
            crate::codegen::num_text(t.start_delay_ms),
            steps.join(", ")
        ));
    }
    if s.tasks.len() > crate::codegen::MAX_TABLE_ROWS {
        out.push_str(&format!(
            "    # … {} more tasks, not shown here\n",
            s.tasks.len() - crate::codegen::MAX_TABLE_ROWS
        ));
    }
    let plural = if workers == 1 { "" } else { "es" };
    out.push_str(&format!(
        "]\n\n\ndef main():\n    resources = make_resources()\n    # Parallel: {workers} worker process{plural}, each running one task at a time.\n    with ProcessPoolExecutor(max_workers={workers}, initializer=init, initargs=(resources,)) as pool:\n        futures = [pool.submit(task, *t) for t in TASKS]\n        for f in futures:\n            f.result()\n    return resources\n\n\nif __name__ == \"__main__\":\n    start = time.perf_counter()\n    resources = main()\n    print(f\"took {{time.perf_counter() - start:.3f}} s\")\n",
    ));
    for r in s.resources.iter().filter(|r| r.kind == ResourceKind::Counter) {
        out.push_str(&format!("    print({}, \"=\", resources[{}].value)\n", quote(&r.name), quote(&r.name)));
    }
    out
}

/// The Rust a worker runs for a task's resource steps (`src/web/shared_sync.rs`), after the
/// page's part (`codegen::rust_parallel`).
pub fn rust_worker() -> &'static str {
    "\n// The resources live in one SharedArrayBuffer the page makes for the run\n// (engine::shared_sync::Layout: a lock or semaphore is a word of free permits and one holder\n// slot per permit; a counter is one word), sent with every task as ToWorker::RunShared.\n// In the worker, for each resource step:\nfn acquire(arr: &Int32Array, base: u32) {\n    loop {\n        let free = Atomics::load(arr, base)?;\n        if free > 0 {\n            if Atomics::compare_exchange(arr, base, free, free - 1)? == free { break; }\n            continue;\n        }\n        Atomics::wait(arr, base, 0)?; // this worker's thread sleeps until a permit is given back\n    }\n}\nfn release(arr: &Int32Array, base: u32) {\n    Atomics::add(arr, base, 1)?;\n    Atomics::notify_with_count(arr, base, 1)?; // wakes one sleeping worker\n}\n// Read:  local = Atomics::load(arr, base)?;\n// Write: Atomics::store(arr, base, local + 1)?;\n"
}
