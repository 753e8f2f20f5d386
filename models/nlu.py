"""The trained intent and triage model: adapted MiniLM encoder plus three linear heads.

This module only turns text into probabilities. What careline *does* with them -- red flags,
thresholds that lean towards the more urgent level, escalation when unsure -- is policy, and
lives in :mod:`agent.model_nlu`, where a reviewer can read it without any numpy.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.heads import NluHeads, load_heads
from models.minilm import MiniLmEncoder, load_base_weights, merge_lora


@dataclass(frozen=True, slots=True)
class Scores:
    intent: dict[str, float]  # the head blended with its example memory, when it has one
    level: dict[str, float]
    complaint: dict[str, float]
    intent_head: dict[str, float] | None = None  # the head alone (None: no memory)

    @staticmethod
    def best(probs: dict[str, float]) -> tuple[str, float]:
        label = max(probs, key=probs.__getitem__)
        return label, probs[label]


class NluModel:
    def __init__(self, encoder: MiniLmEncoder, heads: NluHeads) -> None:
        self.encoder, self.heads = encoder, heads
        self.card = heads.card

    @classmethod
    def load(cls, heads_path: str | Path | None = None, *, memory: bool = True) -> NluModel:
        """The committed model (or a retrained ``.npz`` with its ``.json`` card);
        ``memory=False`` without the intent head's example memory."""
        t0 = time.perf_counter()
        heads = load_heads(heads_path, memory=memory)
        lora = heads.lora
        weights = load_base_weights()
        if lora:
            weights = merge_lora(weights, lora, float(heads.card["lora"]["scale"]))
        model = cls(MiniLmEncoder(weights), heads)
        model.load_seconds = time.perf_counter() - t0
        return model

    load_seconds = 0.0

    def scores(self, texts: Sequence[str]) -> list[Scores]:
        x = self.encoder.embed(list(texts))
        pi, pl, pc = (
            h.probs(x) for h in (self.heads.intent, self.heads.level, self.heads.complaint)
        )
        memory = self.heads.memory
        blended = memory.blend(pi, x) if memory else pi
        labels = self.heads.intent.labels
        out = []
        for a, h, b, c in zip(blended, pi, pl, pc, strict=True):
            out.append(
                Scores(
                    dict(zip(labels, a.tolist(), strict=True)),
                    dict(zip(self.heads.level.labels, b.tolist(), strict=True)),
                    dict(zip(self.heads.complaint.labels, c.tolist(), strict=True)),
                    dict(zip(labels, h.tolist(), strict=True)) if memory else None,
                )
            )
        return out


def as_array(scores: Sequence[Scores], field: str, labels: Sequence[str]) -> np.ndarray:
    return np.array([[getattr(s, field)[lab] for lab in labels] for s in scores], np.float32)
