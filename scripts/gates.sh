#!/usr/bin/env bash
# The gates every change passes: formatting (cargo fmt), lints (clippy on every crate and target,
# natively and for wasm32, warnings denied; clippy.toml keeps the core's sorting in src/sort.rs)
# and the type check of the page and the package's JavaScript (tsc --checkJs over tsconfig.json;
# needs pkg/, which scripts/build.sh writes), and few long functions in shipped code
# (scripts/long_fns.py). Prints one line per gate and "N passed, M failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
pass=0 fail=0
gate() {
  local name=$1; shift
  printf -- '--- %s: %s\n' "$name" "$*"
  if "$@"; then pass=$((pass + 1)); echo "ok $name"; else fail=$((fail + 1)); echo "FAILED $name"; fi
}
gate fmt cargo fmt --all --check
gate clippy cargo clippy --quiet --workspace --all-targets -- -D warnings
gate clippy-wasm cargo clippy --quiet -p pipeline-tree-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
gate types tsc -p tsconfig.json
# Shipped code (the core, the bindings, the command line): few functions of 80 lines or more.
gate long-functions python3 scripts/long_fns.py --max "${MAX_LONG_FUNCTIONS:-15}" src crates/wasm/src crates/cli/src
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
