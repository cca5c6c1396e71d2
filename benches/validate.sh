#!/usr/bin/env bash
# Import + full validation of generated 1k, 10k and 100k-node trees (realistic and lean): natively, in wasm (Node),
# V8's JSON.parse of the same text, and bamboo-engine 3.0.7's validator, in one run.
# Prints one table. The venv with bamboo-engine is the parity suite's (created if missing).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
[ -f pkg/pipeline_tree_bg.wasm ] || scripts/build.sh >&2
venv=target/parity-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import bamboo_engine" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "bamboo-engine==3.0.7"
fi
cargo build --quiet --release --bin pipeline-tree
mkdir -p target/bench
files=()
# realistic trees (plugin data, variables, drawing: about 2.3 KB a node)
for n in 1000 10000 100000; do
  f="target/bench/realistic-$n.json"
  [ -f "$f" ] || target/release/pipeline-tree gen --nodes "$n" --seed 11 > "$f"
  files+=("$f")
done
# lean trees: the same graphs without plugin data and variables (about 0.5 KB a node), where
# the time goes to the graph algorithms rather than to reading
for n in 1000 10000 100000; do
  f="target/bench/lean-$n.json"
  [ -f "$f" ] || python3 benches/lean.py "target/bench/realistic-$n.json" "$f"
  files+=("$f")
done
out=$(mktemp)
cargo bench --quiet --bench validate -- "${files[@]}" >> "$out"
node benches/validate_wasm.mjs "${files[@]}" >> "$out"
"$venv/bin/python" benches/bamboo_time.py "${files[@]}" >> "$out"
python3 - "$out" "${files[@]}" <<'PY'
import json, os, sys
rows = {}
for line in open(sys.argv[1]):
    kind, f, ms = line.split()
    rows.setdefault(f, {})[kind] = float(ms)
print("| tree | bytes | nodes | engine verdict | native ms | wasm ms | V8 JSON.parse ms | wasm / JSON.parse | bamboo-engine json.loads+validate ms | bamboo validator alone ms | bamboo validator / wasm |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for f in sys.argv[2:]:
    r = rows[f]
    t = json.load(open(f))
    nodes, todo = 0, [t]
    while todo:  # embedded sub-process pipelines count too
        p = todo.pop()
        nodes += 2 + len(p["activities"]) + len(p["gateways"])
        todo += [a["pipeline"] for a in p["activities"].values() if isinstance(a.get("pipeline"), dict)]
    verdict = "valid" if r.get("valid", 1) else "refused"
    print(f"| {os.path.basename(f)} | {os.path.getsize(f)} | {nodes} | {verdict} | {r['native']:.1f} | {r['wasm']:.1f} | "
          f"{r['json-parse']:.1f} | {r['wasm'] / r['json-parse']:.2f}x | {r['bamboo']:.0f} | {r['bamboo-validator']:.0f} | {r['bamboo-validator'] / r['wasm']:.1f}x |")
PY
rm -f "$out"
