#!/usr/bin/env bash
# Installs what building and testing need, when it is missing; safe to run again (then ~1 s).
#   Debian chromium + chromium-driver and fonts-noto-cjk, the wasm32 target, wasm-pack and wasm-bindgen-cli built
#   from crates.io (wasm-bindgen-cli at the version Cargo.lock pins), and the npm dev tools of
#   package-lock.json (binaryen's wasm-opt, playwright-core), cargo-fuzz for the fuzzers (which
#   run on the nightly toolchain the machine has).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
step() { printf '[setup] %s\n' "$*"; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  step "installing Debian chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Chinese text on the page (and in its screenshots) needs a CJK font.
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  step "installing Debian fonts-noto-cjk"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The gates (scripts/gates.sh) need rustfmt and clippy, which the toolchain normally ships.
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  step "adding the rustfmt and clippy components"
  rustup component add rustfmt clippy
fi

if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  step "building wasm-pack $WASM_PACK_VERSION from crates.io"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, or wasm-pack tries a download.
WBG=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG" ]; then
  step "building wasm-bindgen-cli $WBG from crates.io"
  # Not --locked: its lockfile pins a crate version the registry mirror may not serve.
  cargo install wasm-bindgen-cli --version "$WBG"
fi

# The fuzzers: cargo-fuzz (libFuzzer) on the machine's nightly toolchain.
CARGO_FUZZ_VERSION=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  step "building cargo-fuzz $CARGO_FUZZ_VERSION from crates.io"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -f node_modules/playwright-core/package.json ]; then
  step "installing npm dev tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
step "ready: $(wasm-pack --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -n1)"
