#!/usr/bin/env bash
# Throughput benchmarks: native (vs serde_json) and wasm in Node (vs V8's JSON), one run each,
# on the same generated trees. Prints two tables.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
[ -f pkg/pipeline_tree_bg.wasm ] || scripts/build.sh >&2
echo "## native"
cargo bench -q --bench throughput 2>/dev/null
echo
echo "## wasm (Node $(node --version))"
node benches/wasm_throughput.mjs
