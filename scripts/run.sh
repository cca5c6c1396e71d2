#!/usr/bin/env bash
# The main job: set up, build the package, and serve the editor page on 127.0.0.1 with the
# example tree loaded. PORT=8080 by default.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs "${PORT:-8080}"
