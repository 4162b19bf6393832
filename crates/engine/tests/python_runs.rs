//! The generated Python of every chapter 2–8 preset runs under the machine's `python3` and shows
//! the tutorial's claim (skipped, saying so, where there is no `python3`). `Queue.shutdown` needs
//! Python 3.13: on an older one the 6_4 program must fail on exactly that, as its header says.

use engine::codegen::python;
use engine::sync_presets;
use engine::RunMode;
use std::process::Command;

fn python3_version() -> Option<(u32, u32)> {
    let out = Command::new("python3").arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut it = text.trim().trim_start_matches("Python ").split('.');
    Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
}

#[test]
fn every_presets_python_runs_and_shows_the_claim() {
    let Some(version) = python3_version() else {
        eprintln!("no python3 here: the generated programs were not run");
        return;
    };
    let runs: Vec<_> = sync_presets::all()
        .into_iter()
        .map(|p| {
            let code = python(&p.scenario(), RunMode::Concurrent, 1);
            let child = Command::new("python3")
                .arg("-c")
                .arg(&code)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            (p.id, code, child)
        })
        .collect();
    for (id, code, child) in runs {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if id == "6_4-shutdown" && version < (3, 13) {
            assert!(
                stdout.contains("producer raised AttributeError") && stdout.contains("shutdown"),
                "{id}: {stdout}\n{code}"
            );
            continue;
        }
        assert!(out.status.success(), "{id} failed:\n{stderr}\n{code}");
        let expect: &[&str] = match id {
            "4_1-race" => &["counter = 1\n"],
            "4_2-locked" => &["counter = 100\n"],
            "2_8-timeout" => &["timed out\n"],
            "5_1-failure" => &["RuntimeError('something went wrong')"],
            "6_4-shutdown" => &["producer raised QueueShutDown"],
            _ => &["took "],
        };
        for e in expect {
            assert!(stdout.contains(e), "{id}: {e:?} not in\n{stdout}\n{code}");
        }
    }
}

/// Guards issue 14's parallel mode in the code view: the counter presets, cut to 12 tasks (the
/// table shows 20), written for two worker processes with `multiprocessing.Lock` and a shared
/// `Value`: under the lock the counter ends at 12, without it read–sleep–write loses updates.
#[test]
fn the_parallel_counter_pythons_keep_or_lose_updates_as_the_page_does() {
    if python3_version().is_none() {
        eprintln!("no python3 here: the generated programs were not run");
        return;
    }
    for (id, exact) in [("4_2-locked", true), ("4_1-race", false)] {
        let mut s = sync_presets::all().into_iter().find(|p| p.id == id).unwrap().scenario();
        s.tasks.truncate(12);
        assert_eq!(s.parallel_refusal(), None);
        let code = python(&s, RunMode::Parallel, 2);
        assert!(code.contains("multiprocessing.Value(\"i\", 0, lock=False)"), "{code}");
        assert_eq!(code.contains("multiprocessing.Lock()"), exact, "{code}");
        let out = Command::new("python3").arg("-c").arg(&code).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{id}: {}\n{code}", String::from_utf8_lossy(&out.stderr));
        let n: i64 = stdout.split("counter = ").nth(1).and_then(|v| v.trim().parse().ok()).unwrap();
        if exact {
            assert_eq!(n, 12, "{id}: {stdout}");
        } else {
            assert!(n < 12, "{id}: two processes sleeping between read and write lost no update: {stdout}");
        }
    }
}
