#!/usr/bin/env bash
# This crate's NER against ONNX Runtime driven from Python, on the same model files
# (tagger.onnx, tagger.int8.onnx) and the same sentences (those of every .txt in DIR),
# 2 cores, tokenization included everywhere, in wordpieces/s:
#   1. once each, for the table: the crate at each engine and precision and at its
#      default (with --profile), and ONNX Runtime from Python at batches of 8, 16, 32
#      and 64 sentences sorted by length (scripts/engines.py), which picks each graph's
#      two best batches;
#   2. ROUNDS rounds (default 10) in which the runners alternate, crate and Python in
#      turns (who goes first flips each round): crate fp32 / Python fp32, crate int8 /
#      Python int8, crate default; every runner the best of 3 passes, Python at the
#      faster of its two best batches of step 1 in that round. A ratio is taken per
#      round, on runs seconds apart, so a slow spell of this shared machine falls on
#      both sides of it;
#   3. with --all, also a plain PyTorch loop (fp32, bf16, int8 dynamic quantization)
#      and the Hugging Face transformers token-classification pipeline at its best
#      batch, once each (they take minutes; the ratios to the pipeline, `ratio_f32=`
#      and `ratio=`, use the crate's medians of step 2).
# Prints each runner's median over the rounds with its min–max, each ratio's median
# with the IQR and min–max of the per-round ratios, and as the last lines
# ratio_default= (crate at its models.toml default / Python's faster of fp32 and
# int8), ratio_ort_int8= (crate int8 / Python int8), ratio_ort_f32= (crate fp32 /
# Python fp32) and ratio_ort_best= (the crate's fastest of its three runners / Python's
# faster of fp32 and int8, in the same round): medians of the per-round ratios.
#
#   bash scripts/compare_hf.sh [--rounds N] [--all] [DIR]     (default ../shared/corpus)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
ROUNDS=10
ALL=0
DIR=
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift 2 ;;
    --all) ALL=1; shift ;;
    -*) echo "compare_hf.sh: unknown option $1" >&2; exit 2 ;;
    *) DIR=$1; shift ;;
  esac
done
DIR=${DIR:-$ROOT/../shared/corpus}
VENV=$CACHE/hf-venv
cd "$ROOT"
bash scripts/setup.sh >&2
if ! "$VENV/bin/python" -c 'import torch, transformers, onnxruntime' 2>/dev/null; then
  echo "[compare] installing torch 2.4.0 + transformers 4.44.2 + onnxruntime 1.32.0 into $VENV (~5 GB)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q torch==2.4.0 transformers==4.44.2 "numpy<2" onnxruntime==1.32.0
fi
MODEL_DIR=$(./target/release/examples/build_model --print-dir)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
THROUGHPUT=./target/release/examples/throughput
./target/release/examples/throughput --dump-sentences "$DIR" > "$TMP/sentences.txt"
ours() { "$THROUGHPUT" --engine "$1" --precision "$2" --ner-sentences "$TMP/sentences.txt" "${@:3}"; }
ort() { "$VENV/bin/python" scripts/engines.py ort "$MODEL_DIR/$1" "$MODEL_DIR/tokenizer.json" "$TMP/sentences.txt" "${@:2}"; }
rate() { grep '^wordpieces_per_s=' | tail -1 | cut -d= -f2; }

# ---- 1. once each: profiles, and Python's best batch per graph
for run in "torch f32" "torch bf16" "onnx f32" "onnx int8" "auto f32" "auto auto"; do
  set -- $run
  echo "== attribution, engine $1, precision $2"
  ours "$1" "$2" --profile --passes 3
done
for graph in tagger.onnx tagger.int8.onnx; do
  echo "== ONNX Runtime (Python), $graph, batch sizes"
  ort "$graph" | tee "$TMP/sweep-$graph.txt"
done
# the two best batch sizes of each sweep: one pass each picks between close sizes by
# chance (8 in one run, 32 in the next), so every round runs Python at both and keeps
# the faster
best_batches() { sed -n 's/^batch_size=\([0-9]*\) wordpieces_per_s=\(.*\)/\2 \1/p' "$1" | sort -g | tail -2 | cut -d' ' -f2 | tr '\n' ' '; }
B32=$(best_batches "$TMP/sweep-tagger.onnx.txt")
B8=$(best_batches "$TMP/sweep-tagger.int8.onnx.txt")
echo "== Python's two best batches: fp32 $B32, int8 $B8"
# ort_best GRAPH BATCHES: the faster of the graph at each batch size (best of 3 passes
# each), printed as the runners print their rate
ort_best() { local b; for b in $2; do ort "$1" --batch "$b" --passes 3 | rate; done | sort -g | tail -1 | sed 's/^/wordpieces_per_s=/'; }

