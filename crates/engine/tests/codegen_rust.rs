//! The code view's Rust, compiled: for every preset, the concurrent and sequential programs the
//! page shows (what `src/web/runner.rs` runs) are put in a scratch crate beside the crates they
//! name — `gloo-timers`, `wasm-bindgen-futures` and this engine, at the workspace's locked
//! versions, resolved offline from the local registry cache — and checked natively with
//! `cargo check`. The shown code is top-level statements after its functions, as in the page's
//! view; the harness puts the statements in `main` and supplies the two names the view leaves
//! out: `busy_for` (the page's busy loop, `src/web/busy.rs`) and, for a long scenario shown as a
//! table, `scenario`.
//!
//! The first run compiles those crates natively (about a minute); later runs reuse
//! `target/codegen-rust`.
#![cfg(not(target_arch = "wasm32"))]

use engine::codegen::rust;
use engine::presets;
use engine::RunMode;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The shown program as a crate's `main.rs`: its `use` lines and functions at the top, its
/// statements in `main`.
fn as_main(shown: &str) -> String {
    let lines: Vec<&str> = shown.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("// Concurrent") || l.starts_with("// Sequential"))
        .unwrap_or_else(|| panic!("no mode comment in the shown code:\n{shown}"));
    format!(
        "#![allow(unused, clippy::all)]\n\
         use engine::{{Scenario, Step, TaskSpec}};\n\
         /// Stands in for src/web/busy.rs's busy loop, which the view names but does not show.\n\
         fn busy_for(ms: f64) {{ std::hint::black_box(engine::work::crunch(1, ms as u64)); }}\n\
         {}\n\
         fn main() {{\n    let scenario = Scenario {{ tasks: Vec::new(), ..Default::default() }};\n{}\n}}\n",
        lines[..at].join("\n"),
        lines[at..].join("\n")
    )
}

/// Guards the code view's Rust: every preset's concurrent and sequential program compiles.
#[test]
fn every_presets_rust_compiles() {
    let root = workspace();
    let dir = root.join("target/codegen-rust");
    let src = dir.join("src/bin");
    std::fs::create_dir_all(&src).unwrap();
    let mut bins = Vec::new();
    for p in presets::all() {
        for (mode, name) in [(RunMode::Concurrent, "concurrent"), (RunMode::Sequential, "sequential")] {
            let bin = format!("{}-{name}", p.id);
            std::fs::write(src.join(format!("{bin}.rs")), as_main(&rust(&p.scenario, mode, 1))).unwrap();
            bins.push(bin);
        }
    }
    let manifest = format!(
        "[package]\nname = \"codegen-rust\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nengine = {{ path = {:?} }}\ngloo-timers = {{ version = \"0.3\", features = [\"futures\"] }}\n\
         wasm-bindgen-futures = \"0.4\"\n\n[workspace]\n",
        root.join("crates/engine").display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock file: the same versions the page is built with, all in the cache.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--offline", "--bins", "--message-format=short"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the generated Rust does not compile ({} programs):\n{stderr}", bins.len());
}
