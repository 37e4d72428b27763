#!/usr/bin/env bash
# Side by side, in one run, on the same model files and the same sentences (those of
# every .txt in DIR), 2 cores, tokenization included everywhere:
#   - this crate's NER at each engine and precision it offers, and at its default;
#   - ONNX Runtime from Python on the crate's graphs (tagger.onnx, tagger.int8.onnx),
#     sentences sorted by length, best of several batch sizes (scripts/engines.py);
#   - a plain PyTorch loop (fp32, bf16, int8 dynamic quantization), likewise;
#   - the Hugging Face transformers token-classification pipeline at its best batch.
# Prints ratio_ort_f32= (crate fp32 / ONNX Runtime fp32), ratio_ort_best= (crate at
# its default / ONNX Runtime's faster of fp32 and int8), and as its last line
# ratio= (crate at its default / pipeline), all in wordpieces/s.
#
#   bash scripts/compare_hf.sh [DIR]        (default ../shared/corpus)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
DIR=${1:-$ROOT/../shared/corpus}
VENV=$CACHE/hf-venv
cd "$ROOT"
bash scripts/setup.sh >&2
if ! "$VENV/bin/python" -c 'import torch, transformers, onnxruntime' 2>/dev/null; then
  echo "[compare] installing torch 2.4.0 + transformers 4.44.2 + onnxruntime 1.32.0 into $VENV (~3 GB)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q torch==2.4.0 transformers==4.44.2 "numpy<2" onnxruntime==1.32.0
fi
MODEL_DIR=$(./target/release/examples/build_model --print-dir)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
./target/release/examples/throughput --dump-sentences "$DIR" > "$TMP/sentences.txt"
rate() { grep '^wordpieces_per_s=' "$1" | tail -1 | cut -d= -f2; }
for run in "torch f32" "torch bf16" "onnx f32" "onnx int8" "auto f32" "auto auto"; do
  set -- $run
  echo "== attribution, engine $1, precision $2"
  ./target/release/examples/throughput --engine "$1" --precision "$2" --profile --ner-sentences "$TMP/sentences.txt" | tee "$TMP/ours-$1-$2.txt"
done
for graph in tagger.onnx tagger.int8.onnx; do
  echo "== ONNX Runtime (Python), $graph"
  "$VENV/bin/python" scripts/engines.py ort "$MODEL_DIR/$graph" "$MODEL_DIR/tokenizer.json" "$TMP/sentences.txt" | tee "$TMP/ort-$graph.txt"
done
for p in fp32 bf16 int8; do
  echo "== plain PyTorch loop, $p"
  "$VENV/bin/python" scripts/engines.py torch "$MODEL_DIR" "$TMP/sentences.txt" $p | tee "$TMP/torch-$p.txt"
done
echo "== transformers pipeline (token-type ids all 0: same compute, no casing signal)"
"$VENV/bin/python" scripts/hf_pipeline.py "$MODEL_DIR" "$TMP/sentences.txt" | tee "$TMP/hf.txt"
python3 - "$TMP" <<'PY'
import sys, os
tmp = sys.argv[1]
def rate(name):
    for line in reversed(open(os.path.join(tmp, name)).read().splitlines()):
        if line.startswith("wordpieces_per_s="):
            return float(line.split("=")[1])
rows = [
    ("attribution libtorch fp32", rate("ours-torch-f32.txt")),
    ("attribution libtorch bf16", rate("ours-torch-bf16.txt")),
    ("attribution ONNX Runtime fp32", rate("ours-onnx-f32.txt")),
    ("attribution ONNX Runtime int8", rate("ours-onnx-int8.txt")),
    ("attribution default (models.toml)", rate("ours-auto-auto.txt")),
    ("ONNX Runtime (Python) fp32", rate("ort-tagger.onnx.txt")),
    ("ONNX Runtime (Python) int8", rate("ort-tagger.int8.onnx.txt")),
    ("PyTorch loop fp32", rate("torch-fp32.txt")),
    ("PyTorch loop bf16", rate("torch-bf16.txt")),
    ("PyTorch loop int8", rate("torch-int8.txt")),
    ("transformers pipeline", rate("hf.txt")),
]
for name, r in rows:
    print(f"{name:36s} {r:8.0f} wordpieces/s")
ours32, ours = rate("ours-auto-f32.txt"), rate("ours-auto-auto.txt")
ort32, ort8 = rate("ort-tagger.onnx.txt"), rate("ort-tagger.int8.onnx.txt")
print(f"ratio_ort_f32={ours32 / ort32:.2f}")
print(f"ratio_ort_best={ours / max(ort32, ort8):.2f}")
print(f"ratio_f32={ours32 / rate('hf.txt'):.2f}")
print(f"ratio={ours / rate('hf.txt'):.2f}")
PY
