"""Whatever the recogniser or the keypad hands over, the readers answer, and answer fast.

Transcripts are untrusted input: any text, any length, any script, control characters from
a bad decode. No reader may raise, and none may take time that grows with the input beyond
the prefix it reads.
"""

from __future__ import annotations

import time
import timeit
from collections.abc import Callable
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.slots import (
    Command,
    Confirmation,
    DobResult,
    MedMatch,
    SpokenName,
    WhenProblem,
    WhenRequest,
    classify_command,
    heard_medications,
    match_medication,
    name_similarity,
    normalise_name,
    parse_confirmation,
    parse_date_of_birth,
    parse_dob_keypad,
    parse_number,
    parse_spoken_name,
    parse_when,
)
from agent.slots.numbers import lex
from tests.slots.conftest import NOW, TODAY

MEDS = [
    "Lisinopril 10 mg",
    "Metformin 500 mg",
    "Atorvastatin 20 mg",
    "Levothyroxine 50 mcg",
    "Albuterol inhaler",
]

# Words that steer the readers into their deeper branches.
_VOCAB = [
    "the",
    "of",
    "at",
    "on",
    "next",
    "this",
    "not",
    "but",
    "and",
    "my",
    "name",
    "is",
    "it's",
    "for",
    "mother",
    "her",
    "yes",
    "no",
    "wait",
    "actually",
    "maybe",
    "agent",
    "repeat",
    "March",
    "may",
    "Feb",
    "December",
    "Tuesday",
    "Mondays",
    "tomorrow",
    "today",
    "tonight",
    "morning",
    "afternoon",
    "lunchtime",
    "noon",
    "after",
    "before",
    "between",
    "from",
    "to",
    "in",
    "weeks",
    "days",
    "month",
    "end",
    "week",
    "first",
    "third",
    "twenty",
    "one",
    "nineteen",
    "fifty",
    "oh",
    "zero",
    "hundred",
    "thousand",
    "and",
    "3",
    "14th",
    "31st",
    "3:30",
    "10:30",
    "3/3/1950",
    "1950-03-03",
    "13/13/99",
    "99:99",
    "pm",
    "a.m.",
    "o'clock",
    "half",
    "past",
    "quarter",
    "S",
    "M",
    "I",
    "T",
    "H",
    "double",
    "as",
    "O'Brien",
    "Zoë",
    "lice",
    "pril",
    "met",
    "men",
    "Lipitor",
    ",",
    ".",
    "?",
    "-",
    "'",
    '"',
    "(coughs)",
    "[BLANK_AUDIO]",
    "um",
    "uh",
    "9" * 40,
    "٣",
    "²",
    "\x00",
    "\u200b",
    "ß",
    "İ",
]
phrases = st.lists(st.sampled_from(_VOCAB), max_size=25).map(" ".join)
anything = st.one_of(st.text(max_size=300), phrases)

READERS: list[tuple[str, Callable[[str], object]]] = [
    ("parse_number", parse_number),
    ("lex", lex),
    ("parse_date_of_birth", lambda s: parse_date_of_birth(s, TODAY)),
    ("parse_dob_keypad", lambda s: parse_dob_keypad(s, TODAY)),
    ("parse_when", lambda s: parse_when(s, NOW)),
    ("parse_spoken_name", parse_spoken_name),
    ("normalise_name", normalise_name),
    ("name_similarity", lambda s: name_similarity(s, "Mary Ann O'Brien")),
    ("match_medication", lambda s: match_medication(s, MEDS)),
    ("heard_medications", lambda s: heard_medications(s, MEDS)),
    ("classify_command", classify_command),
    ("parse_confirmation", parse_confirmation),
]


def _check_types(text: str) -> None:
    assert isinstance(parse_number(text), int | None)
    assert isinstance(parse_date_of_birth(text, TODAY), DobResult)
    assert isinstance(parse_dob_keypad(text, TODAY), DobResult)
    assert isinstance(parse_when(text, NOW), WhenRequest | WhenProblem)
    assert isinstance(parse_spoken_name(text), SpokenName | None)
    assert isinstance(normalise_name(text), str)
    score = name_similarity(text, "Mary Ann O'Brien")
    assert 0.0 <= score <= 1.0
    med = match_medication(text, MEDS)
    assert med is None or (isinstance(med, MedMatch) and med.name in MEDS)
    assert all(m.name in MEDS for m in heard_medications(text, MEDS))
    assert isinstance(classify_command(text), Command | None)
    assert isinstance(parse_confirmation(text), Confirmation)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_no_reader_raises(text: str) -> None:
    _check_types(text)


