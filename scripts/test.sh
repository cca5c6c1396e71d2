#!/usr/bin/env bash
# Every test: native (cargo test), a short deterministic run of every fuzz target, parity with bamboo-engine (tests/parity), SOPS's layout
# (tests/layout), browser (wasm-pack test in headless Chromium), the built package in Node,
# the editor page in headless Chromium (playwright-core), and the packed npm tarball installed
# into fresh Node, TypeScript, Vite and webpack projects (tests/package), and the gates
# (scripts/gates.sh: cargo fmt, clippy, tsc --checkJs). Sets up first.
# Prints one line per suite and ends with the total count of tests run.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
scripts/setup.sh || exit 1

LOGS=$(mktemp -d)
SUMMARY=()
TOTAL_PASS=0
TOTAL_FAIL=0
FAILED_SUITES=0

# suite NAME KIND COMMAND...: runs COMMAND, shows its output, counts its tests.
suite() {
  local name=$1 kind=$2; shift 2
  printf '\n=== %s: %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$LOGS/$name.log"
  local rc=${PIPESTATUS[0]} pass fail
  if [ "$kind" = parity ]; then
    pass=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/$name.log" | tail -1 | awk '{print $1}')
    fail=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/$name.log" | tail -1 | awk '{print $3}')
    pass=${pass:-0}; fail=${fail:-0}
  elif [ "$kind" = cargo ]; then
    pass=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$LOGS/$name.log" | awk '{s+=$4} END {print s+0}')
    fail=$(grep -Eo '[0-9]+ failed' "$LOGS/$name.log" | awk '{s+=$1} END {print s+0}')
  else
    pass=$(grep -E '^# pass [0-9]+' "$LOGS/$name.log" | awk '{s+=$3} END {print s+0}')
    fail=$(grep -E '^# fail [0-9]+' "$LOGS/$name.log" | awk '{s+=$3} END {print s+0}')
  fi
  if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi   # a crash or build error counts
  if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi # a suite that ran nothing fails
  [ "$fail" -eq 0 ] || FAILED_SUITES=$((FAILED_SUITES + 1))
  TOTAL_PASS=$((TOTAL_PASS + pass)); TOTAL_FAIL=$((TOTAL_FAIL + fail))
  SUMMARY+=("$(printf '%-8s %5d passed, %d failed' "$name" "$pass" "$fail")")
}

suite native  cargo cargo test
suite fuzz    parity scripts/fuzz.sh --runs 1000
suite parity  parity tests/parity/run.sh
suite layout  parity tests/layout/run.sh
WASM_BINDGEN_TEST_TIMEOUT=600 suite browser cargo wasm-pack test --headless --chrome crates/wasm --test web
if scripts/build.sh; then
  suite gates parity scripts/gates.sh
  suite node node node --test tests/node/
  suite page node node --test www/tests/
  suite package node node --test tests/package/
else
  SUMMARY+=("build    failed"); FAILED_SUITES=$((FAILED_SUITES + 1)); TOTAL_FAIL=$((TOTAL_FAIL + 1))
fi
rm -rf "$LOGS"

printf '\n'
printf '%s\n' "${SUMMARY[@]}"
printf '%d passed, %d failed\n' "$TOTAL_PASS" "$TOTAL_FAIL"
[ "$FAILED_SUITES" -eq 0 ]
