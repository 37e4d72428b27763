#!/usr/bin/env bash
# End-to-end speed of `attribution extract` on a corpus of your choice: articles/s and
# peak memory, over ROUNDS runs (median), the model loaded each run as a user's would be.
#
#   bash scripts/bench_extract.sh CORPUS [ROUNDS] [-- EXTRACT FLAGS...]
#
# CORPUS: a JSON Lines file ({"id": ..., "text": ...} a line), a directory of .txt
# articles, or a directory of converted PolNeAR articles (NAME.txt + NAME.gold.json: the
# .txt are gathered into one JSON Lines file first, as a corpus user would have them).
# Prints `articles=`, `seconds=` (median), `articles_per_s=` and `peak_rss_mb=` (largest
# over the rounds). Needs the release build (scripts/setup.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${1:?usage: bench_extract.sh CORPUS [ROUNDS] [-- EXTRACT FLAGS...]}
shift
ROUNDS=3
if [ $# -gt 0 ] && [ "$1" != "--" ]; then ROUNDS=$1; shift; fi
[ "${1:-}" = "--" ] && shift
BIN=$ROOT/target/release/attribution
[ -x "$BIN" ] || { echo "bench_extract: build first (bash scripts/setup.sh)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
if [ -d "$CORPUS" ]; then
  # one JSON Lines file of the directory's articles
  python3 - "$CORPUS" "$TMP/corpus.jsonl" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for name in sorted(os.listdir(src)):
        if name.endswith(".txt"):
            text = open(os.path.join(src, name), encoding="utf-8").read()
            f.write(json.dumps({"id": name[:-4], "text": text}) + "\n")
PY
  INPUT=$TMP/corpus.jsonl
else
  INPUT=$CORPUS
fi
N=$(grep -c . "$INPUT")
for r in $(seq "$ROUNDS"); do
  /usr/bin/time -f '%e %M' -o "$TMP/time.$r" "$BIN" extract "$INPUT" -o "$TMP/out.jsonl" --quiet "$@"
  [ "$(grep -c . "$TMP/out.jsonl")" = "$N" ] || { echo "bench_extract: $N articles in, $(grep -c . "$TMP/out.jsonl") lines out" >&2; exit 1; }
done
python3 - "$N" "$TMP" "$ROUNDS" <<'PY'
import statistics, sys
n, tmp, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
runs = [open(f"{tmp}/time.{r}").read().split() for r in range(1, rounds + 1)]
secs = statistics.median(float(s) for s, _ in runs)
rss = max(int(m) for _, m in runs) / 1024
print(f"articles={n}\nrounds={rounds}\nseconds={secs:.2f}\narticles_per_s={n / secs:.1f}\npeak_rss_mb={rss:.0f}")
PY
