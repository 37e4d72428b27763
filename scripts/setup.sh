#!/usr/bin/env bash
# Sets up everything `attribution` needs on a fresh machine whose only network is the
# package registries, then builds the crate. Idempotent: each step is skipped when its
# result is already there.
#
#   1. libtorch 2.4.0 from the PyPI torch wheel (CPU-only view, pre-C++11 ABI), each
#      wheel checked against its sha256 in pypi.lock
#   2. release build of the crate, its examples and its tests
#   3. the default NER model of models.toml, built (fetch + fine-tune) into the cache
#      unless it is already there
#
# Cache: $ATTRIBUTION_CACHE, default ~/.cache/attribution (outside the checkout).
#
#   --libtorch   step 1 only, for a crate that depends on attribution: fetches
#                libtorch and prints the .cargo/config.toml that crate needs
set -euo pipefail
ONLY_LIBTORCH=0
[ "${1:-}" = "--libtorch" ] && ONLY_LIBTORCH=1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
PY=${PYTHON:-python3}
cd "$ROOT"
log() { printf '[setup] %s\n' "$*" >&2; }
# how long each step took, printed at the end ("libtorch 41 s, build 352 s, model 905 s")
TIMES=()
STEP_START=$SECONDS
done_step() { TIMES+=("$1 $((SECONDS - STEP_START)) s"); STEP_START=$SECONDS; }

# ---- 0. toolchain: cargo and a C++ compiler (which also brings libgomp)
command -v cargo >/dev/null || { echo "setup: a Rust toolchain (cargo) is required" >&2; exit 1; }
command -v "$PY" >/dev/null || { echo "setup: python3 with pip is required to fetch PyPI packages" >&2; exit 1; }
if ! command -v g++ >/dev/null; then
  log "installing g++"
  # (stdout stays clean: with --libtorch it is the dependent's config)
  { apt-get update -qq && apt-get install -y -qq g++; } >&2
fi

# ---- 1. libtorch 2.4.0 from PyPI. No CPU-only wheel exists; the CUDA wheel's
# libtorch_cpu.so needs libcudart + libcupti (two small wheels), nothing else of CUDA.
# Each wheel is checked against its sha256 in pypi.lock before it is installed
# (scripts/pypi_fetch.sh). A lock file keeps two set-ups from fetching at once: the
# second waits, then finds it fetched.
TORCH=$CACHE/torch-2.4.0
mkdir -p "$CACHE"
exec 8>"$CACHE/torch-2.4.0.lock"
flock -n 8 || { log "another set-up holds $CACHE/torch-2.4.0.lock; waiting for it"; flock 8; }
if [ ! -f "$TORCH/torch/lib/libtorch_cpu.so" ]; then
  log "fetching torch==2.4.0 (libtorch) from PyPI into $TORCH"
  bash "$ROOT/scripts/pypi_fetch.sh" "$TORCH" \
    torch==2.4.0 nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105
fi
# torch-sys links libtorch_cuda whenever lib/libtorch_cuda.so exists; this view omits it
# and points libtorch.so (always linked) at libtorch_cpu.so.
VIEW=$CACHE/libtorch-cpu-2.4.0
mkdir -p "$VIEW/lib"
ln -sfn "$TORCH/torch/include" "$VIEW/include"
ln -sfn "$TORCH/torch/lib/libtorch_cpu.so" "$VIEW/lib/libtorch_cpu.so"
ln -sfn "$TORCH/torch/lib/libc10.so" "$VIEW/lib/libc10.so"
ln -sfn "$TORCH/torch/lib/libtorch_cpu.so" "$VIEW/lib/libtorch.so"
# .cargo/config.toml points LIBTORCH at ./.libtorch
ln -sfn "$VIEW" "$ROOT/.libtorch"
done_step libtorch
if [ "$ONLY_LIBTORCH" = 1 ]; then
  # what a dependent crate's .cargo/config.toml needs (torch-sys reads both)
  printf '[env]\nLIBTORCH = "%s"\nLIBTORCH_CXX11_ABI = "0"\n' "$VIEW"
  exit 0
fi

# ---- 2. build (first build of rust-bert: several minutes on 2 cores)
log "building (release)"
cargo build --release --examples --bins --quiet
done_step build

# lock released: the view above is written the same way by every set-up
exec 8>&-

# ---- 3. the default model of models.toml (no-op when it is in the cache; a model
# built before manifests gets one). build_model takes the model's lock file: a
# second set-up (or Extractor::default_model(IfMissing::Build)) waits, then uses it.
./target/release/examples/build_model
done_step model
log "done in $SECONDS s: $(IFS=,; echo "${TIMES[*]}" | sed 's/,/, /g')"
