#!/usr/bin/env bash
# Sets up if needed (libtorch, build, model), then runs the whole test suite,
# model-backed tests included.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
# the pure part alone, built without libtorch (feature `model` off)
cargo test --release --no-default-features --lib --tests
# benches (one quick pass each, criterion's test mode)
cargo test --release --benches "$@"
# every example, once, on small inputs
bash "$ROOT/scripts/examples.sh"
# doc tests
cargo test --release --doc
# unit, integration and model-backed tests (the `attribution` binary's included)
cargo test --release --lib --tests --bins "$@"
# a crate outside the repository that depends on this one, built as the README says
bash "$ROOT/scripts/dependent.sh" > /dev/null
# Spark (local[2]) gives what a direct run gives, on the dev corpus
bash "$ROOT/scripts/spark_check.sh"
