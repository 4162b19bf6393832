#!/usr/bin/env bash
# Builds one WebAssembly module per group of pages (src/ui/pages.rs, the `page-*` binaries) into
# a release build's output, so each page downloads only the code it draws; prerender then points
# each route's static page at its module. Run by scripts/prerender.sh in a release build (Trunk's
# post_build hook), after Trunk has built the whole app: the library is compiled already, so each
# module costs its link (LTO), wasm-bindgen and wasm-opt, the same steps with the same flags Trunk
# runs for `app` (index.html: `data-wasm-opt="z"`, no TypeScript).
#   bash scripts/page-modules.sh OUT
# Writes OUT/page-<name>-<hash>.js and OUT/page-<name>-<hash>_bg.wasm, and OUT/page-modules.txt,
# one line per module: `<name> <js file> <wasm file> <js integrity> <wasm integrity>`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:?usage: page-modules.sh OUT}"
names=(tour chapters playground compare python stuck)
bins=()
for n in "${names[@]}"; do bins+=(--bin "page-$n"); done
cargo build --quiet --release --target wasm32-unknown-unknown "${bins[@]}"
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sri() { echo "sha384-$(openssl dgst -sha384 -binary "$1" | base64 -w0)"; }
: > "$out/page-modules.txt"
for n in "${names[@]}"; do
  wasm-bindgen --target=web --out-dir="$tmp" --out-name="page-$n" --no-typescript \
    "$target/wasm32-unknown-unknown/release/page-$n.wasm"
  wasm-opt --output="$tmp/page-$n.opt.wasm" -Oz "$tmp/page-${n}_bg.wasm"
  hash="$(cat "$tmp/page-$n.js" "$tmp/page-$n.opt.wasm" | sha256sum | cut -c1-16)"
  js="page-$n-$hash.js"; wasm="page-$n-${hash}_bg.wasm"
  cp "$tmp/page-$n.js" "$out/$js"
  cp "$tmp/page-$n.opt.wasm" "$out/$wasm"
  echo "$n $js $wasm $(sri "$out/$js") $(sri "$out/$wasm")" >> "$out/page-modules.txt"
  echo "page-modules: $n: $(gzip -9 -c "$out/$wasm" | wc -c) B gzipped ($wasm)" >&2
done
