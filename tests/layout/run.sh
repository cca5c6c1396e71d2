#!/usr/bin/env bash
# The layout suite: generated trees through `pipeline-tree layout --mode sops` and through
# the reference (tests/layout/reference.py, SOPS's draw_pipeline from the layout reference),
# compared tree by tree, with SOPS's server defaults and with the sizes its editor sends.
# usage: tests/layout/run.sh [SCALE]   (SCALE multiplies the tree counts; default 1 = 3,400 trees)
# Ends with "N passed, M failed", one test per batch and parameter set.
set -euo pipefail
cd "$(dirname "$0")/../.."
scale="${1:-1}"
cargo build --quiet --release --bin pipeline-tree
bin="target/release/pipeline-tree"
work="target/layout"
mkdir -p "$work"
passed=0 failed=0
# batch: name count seed size mutations (graph-shaped trees, loops and odd shapes included)
while read -r name count seed size mutations; do
  "$bin" gen --parity --count $((count * scale)) --seed "$seed" --size "$size" --mutations "$mutations" \
    > "$work/$name.jsonl"
done <<'BATCHES'
wellformed 1500 1 20 0
one-mutation 800 500000 40 1
large 300 600000 120 0
BATCHES
# realistic trees (old location entries kept, nested gateways)
: > "$work/realistic.jsonl"
for i in $(seq 1 $((100 * scale))); do
  "$bin" gen --nodes $((10 + i % 90)) --seed "$i" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), ensure_ascii=False, separators=(",", ":")))' \
    >> "$work/realistic.jsonl"
done
for name in wellformed one-mutation large realistic; do
  for params in server editor; do
    flags=()
    [ "$params" = editor ] && flags=(--sops-canvas --canvas-width 900)
    python3 tests/layout/reference.py "${flags[@]}" < "$work/$name.jsonl" > "$work/$name.$params.reference.jsonl"
    "$bin" layout --jsonl --mode sops "${flags[@]}" - < "$work/$name.jsonl" > "$work/$name.$params.ours.jsonl" || true
    if python3 tests/layout/compare.py "$work/$name.jsonl" "$work/$name.$params.reference.jsonl" \
        "$work/$name.$params.ours.jsonl" --label "$name/$params"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
