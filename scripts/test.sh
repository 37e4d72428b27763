#!/usr/bin/env bash
# Sets up if needed (libtorch, build, model), then runs the whole test suite,
# model-backed tests included.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
# the pure part alone, built without libtorch (feature `model` off)
cargo test --release --no-default-features --lib --tests
# the fuzz targets, built (not run) so that they cannot rot: a plain build on stable
# compiles and links them against libFuzzer. To fuzz (cargo-fuzz, nightly features):
#   cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O heuristics -- -max_total_time=600 -dict=heuristics.dict
# (README, "Fuzzing", has both targets and a starting corpus)
cargo build --release --locked --manifest-path fuzz/Cargo.toml
# benches (one quick pass each, criterion's test mode)
cargo test --release --benches "$@"
# every example, once, on small inputs
bash "$ROOT/scripts/examples.sh"
# claims you can look at: the example pages and the pages `show --html` and `report
# --html` write, rendered in headless Chromium (installed when missing), with screenshots
# in target/html/ for a person to look at
bash "$ROOT/scripts/html_check.sh"
mkdir -p "$ROOT/target/html"
./target/release/attribution show --html data/seed-chile-lithium-royalty.txt > target/html/seed.html
./target/release/attribution extract data/seed-chile-lithium-royalty.txt -o target/html/seed.jsonl --quiet
./target/release/attribution report target/html/seed.jsonl --html > target/html/report.html
bash "$ROOT/scripts/html_check.sh" target/html/seed.html target/html/report.html
# doc tests
cargo test --release --doc
# unit, integration and model-backed tests; `--bins` adds the `attribution` binary's
# unit tests (it has none: tests/corpus_cli.rs runs the binary itself)
cargo test --release --lib --tests --bins "$@"
# interrupted runs lose nothing: extract --resume after SIGKILL at random points
bash "$ROOT/scripts/kill_resume_check.sh"
# memory grows with the largest record, not the corpus: a 16 MB record's peak RSS stays
# within 4 times its size of a small run's (~1 min; the big runs: docs/reliability.md)
bash "$ROOT/scripts/rss_check.sh" quick
# a crate outside the repository that depends on this one, built as the README says
bash "$ROOT/scripts/dependent.sh" > /dev/null
# the Python package: the wheel built with maturin into a fresh venv, its pytest suite
bash "$ROOT/scripts/python_check.sh"
# Spark (local[2]) gives what a direct run gives, on the dev corpus
bash "$ROOT/scripts/spark_check.sh"
