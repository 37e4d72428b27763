#!/usr/bin/env bash
# Peak memory of `attribution extract` on big inputs (issue #27): memory is bounded by
# the largest record, not by the corpus.
#
#   bash scripts/rss_check.sh line MB              # one record of MB megabytes among small ones
#   bash scripts/rss_check.sh corpus MB [MB...]    # JSON Lines corpora of about MB megabytes each
#   bash scripts/rss_check.sh quick                # the test command's check (~1 min)
#
# The text is PolNeAR train's articles (~/.cache/polnear/train/*.txt, or $POLNEAR_TRAIN),
# repeated: `line` joins them into one record's text (paragraphs kept) between two
# ordinary records; `corpus` writes them a record each, over and over under new ids,
# until the file has MB megabytes. `quick` (no PolNeAR needed) runs a record of 16 MB of
# plain sentences with a claim every 30 KB (little NER work, so it is quick) and fails
# when its peak RSS is more than 4 times the record's size above a run on one small
# record (before the fix of issue #27 it was 9 times: all of a document's windows were
# planned at once). Each run prints the input's size, the seconds, the peak RSS
# (`/usr/bin/time`, maximum resident set size), the RSS while the first and the last
# quarter of the records were being written (see `run`), and checks that every record
# got its line. Needs the release build and the model (scripts/setup.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${ATTRIBUTION_BIN:-$ROOT/target/release/attribution}
[ -x "$BIN" ] || { echo "rss_check: build first (bash scripts/setup.sh)" >&2; exit 1; }
MODE=${1:?usage: rss_check.sh line MB | corpus MB [MB...] | quick}
shift
TRAIN=${POLNEAR_TRAIN:-$HOME/.cache/polnear/train}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# make KIND MB FILE SOURCE_DIR_OR_FILE
make() {
  python3 - "$@" <<'PY'
import glob, json, os, sys
kind, mb, out, src = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
paths = sorted(glob.glob(os.path.join(src, "*.txt"))) if os.path.isdir(src) else [src]
texts = [open(p, encoding="utf-8").read() for p in paths]
limit = int(mb * 1_000_000)
with open(out, "w", encoding="utf-8") as f:
    if kind == "line":
        parts, size, i = [], 0, 0
        while size < limit:
            t = texts[i % len(texts)]
            parts.append(t)
            size += len(t.encode()) + 2
            i += 1
        f.write(json.dumps({"id": "before", "text": texts[0]}) + "\n")
        f.write(json.dumps({"id": "big", "outlet": "repeated", "text": "\n\n".join(parts)}) + "\n")
        f.write(json.dumps({"id": "after", "text": texts[-1]}) + "\n")
    else:
        size, i = 0, 0
        while size < limit:
            line = json.dumps({"id": f"r{i // len(texts)}-{i % len(texts)}", "text": texts[i % len(texts)]}) + "\n"
            f.write(line)
            size += len(line.encode())
            i += 1
PY
}

# run LABEL FILE: prints `LABEL bytes=… seconds=… peak_rss_mb=… working_rss_mb=A/B`,
# and sets PEAK_KB. The peak of a run on ordinary records is set by loading the model,
# so it hides what the work holds: working_rss_mb is the most RSS sampled (once a
# second, /proc/PID/status) while the first quarter of the records was being written
# (A) and while the last quarter was (B). Memory that grows with the corpus shows as
# B above A long before it lifts the peak.
run() {
  local label=$1 input=$2 n got pid
  n=$(grep -c . "$input")
  : > "$TMP/out.jsonl"
  /usr/bin/time -f '%e %M' -o "$TMP/time" "$BIN" extract "$input" -o "$TMP/out.jsonl" --quiet --models "$ROOT/models.toml" &
  pid=$!
  : > "$TMP/trace"
  while kill -0 "$pid" 2>/dev/null; do
    # (the child of /usr/bin/time is the extractor)
    local child rss
    child=$(pgrep -P "$pid" | head -1 || true)
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/${child:-$pid}/status" 2>/dev/null || true)
    [ -n "$rss" ] && echo "$rss $(wc -l < "$TMP/out.jsonl")" >> "$TMP/trace"
    sleep 1
  done
  wait "$pid" || { echo "rss_check: $label: extract failed" >&2; exit 1; }
  got=$(grep -c . "$TMP/out.jsonl")
  [ "$got" = "$n" ] || { echo "rss_check: $label: $n records in, $got lines out" >&2; exit 1; }
  read -r secs kb < "$TMP/time"
  local working
  # (first quarter: from the first line written, and at least the first batch's lines)
  working=$(awk -v n="$n" '$2 >= 1 && !f {f = $2} $2 >= 1 && ($2 <= n / 4 || $2 == f) && $1 > a {a = $1}
                           $2 >= 3 * n / 4 && $1 > b {b = $1} END {printf "%d/%d", a / 1024, b / 1024}' "$TMP/trace")
  echo "$label records=$n bytes=$(stat -c %s "$input") seconds=$secs peak_rss_mb=$((kb / 1024)) working_rss_mb=$working"
  PEAK_KB=$kb
}

case "$MODE" in
  line)
    MB=${1:?rss_check.sh line MB}
    make line "$MB" "$TMP/in.jsonl" "$TRAIN"
    run "line-${MB}mb" "$TMP/in.jsonl"
    ;;
  corpus)
    [ $# -gt 0 ] || { echo "rss_check.sh corpus MB [MB...]" >&2; exit 1; }
    for MB in "$@"; do
      make corpus "$MB" "$TMP/in.jsonl" "$TRAIN"
      run "corpus-${MB}mb" "$TMP/in.jsonl"
    done
    ;;
  quick)
    python3 - "$TMP/small.jsonl" "$TMP/in.jsonl" <<'PY'
import json, sys
claim = "A senior official, who spoke on condition of anonymity, said the talks had stalled. "
block = "The weather was mild and the roads were quiet. " * 640 + claim
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "small", "text": claim}) + "\n")
with open(sys.argv[2], "w") as f:
    f.write(json.dumps({"id": "small", "text": claim}) + "\n")
    f.write(json.dumps({"id": "big", "text": "\n\n".join([block] * (16_000_000 // len(block)))}) + "\n")
PY
    run small "$TMP/small.jsonl"
    base=$PEAK_KB
    run line-16mb "$TMP/in.jsonl"
    record_kb=$(( $(sed -n 2p "$TMP/in.jsonl" | wc -c) / 1024 ))
    extra=$(( PEAK_KB - base ))
    echo "rss_check: the ${record_kb} KB record: peak ${extra} KB above a small run ($(( extra * 100 / record_kb ))% of its size)"
    [ "$extra" -le $(( 4 * record_kb )) ] || { echo "rss_check: more than 4 times the record's size" >&2; exit 1; }
    ;;
  *) echo "usage: rss_check.sh line MB | corpus MB [MB...] | quick" >&2; exit 1 ;;
esac