@settings(max_examples=100)
@given(anything, st.sampled_from(["0", "1", "2", "", "#", "*", "12", " 1 ", "\u0661"]))
def test_keypad_with_words_never_raises(text: str, keys: str) -> None:
    assert isinstance(classify_command(text, keys), Command | None)
    assert isinstance(parse_confirmation(text, keys), Confirmation)


@settings(max_examples=100)
@given(anything, st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9000, 1, 1)))
def test_when_holds_for_any_now(text: str, now: datetime) -> None:
    result = parse_when(text, now.replace(tzinfo=NOW.tzinfo))
    if isinstance(result, WhenRequest):
        assert result.start < result.end


@settings(max_examples=100)
@given(anything, st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_dob_holds_for_any_today(text: str, today: date) -> None:
    result = parse_date_of_birth(text, today)
    assert result.date is None or result.date <= today


def test_a_birth_date_near_the_start_of_the_calendar_is_not_a_crash() -> None:
    # Found by the property above: year 100 with "today" in year 120 has no oldest year.
    assert parse_date_of_birth("01/01/0100", date(120, 1, 1)).date == date(100, 1, 1)


def test_readers_survive_any_type() -> None:
    for value in (None, 3, b"March 3rd", ["x"], object()):
        for _, reader in READERS:
            reader(value)  # type: ignore[arg-type]
    assert match_medication("x", None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\x7f",
        "\u202e\u200f",
        "ماي نيم إز ماري",
        "私の名前はメアリーです 三月三日",
        "ß" * 1000,
        "İ" * 1000,
        "9" * 10_000,
        "3/" * 5000,
        ", " * 5000,
        "S " * 5000,
        "twenty " * 5000,
        "double " * 5000,
        "not " * 5000,
    ],
)
def test_awkward_text(text: str) -> None:
    _check_types(text)


# --- speed --------------------------------------------------------------------------------

TYPICAL: list[tuple[str, Callable[[], object]]] = [
    ("dob", lambda: parse_date_of_birth("uh it's March third, nineteen fifty", TODAY)),
    ("dob digits", lambda: parse_date_of_birth("zero three zero three one nine five zero", TODAY)),
    ("keypad", lambda: parse_dob_keypad("03031950", TODAY)),
    ("when", lambda: parse_when("next Tuesday afternoon, around three thirty if you can", NOW)),
    ("when date", lambda: parse_when("December 3rd at 10:30 please", NOW)),
    ("name", lambda: parse_spoken_name("uh yeah it's Robert, Bob, Jones, J O N E S")),
    ("similarity", lambda: name_similarity("Jon Smyth", "John Q Smith")),
    ("medication", lambda: match_medication("I need a refill on my met for men please", MEDS)),
    ("medications", lambda: heard_medications("my lice in a pril and the met for men", MEDS)),
    ("command", lambda: classify_command("no wait, that's wrong, it's Tuesday")),
    ("confirmation", lambda: parse_confirmation("yes but can it be later")),
]


def _per_call(fn: Callable[[], object], number: int = 20) -> float:
    """Best of five runs: scheduling noise on a shared machine only ever adds time."""
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def _best_per_call(fn: Callable[[], object], bound: float, budget_s: float = 3.0) -> float:
    """Best per-call time of five runs of 20 calls, and of more runs (up to ``budget_s``)
    while none has come in under ``bound``.

    On this project's 2-core virtual machines a whole process can run slow for a second or
    more (the same 0.62 ms call measured 0.64 to 1.1 ms in separate processes, whatever the
    hash seed); interference only ever adds time, so the best run is the call's own cost.
    """
    best = _per_call(fn)
    deadline = time.perf_counter() + budget_s
    while best >= bound and time.perf_counter() < deadline:
        best = min(best, _per_call(fn))
    return best


@pytest.mark.parametrize(("name", "call"), TYPICAL, ids=[n for n, _ in TYPICAL])
def test_typical_calls_are_well_under_a_millisecond(name: str, call: Callable[[], object]) -> None:
    call()  # warm the caches every deployment warms on its first call
    assert _best_per_call(call, bound=0.001) < 0.001, name


_10K = " ".join(
    [
        "um",
        "March",
        "third",
        "so",
        "my",
        "name",
        "is",
        "Mary",
        "lice",
        "pril",
        "yes",
        "Tuesday",
        "at",
        "3",
        "S",
        "M",
    ]
    * 625
)


@pytest.mark.parametrize(("name", "reader"), READERS, ids=[n for n, _ in READERS])
def test_ten_thousand_words_cost_no_more_than_a_page(
    name: str, reader: Callable[[str], object]
) -> None:
    assert len(_10K.split()) == 10_000
    long = _per_call(lambda: reader(_10K), number=3)
    longer = _per_call(lambda: reader(_10K * 10), number=3)
    assert long < 0.02, name  # bounded work: only a prefix is read
    assert longer < 3 * long + 0.002, name  # ten times the words, not ten times the time
