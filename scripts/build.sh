#!/usr/bin/env bash
# Builds the npm package into pkg/ (scripts/package.mjs: entries for browsers, bundlers and
# Node, types, one .wasm optimised by binaryen's wasm-opt from node_modules) and the native
# command line into target/release/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
node scripts/package.mjs
cargo build --release --bin pipeline-tree
