"""The intent head's example memory (models/memory.py), with hand-made vectors: no model."""

from __future__ import annotations

import numpy as np
import pytest

from agent.errors import ModelError
from models.memory import SETTINGS, ExampleMemory, load_memory


class _Npz(dict):
    """Stands in for an open ``np.load`` archive (``.files`` and item access)."""

    @property
    def files(self) -> list[str]:
        return list(self)


def _memory(k: int = 3) -> ExampleMemory:
    # Three labels on three axes, two lines each, a little off-axis.
    vectors = np.array(
        [[1, 0.1, 0], [1, 0, 0.1], [0.1, 1, 0], [0, 1, 0.1], [0.1, 0, 1], [0, 0.1, 1]],
        np.float32,
    )
    m = ExampleMemory.build(vectors * 3.0, np.array([0, 0, 1, 1, 2, 2]), 3)
    return ExampleMemory(m.vectors, m.labels, 3, k, m.temperature, m.weight)


def test_the_nearest_lines_win_the_vote_and_it_is_a_distribution():
    votes = _memory().vote(np.array([[0.9, 0.2, 0.0], [0.0, 0.1, 2.0]], np.float32))
    assert votes.shape == (2, 3)
    assert np.allclose(votes.sum(axis=1), 1.0)
    assert votes[0].argmax() == 0 and votes[1].argmax() == 2
    assert votes[0, 0] > 0.9, "two close lines outvote one far one at temperature 0.1"


def test_k_larger_than_the_memory_is_the_whole_memory():
    m = _memory(k=50)
    assert m.vote(np.ones((1, 3), np.float32)).shape == (1, 3)


def test_blend_weighs_head_and_vote_by_the_setting():
    m = _memory(k=1)  # one neighbour: the vote is all on its label
    x = np.array([[0.0, 1.0, 0.0]], np.float32)
    head = np.array([[1.0, 0.0, 0.0]], np.float32)
    w = SETTINGS["weight"]
    assert np.allclose(m.vote(x), [[0.0, 1.0, 0.0]])
    assert np.allclose(m.blend(head, x), [[1 - w, w, 0.0]])


def test_the_memory_cannot_be_changed_after_it_is_built():
    m = _memory()
    with pytest.raises(ValueError):
        m.vectors[0, 0] = 5.0


def test_int8_storage_votes_like_the_float_vectors():
    m = _memory()
    arrays = _Npz(m.to_arrays())
    assert arrays["memory.vectors"].dtype == np.int8
    back = load_memory(arrays, {"memory": m.card()}, 3, 3)
    assert back is not None
    x = np.random.default_rng(0).normal(size=(20, 3)).astype(np.float32)
    assert np.allclose(back.vote(x), m.vote(x), atol=0.02)


def test_a_model_without_a_memory_loads_as_none():
    assert load_memory(_Npz(), {}, 11, 384) is None


@pytest.mark.parametrize(
    ("card", "labels", "dim", "drop"),
    [
        ({}, 3, 3, None),
        ({"memory": {"k": 0, "temperature": 0.1, "weight": 0.5}}, 3, 3, None),
        ({"memory": {"k": 5, "temperature": 0.1, "weight": 1.5}}, 3, 3, None),
        ({"memory": {"k": 5}}, 3, 3, None),
        ({"memory": SETTINGS}, 2, 3, None),
        ({"memory": SETTINGS}, 3, 384, None),
        ({"memory": SETTINGS}, 3, 3, "memory.scales"),
    ],
    ids=[
        "no settings",
        "k below 1",
        "weight above 1",
        "settings incomplete",
        "a label the head does not have",
        "vectors narrower than the model's",
        "an array missing",
    ],
)
def test_a_broken_memory_is_refused_with_a_model_error(card, labels, dim, drop):
    arrays = _Npz(_memory().to_arrays())
    if drop:
        del arrays[drop]
    with pytest.raises(ModelError):
        load_memory(arrays, card, labels, dim)
