#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): writes each route's static page into the build output
# (src/bin/prerender.rs, built natively with the `ssr` feature), then gzip and brotli copies of
# the text files and the wasm for hosts that serve precompressed files. By hand, after a build:
#   bash scripts/prerender.sh dist      (PAGE_MODULES=1 to build the page modules too, BROTLI=1
#                                        for the brotli copies)
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
# gzip -9 copies beside each compressible file (about 1 s for the whole output), and in a release
# build brotli ones (quality 11): about 35 s on our 2 cores, CPython's 9.6 MB wasm alone about
# 31 s, which brotli sends in 2.7 MB against gzip's 3.5 MB. `trunk serve` rebuilds on every save,
# so it skips them.
compressible=(-type f \( -name '*.html' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' -o -name '*.wasm' \
  -o -name '*.svg' -o -name '*.json' \))
find "$out" "${compressible[@]}" -exec gzip -9 -k -f -n {} +
if [ "${TRUNK_PROFILE:-}" = release ] || [ "${BROTLI:-}" = 1 ]; then
  # Largest first, so the longest starts at once and the rest share the other core.
  find "$out" "${compressible[@]}" -printf '%s %p\0' | sort -z -rn | cut -z -d' ' -f2- |
    xargs -0 -P 2 -n 1 node scripts/brotli.mjs
fi
