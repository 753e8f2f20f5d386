"""A word and character n-gram intent classifier that votes beside the intent head.

The intent head and its example memory (:mod:`models.memory`) both read one sentence
vector, so they share its blind spots: two turns that mean different things but sit close in
the sentence space ("what time does the pharmacy close" beside "what time do you close")
fall together. A linear model over the turn's own words and letter sequences sees what the
vector smooths away -- which words were said, including mis-heard ones ("a point meant",
"subscription"), whose letter n-grams still overlap the word meant -- and errs differently.
careline's intent probabilities are a weighted blend of the three readings; the weight
was chosen on the dev fifth of the training split (see the card's ``lexical``).

Features: the lower-cased words, word pairs, and the 3- to 5-letter sequences inside each
word (with its boundaries marked), each present-or-absent, hashed into ``BUCKETS`` slots and
scaled to unit length. The model is multinomial logistic regression with an L2 penalty,
trained by ``scripts/train_nlu.py`` (torch, full batch, L-BFGS) on the same intent rows as
the head. Serving is a few hundred hashes and a sum of rows: numpy only.

Stored in the heads ``.npz`` as ``lexical.rows`` (int32: the hashed slots any training line
touched; every other slot's weights are zero), ``lexical.weight`` (float16, one row per
stored slot) and ``lexical.bias`` (float32); the card's ``lexical`` holds the settings.
"""

from __future__ import annotations

import itertools
import re
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from agent.errors import ModelError

BUCKETS = 1 << 18
_WORD = re.compile(r"[a-z0-9']+")


def features(text: str) -> list[int]:
    """The hashed slots a text switches on (each once)."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    grams = {f"w {w}" for w in words}
    grams |= {f"b {a} {b}" for a, b in itertools.pairwise(words)}
    for w in words:
        marked = f"<{w}>"
        for n in (3, 4, 5):
            grams |= {f"c {marked[i : i + n]}" for i in range(len(marked) - n + 1)}
    # crc32 is stable across runs and machines (Python's hash() is salted per process).
    return sorted({zlib.crc32(g.encode()) % BUCKETS for g in grams})


def design(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The texts as a sparse matrix in coordinate form: (row, slot, value), rows unit length."""
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        slots = features(text)
        if not slots:
            continue
        rows += [i] * len(slots)
        cols += slots
        vals += [1.0 / np.sqrt(len(slots))] * len(slots)
    return np.array(rows, np.int64), np.array(cols, np.int64), np.array(vals, np.float32)


def _frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False  # shared by every call's thread
    return a


@dataclass(frozen=True)
class LexicalModel:
    slots: dict[int, int]  # hashed slot -> row of ``weight``
    weight: np.ndarray  # (stored slots, labels) float32
    bias: np.ndarray  # (labels,) float32
    blend: float  # its share of careline's intent probabilities

    @classmethod
    def build(
        cls, slots: np.ndarray, weight: np.ndarray, bias: np.ndarray, blend: float
    ) -> LexicalModel:
        """From the trained weights of the given hashed slots (rounded as they are stored)."""
        return cls(
            {int(s): i for i, s in enumerate(slots)},
            _frozen(np.asarray(weight, np.float16).astype(np.float32)),
            _frozen(np.asarray(bias, np.float32)),
            blend,
        )

    def logits(self, texts: list[str]) -> np.ndarray:
        out = np.tile(self.bias, (len(texts), 1))
        for i, text in enumerate(texts):
            slots = features(text)
            known = [self.slots[s] for s in slots if s in self.slots]
            if known:
                out[i] += self.weight[known].sum(axis=0) / np.sqrt(len(slots))
        return out

    def probs(self, texts: list[str]) -> np.ndarray:
        z = self.logits(texts)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True), np.float32)

    def mix(self, probs: np.ndarray, texts: list[str]) -> np.ndarray:
        """careline's intent probabilities: the other readings' blend, with this model's share."""
        if self.blend == 0.0:
            return probs
        return np.asarray((1.0 - self.blend) * probs + self.blend * self.probs(texts))

    def to_arrays(self) -> dict[str, np.ndarray]:
        order = sorted(self.slots, key=self.slots.__getitem__)
        return {
            "lexical.rows": np.array(order, np.int32),
            "lexical.weight": self.weight.astype(np.float16),
            "lexical.bias": self.bias.astype(np.float32),
        }


def load_lexical(arrays: Any, card: dict[str, Any], n_labels: int) -> LexicalModel | None:
    """The lexical model stored with the heads, or None for a model trained without one."""
    if "lexical.rows" not in arrays.files:
        return None
    try:
        blend = float(card["lexical"]["blend"])
    except (KeyError, TypeError, ValueError) as e:
        raise ModelError(f"NLU card: the lexical model's settings are incomplete ({e})") from e
    if not 0.0 <= blend <= 1.0:
        raise ModelError(f"NLU card: the lexical blend {blend} is outside 0..1")
    rows = np.asarray(arrays["lexical.rows"], np.int64)
    weight = np.asarray(arrays["lexical.weight"], np.float32)
    bias = np.asarray(arrays["lexical.bias"], np.float32)
    if weight.shape != (len(rows), n_labels) or bias.shape != (n_labels,):
        raise ModelError("the NLU lexical model's arrays do not match each other or the labels")
    if len(rows) and (rows.min() < 0 or rows.max() >= BUCKETS):
        raise ModelError("the NLU lexical model names hashed slots outside its range")
    return LexicalModel(
        {int(s): i for i, s in enumerate(rows)}, _frozen(weight), _frozen(bias), blend
    )
