#!/usr/bin/env bash
# Installs what building and testing Async Playground need, skipping whatever is already there.
# Sourced by scripts/serve.sh and scripts/test.sh; safe to run again and again.
#   setup_build   wasm32 target, wasm-bindgen-cli (the version in Cargo.lock), Trunk 0.21.14,
#                 wasm-opt (npm binaryen@132), Node.js/npm if missing, and Pyodide's core
#                 files (npm pyodide@314.0.8) in .tools/pyodide/web/pyodide/ for the build
#   setup_test    setup_build + Chromium/ChromeDriver, Firefox ESR, geckodriver, e2e npm packages
#   setup_bench   setup_build + Chromium and the e2e npm packages (what scripts/bench.sh needs)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
PYODIDE_VERSION="314.0.8"
export PATH="$HOME/.cargo/bin:$TOOLS/npm/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Runs apt-get as root, through sudo when we are not root.
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ ! -f "$TOOLS/.apt-updated" ]; then
    $sudo apt-get update -qq
    mkdir -p "$TOOLS" && touch "$TOOLS/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

wasm_bindgen_version() {
  # The exact version Cargo.lock resolved: the CLI must match it byte for byte.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

setup_build() {
  command -v cargo >/dev/null || { echo "Rust is needed first: https://rustup.rs" >&2; return 1; }
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local wbv
  wbv="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -qF "$wbv"; then
    say "installing wasm-bindgen-cli $wbv (about 4 minutes on 2 cores)"
    # Not --locked: the registry mirror lacks a crate version its lock file names.
    cargo install wasm-bindgen-cli --version "$wbv"
  fi
  if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
    # --locked: without it 0.21 fails to compile; 0.22 needs a newer rustc.
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  if ! command -v npm >/dev/null; then
    say "installing Node.js and npm"
    apt_install nodejs npm
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    # Debian's binaryen is too old for today's rustc output; npm's binaryen@132 works.
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
    mkdir -p "$TOOLS/npm"
    npm install --prefix "$TOOLS/npm" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  fi
  setup_pyodide
}

# CPython for the /python page: the npm package's core files, copied by Trunk (index.html's
# copy-dir) to dist/pyodide/, with manifest.json listing the files the worker downloads and
# their sizes (its progress bar). Nothing else of the package is shipped.
setup_pyodide() {
  local web="$TOOLS/pyodide/web/pyodide" pkg="$TOOLS/pyodide/node_modules/pyodide"
  [ -f "$TOOLS/pyodide/.web-$PYODIDE_VERSION" ] && return 0
  say "installing Pyodide (npm pyodide@$PYODIDE_VERSION) into .tools/pyodide/"
  npm install --prefix "$TOOLS/pyodide" --no-audit --no-fund --silent "pyodide@$PYODIDE_VERSION" || return 1
  rm -rf "$web" && mkdir -p "$web"
  local f fetched=(pyodide-lock.json python_stdlib.zip pyodide.asm.wasm)
  for f in pyodide.mjs pyodide.asm.mjs "${fetched[@]}"; do cp "$pkg/$f" "$web/" || return 1; done
  {
    printf '{"version":"%s","files":[' "$PYODIDE_VERSION"
    local sep=""
    for f in "${fetched[@]}"; do printf '%s{"name":"%s","bytes":%d}' "$sep" "$f" "$(stat -c %s "$web/$f")"; sep=","; done
    printf ']}\n'
  } >"$web/manifest.json"
  touch "$TOOLS/pyodide/.web-$PYODIDE_VERSION"
}

setup_test() {
  setup_build
  local pkgs=()
  command -v chromium >/dev/null || pkgs+=(chromium)
  command -v chromedriver >/dev/null || pkgs+=(chromium-driver)
  command -v firefox >/dev/null || pkgs+=(firefox-esr)
  # The code view's generated Python is run by the native tests (crates/engine/tests/codegen_python.rs).
  command -v python3 >/dev/null || pkgs+=(python3)
  if [ ${#pkgs[@]} -gt 0 ]; then
    say "installing ${pkgs[*]} from Debian"
    apt_install "${pkgs[@]}"
  fi
  if ! command -v geckodriver >/dev/null; then
    say "installing geckodriver (cargo)"
    cargo install geckodriver --locked
  fi
  setup_e2e_packages
  export CHROMEDRIVER GECKODRIVER
  CHROMEDRIVER="$(command -v chromedriver)"
  GECKODRIVER="$(command -v geckodriver)"
}

# The e2e suite's npm packages (playwright-core, axe, selenium-webdriver), reinstalled when the
# lock file changes.
setup_e2e_packages() {
  if [ ! -d "$ROOT/e2e/node_modules/playwright-core" ] \
    || [ "$ROOT/e2e/package-lock.json" -nt "$ROOT/e2e/node_modules/.package-lock.json" ]; then
    say "installing the e2e suite's npm packages"
    (cd "$ROOT/e2e" && npm ci --no-audit --no-fund --silent)
  fi
}

setup_bench() {
  setup_build
  command -v chromium >/dev/null || { say "installing chromium from Debian"; apt_install chromium; }
  setup_e2e_packages
}
