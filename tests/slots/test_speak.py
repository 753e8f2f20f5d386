from __future__ import annotations

from datetime import date, datetime, time

import pytest

from agent.slots.speak import (
    ordinal,
    say_date,
    say_dob,
    say_list,
    say_money,
    say_slot,
    say_time,
)
from tests.slots.conftest import NY, TODAY


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (31, "31st"),
        (111, "111th"),
    ],
)
def test_ordinal(n: int, text: str) -> None:
    assert ordinal(n) == text


# Today is Monday, November 23rd 2026.
@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2026, 11, 23), "today"),
        (date(2026, 11, 24), "tomorrow"),
        (date(2026, 11, 22), "yesterday"),
        (date(2026, 11, 27), "this Friday, November 27th"),
        (date(2026, 11, 29), "this Sunday, November 29th"),
        (date(2026, 12, 1), "Tuesday, December 1st"),
        (date(2026, 12, 4), "Friday, December 4th"),
        (date(2027, 1, 11), "Monday, January 11th"),  # next January: no year needed
        (date(2027, 11, 22), "Monday, November 22nd"),  # still the next November 22nd
        (date(2027, 11, 30), "Tuesday, November 30th, 2027"),  # Nov 30th 2026 comes first
        (date(2025, 12, 1), "Monday, December 1st, 2025"),
        (date(2026, 3, 3), "Tuesday, March 3rd"),  # earlier this year
    ],
)
def test_say_date(d: date, text: str) -> None:
    assert say_date(d, TODAY) == text


def test_say_date_this_week_near_the_weekend() -> None:
    friday = date(2026, 11, 27)
    assert say_date(date(2026, 11, 29), friday) == "this Sunday, November 29th"
    assert say_date(date(2026, 11, 30), friday) == "Monday, November 30th"


@pytest.mark.parametrize(
    ("t", "text"),
    [
        (time(15), "3 p.m."),
        (time(10, 30), "10:30 a.m."),
        (time(9, 5), "9:05 a.m."),
        (time(12), "noon"),
        (time(0), "midnight"),
        (time(12, 30), "12:30 p.m."),
        (time(0, 15), "12:15 a.m."),
        (time(23, 59, 59), "11:59 p.m."),
    ],
)
def test_say_time(t: time, text: str) -> None:
    assert say_time(t) == text


def test_say_slot() -> None:
    assert (
        say_slot(datetime(2026, 12, 1, 15, tzinfo=NY), TODAY) == "Tuesday, December 1st at 3 p.m."
    )
    assert say_slot(datetime(2026, 11, 23, 10, 30, tzinfo=NY), TODAY) == "today at 10:30 a.m."
    assert say_slot(datetime(2026, 11, 27, 12), TODAY) == "this Friday, November 27th at noon"


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (4250, "42 dollars and 50 cents"),
        (4200, "42 dollars"),
        (100, "1 dollar"),
        (101, "1 dollar and 1 cent"),
        (5, "5 cents"),
        (0, "zero dollars"),
        (125_000, "1,250 dollars"),
        (-500, "a credit of 5 dollars"),
    ],
)
def test_say_money(cents: int, text: str) -> None:
    assert say_money(cents) == text


def test_say_dob() -> None:
    assert say_dob(date(1950, 3, 3)) == "March 3rd, 1950"
    assert say_dob(date(2001, 12, 22)) == "December 22nd, 2001"


@pytest.mark.parametrize(
    ("items", "text"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a or b"),
        (["a", "b", "c"], "a, b, or c"),
        (["Tuesday at 3 p.m.", "Wednesday at 9 a.m."], "Tuesday at 3 p.m. or Wednesday at 9 a.m."),
    ],
)
def test_say_list(items: list[str], text: str) -> None:
    assert say_list(items) == text


def test_say_list_and() -> None:
    assert say_list(["lisinopril", "metformin", "atorvastatin"], "and") == (
        "lisinopril, metformin, and atorvastatin"
    )


def test_no_symbols_a_voice_would_spell_out() -> None:
    spoken = [say_money(4250), say_slot(datetime(2027, 1, 11, 9, 5), TODAY), say_dob(TODAY)]
    assert not any(c in s for s in spoken for c in "$/#@%&*")
