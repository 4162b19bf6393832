#!/usr/bin/env bash
# Installs whatever the tests need (idempotent), then runs every test of Async Playground:
# formatting, clippy (native and wasm32), native engine tests, browser tests in headless Chromium
# and Firefox (wasm-bindgen-test), a release build with Trunk, and the end-to-end suite
# (Playwright driving Debian's Chromium against that build). Ends with `N passed, N failed`.
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
    env -u GECKODRIVER CHROMEDRIVER="$CHROMEDRIVER" cargo test --target wasm32-unknown-unknown --test '*'
  else
    env -u CHROMEDRIVER GECKODRIVER="$GECKODRIVER" cargo test --target wasm32-unknown-unknown --test '*'
  fi
}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=120

step "rustfmt" cargo fmt --all --check
step "clippy native" cargo clippy --workspace --all-targets --features async-playground/ssr -- -D warnings
step "clippy wasm32" cargo clippy --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
step "native tests" cargo test --workspace
step "browser tests chromium" browser_tests chrome
step "browser tests firefox" browser_tests firefox
step "trunk build release" trunk build --release
step "size budgets" bash scripts/sizes.sh "$ROOT/dist"
step "e2e chromium" bash -c "cd e2e && DIST='$ROOT/dist' node --test --test-concurrency=1 --test-reporter=tap tests/"

if [ ${#FAILED_STEPS[@]} -gt 0 ]; then
  say "failed steps: ${FAILED_STEPS[*]} (logs in target/test-logs/)"
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ] && [ ${#FAILED_STEPS[@]} -eq 0 ]
