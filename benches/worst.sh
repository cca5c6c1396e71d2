#!/usr/bin/env bash
# Worst cases for validation and layout (benches/worst.rs): the slowest shapes, doubled at a
# time, natively. SIZES="1000 2000" picks the sizes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$ROOT"
cargo bench --quiet --bench worst
