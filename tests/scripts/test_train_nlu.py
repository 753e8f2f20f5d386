"""scripts/train_nlu.py retrains reproducibly: the same seed gives the same weights."""

from __future__ import annotations

import argparse

import numpy as np
import pytest

pytestmark = pytest.mark.models


def test_training_twice_gives_identical_weights():
    torch = pytest.importorskip("torch")
    from scripts import train_nlu

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    every = train_nlu.read_jsonl(train_nlu.DATA / "triage.jsonl")
    complaints = sorted({r["complaint"] for r in every})
    intents = train_nlu.read_jsonl(train_nlu.DATA / "intents.jsonl")[:48]
    triage = every[:48]
    args = argparse.Namespace(rank=2, epochs=1, augment=1)
    a = train_nlu.train(torch, intents, triage, complaints, args, "run a")
    b = train_nlu.train(torch, intents, triage, complaints, args, "run b")
    assert a.keys() == b.keys()
    assert any(".lora_" in k for k in a)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)
    # and the training did something: the low-rank updates moved off their zero start
    assert any(np.abs(v).max() > 0 for k, v in a.items() if k.endswith(".lora_b"))
