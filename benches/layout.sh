#!/usr/bin/env bash
# Layout benchmark: our layered layout and SOPS's layout (wasm, Node) against dagre on the same
# trees of 100, 1,000 and 10,000 nodes, in one Node process. Prints one table.
# usage: benches/layout.sh   (SIZES="100 1000" to choose sizes)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
[ -f pkg/pipeline_tree_bg.wasm ] || scripts/build.sh >&2
[ -d node_modules/@dagrejs/dagre ] || npm ci --no-audit --no-fund >&2
cargo build --quiet --release --bin pipeline-tree
mkdir -p target/bench
sizes=(${SIZES:-100 1000 10000})
for n in "${sizes[@]}"; do
  f="target/bench/realistic-$n.json"
  [ -f "$f" ] || target/release/pipeline-tree gen --nodes "$n" --seed 11 > "$f"
done
node benches/layout.mjs "${sizes[@]}" | python3 -c '
import sys
rows = [l.split()[1:] for l in sys.stdin if l.startswith("layout ")]
print("%-12s %6s %-8s %10s %9s %8s %11s %s" % ("trees", "nodes", "layout", "median ms", "crossings", "overlaps", "edge length", "vs dagre (time)"))
dagre = {(r[0], r[1]): float(r[3]) for r in rows if r[2] == "dagre" and r[3] != "failed"}
for fam, n, name, ms, cr, ov, ln, *why in rows:
    if ms == "failed":
        print("%-12s %6s %-8s %10s %s" % (fam, n, name, "failed", " ".join(why)))
        continue
    note = "%.1fx faster" % (dagre[(fam, n)] / float(ms)) if name != "dagre" and (fam, n) in dagre else ""
    print("%-12s %6s %-8s %10s %9s %8s %11s %s" % (fam, n, name, ms, cr, ov, ln, note))
'
