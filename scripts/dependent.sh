#!/usr/bin/env bash
# Builds and runs the two kinds of crate that depend on `attribution`, each copied to
# a temporary directory outside this repository and set up exactly as the README's
# "Use it from your crate" says; both run from a clean environment (`env -i`: no
# LD_LIBRARY_PATH, no LIBTORCH) on the seed article. Prints their claims as JSON;
# fails unless they are the seed's.
#
#   examples/dependent       the default features (libtorch): one set-up command, its
#                            .cargo/config.toml and a build.rs
#   examples/dependent-onnx  `default-features = false, features = ["onnx"]`: a plain
#                            `cargo build --release`, itself run under `env -i`; runs
#                            the model built earlier, and without it says how to build it
#
# DEPENDENT_ONNX_CLEAN=1 builds the ONNX-only one into an empty target directory and
# prints the time it took and the size of its dependencies (docs/benchmarks.md).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# a clean environment: nothing from this shell but PATH and HOME (and the cache, when
# it is not the default one)
clean_env() {
  env -i PATH="${CLEAN_PATH:-/usr/bin:/bin}" HOME="$HOME" ${ATTRIBUTION_CACHE:+ATTRIBUTION_CACHE="$ATTRIBUTION_CACHE"} "$@"
}
# fails unless the claims in $1 are the seed article's
check_claims() {
  python3 - "$1" "$2" <<'PY'
import json, sys
claims = json.load(open(sys.argv[1]))
speakers = {c["speaker"]["text"] for c in claims}
assert 28 <= len(claims) <= 34, f"{len(claims)} claims (29 required and 5 optional in the gold)"
assert "Chile s Mining Ministry spokeswoman Paula Orrego" in speakers, speakers
print(f"[{sys.argv[2]}] {len(claims)} claims from a crate outside the repository", file=sys.stderr)
PY
}
# a copy of examples/$1 in $TMP/$1, depending on this checkout, with the versions this
# repository is tested with
copy_out() {
  cp -r "$ROOT/examples/$1" "$TMP/$1"
  sed -i "s|path = \"../..\"|path = \"$ROOT\"|" "$TMP/$1/Cargo.toml"
  cp "$ROOT/Cargo.lock" "$TMP/$1/Cargo.lock"
}
SEED=$ROOT/data/seed-chile-lithium-royalty.txt

# ---- the default features (libtorch)
copy_out dependent
cd "$TMP/dependent"
# set-up: libtorch, and the .cargo/config.toml it prints
mkdir -p .cargo
bash "$ROOT/scripts/setup.sh" --libtorch > .cargo/config.toml
# build (the target directory is kept in the cache between runs)
CARGO_TARGET_DIR=$CACHE/dependent-target cargo build --release --quiet
clean_env "$CACHE/dependent-target/release/consumer" "$SEED" > "$TMP/claims.json"
cat "$TMP/claims.json"
check_claims "$TMP/claims.json" dependent

# ---- ONNX Runtime only: no set-up, no build.rs, no .cargo/config.toml, and the build
# itself from a clean environment (only cargo's directory added to PATH)
copy_out dependent-onnx
cd "$TMP/dependent-onnx"
[ ! -e build.rs ] && [ ! -e .cargo ] || { echo "dependent-onnx must need no build.rs or .cargo/" >&2; exit 1; }
CARGO_BIN=$(dirname "$(command -v cargo)")
TARGET=$CACHE/dependent-onnx-target
if [ "${DEPENDENT_ONNX_CLEAN:-0}" = 1 ]; then
  TARGET=$TMP/clean-target
  start=$(date +%s)
fi
CLEAN_PATH=$CARGO_BIN:/usr/bin:/bin clean_env CARGO_TARGET_DIR="$TARGET" cargo build --release --quiet
if [ "${DEPENDENT_ONNX_CLEAN:-0}" = 1 ]; then
  echo "[dependent-onnx] clean build: $(($(date +%s) - start)) s; dependencies: $(du -sh "$TARGET/release/deps" | cut -f1)" >&2
fi
# no libtorch anywhere in what it links
if ldd "$TARGET/release/consumer-onnx" | grep -qi torch; then
  echo "dependent-onnx links libtorch" >&2
  exit 1
fi
clean_env "$TARGET/release/consumer-onnx" "$SEED" > "$TMP/claims-onnx.json"
cat "$TMP/claims-onnx.json"
check_claims "$TMP/claims-onnx.json" dependent-onnx
# without a built model, the error says which command builds it
mkdir "$TMP/empty-cache"
if env -i PATH=/usr/bin:/bin HOME="$HOME" ATTRIBUTION_CACHE="$TMP/empty-cache" \
  "$TARGET/release/consumer-onnx" "$SEED" > /dev/null 2> "$TMP/missing.txt"; then
  echo "dependent-onnx ran without a model" >&2
  exit 1
fi
grep -q "is not built in $TMP/empty-cache" "$TMP/missing.txt" && grep -q 'attribution model build' "$TMP/missing.txt" \
  && grep -q 'bash scripts/setup.sh' "$TMP/missing.txt" || {
  echo "dependent-onnx: the missing-model error does not say how to build it:" >&2
  cat "$TMP/missing.txt" >&2
  exit 1
}
echo "[dependent-onnx] without a model: $(cat "$TMP/missing.txt")" >&2
