#!/usr/bin/env bash
# Size against speed of the .wasm: crates/wasm built at each opt-level (3, 2, s, z; LTO, one
# codegen unit, panic=abort as in Cargo.toml's wasm-release profile), each optimised by wasm-opt -O3 -ocimfs 0
# (the package's), -O3, -Os and -Oz, and
# timed in Node (benches/size.mjs) in the same run. Prints one table. LEVELS and FLAGS narrow it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
LEVELS=${LEVELS:-"3 2 s z"}
FLAGS=${FLAGS:-"-O3,-ocimfs,0 -O3 -Os -Oz"}  # commas stand for spaces within one setting
cargo build --quiet --release --bin pipeline-tree
mkdir -p target/bench
big=target/bench/realistic-10000.json small=target/bench/realistic-1000.json
[ -f "$big" ] || target/release/pipeline-tree gen --nodes 10000 --seed 11 > "$big"
[ -f "$small" ] || target/release/pipeline-tree gen --nodes 1000 --seed 11 > "$small"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| opt-level | wasm-opt | raw B | gzip B | validate 10k ms | layout 1k ms | create-task 1k ms |"
echo "|---|---|---|---|---|---|---|"
for level in $LEVELS; do
  CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=$level cargo build --quiet -p pipeline-tree-wasm --lib --profile wasm-release --target wasm32-unknown-unknown
  rm -rf "$work/glue" && wasm-bindgen --target web --out-name pipeline_tree --out-dir "$work/glue" target/wasm32-unknown-unknown/wasm-release/pipeline_tree_wasm.wasm
  for flag in $FLAGS; do
    # shellcheck disable=SC2086 # one setting may be several flags
    wasm-opt "$work/glue/pipeline_tree_bg.wasm" -o "$work/opt.wasm" ${flag//,/ }
    raw=$(stat -c %s "$work/opt.wasm")
    gz=$(gzip -9 -c "$work/opt.wasm" | wc -c)
    node benches/size.mjs "$work/glue/pipeline_tree.js" "$work/opt.wasm" "$big" "$small" |
      python3 -c 'import json,sys; d=json.load(sys.stdin); print("| '"$level"' | '"${flag//,/ }"' | {:,} | {:,} | {:.1f} | {:.1f} | {:.1f} |".format('"$raw"', '"$gz"', d["validate10k"], d["layout1k"], d["createTask1k"]))'
  done
done
