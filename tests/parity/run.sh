#!/usr/bin/env bash
# The parity suite: generated trees through pipeline-tree's validator and through bamboo-engine
# (PyPI bamboo-engine==3.0.7, in a venv this script creates), compared tree by tree.
# usage: tests/parity/run.sh [SCALE]   (SCALE multiplies the tree counts; default 1 = 10,000 trees)
# Ends with "N passed, M failed", one test per batch and cycle mode.
set -euo pipefail
cd "$(dirname "$0")/../.."
scale="${1:-1}"
venv="target/parity-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import bamboo_engine" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "bamboo-engine==3.0.7"
fi
cargo build --quiet --release --bin pipeline-tree
bin="target/release/pipeline-tree"
work="target/parity"
mkdir -p "$work"
passed=0 failed=0
# batch: name count seed size mutations
while read -r name count seed size mutations; do
  n=$((count * scale))
  "$bin" gen --parity --count "$n" --seed "$seed" --size "$size" --mutations "$mutations" > "$work/$name.jsonl"
  for cycles in allow forbid; do
    "$venv/bin/python" tests/parity/bamboo_verdict.py --cycles "$cycles" --timeout 1 \
      < "$work/$name.jsonl" > "$work/$name.$cycles.engine.jsonl"
    set +e
    "$bin" validate --jsonl --require-subprocess-pipeline --cycles "$cycles" - \
      < "$work/$name.jsonl" > "$work/$name.$cycles.ours.jsonl"
    set -e
    if python3 tests/parity/compare.py "$work/$name.jsonl" "$work/$name.$cycles.engine.jsonl" \
        "$work/$name.$cycles.ours.jsonl" --label "$name/$cycles"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
    fi
  done
done <<'BATCHES'
wellformed 3000 1 20 0
one-mutation 3000 100000 40 1
many-mutations 3000 200000 60 3
large 1000 300000 150 2
BATCHES
# The worst shapes of benches/worst.sh (loops: bamboo-engine's distance walk re-walks cut
# cycles for every gateway; random: many paths), at sizes bamboo-engine takes seconds for.
for shape in chain nested wide loops random; do
  for n in 100 1000 2000; do
    "$bin" gen --worst "$shape" "$n" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))'
  done
done > "$work/worst.jsonl"
for cycles in allow forbid; do
  "$venv/bin/python" tests/parity/bamboo_verdict.py --cycles "$cycles" --timeout 60 \
    < "$work/worst.jsonl" > "$work/worst.$cycles.engine.jsonl"
  set +e
  "$bin" validate --jsonl --require-subprocess-pipeline --cycles "$cycles" - \
    < "$work/worst.jsonl" > "$work/worst.$cycles.ours.jsonl"
  set -e
  if python3 tests/parity/compare.py "$work/worst.jsonl" "$work/worst.$cycles.engine.jsonl" \
      "$work/worst.$cycles.ours.jsonl" --label "worst/$cycles"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
