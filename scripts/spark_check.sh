#!/usr/bin/env bash
# Spark gives what a direct run gives: the dev corpus (../shared/corpus/*.txt, or the
# .txt files of DIR) as JSON Lines, through `attribution extract` directly and through
# scripts/spark_extract.py in local[2] mode; the two outputs must be equal, document
# for document. PySpark 3.5.6 comes from PyPI into a cache venv (Java 17 runs it).
#
#   bash scripts/spark_check.sh [DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
DIR=${1:-$ROOT/../shared/corpus}
VENV=$CACHE/spark-venv
command -v java >/dev/null || { echo "spark_check: Java (17) is required by Spark" >&2; exit 1; }
# two checks at once take turns on the venv (the second waits, then finds it made)
mkdir -p "$CACHE"
exec 8>"$CACHE/spark-venv.lock"
flock -n 8 || { echo "[spark] another check holds $CACHE/spark-venv.lock; waiting" >&2; flock 8; }
if ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
  echo "[spark] installing pyspark 3.5.6 into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pyspark==3.5.6
fi
exec 8>&-
BIN=$ROOT/target/release/attribution
[ -x "$BIN" ] || cargo build --release --quiet --bin attribution
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 - "$DIR" "$TMP/corpus.jsonl" <<'PY'
import json, pathlib, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for f in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
        out.write(json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8")}) + "\n")
PY
"$BIN" extract "$TMP/corpus.jsonl" --quiet --models "$ROOT/models.toml" > "$TMP/direct.jsonl"
PYSPARK_PYTHON="$VENV/bin/python" "$VENV/bin/python" "$ROOT/scripts/spark_extract.py" \
  "$TMP/corpus.jsonl" "$TMP/spark.jsonl" --binary "$BIN" --models "$ROOT/models.toml" 2> "$TMP/spark.log" \
  || { cat "$TMP/spark.log" >&2; exit 1; }
grep '^documents=' "$TMP/spark.log" >&2 || true
python3 - "$TMP/direct.jsonl" "$TMP/spark.jsonl" <<'PY'
import json, sys
direct = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
spark = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(direct) == len(spark) > 0, (len(direct), len(spark))
for d, s in zip(direct, spark):
    assert d == s, f"{d['id']}: Spark's output differs from the direct run's"
print(f"[spark] {len(spark)} documents: Spark's output equals the direct run's", file=sys.stderr)
PY
