#!/usr/bin/env bash
# Builds and runs examples/dependent as a user's crate: copied to a temporary
# directory outside this repository, set up exactly as the README's "Use it from
# your crate" says (one set-up command, its .cargo/config.toml, the build.rs),
# built, and run from a clean environment (no LD_LIBRARY_PATH, no LIBTORCH) on the
# seed article. Prints its claims as JSON; fails unless they are the seed's.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp -r "$ROOT/examples/dependent" "$TMP/consumer"
cd "$TMP/consumer"
# the dependency as the user's Cargo.toml names it (here: this checkout)
sed -i "s|path = \"../..\"|path = \"$ROOT\"|" Cargo.toml
# the versions this repository is tested with
cp "$ROOT/Cargo.lock" Cargo.lock
# set-up: libtorch, and the .cargo/config.toml it prints
mkdir -p .cargo
bash "$ROOT/scripts/setup.sh" --libtorch > .cargo/config.toml
# build (the target directory is kept in the cache between runs)
export CARGO_TARGET_DIR=$CACHE/dependent-target
cargo build --release --quiet
# run with nothing from this shell but PATH and HOME
env -i PATH=/usr/bin:/bin HOME="$HOME" ${ATTRIBUTION_CACHE:+ATTRIBUTION_CACHE="$ATTRIBUTION_CACHE"} \
  "$CARGO_TARGET_DIR/release/consumer" "$ROOT/data/seed-chile-lithium-royalty.txt" > "$TMP/claims.json"
cat "$TMP/claims.json"
python3 - "$TMP/claims.json" <<'PY'
import json, sys
claims = json.load(open(sys.argv[1]))
speakers = {c["speaker"]["text"] for c in claims}
assert 28 <= len(claims) <= 34, f"{len(claims)} claims (29 required and 5 optional in the gold)"
assert "Chile s Mining Ministry spokeswoman Paula Orrego" in speakers, speakers
print(f"[dependent] {len(claims)} claims from a crate outside the repository", file=sys.stderr)
PY
