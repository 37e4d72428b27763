"""Writes a model directory's BERT token classifier as ONNX graphs for ONNX Runtime.

    python3 export_onnx.py MODEL_DIR FP32_NAME INT8_NAME

Reads config.json and model.safetensors (the weights `attribution` trains, Hugging Face
names) and writes, beside them (the names come from the crate, src/models.rs):

- FP32_NAME  fp32, the same computation as rust-bert's BertModel + linear heads;
- INT8_NAME  the same with the weights of every linear layer quantized to int8
             (onnxruntime.quantization.quantize_dynamic, per channel, QInt8).

Inputs input_ids, sequence_ids, position_ids, token_type_ids (int64 [batch, width]):
a row may hold several sequences, each `[CLS] ... [SEP]` with positions from 0;
`sequence_ids` numbers them from 1 (0 on padding) and a wordpiece attends to its own
sequence only, so a sequence's outputs are those it would get alone. Outputs
`ner` (log-probabilities [batch, width, labels]) and, when the model has syntax heads,
`pos` and `chunk` (the best label id of each wordpiece, int64 [batch, width]).

Needs numpy, onnx and onnxruntime only (no torch): the graph is written node by node.
Files are written under a temporary name and renamed, so a half-written graph is never
taken for a model.
"""

import json
import os
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    body = memoryview(raw)[8 + n :]
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        if meta["dtype"] != "F32":
            raise SystemExit(f"{path}: {name} is {meta['dtype']}, expected F32")
        a, z = meta["data_offsets"]
        out[name] = np.frombuffer(body[a:z], dtype="<f4").reshape(meta["shape"]).copy()
    return out


class Graph:
    def __init__(self):
        self.nodes, self.inits, self.count = [], [], 0

    def const(self, name, array):
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(self, kind, inputs, name=None, **attrs):
        self.count += 1
        out = name or f"{kind.lower()}_{self.count}"
        self.nodes.append(helper.make_node(kind, inputs, [out], name=f"{kind}_{self.count}", **attrs))
        return out

    def linear(self, x, w, prefix):
        # torch Linear stores [out, in]; MatMul wants [in, out]
        wt = self.const(prefix + ".weight", w[prefix + ".weight"].T.copy())
        return self.op("Add", [self.op("MatMul", [x, wt]), self.const(prefix + ".bias", w[prefix + ".bias"])])

    def layer_norm(self, x, w, prefix, eps):
        return self.op(
            "LayerNormalization",
            [x, self.const(prefix + ".weight", w[prefix + ".weight"]), self.const(prefix + ".bias", w[prefix + ".bias"])],
            axis=-1,
            epsilon=eps,
        )


