#!/usr/bin/env bash
# Sets up if needed (libtorch, build, model), then runs the whole test suite,
# model-backed tests included.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
cargo test --release --all-targets "$@"
