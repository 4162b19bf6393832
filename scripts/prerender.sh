#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): writes each route's static page into the build output
# (src/bin/prerender.rs, built natively with the `ssr` feature), then gzip copies of the text
# files for hosts that serve precompressed files. By hand, after a build:
#   bash scripts/prerender.sh dist      (PAGE_MODULES=1 to build the page modules too)
# A route that cannot be rendered keeps the plain shell (loud message); the build still succeeds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-${TRUNK_STAGING_DIR:?run from Trunk, or pass the build output directory}}"
# A release build ships one module per group of pages (scripts/page-modules.sh); prerender points
# each page at its own. `trunk serve` (debug) keeps the whole app on every page.
if [ "${TRUNK_PROFILE:-}" = release ] || [ "${PAGE_MODULES:-}" = 1 ]; then
  bash scripts/page-modules.sh "$out"
fi
# Native, for the machine building (the hook runs inside a wasm build). Trunk's own cargo build
# has finished, so this does not wait on its lock.
cargo run --quiet --features ssr --bin prerender -- "$out"
# gzip -9 copies beside each compressible file (about 1 s for the whole output on one core).
find "$out" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' -o -name '*.svg' \) \
  -exec gzip -9 -k -f -n {} +