def build(config, w):
    hidden = config["hidden_size"]
    heads = config["num_attention_heads"]
    head_dim = hidden // heads
    eps = float(config.get("layer_norm_eps", 1e-12))
    layers = config["num_hidden_layers"]
    if config.get("hidden_act", "gelu") != "gelu":
        raise SystemExit(f"hidden_act {config.get('hidden_act')!r}: only gelu is exported")
    g = Graph()
    ids, seq, positions, types = "input_ids", "sequence_ids", "position_ids", "token_type_ids"

    # embeddings: word + position + token type, layer norm
    word = g.op("Gather", [g.const("word_embeddings", w["bert.embeddings.word_embeddings.weight"]), ids])
    pos = g.op("Gather", [g.const("position_embeddings", w["bert.embeddings.position_embeddings.weight"]), positions])
    typ = g.op("Gather", [g.const("token_type_embeddings", w["bert.embeddings.token_type_embeddings.weight"]), types])
    x = g.op("Add", [g.op("Add", [word, pos]), typ])
    x = g.layer_norm(x, w, "bert.embeddings.LayerNorm", eps)

    # attention bias [batch, 1, width, width]: 0 where query and key are of the same
    # sequence of the row, -10000 elsewhere and on padding (sequence 0)
    queries = g.op("Unsqueeze", [seq, g.const("axis_2", np.array([2], dtype=np.int64))])
    keys = g.op("Unsqueeze", [seq, g.const("axis_1", np.array([1], dtype=np.int64))])
    real = g.op("Greater", [keys, g.const("zero_i", np.array(0, dtype=np.int64))])
    same = g.op("And", [g.op("Equal", [queries, keys]), real])
    m = g.op("Cast", [g.op("Unsqueeze", [same, g.const("axis_1b", np.array([1], dtype=np.int64))])], to=TensorProto.FLOAT)
    bias = g.op("Mul", [g.op("Sub", [g.const("one_f", np.array(1.0, dtype=np.float32)), m]), g.const("neg_f", np.array(-10000.0, dtype=np.float32))])

    split_shape = g.const("split_shape", np.array([0, 0, heads, head_dim], dtype=np.int64))
    merge_shape = g.const("merge_shape", np.array([0, 0, hidden], dtype=np.int64))
    scale = g.const("scale", np.array(1.0 / np.sqrt(head_dim), dtype=np.float32))
    sqrt2 = g.const("sqrt2", np.array(np.sqrt(2.0), dtype=np.float32))
    one = g.const("one_h", np.array(1.0, dtype=np.float32))
    half = g.const("half", np.array(0.5, dtype=np.float32))
    for i in range(layers):
        p = f"bert.encoder.layer.{i}."

        def heads_of(t):
            return g.op("Transpose", [g.op("Reshape", [t, split_shape])], perm=[0, 2, 1, 3])

        q = heads_of(g.linear(x, w, p + "attention.self.query"))
        k = g.op("Transpose", [g.op("Reshape", [g.linear(x, w, p + "attention.self.key"), split_shape])], perm=[0, 2, 3, 1])
        v = heads_of(g.linear(x, w, p + "attention.self.value"))
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), scale]), bias])
        ctx = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])
        ctx = g.op("Reshape", [g.op("Transpose", [ctx], perm=[0, 2, 1, 3]), merge_shape])
        att = g.op("Add", [g.linear(ctx, w, p + "attention.output.dense"), x])
        att = g.layer_norm(att, w, p + "attention.output.LayerNorm", eps)
        inter = g.linear(att, w, p + "intermediate.dense")
        gelu = g.op("Mul", [g.op("Mul", [inter, g.op("Add", [g.op("Erf", [g.op("Div", [inter, sqrt2])]), one])]), half])
        out = g.op("Add", [g.linear(gelu, w, p + "output.dense"), att])
        x = g.layer_norm(out, w, p + "output.LayerNorm", eps)

    outputs = []
    g.op("LogSoftmax", [g.linear(x, w, "classifier")], name="ner", axis=-1)
    n_ner = w["classifier.weight"].shape[0]
    outputs.append(helper.make_tensor_value_info("ner", TensorProto.FLOAT, ["batch", "width", n_ner]))
    for head in ("pos", "chunk"):
        if head + "_classifier.weight" in w:
            g.op("ArgMax", [g.linear(x, w, head + "_classifier")], name=head, axis=-1, keepdims=0)
            outputs.append(helper.make_tensor_value_info(head, TensorProto.INT64, ["batch", "width"]))
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "width"]) for n in (ids, seq, positions, types)]
    graph = helper.make_graph(g.nodes, "attribution_tagger", inputs, outputs, initializer=g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="attribution")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    model_dir, fp32_name, int8_name = sys.argv[1:4]
    with open(os.path.join(model_dir, "config.json")) as f:
        config = json.load(f)
    weights = read_safetensors(os.path.join(model_dir, "model.safetensors"))
    model = build(config, weights)
    fp32 = os.path.join(model_dir, fp32_name)
    int8 = os.path.join(model_dir, int8_name)
    onnx.save(model, fp32 + ".part")
    os.replace(fp32 + ".part", fp32)

    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(fp32, int8 + ".part", weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"])
    os.replace(int8 + ".part", int8)
    print(f"wrote {fp32} and {int8}", file=sys.stderr)


if __name__ == "__main__":
    main()
