#!/usr/bin/env bash
# Relearns the parameters of the learned rules, `content_end` and `speech`
# (models/content-end.json, models/speech.json), from a PolNeAR checkout
# (github.com/networkdynamics/PolNeAR; a git directory or a work tree), from its
# train split only: never dev, never test.
#   bash scripts/learn.sh PATH/TO/PolNeAR [OUT_DIR]
# The articles are read into a temporary directory (one annotator per article, the
# first .ann in name order) and removed afterwards; nothing of them is written to the
# repository but the learned weights. A retrain reproduces the committed files
# (the training is seeded); `git diff models/` shows any change.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=${1:?usage: learn.sh POLNEAR_GIT_DIR_OR_CHECKOUT [OUT_DIR]}
OUT=${2:-$ROOT/models}
if [ -d "$SRC/.git" ]; then GIT="$SRC/.git"; else GIT="$SRC"; fi
git_() { git --git-dir "$GIT" "$@"; }
COMMIT=$(git_ rev-parse HEAD)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SPLIT=train
declare -A seen=()
n=0
while read -r ann; do
  base=$(basename "$ann" .ann)
  base=${base%_*}
  [ -n "${seen[$base]:-}" ] && continue
  seen[$base]=1
  git_ show "HEAD:data/$SPLIT/text/$base.txt" > "$TMP/$base.txt"
  git_ show "HEAD:$ann" > "$TMP/$base.ann"
  n=$((n + 1))
done < <(git_ ls-tree -r --name-only HEAD "data/$SPLIT/attributions/" | grep '\.ann$' | sort)
echo "$n articles of PolNeAR $SPLIT at $COMMIT" >&2
cd "$ROOT"
cargo run --release --example learn -- train "$TMP" --commit "$COMMIT" --out "$OUT"
