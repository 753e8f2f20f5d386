from __future__ import annotations

from datetime import date

import pytest

from agent.slots.dates import DobProblem, DobResult, parse_date_of_birth, parse_dob_keypad
from tests.slots.conftest import TODAY

MARCH_3_1950 = date(1950, 3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "March 3rd 1950",
        "March 3rd, 1950.",
        "march third nineteen fifty",
        "the third of March, nineteen fifty",
        "3rd of March 1950",
        "3/3/1950",
        "03/03/1950",
        "03-03-50",
        "3.3.1950",
        "March third fifty",
        "oh three oh three nineteen fifty",
        "zero three zero three one nine five zero",
        "03031950",
        "born in 1950 on March 3rd",
        "nineteen fifty, March third",
        "1950-03-03",
        "three three fifty",
        "3 3 1950",
        "um it's uh March, third, 1950",
        "My date of birth is March 3rd 1950, I'm 76.",
        "Mar 3 1950",
        "[BLANK_AUDIO] March 3rd 1950",
    ],
)
def test_march_third_1950(text: str) -> None:
    result = parse_date_of_birth(text, TODAY)
    assert result == DobResult(date=MARCH_3_1950), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13/03/1950", date(1950, 3, 13)),  # 13 cannot be a month: day first
        ("3/4/1950", date(1950, 3, 4)),  # US order
        ("December 25th, 1926", date(1926, 12, 25)),
        ("12-25-26", date(1926, 12, 25)),  # 2026-12-25 is still to come
        ("01-05-20", date(2020, 1, 5)),  # two digits: the latest past century
        ("01-05-30", date(1930, 1, 5)),
        ("twelve three fifty", date(1950, 12, 3)),
        ("the fifth of may nineteen sixty two", date(1962, 5, 5)),
        ("May 5th 1960", date(1960, 5, 5)),
        ("twenty oh five, July fourth", date(2005, 7, 4)),
        ("nineteen oh five, July fourth", None),  # 1905: too old
        ("January first two thousand and five", date(2005, 1, 1)),
        ("February 29th 2000", date(2000, 2, 29)),
        ("one two three one nine five zero zero", None),  # 12/31/9500: future
        ("03151950", date(1950, 3, 15)),
        ("19500303", date(1950, 3, 3)),  # YYYYMMDD when MMDDYYYY cannot be
        ("3151950", date(1950, 3, 15)),  # a dropped zero: only 3/15 fits
    ],
)
def test_readings(text: str, expected: date | None) -> None:
    assert parse_date_of_birth(text, TODAY).date == expected


@pytest.mark.parametrize(
    ("text", "problem", "message"),
    [
        ("February 30th", DobProblem.IMPOSSIBLE, "There's no February 30th"),
        ("February 30th 1950", DobProblem.IMPOSSIBLE, "February only has 28 or 29 days"),
        ("February 29th 1950", DobProblem.IMPOSSIBLE, "There was no February 29th in 1950"),
        ("the 31st of April 1960", DobProblem.IMPOSSIBLE, "April only has 30 days"),
        ("13/13/1950", DobProblem.IMPOSSIBLE, "only 12 months"),
        ("March 32nd 1950", DobProblem.IMPOSSIBLE, "No month has a 32nd"),
        ("December 1st 2030", DobProblem.FUTURE, "in the future"),
        ("November 24th 2026", DobProblem.FUTURE, "in the future"),
        ("January 1st 1900", DobProblem.TOO_OLD, "120 years"),
        ("March 3rd", DobProblem.INCOMPLETE, "the year"),
        ("3/3", DobProblem.INCOMPLETE, "the year"),
        ("1950", DobProblem.INCOMPLETE, "month and day"),
        ("March 1950", DobProblem.INCOMPLETE, "day of the month"),
        ("March", DobProblem.INCOMPLETE, "day of the month"),
        ("March nineteen fifty", DobProblem.AMBIGUOUS, "month, the day, and the year"),
        ("March 3rd or April 3rd 1950", DobProblem.AMBIGUOUS, ""),
        ("July 4th, 1976 or 1977", DobProblem.AMBIGUOUS, ""),
        ("I don't know", DobProblem.NOT_A_DATE, "the month, the day, and the year"),
        ("", DobProblem.NOT_A_DATE, ""),
        ("may I ask why", DobProblem.NOT_A_DATE, ""),
        ("555 1234 5678", DobProblem.NOT_A_DATE, ""),
    ],
)
def test_problems(text: str, problem: DobProblem, message: str) -> None:
    result = parse_date_of_birth(text, TODAY)
    assert result.problem is problem, result
    assert result.date is None and not result.ok
    assert message in result.message
    assert result.message  # always something to say back


def test_ambiguous_digit_strings_carry_their_readings() -> None:
    result = parse_date_of_birth("one two three nineteen fifty", TODAY)
    assert result.problem is DobProblem.AMBIGUOUS
    assert set(result.candidates) == {date(1950, 1, 23), date(1950, 12, 3)}
    pair = parse_date_of_birth("March nineteen fifty", TODAY)
    assert pair.candidates == (date(1950, 3, 19),)


def test_born_today_is_fine_and_the_oldest_day_is_allowed() -> None:
    assert parse_date_of_birth("November 23rd 2026", TODAY).date == TODAY
    assert parse_date_of_birth("November 23rd 1906", TODAY).date == date(1906, 11, 23)
    assert parse_date_of_birth("November 22nd 1906", TODAY).problem is DobProblem.TOO_OLD


def test_a_result_is_a_date_or_a_problem() -> None:
    with pytest.raises(ValueError):
        DobResult()
    with pytest.raises(ValueError):
        DobResult(date=TODAY, problem=DobProblem.FUTURE)


@pytest.mark.parametrize(
    ("keys", "expected", "problem"),
    [
        ("03151950", date(1950, 3, 15), None),
        ("03151950#", date(1950, 3, 15), None),
        (" 0315 1950 ", date(1950, 3, 15), None),
        ("02301950", None, DobProblem.IMPOSSIBLE),
        ("13011950", None, DobProblem.IMPOSSIBLE),  # keys are MMDDYYYY, never day first
        ("12312030", None, DobProblem.FUTURE),
        ("01011890", None, DobProblem.TOO_OLD),
        ("0315195", None, DobProblem.INCOMPLETE),
        ("", None, DobProblem.INCOMPLETE),
        ("#", None, DobProblem.INCOMPLETE),
        ("031519501", None, DobProblem.NOT_A_DATE),
        ("0315*950", None, DobProblem.NOT_A_DATE),
        ("٠٣١٥١٩٥٠", None, DobProblem.NOT_A_DATE),  # digits, but not keypad digits
        (None, None, DobProblem.NOT_A_DATE),
    ],
)
def test_keypad(keys: str | None, expected: date | None, problem: DobProblem | None) -> None:
    result = parse_dob_keypad(keys, TODAY)
    assert result.date == expected
    assert result.problem is problem
    if problem in (DobProblem.INCOMPLETE, DobProblem.NOT_A_DATE):
        assert "8 digits" in result.message
