#!/usr/bin/env bash
# Interrupted runs lose nothing: `attribution extract -o OUT --resume`, killed with
# SIGKILL at random points and started again, ends with the same output, byte for byte,
# as one uninterrupted run. Ten kills for each of --batch 1, the default (64) and 256,
# over a JSON Lines corpus made from the seed article (each paragraph a document, six
# times over under other ids); each kill lands at a random point of the work left. Needs the release build and the model (scripts/setup.sh).
#
#   bash scripts/kill_resume_check.sh [KILLS]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=$ROOT/target/release/attribution
KILLS=${1:-10}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 - "$ROOT/data/seed-chile-lithium-royalty.txt" "$TMP/in.jsonl" <<'PY'
import json, sys
paras = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for r in range(6):
        for i, p in enumerate(paras):
            f.write(json.dumps({"id": f"r{r}-p{i}", "outlet": "seed", "text": p}) + "\n")
PY
lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }
N=$(lines "$TMP/in.jsonl")
RANDOM=7
for batch in 1 64 256; do
  start=$(date +%s%N)
  "$BIN" extract "$TMP/in.jsonl" -o "$TMP/ref.jsonl" --quiet --batch "$batch"
  took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  [ "$(lines "$TMP/ref.jsonl")" = "$N" ] || { echo "kill_resume_check: the uninterrupted run wrote $(lines "$TMP/ref.jsonl") of $N lines" >&2; exit 1; }
  rm -f "$TMP/out.jsonl"
  interrupted=0
  for k in $(seq "$KILLS"); do
    "$BIN" extract "$TMP/in.jsonl" -o "$TMP/out.jsonl" --resume --quiet --batch "$batch" &
    pid=$!
    # a random point of the work left (what an uninterrupted run took, for the lines
    # not written yet)
    left=$(( N - $(lines "$TMP/out.jsonl") ))
    sleep "$(awk -v t="$took_ms" -v l="$left" -v n="$N" -v r="$((RANDOM % 100))" 'BEGIN { printf "%.3f", t * l / n * r / 100 / 1000 }')"
    kill -9 "$pid" 2>/dev/null || true
    status=0
    wait "$pid" 2>/dev/null || status=$?
    [ "$status" = 137 ] && interrupted=$((interrupted + 1))
  done
  killed=$(lines "$TMP/out.jsonl")
  [ "$interrupted" -gt 0 ] || { echo "kill_resume_check: --batch $batch: no kill landed during a run" >&2; exit 1; }
  "$BIN" extract "$TMP/in.jsonl" -o "$TMP/out.jsonl" --resume --quiet --batch "$batch"
  if ! cmp -s "$TMP/ref.jsonl" "$TMP/out.jsonl"; then
    echo "kill_resume_check: --batch $batch: output after $KILLS kills differs from an uninterrupted run" >&2
    diff <(cut -c1-120 "$TMP/ref.jsonl") <(cut -c1-120 "$TMP/out.jsonl") | head -5 >&2
    exit 1
  fi
  echo "kill_resume_check: --batch $batch: $interrupted of $KILLS kills interrupted a run ($killed of $N lines written by the last), same output" >&2
done
