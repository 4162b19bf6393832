#!/usr/bin/env bash
# Builds one WebAssembly module per page (src/ui/pages.rs, the src/bin/page_<name>.rs binaries)
# into a release build's output, so each page downloads only the code it draws; prerender then
# points each route's static page at its module. Run by scripts/prerender.sh in a release build (Trunk's
# post_build hook), after Trunk has built the whole app: the library is compiled already, so each
# module costs its link (LTO), wasm-bindgen and wasm-opt, the same steps with the same flags Trunk
# runs for `app` (index.html: `data-wasm-opt="z"`, no TypeScript).
#   bash scripts/page-modules.sh OUT
# Writes OUT/page_<name>-<hash>.js and OUT/page_<name>-<hash>_bg.wasm, and OUT/page-modules.txt,
# one line per module: `<name> <js file> <wasm file> <js integrity> <wasm integrity>`. The links
# and the two post-link steps run two at a time (the machine has 2 cores).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:?usage: page-modules.sh OUT}"
names=()
for f in src/bin/page_*.rs; do n="${f#src/bin/page_}"; names+=("${n%.rs}"); done
bins=()
for n in "${names[@]}"; do bins+=(--bin "page_$n"); done
cargo build --quiet --release --target wasm32-unknown-unknown "${bins[@]}"
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sri() { echo "sha384-$(openssl dgst -sha384 -binary "$1" | base64 -w0)"; }
one() { # one NAME: bindgen, optimise, hash, copy; prints its manifest line
  local n="$1" dir="$tmp/$1"
  mkdir -p "$dir"
  wasm-bindgen --target=web --out-dir="$dir" --out-name="page_$n" --no-typescript \
    "$target/wasm32-unknown-unknown/release/page_$n.wasm"
  wasm-opt --output="$dir/opt.wasm" -Oz "$dir/page_${n}_bg.wasm"
  local hash js wasm
  hash="$(cat "$dir/page_$n.js" "$dir/opt.wasm" | sha256sum | cut -c1-16)"
  js="page_$n-$hash.js"; wasm="page_$n-${hash}_bg.wasm"
  cp "$dir/page_$n.js" "$out/$js"
  cp "$dir/opt.wasm" "$out/$wasm"
  echo "page-modules: $n: $(gzip -9 -c "$out/$wasm" | wc -c) B gzipped ($wasm)" >&2
  echo "$n $js $wasm $(sri "$out/$js") $(sri "$out/$wasm")" > "$dir/line"
}
export -f one sri
export tmp target out
printf '%s\n' "${names[@]}" | xargs -P 2 -I{} bash -c 'set -euo pipefail; one "$@"' _ {}
for n in "${names[@]}"; do cat "$tmp/$n/line"; done > "$out/page-modules.txt"
