#!/usr/bin/env bash
# The parity suite: generated trees through pipeline-tree's validator and through bamboo-engine
# (PyPI bamboo-engine==3.0.7, in a venv this script creates), compared tree by tree.
# Then the real-world corpus (tests/realworld/, 132 files people wrote): each file written back
# byte for byte, each tree reported on (validate exits 0 or 1, never 2), and its verdict
# compared with bamboo-engine's run live; the names Mako finds in the corpus's strings; and what
# boolrule and Mako say of its conditions and rendered values.
# usage: tests/parity/run.sh [SCALE | corpus]   (SCALE multiplies the tree counts; default 1 =
# 10,000 trees; `corpus` runs the corpus part alone)
# Ends with "N passed, M failed", one test per batch and cycle mode.
set -euo pipefail
cd "$(dirname "$0")/../.."
scale="${1:-1}"
only_corpus=0
if [ "$scale" = corpus ]; then only_corpus=1; scale=1; fi
venv="target/parity-venv"
# Mako as SOPS pins it (the references SOPS's editor counts are Mako's undeclared names)
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import bamboo_engine, mako; assert mako.__version__ == '1.3.12'" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "bamboo-engine==3.0.7" "Mako==1.3.12"
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
# wrapped FILE: a file wrapping several templates (a SOPS export, `pipeline_template_data`):
# the whole file round-trips, and each template's tree gets a report and joins corpus.jsonl.
wrapped() {
  local id rc
  for id in $("$bin" find --format json "$1" | python3 -c 'import json,sys; print(" ".join(t["id"] for t in json.load(sys.stdin)["templates"]))'); do
    "$bin" fmt --check --template "$id" "$1" >/dev/null || return 1
    set +e
    "$bin" validate --require-subprocess-pipeline --template "$id" "$1" >/dev/null 2>&1
    rc=$?
    set -e
    [ "$rc" -le 1 ] || { echo "corpus: $1 template $id gets no report (exit $rc)"; return 1; }
    "$bin" fmt --wrapper strip --compact --template "$id" "$1" >> "$work/corpus.jsonl"
  done
}
# corpus: the real-world trees. One test for the round trips, one for the reports, and the
# verdicts compared with bamboo-engine per cycle mode.
corpus() {
  local f bad=0 unreported=0 n=0 rc
  : > "$work/corpus.jsonl"
  for f in tests/realworld/trees/*.json; do
    n=$((n + 1))
    if python3 -c 'import json,sys; sys.exit(0 if "pipeline_template_data" in json.load(open(sys.argv[1])) else 1)' "$f"; then
      wrapped "$f" || { echo "corpus: $f is not written back byte for byte, or a template has no report"; bad=$((bad + 1)); }
      continue
    fi
    "$bin" fmt --check --indent keep "$f" >/dev/null || { echo "corpus: $f is not written back byte for byte"; bad=$((bad + 1)); }
    set +e
    "$bin" validate --require-subprocess-pipeline "$f" >/dev/null 2>"$work/corpus.err"
    rc=$?
    set -e
    if [ "$rc" -gt 1 ]; then
      echo "corpus: $f gets no report (exit $rc): $(head -c 300 "$work/corpus.err")"
      unreported=$((unreported + 1))
    fi
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), ensure_ascii=False))' "$f" >> "$work/corpus.jsonl"
  done
  echo "corpus: $n files, $bad not written back, $unreported without a report"
  if [ "$bad" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  if [ "$unreported" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  compare corpus 60
}
corpus
# The names SOPS's editor counts in each string, as Mako itself reads them: the fixture the
# native variables_test compares with must be what Mako says (one test).
"$venv/bin/python" tests/parity/mako_names.py > "$work/mako_names.json"
if cmp -s "$work/mako_names.json" tests/fixtures/refs/mako_names.json; then
  passed=$((passed + 1))
else
  echo "mako: tests/fixtures/refs/mako_names.json differs from Mako's answers ($work/mako_names.json)"
  failed=$((failed + 1))
fi
# What boolrule and Mako say of the conditions and rendered values (corpus, fixtures, hand-written
# cases): the fixture the native expr_test compares with must be what they say (one test).
"$venv/bin/python" tests/parity/expr_cases.py > "$work/expr_cases.json"
if cmp -s "$work/expr_cases.json" tests/fixtures/refs/expr_cases.json; then
  passed=$((passed + 1))
else
  echo "expr: tests/fixtures/refs/expr_cases.json differs from boolrule's and Mako's answers ($work/expr_cases.json)"
  failed=$((failed + 1))
fi
if [ "$only_corpus" -eq 1 ]; then
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi
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
