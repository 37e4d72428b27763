"""Times the Hugging Face transformers token-classification pipeline on CPU over a
file of sentences (one a line) with a model directory of this crate, at several batch
sizes, and prints wordpieces/s for each and the best as the last line:
`wordpieces_per_s=X`.

usage: hf_pipeline.py MODEL_DIR SENTENCES_FILE
"""
import os
import sys
import time

import torch
from safetensors.torch import load_file
from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast, pipeline

model_dir, sentences_file = sys.argv[1], sys.argv[2]
torch.set_num_threads(os.cpu_count() or 1)
sentences = [l.strip() for l in open(sentences_file, encoding="utf-8") if l.strip()]
tokenizer = PreTrainedTokenizerFast(
    tokenizer_file=os.path.join(model_dir, "tokenizer.json"),
    unk_token="[UNK]", sep_token="[SEP]", pad_token="[PAD]", cls_token="[CLS]", mask_token="[MASK]",
    clean_up_tokenization_spaces=False,
)
# tch writes safetensors without the "format" metadata from_pretrained wants: load by hand
model = BertForTokenClassification(BertConfig.from_pretrained(model_dir))
# the POS and chunk heads are not part of a BertForTokenClassification
model.load_state_dict(load_file(os.path.join(model_dir, "model.safetensors")), strict=False)
model.eval()
ner = pipeline("token-classification", model=model, tokenizer=tokenizer, aggregation_strategy="simple", device=-1)
pieces = sum(len(tokenizer(s)["input_ids"]) for s in sentences)
print(f"sentences={len(sentences)} wordpieces={pieces} torch={torch.__version__} threads={torch.get_num_threads()}")
ner(sentences[:16], batch_size=16)  # warm-up
best = 0.0
for bs in (1, 4, 8, 16, 32, 64):
    rates = []
    for _ in range(2):
        t = time.perf_counter()
        ner(sentences, batch_size=bs)
        rates.append(pieces / (time.perf_counter() - t))
    rate = max(rates)
    best = max(best, rate)
    print(f"batch_size={bs} wordpieces_per_s={rate:.1f}")
print(f"wordpieces_per_s={best:.1f}")
