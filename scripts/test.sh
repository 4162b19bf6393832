#!/usr/bin/env bash
# Installs whatever the tests need (idempotent), then runs every test of Async Playground:
# formatting, clippy (native and wasm32), native engine tests, browser tests in headless Chromium
# and Firefox (wasm-bindgen-test), a release build with Trunk, and the end-to-end suite
# (Playwright driving Debian's Chromium against that build, then the same tests in Firefox ESR
# through WebDriver). Ends with `N passed, N failed`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_test || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
cd "$ROOT"

PASSED=0
FAILED=0
FAILED_STEPS=()
LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"

# step NAME COMMAND...: runs a command, shows its output, and adds its tests to the totals.
# Test runners' own counts are used where they print them (cargo/wasm-bindgen-test, node --test);
# a check without counts (fmt, clippy, build) counts as one test.
step() {
  local name="$1"; shift
  local log="$LOGS/${name// /-}.log"
  say "$name"
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(sed -nE 's/.*test result: [a-zA-Z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1/p; s/^(# |ℹ )pass ([0-9]+)$/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
  f=$(sed -nE 's/.*test result: [a-zA-Z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\2/p; s/^(# |ℹ )fail ([0-9]+)$/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    if [ "$rc" -eq 0 ]; then p=1; else f=1; fi
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # the runner failed outside any test (a build error, a crash)
  fi
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  [ "$rc" -eq 0 ] || FAILED_STEPS+=("$name")
  say "$name: $p passed, $f failed ($((SECONDS - start)) s)"
}

browser_tests() {
  # $1 = chrome|firefox: wasm-bindgen-test-runner picks the browser by which driver is set.
  local which="$1"
  if [ "$which" = chrome ]; then
    env -u GECKODRIVER CHROMEDRIVER="$CHROMEDRIVER" cargo test --no-fail-fast --target wasm32-unknown-unknown --test '*'
  else
    env -u CHROMEDRIVER GECKODRIVER="$GECKODRIVER" cargo test --no-fail-fast --target wasm32-unknown-unknown --test '*'
  fi
}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# Seconds one test binary may run. The slowest, tests/tour.rs, ran 72 s in Chromium on our loaded
# 2-core machine (its three tests wait on real timers for about a minute); 300 s is over 4× that,
# so a slow machine is not mistaken for a hang, and a real hang still ends the step.
export WASM_BINDGEN_TEST_TIMEOUT=300

step "rustfmt" cargo fmt --all --check
step "clippy native" cargo clippy --workspace --all-targets --features async-playground/ssr -- -D warnings
step "clippy wasm32" cargo clippy --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
# --no-fail-fast: a failing test binary must not hide the results of the binaries after it.
step "native tests" cargo test --workspace --no-fail-fast --features async-playground/ssr
step "browser tests chromium" browser_tests chrome
step "browser tests firefox" browser_tests firefox
# The size and end-to-end steps test the dist/ this run builds, never one left by an earlier
# run: dist/ is deleted first, and if the build fails they are skipped and counted as failed.
rm -rf "$ROOT/dist"
step "trunk build release" trunk build --release
if [ -f "$ROOT/dist/index.html" ] && [[ ! " ${FAILED_STEPS[*]} " =~ " trunk build release " ]]; then
  step "size budgets" bash scripts/sizes.sh "$ROOT/dist"
  step "e2e chromium" bash -c "cd e2e && DIST='$ROOT/dist' node --test --test-concurrency=1 --test-reporter=tap tests/"
  step "e2e firefox" bash -c "cd e2e && E2E_BROWSER=firefox DIST='$ROOT/dist' node --test --test-concurrency=1 --test-reporter=tap tests/"
else
  for skipped in "size budgets" "e2e chromium" "e2e firefox"; do
    say "$skipped: skipped, the release build failed (counted as 1 failed)"
    FAILED=$((FAILED + 1))
    FAILED_STEPS+=("$skipped")
  done
fi

if [ ${#FAILED_STEPS[@]} -gt 0 ]; then
  say "failed steps: ${FAILED_STEPS[*]} (logs in target/test-logs/)"
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ] && [ ${#FAILED_STEPS[@]} -eq 0 ]
