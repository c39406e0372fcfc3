"""A tiny, real Argos Translate package built from scratch, for tests.

Argos model weights cannot be downloaded here, and a fake engine would test nothing. This
builds a genuine .argosmodel in well under a second: a SentencePiece model trained on a
few hundred generated sentences, a one-layer CTranslate2 Transformer with random weights,
and a MiniSBD-format ONNX sentence splitter (argostranslate 1.11 downloads one on the
first translation otherwise). Its translations are nonsense; tests use it to exercise the
real loading and translation path: states, flags, pivot, memory, protection.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

WIDTH, FFN, HEADS = 32, 64, 2

_NL = ("was je handen met zeep", "bel de huisarts als je ziek bent", "drink elke dag water",
       "blijf thuis bij koorts", "de prik is gratis", "neem je paspoort mee",
       "ga naar de apotheek", "doe de gordijnen dicht", "hoest in je elleboog")
_EN = ("wash your hands with soap", "call the doctor when you are ill", "drink water every day",
       "stay home with a fever", "the jab is free", "bring your passport",
       "go to the pharmacy", "close the curtains", "cough into your elbow")


def corpus(seed: int = 1) -> list[str]:
    """A few hundred short sentences in Dutch and English. No digits: Klaar never sends
    numbers to an engine (they are protected), and a model that invents digits would make
    every draft fail the number check by chance."""
    rng = random.Random(seed)
    out = []
    for _ in range(300):
        s = rng.choice(_NL + _EN)
        if rng.random() < 0.3:
            s += " " + rng.choice(_NL + _EN)
        out.append(s[0].upper() + s[1:] + rng.choice([".", "?", "!"]))
    return out


def sentencepiece_model(vocab_size: int = 100) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus()), model_writer=model, vocab_size=vocab_size,
        character_coverage=1.0, model_type="unigram", minloglevel=2)
    return model.getvalue()


def _spec(vocab: list[str], eos_bias: float, seed: int):
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(num_layers=1, num_heads=HEADS)

    def dense(module, n_out, n_in):
        module.weight = (rng.standard_normal((n_out, n_in)) * 0.2).astype(np.float32)
        module.bias = np.zeros(n_out, dtype=np.float32)

    def norm(module):
        module.gamma = np.ones(WIDTH, dtype=np.float32)
        module.beta = np.zeros(WIDTH, dtype=np.float32)

    def ffn(module):
        norm(module.layer_norm)
        dense(module.linear_0, FFN, WIDTH)
        dense(module.linear_1, WIDTH, FFN)

    v = len(vocab)
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = (rng.standard_normal((v, WIDTH)) * 0.2).astype(np.float32)
    norm(enc.layer_norm)
    layer = enc.layer[0]
    norm(layer.self_attention.layer_norm)
    dense(layer.self_attention.linear[0], 3 * WIDTH, WIDTH)
    dense(layer.self_attention.linear[1], WIDTH, WIDTH)
    ffn(layer.ffn)
    dec.embeddings.weight = (rng.standard_normal((v, WIDTH)) * 0.2).astype(np.float32)
    norm(dec.layer_norm)
    dense(dec.projection, v, WIDTH)
    dec.projection.bias[vocab.index("</s>")] = eos_bias  # keeps random outputs short
    layer = dec.layer[0]
    norm(layer.self_attention.layer_norm)
    dense(layer.self_attention.linear[0], 3 * WIDTH, WIDTH)
    dense(layer.self_attention.linear[1], WIDTH, WIDTH)
    norm(layer.attention.layer_norm)
    dense(layer.attention.linear[0], WIDTH, WIDTH)
    dense(layer.attention.linear[1], 2 * WIDTH, WIDTH)
    dense(layer.attention.linear[2], WIDTH, WIDTH)
    ffn(layer.ffn)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def minisbd_onnx(lang: str) -> bytes:
    """A MiniSBD-format sentence splitter: every character is a token, and '.', '?' and
    '!' end a sentence. MiniSBD reads its config and vocabulary from the ONNX metadata."""
    import onnx
    from onnx import TensorProto, helper

    chars = ["<PAD>", "<UNK>", "<EMPTY>", "<ROOT>", ".", "?", "!", " "]
    chars += [chr(c) for c in range(ord("a"), ord("z") + 1)]
    chars += [chr(c) for c in range(ord("A"), ord("Z") + 1)] + list("0123456789,'-")
    ends = [chars.index(c) for c in ".?!"]
    nodes = [helper.make_node("Constant", [], ["ends"], value=helper.make_tensor(
        "ends_v", TensorProto.INT64, [len(ends)], ends))]
    nodes += [helper.make_node("Unsqueeze", ["units", "axis2"], ["u3"]),
              helper.make_node("Equal", ["u3", "ends"], ["hit"]),  # [B, T, 3]
              helper.make_node("Cast", ["hit"], ["hitf"], to=TensorProto.FLOAT),
              helper.make_node("ReduceMax", ["hitf"], ["end"], keepdims=1, axes=[2]),
              helper.make_node("Mul", ["end", "zero"], ["z"]),
              helper.make_node("Add", ["z", "half"], ["tok"]),
              helper.make_node("Concat", ["z", "tok", "end", "z", "z"], ["logits"], axis=2)]
    graph = helper.make_graph(
        nodes, "minisbd-tiny",
        [helper.make_tensor_value_info("units", TensorProto.INT64, ["B", "T"]),
         helper.make_tensor_value_info("features", TensorProto.FLOAT, ["B", "T", 1])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["B", "T", 5])],
        initializer=[helper.make_tensor("axis2", TensorProto.INT64, [1], [2]),
                     helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0]),
                     helper.make_tensor("half", TensorProto.FLOAT, [], [0.5])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
             "_id2unit": chars, "_unit2id": {c: i for i, c in enumerate(chars)}}
    config = {"feat_funcs": ["space_before"], "max_seqlen": 300, "batch_size": 8}
    for key, value in (("lang_code", lang), ("config", json.dumps(config)),
                       ("vocab", json.dumps(vocab)), ("lexicon", "null")):
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    return model.SerializeToString()


def build_package(dest: Path, from_code: str, to_code: str, eos_bias: float = 3.0,
                  version: str = "0.1-test") -> Path:
    """Write `<from>_<to>.argosmodel` into dest and return its path."""
    import sentencepiece as spm

    sp_bytes = sentencepiece_model()
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    name = f"translate-{from_code}_{to_code}"
    work = Path(tempfile.mkdtemp(prefix="tinymodel-"))
    spec = _spec(vocab, eos_bias, seed=zlib.crc32(f"{from_code}-{to_code}".encode()))
    spec.validate()
    (work / "model").mkdir(parents=True, exist_ok=True)
    spec.save(str(work / "model"))
    metadata = {"package_version": version, "argos_version": "1.11", "from_code": from_code,
                "from_name": from_code, "to_code": to_code, "to_name": to_code,
                "type": "translate"}
    path = dest / f"{from_code}_{to_code}.argosmodel"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}/metadata.json", json.dumps(metadata))
        zf.writestr(f"{name}/sentencepiece.model", sp_bytes)
        zf.writestr(f"{name}/minisbd/{from_code}.onnx", minisbd_onnx(from_code))
        for file in sorted((work / "model").iterdir()):
            zf.write(file, f"{name}/model/{file.name}")
    shutil.rmtree(work)
    return path
