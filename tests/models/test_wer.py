"""models/wer.py: word error rate as speech recognition reports it."""

from __future__ import annotations

from models.wer import word_error_rate


def test_case_and_punctuation_are_not_errors() -> None:
    assert word_error_rate("front left", "Front, left.") == 0.0


def test_each_substitution_deletion_and_insertion_counts_once() -> None:
    assert word_error_rate("rear left", "Fear, left.") == 0.5
    assert word_error_rate("rear left", "left") == 0.5
    assert word_error_rate("rear left", "rear left please") == 0.5
    assert word_error_rate("front left", "Front left. Front left.") == 1.0


def test_an_empty_reference_is_measured_against_one_word() -> None:
    assert word_error_rate("", "") == 0.0
    assert word_error_rate("", "you") == 1.0
