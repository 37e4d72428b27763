#!/usr/bin/env bash
# Checks that a refactor changed no output: runs two release builds of the crate on
# the same inputs and compares what they print, claim by claim.
#
#   scripts/same_output.sh OLD_RELEASE_DIR [NEW_RELEASE_DIR] [--ignore FIELD]...
#
# OLD_RELEASE_DIR / NEW_RELEASE_DIR are `target/release` directories of two checkouts
# (NEW defaults to this checkout's), each with the `attribution` binary and the
# `attribute` example built. `--ignore FIELD` drops a claim field from both sides
# before comparing (a field the new build adds, e.g. `rule`).
#
# Inputs, at the default engine:
#   1. the CLI (`attribution extract`) over PolNeAR train (~/.cache/polnear/train);
#   2. the `attribute` example over the dev corpus (../shared/corpus);
#   3. the `attribute` example over PolNeAR dev --scope (~/.cache/polnear/dev).
# Convert PolNeAR first (see docs/accuracy.md): python3 ../shared/tools/polnear.py GIT_DIR
# ~/.cache/polnear/train train --scope, and the same for dev. Exit status 1 on any difference.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OLD=${1:?usage: same_output.sh OLD_RELEASE_DIR [NEW_RELEASE_DIR] [--ignore FIELD]...}
shift
NEW=$ROOT/target/release
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then NEW=$1; shift; fi
IGNORE=()
while [ $# -gt 0 ]; do
  case $1 in
    --ignore) IGNORE+=("$2"); shift 2 ;;
    *) echo "same_output.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
TRAIN=$HOME/.cache/polnear/train
DEV=$HOME/.cache/polnear/dev
CORPUS=$ROOT/../shared/corpus
for d in "$TRAIN" "$DEV" "$CORPUS"; do
  ls "$d"/*.txt >/dev/null 2>&1 || { echo "same_output.sh: no .txt files in $d" >&2; exit 2; }
done
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for side in OLD NEW; do
  bin=${!side}
  mkdir -p "$OUT/$side"
  "$bin/attribution" extract "$TRAIN" -o "$OUT/$side/train.jsonl" --quiet
  "$bin/examples/attribute" "$CORPUS"/*.txt > "$OUT/$side/corpus.jsonl"
  "$bin/examples/attribute" "$DEV"/*.txt > "$OUT/$side/dev.jsonl"
done
python3 - "$OUT" "${IGNORE[@]}" <<'PY'
import json, sys
out, ignore = sys.argv[1], set(sys.argv[2:])
def load(path):
    docs = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        for c in d.get("claims", []):
            for f in ignore:
                c.pop(f, None)
        docs.append(d)
    return docs
bad = 0
for name in ["train", "corpus", "dev"]:
    old, new = load(f"{out}/OLD/{name}.jsonl"), load(f"{out}/NEW/{name}.jsonl")
    claims = sum(len(d.get("claims", [])) for d in new)
    diff = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    if len(old) != len(new) or diff:
        bad += 1
        print(f"{name}: DIFFERENT ({len(old)} vs {len(new)} documents; first differing: {diff[:5]})")
    else:
        print(f"{name}: same ({len(new)} documents, {claims} claims)")
sys.exit(1 if bad else 0)
PY
