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
# compare NAME TIMEOUT: $work/NAME.jsonl through bamboo-engine and through ours, loops allowed
# and forbidden; one test each.
compare() {
  local name=$1 timeout=$2 cycles
  for cycles in allow forbid; do
    "$venv/bin/python" tests/parity/bamboo_verdict.py --cycles "$cycles" --timeout "$timeout" \
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
}
# batch: name count seed size mutations
while read -r name count seed size mutations; do
  n=$((count * scale))
  "$bin" gen --parity --count "$n" --seed "$seed" --size "$size" --mutations "$mutations" > "$work/$name.jsonl"
  compare "$name" 1
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
compare worst 60
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
