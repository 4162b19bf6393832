#!/usr/bin/env bash
# Checks the release build's download sizes (gzip -9, deterministic) against our budgets.
#   bash scripts/sizes.sh [dist]      (after `trunk build --release`)
# Prints one line per file and exits non-zero when a file is over its ceiling.
#
# Budgets: worker wasm ≤ 40 KB gzipped; the app wasm is held under a ceiling, a ratchet: lower
# APP_CEILING whenever the app shrinks, and raise it only with the measured reason written here.
# Measured with this script after `trunk build --release` (app wasm, gzip -9):
#   410,807 B  chapter 1 app (247da90)
#   414,584 B  + worker lab providers, run session, typed slugs (ui redesign)
#   435,215 B  + the /python page: CPython examples, their claims and the runner glue (~20 KB)
#   488,669 B  + resources and the new step kinds: tokio::sync runner (web::sync), their event
#              and log formats, validation and code view (~52 KB; measured on the h-prims branch
#              alone: 410,807 -> 463,191 B)
#   491,014 B  + the autosave warning and per-page titles (under the ceiling set at 488,669 B)
#   490,996 B  main at 00de23c, measured again before the CPython changes below
#   491,141 B  - the CPython examples' programs, served as static/python/<id>.py (6 KB of text,
#              3.4 KB gzipped) + fetching them: the fetch costs about what their text did
#   494,114 B  + "Run in CPython" under the playground's code view, with the CPython page's run
#              state in the engine and its glue shared with the page (+2,973 B), less the examples'
#              descriptions moved into their programs' opening comments
#   500,903 B  + the ui redesign's splits (merging h-ui-green at 65e4a92; +6,789 B across the
#              merge, which also dropped the CPython page's second progress bar): over the
#              ceiling, which stays where it was (it only goes down) for the lead to decide
#   500,788 B  + h-ui-green at 6c2937b (one RunMode) merged
#   550,618 B  + the /stuck page alone on 00de23c (+59.6 KB): the schedule model (engine::model),
#              the wait-for graph, detector and scrubber (engine::waitfor), the deadlock and
#              sync presets it offers (first linked into the app here), engine::inspect and
#              its four components
#   601,159 B  main after merging all of the above with the measured comparisons (h-tests),
#              the primitives in the playground's editor, lanes and metrics (h-prims, about
#              +29 KB on its own branch) and the Firefox fixes (h-firefox)
#   624,619 B  + the claims (engine::claims, the claims tables, /claims), the preset demo and the
#              playground's keyboard, undo and status fixes (main at d2a25c4)
#   739,923 B  + chapters 2–9: eight tour pages with their demos and engine models (a small
#              asyncio for chapter 5, a broker for chapter 9, the server sweep for chapter 7, …),
#              +115 KB. Over issue 16's own bar: the first load of / grows by the pages' code,
#              not only their text, until the chapters load separately from the app
#   745,664 B  + Lock, Semaphore and Counter across Web Workers (h-atomics, +6,147 B)
#   751,818 B  + the ui refactor's calibration, run-session and split components (h-ui12) and
#              the runner's next-turn start (h-runner), merged
#   753,861 B  + the resource views' incremental trackers (engine LanesTracker and ResourceTally,
#              use_log_tracker, the lanes' pooled drawing: what keeps a 10,000-task Semaphore run
#              under 50 ms a frame) and the playground's run on the shared run session (+2,043 B)
#   751,115 B  + every run's life on the run session (/stuck, the claims, the lessons' lag meter
#              and snippet demo, the comparison's Stop), with eight cards drawn once per page
#              render made plain functions instead of components (-5,823 B for those alone)
#   742,219 B  + fourteen more hook-free cards made plain functions (the playground's scenario,
#              code, notices, autosave warning and progress bar; the comparison's lanes; the
#              timeline's toolbar and legend; lesson cards: "What you just saw", the demo code
#              pair, number fields, the coroutine's source, the event loop's queues and code)
# Since the release build ships one module per page (src/ui/pages.rs, scripts/page-modules.sh),
# a reader downloads their page's module, not this whole app (which `trunk serve` uses). Each
# page's module has its own ceiling, PAGE_CEILING, the same kind of ratchet, over the largest:
#   401,405 B  page_playground (the largest; home 131,238 B, the lessons 142,861-303,399 B),
#              measured with this script on main at the page-modules commit
#   410,152 B  page_playground with Lock/Semaphore across workers (h-atomics, about +6 KB) and
#              the playground's editor split into smaller components (h-ui12, about +3 KB)
#   412,989 B  page_playground with the incremental resource views and its run on the run
#              session (under the ceiling set at 410,152 B)
#   408,563 B  page_playground with its five single-use cards made plain functions
# The ceiling is the last figure plus about 0.2%. There is no fixed byte goal: what a reader feels is the
# time to first paint and to the first render, measured by scripts/bench.sh.
set -euo pipefail
dist="${1:-$(dirname "${BASH_SOURCE[0]}")/../dist}"
APP_CEILING=743700
PAGE_CEILING=409400
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
else echo "under the ceiling $APP_CEILING B"; fi
printf 'worker wasm  %7d B gzipped (raw %d): ' "$w" "$(stat -c %s "$worker")"
if [ "$w" -gt "$WORKER_BUDGET" ]; then echo "OVER the budget $WORKER_BUDGET B"; fail=1
else echo "within the budget $WORKER_BUDGET B"; fi
printf 'app JS glue  %7d B gzipped (raw %d)\n' "$g" "$(stat -c %s "$glue")"
# Each page's module (a release build has one per page; `trunk serve` has none).
pages=0
for m in "$dist"/page_*_bg.wasm; do
  [ -e "$m" ] || continue
  pages=$((pages + 1))
  p=$(gz "$m"); name=$(basename "$m"); name=${name%%-*}
  printf '%-34s %7d B gzipped: ' "$name" "$p"
  if [ "$p" -gt "$PAGE_CEILING" ]; then echo "OVER the ceiling $PAGE_CEILING B"; fail=1
  else echo "under the ceiling $PAGE_CEILING B"; fi
done
[ "$pages" -gt 0 ] || echo "no page modules (not a release build): only the whole app was checked"
# The worker must not pull in Yew (its wasm would then be many times bigger; this names the cause).
if grep -aq 'yew' "$worker"; then echo "the worker wasm mentions yew: keep Yew out of the worker"; fail=1; fi
exit $fail
