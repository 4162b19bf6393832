#!/usr/bin/env bash
# The benchmark command: installs what is missing, builds the release page, serves it on
# 127.0.0.1, drives headless Chromium through it and writes BENCHMARKS.md (machine, date, and
# min / median / max of every figure over several runs, with every route's load on an emulated
# slow connection beside the baseline in e2e/bench/load-before.json). The runner's like-for-like
# figure (e2e/bench/runner.bench.mjs) is measured in Firefox ESR too where it and geckodriver are
# installed (scripts/setup.sh's setup_test), and so is the resources runner's recording wrapper against bare
# tokio::sync (e2e/bench/sync-wrapper.bench.mjs); 10,000 tasks on a Semaphore(10) are
# e2e/bench/semaphore.bench.mjs. Not part of the tests: timings are
# reported, never asserted. Took 2 min 12 s on our 2 cores with the release build up to date (a
# cold build adds a few minutes); run it on a quiet machine.
#   bash scripts/bench.sh [runs]        (default 3)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_bench
cd "$ROOT"
say "building the release page"
trunk build --release
bash scripts/sizes.sh || true
say "measuring (writes BENCHMARKS.md)"
cd e2e
DIST="$ROOT/dist" node bench/report.mjs "${1:-3}" "$ROOT/BENCHMARKS.md" >/dev/null
say "wrote $ROOT/BENCHMARKS.md"
