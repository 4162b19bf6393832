#!/usr/bin/env bash
# Checks the release build's download sizes (gzip -9, deterministic) against our budgets.
#   bash scripts/sizes.sh [dist]      (after `trunk build --release`)
# Prints one line per file and exits non-zero when a file is over its ceiling.
#
# Budgets (issue 6): app wasm ≤ 150 KB gzipped, worker wasm ≤ 40 KB gzipped.
# The worker meets its budget and CI holds it there. The app does not yet (see BENCHMARKS.md):
# CI holds it under a ceiling at today's size plus a little, so it cannot silently grow, and
# prints how far it is from the goal. Lower APP_CEILING whenever the app shrinks.
set -euo pipefail
dist="${1:-$(dirname "${BASH_SOURCE[0]}")/../dist}"
APP_GOAL=150000
APP_CEILING=436000 # the /python page (CPython examples) is about 20 KB of it
WORKER_BUDGET=40000

gz() { gzip -9 -c "$1" | wc -c; }
one() { # one PATTERN
  local f
  f=$(ls "$dist"/$1 2>/dev/null | head -1)
  [ -n "$f" ] || { echo "missing: $dist/$1 (run trunk build --release first)" >&2; exit 2; }
  echo "$f"
}
app=$(one 'app-*_bg.wasm'); worker=$(one 'worker_bg.wasm'); glue=$(one 'app-*.js')
a=$(gz "$app"); w=$(gz "$worker"); g=$(gz "$glue")
fail=0
printf 'app wasm     %7d B gzipped (raw %d): ' "$a" "$(stat -c %s "$app")"
if [ "$a" -gt "$APP_CEILING" ]; then echo "OVER the ceiling $APP_CEILING B"; fail=1
elif [ "$a" -gt "$APP_GOAL" ]; then echo "under the ceiling $APP_CEILING B; the goal $APP_GOAL B is not met yet"
else echo "within the budget $APP_GOAL B"; fi
printf 'worker wasm  %7d B gzipped (raw %d): ' "$w" "$(stat -c %s "$worker")"
if [ "$w" -gt "$WORKER_BUDGET" ]; then echo "OVER the budget $WORKER_BUDGET B"; fail=1
else echo "within the budget $WORKER_BUDGET B"; fi
printf 'app JS glue  %7d B gzipped (raw %d)\n' "$g" "$(stat -c %s "$glue")"
# The worker must not pull in Yew (its wasm would then be many times bigger; this names the cause).
if grep -aq 'yew' "$worker"; then echo "the worker wasm mentions yew: keep Yew out of the worker"; fail=1; fi
exit $fail
