"""The trained intent and triage classifier heads, run with numpy.

The heads are small linear (or multilayer) classifiers over the sentence vector of the
adapted MiniLM (:mod:`models.minilm`), trained with torch by ``scripts/train_nlu.py`` and
committed as one ``.npz`` plus a JSON card (labels, LoRA scale, decision thresholds, seed,
data fingerprint). Serving needs numpy only: a call never imports torch.

Array names in the ``.npz``: ``{head}.{layer}.weight`` / ``{head}.{layer}.bias`` with torch's
``(out, in)`` layout, layers numbered from 0; and the encoder's low-rank updates,
``encoder.layer.{i}.{matrix}.lora_a`` / ``.lora_b``; and the intent head's example memory,
``memory.*`` (:mod:`models.memory`), when the model was trained with one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from agent.errors import ModelError
from models.memory import ExampleMemory, load_memory

WEIGHTS_DIR = Path(__file__).parent / "weights"
DEFAULT_HEADS = WEIGHTS_DIR / "nlu_heads.npz"


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=-1, keepdims=True))


@dataclass(frozen=True)
class MlpHead:
    """Linear layers with ReLU between them; the last layer's outputs are class logits."""

    labels: tuple[str, ...]
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]  # (weight (out, in), bias (out,))

    def logits(self, x: np.ndarray) -> np.ndarray:
        h = x
        for i, (w, b) in enumerate(self.layers):
            h = h @ w.T + b
            if i < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return h

    def probs(self, x: np.ndarray) -> np.ndarray:
        return softmax(self.logits(x))


@dataclass(frozen=True)
class NluHeads:
    intent: MlpHead
    level: MlpHead
    complaint: MlpHead
    card: dict[str, Any] = field(default_factory=dict)
    lora: dict[str, np.ndarray] = field(default_factory=dict)  # low-rank encoder updates
    memory: ExampleMemory | None = None  # nearest intent training lines, voting with the head

    @property
    def thresholds(self) -> dict[str, float]:
        return dict(self.card.get("thresholds", {}))


def _head(arrays: Any, name: str, labels: list[str]) -> MlpHead:
    layers = []
    i = 0
    while f"{name}.{i}.weight" in arrays:
        w = np.asarray(arrays[f"{name}.{i}.weight"], np.float32)
        b = np.asarray(arrays[f"{name}.{i}.bias"], np.float32)
        layers.append((w, b))
        i += 1
    if not layers or layers[-1][0].shape[0] != len(labels):
        raise ModelError(f"NLU head {name!r} does not match its {len(labels)} labels")
    return MlpHead(tuple(labels), tuple(layers))


def card_path(npz: Path) -> Path:
    return npz.with_suffix(".json")


def load_heads(path: str | Path | None = None, *, memory: bool = True) -> NluHeads:
    """Load the committed heads (or a retrained ``.npz`` with its ``.json`` card beside it).
    ``memory=False`` leaves the example memory out (to measure what it adds)."""
    npz = Path(path).expanduser() if path else DEFAULT_HEADS
    card_file = card_path(npz)
    if not npz.is_file() or not card_file.is_file():
        raise ModelError(
            f"NLU heads not found at {npz} (and its .json card): retrain with "
            "`python scripts/train_nlu.py`"
        )
    card = json.loads(card_file.read_text())
    with np.load(npz) as arrays:
        intents = card["labels"]["intent"]
        intent = _head(arrays, "intent", intents)
        return NluHeads(
            intent=intent,
            level=_head(arrays, "level", card["labels"]["level"]),
            complaint=_head(arrays, "complaint", card["labels"]["complaint"]),
            card=card,
            lora={k: np.asarray(arrays[k], np.float32) for k in arrays.files if ".lora_" in k},
            memory=(
                load_memory(arrays, card, len(intents), intent.layers[0][0].shape[1])
                if memory
                else None
            ),
        )