# ---- 2. interleaved rounds
for r in $(seq "$ROUNDS"); do
  order=(c32 p32 c8 p8 cd)
  [ $((r % 2)) = 0 ] && order=(p32 c32 p8 c8 cd)
  for k in "${order[@]}"; do
    case $k in
      c32) ours auto f32 --passes 3 ;;
      p32) ort_best tagger.onnx "$B32" ;;
      c8) ours onnx int8 --passes 3 ;;
      p8) ort_best tagger.int8.onnx "$B8" ;;
      cd) ours auto auto --passes 3 ;;
    esac | rate > "$TMP/round-$r-$k"
  done
  echo "round $r: crate fp32 $(cat "$TMP/round-$r-c32"), Python fp32 $(cat "$TMP/round-$r-p32")," \
    "crate int8 $(cat "$TMP/round-$r-c8"), Python int8 $(cat "$TMP/round-$r-p8"), crate default $(cat "$TMP/round-$r-cd")"
done

# ---- 3. optional: PyTorch loops and the transformers pipeline
if [ "$ALL" = 1 ]; then
  for p in fp32 bf16 int8; do
    echo "== plain PyTorch loop, $p"
    "$VENV/bin/python" scripts/engines.py torch "$MODEL_DIR" "$TMP/sentences.txt" $p | tee "$TMP/torch-$p.txt"
  done
  echo "== transformers pipeline (token-type ids all 0: same compute, no casing signal)"
  "$VENV/bin/python" scripts/hf_pipeline.py "$MODEL_DIR" "$TMP/sentences.txt" | tee "$TMP/hf.txt"
fi

python3 - "$TMP" "$ROUNDS" "$B32" "$B8" <<'PY'
import os, statistics, sys
tmp, rounds, b32, b8 = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def series(name):
    return [float(open(os.path.join(tmp, f"round-{r}-{name}")).read()) for r in range(1, rounds + 1)]
runners = {
    "crate fp32 (auto engine)": series("c32"),
    "crate ONNX Runtime int8": series("c8"),
    "crate default (models.toml)": series("cd"),
    f"ONNX Runtime (Python) fp32, batch {b32.strip().replace(' ', ' or ')}": series("p32"),
    f"ONNX Runtime (Python) int8, batch {b8.strip().replace(' ', ' or ')}": series("p8"),
}
print(f"== {rounds} interleaved rounds, wordpieces/s (best of 3 passes a round): median (min–max)")
for name, xs in runners.items():
    print(f"{name:40s} {statistics.median(xs):8.0f} ({min(xs):.0f}–{max(xs):.0f})")
ours32, ours8, ours = (runners[k] for k in list(runners)[:3])
ort32, ort8 = (runners[k] for k in list(runners)[3:])
ratios = {
    "ratio_default": [a / max(b, c) for a, b, c in zip(ours, ort32, ort8)],
    "ratio_ort_int8": [a / b for a, b in zip(ours8, ort8)],
    "ratio_ort_f32": [a / b for a, b in zip(ours32, ort32)],
    "ratio_ort_best": [max(a, d, e) / max(b, c) for a, d, e, b, c in zip(ours, ours32, ours8, ort32, ort8)],
}
def spread(xs):
    q = statistics.quantiles(xs, n=4) if len(xs) > 1 else [xs[0]] * 3
    return f"median {statistics.median(xs):.2f}, IQR {q[0]:.2f}–{q[2]:.2f}, min–max {min(xs):.2f}–{max(xs):.2f}"
for name, xs in ratios.items():
    print(f"{name} per round: {spread(xs)} ({len(xs)} rounds)")
def once(name):
    path = os.path.join(tmp, name)
    if os.path.exists(path):
        for line in reversed(open(path).read().splitlines()):
            if line.startswith("wordpieces_per_s="):
                return float(line.split("=")[1])
    return None
hf = once("hf.txt")
if hf:
    for p in ["fp32", "bf16", "int8"]:
        print(f"PyTorch loop {p:4s} (once)                  {once(f'torch-{p}.txt'):8.0f}")
    print(f"transformers pipeline (once)             {hf:8.0f}")
    print(f"ratio_f32={statistics.median(ours32) / hf:.2f}")
    print(f"ratio={statistics.median(ours) / hf:.2f}")
for name, xs in ratios.items():
    print(f"{name}={statistics.median(xs):.2f}")
PY
