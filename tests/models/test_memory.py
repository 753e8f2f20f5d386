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
    m = _memory()
    x = np.array([[0.0, 1.0, 0.0]], np.float32)
    head = np.array([[1.0, 0.0, 0.0]], np.float32)
    w = SETTINGS["weight"]
    blended = m.blend(head, x)
    assert np.allclose(blended, (1 - w) * head + w * m.vote(x))
    assert np.isclose(blended.sum(), 1.0)


def test_int8_storage_votes_like_the_float_vectors():
    m = _memory()
    arrays = _Npz(m.to_arrays())
    assert arrays["memory.vectors"].dtype == np.int8
    back = load_memory(arrays, {"memory": m.card()}, 3)
    assert back is not None
    x = np.random.default_rng(0).normal(size=(20, 3)).astype(np.float32)
    assert np.allclose(back.vote(x), m.vote(x), atol=0.02)


def test_a_model_without_a_memory_loads_as_none():
    assert load_memory(_Npz(), {}, 11) is None


@pytest.mark.parametrize(
    ("card", "labels", "why"),
    [
        ({}, 3, "no settings"),
        ({"memory": {"k": 0, "temperature": 0.1, "weight": 0.5}}, 3, "k below 1"),
        ({"memory": {"k": 5, "temperature": 0.1, "weight": 1.5}}, 3, "weight above 1"),
        ({"memory": {"k": 5}}, 3, "settings incomplete"),
        ({"memory": SETTINGS}, 2, "a label the head does not have"),
    ],
)
def test_a_broken_memory_is_refused_with_a_model_error(card, labels, why):
    with pytest.raises(ModelError):
        load_memory(_Npz(_memory().to_arrays()), card, labels)
