#!/usr/bin/env bash
# Runs the fuzz targets (fuzz/fuzz_targets: parse, validate, layout, payloads, edit) with
# libFuzzer through cargo-fuzz on the nightly toolchain.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     each target for SECONDS (default 60)
#   scripts/fuzz.sh --runs N [TARGET...]      each target for N inputs from a fixed seed
#                                             (deterministic: the short run of scripts/test.sh)
#
# Seeds: every fixture file and the tree each fixture builds (tests/fixtures), plus inputs that ask for
# generated trees (see crates/testkit/src/robust.rs). The corpus grows in fuzz/corpus/TARGET (not committed).
# An input that fails is copied to tests/fixtures/fuzz/TARGET/, where tests/robust_test.rs
# replays it on every test run. Runs of 300 seconds or more append one line each to
# fuzz/runs.tsv: date, target, seconds, executions, coverage (edges), features, corpus size,
# result. Ends with "N passed, M failed" (a target is one test); exits 1 when any target failed.
# Runs with debug assertions (overflow is a failure) and no sanitizer (the crate has no unsafe code).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

if [ "${1:-}" = --runs ]; then
  RUNS=${2:?--runs needs a number}; SECONDS_EACH=0; shift 2
  BUDGET=(-runs="$RUNS" -seed=1)
else
  SECONDS_EACH=${1:-60}; shift || true
  BUDGET=(-max_total_time="$SECONDS_EACH")
fi
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(parse validate layout payloads edit)

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is not installed (rustup toolchain list)" >&2
  exit 2
fi

(cd fuzz && cargo +nightly fuzz build -O -a --sanitizer none) || exit 2
BIN=fuzz/target/x86_64-unknown-linux-gnu/release

# seeds DIR: writes the seed inputs (the same for every target) into DIR.
seeds() {
  local dir=$1 f
  mkdir -p "$dir"
  for f in tests/fixtures/trees/*.json tests/fixtures/rules/*.json tests/fixtures/malformed/*.json \
           tests/fixtures/layout/*.json tests/fixtures/payload/*.json tests/fixtures/hostile/*.json; do
    [ -f "$f" ] || continue
    [ "$(stat -c %s "$f")" -le 65536 ] || continue
    { printf '\x00'; cat "$f"; } > "$dir/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  # the trees the fixtures build (a base tree and the patch that breaks it, or an inline tree)
  for f in tests/fixtures/rules/*.json tests/fixtures/edit/*.json tests/fixtures/layout/*.json; do
    case "$f" in *.expected.json) continue ;; esac
    out="$dir/seed-tree-$(basename "$(dirname "$f")")-$(basename "$f")"
    { printf '\x00'; python3 tests/fixtures/fixture.py tree "$f"; } > "$out" || rm -f "$out"
    [ ! -f "$out" ] || [ "$(stat -c %s "$out")" -le 65536 ] || rm -f "$out"
  done
  # generated trees: mode byte, 8 seed bytes, size, mutations, then bytes for the target
  python3 - "$dir" <<'PY'
import random, sys
for i in range(1, 25):
    rng = random.Random(i)
    data = bytes([0x80 + i % 4]) + bytes(rng.randrange(256) for _ in range(10 + i * 8))
    open(f"{sys.argv[1]}/seed-gen-{i}", "wb").write(data)
PY
}

FAILED=0
PASSES=0
FAILS=0
mkdir -p fuzz/corpus fuzz/artifacts
for t in "${TARGETS[@]}"; do
  corpus=fuzz/corpus/$t
  # a deterministic run starts from the seeds alone
  [ -z "${RUNS:-}" ] || { corpus=$(mktemp -d)/$t; }
  [ -d "$corpus" ] || seeds "$corpus"
  mkdir -p "fuzz/artifacts/$t"
  log=$(mktemp)
  echo "=== fuzz $t: ${BUDGET[*]}"
  "$BIN/$t" "$corpus" "${BUDGET[@]}" -max_len=65536 -timeout=20 \
    -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/" >"$log" 2>&1
  rc=$?
  tail -n 25 "$log" | grep -E "^#[0-9]+|stat::|ERROR|panicked|SUMMARY" | tail -n 12
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+')
  ft=$(grep -Eo 'ft: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+')
  units=$(ls "$corpus" | wc -l)
  result=ok
  if [ $rc -eq 0 ]; then
    PASSES=$((PASSES + 1))
    echo "fuzz $t: ok, ${execs:-0} inputs, coverage ${cov:-0} edges, ${ft:-0} features"
  else
    result=failed
    FAILED=1
    FAILS=$((FAILS + 1))
    mkdir -p "tests/fixtures/fuzz/$t"
    for a in fuzz/artifacts/$t/*; do
      [ -f "$a" ] || continue
      cp "$a" "tests/fixtures/fuzz/$t/$(basename "$a")"
      echo "fuzz $t: failing input kept as tests/fixtures/fuzz/$t/$(basename "$a")"
    done
    grep -E "panicked|ERROR" "$log" | head -5
  fi
  if [ "$SECONDS_EACH" -ge 300 ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$SECONDS_EACH" \
      "${execs:-0}" "${cov:-0}" "${ft:-0}" "$units" "$result" >> fuzz/runs.tsv
  fi
  rm -f "$log"
done
echo "$PASSES passed, $FAILS failed"
exit $FAILED
