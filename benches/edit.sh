#!/usr/bin/env bash
# Editing benchmark: one operation with its refreshed diagnostics on generated 1k/10k/100k-node
# documents, natively and in wasm (Node), in one run; graph checks eager (after every edit)
# and deferred (refreshGraph on idle). Prints one table, then the wasm memory of a document.
# EDIT_TREES="a.json b.json" times those tree files instead (e.g. the shapes benches/shapes.sh
# writes in target/bench/shapes: chain, wide, deep, mixed, loops).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
[ -f pkg/pipeline_tree_bg.wasm ] || scripts/build.sh >&2
cargo build --quiet --release --bin pipeline-tree
mkdir -p target/bench
if [ -n "${EDIT_TREES:-}" ]; then
  files=($EDIT_TREES)
else
  files=()
  for n in ${SIZES:-1000 10000 100000}; do
    f="target/bench/realistic-$n.json"
    [ -f "$f" ] || target/release/pipeline-tree gen --nodes "$n" --seed 11 > "$f"
    files+=("$f")
  done
fi
out=$(mktemp)
cargo bench --quiet --bench edit -- "${files[@]}" >> "$out"
# one Node process per tree, so each tree's memory figure comes from a fresh module
for f in "${files[@]}"; do
  node benches/edit_wasm.mjs "$f" >> "$out"
done
python3 - "$out" <<'PY'
import sys
rows, mem = {}, {}
for line in open(sys.argv[1]):
    p = line.split()
    if p[0] == "wasm-memory":
        mem[p[1]] = (p[2], p[3])
        continue
    kind, n, mode, op, med, p99 = p
    if kind not in ("edit", "wasm-edit"):
        continue
    n = n.removeprefix("realistic-")  # the native side names a file by its stem
    rows.setdefault((n, mode, op), {})["native" if kind == "edit" else "wasm"] = (float(med), float(p99))
print("| tree | graph checks | operation | native median ms | native p99 ms | wasm median ms | wasm p99 ms |")
print("|---|---|---|---|---|---|---|")
order = lambda n: (0, int(n), "") if n.isdigit() else (1, 0, n)
for (n, mode, op), r in sorted(rows.items(), key=lambda kv: (order(kv[0][0]), kv[0][1] != "eager")):
    nat, was = r.get("native", (float("nan"),) * 2), r.get("wasm", (float("nan"),) * 2)
    print(f"| {n} | {mode} | {op} | {nat[0]:.3f} | {nat[1]:.3f} | {was[0]:.3f} | {was[1]:.3f} |")
print()
for n, (m, t) in mem.items():
    doc = f"a {n}-node document" if n.isdigit() else n
    print(f"wasm linear memory grown by loading {doc} with kept diagnostics: {m} MB (input text {t} MB)")
PY
rm -f "$out"
