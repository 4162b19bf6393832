#!/usr/bin/env bash
# Installs what is missing, then serves Async Playground on http://127.0.0.1:8080 with the
# cross-origin isolation headers (see Trunk.toml). Extra arguments go to `trunk serve`,
# e.g. scripts/serve.sh --release
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
cd "$ROOT"
say "serving on http://127.0.0.1:8080 (Ctrl-C stops)"
# No autoreload: its script is inline, and our Content-Security-Policy refuses inline scripts
# (reload the page by hand after an edit; Trunk still rebuilds on save).
exec trunk serve --no-autoreload "$@"
