"""Times plain inference loops over a file of sentences (one a line) with a model
directory of this crate, as a user would write them in Python, to compare with the
crate's own NER (scripts/compare_hf.sh runs them in the same sitting):

    engines.py ort MODEL.onnx TOKENIZER_JSON SENTENCES    ONNX Runtime (fp32 or int8 graph)
    engines.py torch MODEL_DIR SENTENCES fp32|bf16|int8   PyTorch, torch.inference_mode()
    (either takes --batch N --passes K: one batch size only, the best of K passes)

Sentences are tokenized with the model's tokenizer.json (tokenization is timed),
sorted by length and run in padded batches of several sizes, with as many threads as
cores. Prints wordpieces/s per batch size (`batch_size=N wordpieces_per_s=X`, the best
of two passes) and the best as the last line: `wordpieces_per_s=X` (wordpieces counted
with [CLS] and [SEP], as the crate counts).
"""
import os
import sys
import time

import numpy as np
from tokenizers import Tokenizer

BATCH_SIZES = (8, 16, 32, 64)
THREADS = len(os.sched_getaffinity(0))


def load_sentences(path):
    return [l.strip() for l in open(path, encoding="utf-8") if l.strip()]


def batches(tokenizer, sentences, size):
    """Tokenizes, sorts by length and pads; yields (ids, mask, types) int64 arrays."""
    enc = tokenizer.encode_batch(sentences)
    ids = sorted((e.ids for e in enc), key=len, reverse=True)
    for i in range(0, len(ids), size):
        chunk = ids[i : i + size]
        width = len(chunk[0])
        a = np.zeros((len(chunk), width), dtype=np.int64)
        m = np.zeros((len(chunk), width), dtype=np.int64)
        for r, row in enumerate(chunk):
            a[r, : len(row)] = row
            m[r, : len(row)] = 1
        yield a, m, np.zeros_like(a)


def time_loop(run, tokenizer, sentences, pieces, sizes=BATCH_SIZES, passes=2):
    run(*next(batches(tokenizer, sentences[:16], 16)))  # warm-up
    best = 0.0
    for size in sizes:
        rates = []
        for _ in range(passes):
            t = time.perf_counter()
            for ids, mask, types in batches(tokenizer, sentences, size):
                run(ids, mask, types)
            rates.append(pieces / (time.perf_counter() - t))
        best = max(best, max(rates))
        print(f"batch_size={size} wordpieces_per_s={max(rates):.1f}")
    print(f"wordpieces_per_s={best:.1f}")


def flag(args, name, default):
    """Removes `name VALUE` from args; VALUE as an int, else default."""
    if name in args:
        i = args.index(name)
        value = int(args[i + 1])
        del args[i : i + 2]
        return value
    return default


def main():
    sizes, passes = BATCH_SIZES, 2
    batch = flag(sys.argv, "--batch", None)
    if batch is not None:
        sizes, passes = (batch,), flag(sys.argv, "--passes", 3)
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    kind = sys.argv[1]
    if kind == "ort":
        import onnxruntime as ort

        graph, tokenizer_file, sentences_file = sys.argv[2:5]
        options = ort.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

        def run(ids, mask, types):
            # the crate's graphs take packed rows: one sentence a row here (sequence 1)
            positions = np.broadcast_to(np.arange(ids.shape[1], dtype=np.int64), ids.shape)
            session.run(None, {"input_ids": ids, "sequence_ids": mask, "position_ids": positions, "token_type_ids": types})

        label = f"onnxruntime={ort.__version__} graph={os.path.basename(graph)}"
    elif kind == "torch":
        import torch
        from safetensors.torch import load_file
        from transformers import BertConfig, BertForTokenClassification

        model_dir, sentences_file, precision = sys.argv[2:5]
        tokenizer_file = os.path.join(model_dir, "tokenizer.json")
        torch.set_num_threads(THREADS)
        model = BertForTokenClassification(BertConfig.from_pretrained(model_dir))
        # the POS and chunk heads are not part of a BertForTokenClassification
        model.load_state_dict(load_file(os.path.join(model_dir, "model.safetensors")), strict=False)
        model.eval()
        if precision == "bf16":
            model = model.to(torch.bfloat16)
        elif precision == "int8":
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)

        def run(ids, mask, types):
            with torch.inference_mode():
                model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask), token_type_ids=torch.from_numpy(types))

        label = f"torch={torch.__version__} precision={precision}"
    else:
        raise SystemExit(__doc__)
    tokenizer = Tokenizer.from_file(tokenizer_file)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    sentences = load_sentences(sentences_file)
    pieces = sum(len(e.ids) for e in tokenizer.encode_batch(sentences))
    print(f"sentences={len(sentences)} wordpieces={pieces} threads={THREADS} {label}")
    time_loop(run, tokenizer, sentences, pieces, sizes, passes)


if __name__ == "__main__":
    main()
