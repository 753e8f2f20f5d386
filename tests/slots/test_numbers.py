from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent.slots._fuzzy import levenshtein, ratio, sound_key
from agent.slots.numbers import Numeral, join_digits, lex, parse_number, render


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three", 3),
        ("twenty one", 21),
        ("twenty-one", 21),
        ("twenty-first", 21),
        ("the twenty first", 21),
        ("thirty-first.", 31),
        ("oh three", 3),
        ("zero", 0),
        ("two thousand and five", 2005),
        ("two thousand five", 2005),
        ("two thousand twenty six", 2026),
        ("one hundred and five", 105),
        ("fifteen hundred", 1500),
        ("nineteen hundred fifty", 1950),
        ("third", 3),
        ("twelfth", 12),
        ("3", 3),
        ("3rd", 3),
        ("21st", 21),
        ("1950", 1950),
        ("um, twenty uh one", 21),
    ],
)
def test_one_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "hello", "nineteen fifty", "three thirty", "1 2", None, "9" * 5000, "²"]
)
def test_not_one_number(text: str | None) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("the third of March, nineteen fifty", "the 3th of march 19 50"),
        ("oh three oh three nineteen fifty", "03 03 19 50"),
        ("zero three zero three one nine five zero", "03 03 1 9 5 0"),
        ("nineteen oh five", "19 05"),
        ("three thirty p.m.", "3 30 pm"),
        ("3:30PM", "3:30 pm"),
        ("at 3 o'clock", "at 3 oclock"),
        ("a.s.a.p.", "asap"),
        ("Oh, three", "oh 3"),  # "oh" as an exclamation stays a word
        ("twenty, one", "20 1"),  # punctuation ends a number
        ("March 3rd 1950.", "march 3th 1950"),
        ("10am", "10 am"),
        ("[BLANK_AUDIO] five", "5"),
    ],
)
def test_lex_renders_numbers_as_digits(text: str, line: str) -> None:
    assert render(lex(text)) == line


def test_numerals_keep_how_they_were_said() -> None:
    tokens = lex("oh three 1950 third")
    assert tokens == [
        Numeral(3, "03"),
        Numeral(1950, "1950", spoken=False),
        Numeral(3, "3", ordinal=True),
    ]
    assert join_digits([t for t in tokens if isinstance(t, Numeral)]) == "0319503"


def _reference_levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


@given(st.text(max_size=30), st.text(max_size=30))
def test_bit_parallel_edit_distance_matches_the_table(a: str, b: str) -> None:
    assert levenshtein(a, b) == _reference_levenshtein(a, b)
    assert 0.0 <= ratio(a, b) <= 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("smith", "smyth"),
        ("catherine", "kathryn"),
        ("stephen", "steven"),
        ("philip", "filip"),
        ("knight", "nite"),
    ],
)
def test_sound_alikes_share_a_key(a: str, b: str) -> None:
    assert sound_key(a) == sound_key(b)


def test_sound_key_keeps_a_leading_vowel_for_names() -> None:
    assert sound_key("ann") != sound_key("ian")
    assert sound_key("atorvastatin", False) == sound_key("atourofastatin", False)
