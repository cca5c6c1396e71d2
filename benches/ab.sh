#!/usr/bin/env bash
# Before and after: the same benchmarks from another revision and from this checkout, side by
# side in one run. Each round runs every measure once for the revision and once for this
# checkout, back to back, so both see the same machine; the table gives the median over the
# rounds of each side's medians, and their ratio. Measures: import + validate natively and in
# wasm (Node), an editing operation with its refreshed diagnostics natively, and both layouts
# through the command line; on realistic 1k/10k trees, a lean 10k tree and two worst shapes.
#
# With AB_SAME_CHECKS=CODE,CODE (the rules REV does not have), this checkout also runs with those
# rules off, and the table adds a "same checks" row for each validate and edit measure: the
# same work on both sides.
#
# usage: benches/ab.sh REV [ROUNDS]     (both sides edit the same realistic 1k and 10k tree files)
# REV is built in a git worktree outside the project (AB_BASE, default $TMPDIR/pipeline-tree-ab),
# kept between runs so that a second run builds only what changed. The editing benchmark's
# environment passes through: EDIT_CLOCK=cpu (thread CPU time, steadier on a shared machine),
# EDIT_MODES, EDIT_REPS, EDIT_ALL (benches/edit.rs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
rev=${1:?usage: benches/ab.sh REV [ROUNDS]}
rounds=${2:-3}
base=${AB_BASE:-${TMPDIR:-/tmp}/pipeline-tree-ab}
if [ -e "$base/.git" ]; then
  git -C "$base" checkout -q --detach "$rev"
else
  git worktree add -q --detach "$base" "$rev"
fi
ln -sfn "$ROOT/node_modules" "$base/node_modules"
# the editing benchmark is this checkout's on both sides: the same operations on the same files
cp benches/edit.rs "$base/benches/edit.rs"
for dir in "$base" .; do
  (cd "$dir" && cargo build -q --release --bin pipeline-tree && cargo bench -q --no-run 2>/dev/null \
    && node scripts/package.mjs >/dev/null)
done

mkdir -p target/bench "$base/target/bench"
bin=target/release/pipeline-tree
for n in 1000 10000; do
  f=target/bench/realistic-$n.json
  [ -f "$f" ] || $bin gen --nodes "$n" --seed 11 > "$f"
done
[ -f target/bench/lean-10000.json ] || python3 benches/lean.py target/bench/realistic-10000.json target/bench/lean-10000.json
for shape in chain nested; do
  f=target/bench/worst-$shape-2000.json
  [ -f "$f" ] || $bin gen --worst "$shape" 2000 > "$f"
done
cp target/bench/realistic-1000.json target/bench/realistic-10000.json "$base/target/bench/"
files=(target/bench/realistic-1000.json target/bench/realistic-10000.json target/bench/lean-10000.json
  target/bench/worst-chain-2000.json target/bench/worst-nested-2000.json)
abs=(); for f in "${files[@]}"; do abs+=("$ROOT/$f"); done

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sides=(base new)
[ -n "${AB_SAME_CHECKS:-}" ] && sides+=(same)
for ((r = 1; r <= rounds; r++)); do
  for side in "${sides[@]}"; do
    dir=$base; [ "$side" != base ] && dir=.
    off=; [ "$side" = same ] && off=$AB_SAME_CHECKS
    log="$out/$side.$r"
    (cd "$dir" && BENCH_RULES_OFF=$off cargo bench -q --bench validate -- "${abs[@]}" 2>/dev/null) | grep '^native' >> "$log"
    (cd "$dir" && BENCH_RULES_OFF=$off node benches/validate_wasm.mjs "${abs[@]}") | grep '^wasm' >> "$log"
    (cd "$dir" && BENCH_RULES_OFF=$off cargo bench -q --bench edit -- "${abs[@]:0:2}" 2>/dev/null) | grep '^edit' >> "$log"
    [ "$side" = same ] && continue
    python3 - "$dir/target/release/pipeline-tree" "${abs[@]:0:2}" >> "$log" <<'PY'
import statistics, subprocess, sys, time
bin, files = sys.argv[1], sys.argv[2:]
for f in files:
    for mode in ("sops", "layered"):
        times = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([bin, "layout", "--mode", mode, f], check=True, stdout=subprocess.DEVNULL)
            times.append((time.perf_counter() - t) * 1000)
        print(f"layout {mode} {f} {statistics.median(times):.2f}")
PY
  done
done

python3 - "$out" "$rounds" <<'PY'
import os, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
data = {}
for side in ("base", "new", "same"):
    for r in range(1, rounds + 1):
        path = os.path.join(out, f"{side}.{r}")
        if not os.path.exists(path):
            continue
        for line in open(path):
            p = line.split()
            if p[0] in ("native", "wasm"):
                key, ms = f"validate {p[0]} {os.path.basename(p[1])}", float(p[2])
            elif p[0] == "edit":
                key, ms = f"edit {p[1]} {p[2]} {p[3]}", float(p[4])
            elif p[0] == "layout":
                key, ms = f"layout {p[1]} {os.path.basename(p[2])} (process)", float(p[3])
            else:
                continue
            data.setdefault(key, {}).setdefault(side, []).append(ms)
same = any("same" in sides for sides in data.values())
head = "| measure | base ms | new ms | new / base |"
print(head + (" same checks ms | same checks / base |" if same else ""))
print("|---|---|---|---|" + ("---|---|" if same else ""))
for key, sides in data.items():
    if "base" not in sides or "new" not in sides:
        continue
    b, n = statistics.median(sides["base"]), statistics.median(sides["new"])
    row = f"| {key} | {b:.2f} | {n:.2f} | {n / b:.2f} |"
    if same:
        s = statistics.median(sides["same"]) if "same" in sides else None
        row += f" {s:.2f} | {s / b:.2f} |" if s is not None else " | |"
    print(row)
PY
