#!/usr/bin/env bash
# Reading and validating trees of shapes the test kit does not make (benches/shapes.py: chain,
# wide gateways, deep nesting, mixed blocks, loops; lean and heavy nodes; 10k and 50k nodes, and
# each 10k lean tree again in the 4-space layout of SOPS exports). Every tree must validate as
# valid (the command line's verdict) before it is timed. Prints one table: per tree its size,
# V8's JSON.parse and our import + full validation in wasm (Node, the package in pkg/) run in
# turn in one process, their ratio, and for the 10,000-node lean trees (10 to 27 MB) natively
# the read and write throughput (the tree written back in its own layout) and import +
# validation time.
# SHAPES, SIZES and WEIGHTS pick fewer trees (defaults: all shapes, "10000 50000", "lean heavy").
# A/B: BASELINE_PKG=DIR (a package built from another revision) runs its validate in the same
# turns as ours, and BASELINE_BENCH=FILE (that revision's shapes bench executable) measures
# natively right before ours; the table then shows both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
[ -f pkg/pipeline_tree_bg.wasm ] || node scripts/package.mjs >&2
cargo build --quiet --release --bin pipeline-tree
dir=target/bench/shapes
mkdir -p "$dir"
files=()
native=()  # the 10,000-node lean trees, measured natively too
for shape in ${SHAPES:-chain wide deep mixed loops}; do
  for n in ${SIZES:-10000 50000}; do
    for w in ${WEIGHTS:-lean heavy}; do
      f="$dir/$shape-$n-$w.json"
      [ -s "$f" ] || python3 benches/shapes.py "$shape" "$n" "$w" > "$f"
      files+=("$f")
      if [ "$n" = 10000 ] && [ "$w" = lean ]; then
        native+=("$f")
        f="$dir/$shape-$n-$w-indent4.json"
        [ -s "$f" ] || python3 benches/shapes.py "$shape" "$n" "$w" --indent 4 > "$f"
        files+=("$f")
        native+=("$f")
      fi
    done
  done
done
for f in "${files[@]}"; do
  if ! target/release/pipeline-tree --max-bytes 1073741824 validate --format json "$f" > /dev/null; then
    echo "$f: the validator refuses a generated tree" >&2
    exit 1
  fi
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
node --max-old-space-size=8192 benches/shapes.mjs "${files[@]}" >> "$out"
if [ ${#native[@]} -gt 0 ]; then
  if [ -n "${BASELINE_BENCH:-}" ]; then
    "$BASELINE_BENCH" "${native[@]}" | sed 's/^/baseline-/' >> "$out"
  fi
  cargo bench --quiet --bench shapes -- "${native[@]}" >> "$out"
fi
python3 - "$out" "${files[@]}" <<'PY'
import json, os, sys
rows = {}
for line in open(sys.argv[1]):
    kind, f, x = line.split()
    rows.setdefault(f, {})[kind] = float(x)
ab = any("wasm-baseline" in r for r in rows.values())
abn = any("baseline-read" in r for r in rows.values())
cols = ["shape", "nodes", "weight", "layout", "MB", "KB a node", "JSON.parse ms", "wasm import+validate ms", "wasm / JSON.parse"]
if ab:
    cols += ["baseline wasm ms", "baseline / JSON.parse"]
cols += ["native read MB/s", "native write MB/s", "native import+validate ms"]
if abn:
    cols += ["baseline read MB/s", "baseline write MB/s", "baseline import+validate ms"]
print("| " + " | ".join(cols) + " |")
print("|" + "---|" * len(cols))
for f in sys.argv[2:]:
    r = rows[f]
    name = os.path.basename(f)[:-5].split("-")
    t = json.load(open(f))
    nodes = 2 + len(t["activities"]) + len(t["gateways"])
    mb = os.path.getsize(f) / 1e6
    assert r["valid"] == 1, f
    cells = [name[0], nodes, name[2], "4-space" if len(name) > 3 else "compact", f"{mb:.1f}", f"{mb * 1000 / nodes:.2f}",
             f"{r['json-parse']:.1f}", f"{r['wasm']:.1f}", f"{r['wasm'] / r['json-parse']:.2f}x"]
    if ab:
        cells += [f"{r['wasm-baseline']:.1f}", f"{r['wasm-baseline'] / r['json-parse']:.2f}x"]
    cell = lambda k, fmt: fmt.format(r[k]) if k in r else "-"
    cells += [cell("read", "{:.0f}"), cell("write", "{:.0f}"), cell("native", "{:.1f}")]
    if abn:
        cells += [cell("baseline-read", "{:.0f}"), cell("baseline-write", "{:.0f}"), cell("baseline-native", "{:.1f}")]
    print("| " + " | ".join(map(str, cells)) + " |")
PY
