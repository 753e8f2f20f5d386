"""The lexical intent model (models/lexical.py): features, storage and the blend, with
hand-made weights; and one small fit with torch (scripts/train_lexical.py)."""

from __future__ import annotations

import numpy as np
import pytest

from agent.errors import ModelError
from models.lexical import BUCKETS, LexicalModel, design, features, load_lexical


class _Npz(dict):
    """Stands in for an open ``np.load`` archive (``.files`` and item access)."""

    @property
    def files(self) -> list[str]:
        return list(self)


def test_features_are_stable_sorted_unique_and_in_range():
    a = features("I need to cancel my appointment")
    assert a == features("i NEED to cancel my appointment!")  # case and punctuation
    assert a == sorted(set(a)) and all(0 <= s < BUCKETS for s in a)
    assert features("") == [] and features("  ... ") == []


def test_a_misheard_word_still_shares_letter_grams_with_the_word_meant():
    meant, heard = set(features("prescription")), set(features("subscription"))
    assert len(meant & heard) >= 5  # "scrip", "ription", ... survive the mis-hearing
    assert features("subscription") != features("prescription")


def test_curly_apostrophes_read_like_straight_ones():
    assert features("I\u2019m out of pills") == features("I'm out of pills")


def test_design_rows_have_unit_length():
    rows, _cols, vals = design(["cancel it", "", "what time do you open"])
    for r in set(rows.tolist()):
        assert np.isclose(float(np.sum(vals[rows == r] ** 2)), 1.0)
    assert 1 not in rows.tolist()  # an empty text switches nothing on


def _model(blend: float = 0.5) -> LexicalModel:
    # Two labels; the word "cancel" pulls to label 1, everything else is unknown.
    slots = np.array(features("cancel"), np.int64)
    weight = np.zeros((len(slots), 2), np.float32)
    weight[:, 1] = 4.0
    return LexicalModel.build(slots, weight, np.array([0.5, 0.0], np.float32), blend)


def test_known_words_move_the_probabilities_and_unknown_ones_leave_the_bias():
    m = _model()
    p = m.probs(["cancel", "zzz qqq", ""])
    assert np.allclose(p.sum(axis=1), 1.0)
    assert p[0].argmax() == 1
    assert np.allclose(p[1], p[2]) and p[1].argmax() == 0  # the bias alone


def test_mix_gives_the_model_its_share_and_blend_zero_changes_nothing():
    other = np.array([[1.0, 0.0]], np.float32)
    m = _model(blend=0.25)
    lex = m.probs(["cancel"])
    assert np.allclose(m.mix(other, ["cancel"]), 0.75 * other + 0.25 * lex)
    assert m.mix(other, ["cancel"]).argmax() == 0
    assert _model(blend=0.0).mix(other, ["cancel"]) is other


def test_stored_arrays_load_back_to_the_same_answers():
    m = _model()
    loaded = load_lexical(_Npz(m.to_arrays()), {"lexical": {"blend": 0.5}}, 2)
    assert loaded is not None
    texts = ["cancel please", "hello"]
    assert np.allclose(loaded.probs(texts), m.probs(texts))
    with pytest.raises(ValueError):
        loaded.weight[0, 0] = 1.0  # shared by every call: read-only


def test_a_model_without_lexical_arrays_has_none():
    assert load_lexical(_Npz(), {}, 2) is None


@pytest.mark.parametrize(
    "card, arrays_change, message",
    [
        ({}, {}, "settings are incomplete"),
        ({"lexical": {"blend": 1.5}}, {}, "outside 0..1"),
        ({"lexical": {"blend": 0.5}}, {"lexical.bias": np.zeros(3, np.float32)}, "do not match"),
        ({"lexical": {"blend": 0.5}}, {"lexical.rows": None}, "outside its range"),
    ],
)
def test_a_damaged_lexical_model_is_a_clear_model_error(card, arrays_change, message):
    arrays = _Npz(_model().to_arrays())
    for k, v in arrays_change.items():
        arrays[k] = v if v is not None else arrays[k] * 0 + BUCKETS
    with pytest.raises(ModelError, match=message):
        load_lexical(arrays, card, 2)


def test_fit_learns_words_deterministically():
    import torch

    from scripts.train_lexical import fit

    texts = ["cancel my appointment", "please cancel it", "what time do you open",
             "when are you open", "cancel the visit", "are you open saturday"]  # fmt: skip
    labels = [0, 0, 1, 1, 0, 1]
    a = fit(torch, texts, labels, 2, l2=1e-4, blend=0.3)
    b = fit(torch, texts, labels, 2, l2=1e-4, blend=0.3)
    assert np.array_equal(a.weight, b.weight) and a.blend == 0.3
    assert a.probs(["can you cancel"]).argmax() == 0
    assert a.probs(["what time are you open"]).argmax() == 1
