#!/usr/bin/env bash
# Sets up if needed (libtorch, build, model), then runs the whole test suite,
# model-backed tests included.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
# unit, integration and model tests, examples and benches built; then the doc tests;
# then the pure part alone, built without libtorch (feature `model` off)
cargo test --release --all-targets "$@"
cargo test --release --doc
cargo test --release --no-default-features --lib --tests
