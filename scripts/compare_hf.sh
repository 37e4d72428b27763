#!/usr/bin/env bash
# Side by side, in one run: this crate's NER against the Hugging Face transformers
# token-classification pipeline (PyPI torch 2.4.0 + transformers 4.44.2, CPU), on the
# same model files and the same sentences (those of every .txt in DIR). The pipeline
# runs at its best batch size. Last line: ratio=X.XX (crate / pipeline wordpieces/s).
#
#   bash scripts/compare_hf.sh [DIR]        (default ../shared/corpus)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
DIR=${1:-$ROOT/../shared/corpus}
VENV=$CACHE/hf-venv
cd "$ROOT"
bash scripts/setup.sh >&2
if ! "$VENV/bin/python" -c 'import torch, transformers' 2>/dev/null; then
  echo "[compare] installing torch 2.4.0 + transformers 4.44.2 into $VENV (~3 GB)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q torch==2.4.0 transformers==4.44.2 "numpy<2"
fi
MODEL_DIR=$(./target/release/examples/build_model --print-dir)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
./target/release/examples/throughput --dump-sentences "$DIR" > "$TMP/sentences.txt"
echo "== attribution (rust-bert/tch, $(nproc) cores), fp32"
./target/release/examples/throughput --precision f32 --ner-sentences "$TMP/sentences.txt" | tee "$TMP/ours32.txt"
echo "== attribution, default precision (models.toml)"
./target/release/examples/throughput --ner-sentences "$TMP/sentences.txt" | tee "$TMP/ours.txt"
echo "== transformers pipeline (token-type ids all 0: same compute, no casing signal)"
"$VENV/bin/python" scripts/hf_pipeline.py "$MODEL_DIR" "$TMP/sentences.txt" | tee "$TMP/hf.txt"
ours=$(grep '^wordpieces_per_s=' "$TMP/ours.txt" | tail -1 | cut -d= -f2)
ours32=$(grep '^wordpieces_per_s=' "$TMP/ours32.txt" | tail -1 | cut -d= -f2)
hf=$(grep '^wordpieces_per_s=' "$TMP/hf.txt" | tail -1 | cut -d= -f2)
# MiniLM-L6-H384 costs about 21 MFLOP per wordpiece; torch sgemm on these 2 cores
# measured 251 GFLOP/s fp32 (shared/recipes/NOTES.md).
python3 - "$ours" "$hf" "$ours32" <<'PY'
import sys
ours, hf, ours32 = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
peak = 251e9 / 21e6
print(f"attribution fp32 {ours32:8.0f} wordpieces/s  ({100 * ours32 / peak:.0f}% of the fp32 peak), ratio_f32={ours32 / hf:.2f}")
print(f"attribution  {ours:8.0f} wordpieces/s  ({100 * ours / peak:.0f}% of the fp32 peak; bf16 exceeds it)")
print(f"transformers {hf:8.0f} wordpieces/s  ({100 * hf / peak:.0f}% of the fp32 peak)")
print(f"ratio={ours / hf:.2f}")
PY
