#!/usr/bin/env bash
# Builds the npm package into pkg/ (an ES module for browsers and bundlers; the .wasm optimised
# by binaryen's wasm-opt from node_modules) and the native command line into target/release/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
wasm-pack --log-level warn build --target web --release
cargo build --release --bin pipeline-tree
