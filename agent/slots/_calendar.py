"""Calendar facts both date readers need: month words, month lengths, and the sentences the
agent says back when a date cannot exist."""

from __future__ import annotations

import calendar
import re
from datetime import date

from agent.slots.numbers import Numeral, Token
from agent.slots.speak import MONTHS, ordinal

MONTH_WORDS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "febuary": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        ("jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep sept", "oct", "nov", "dec"), 1
    )
    for name in names.split()
}
# Abbreviations, and "may" ("may I come in?"): a month only when a number stands next to it.
_GUARDED: dict[str, int] = {**MONTH_ABBREVIATIONS, "may": 5}
_JOINERS = frozenset({"the", "of", "on"})

# "3/3/1950", "03-03-50", "3.3.1950", "1950-03-03", "3/3".
NUMERIC_DMY = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{2}|[0-9]{4})")
NUMERIC_ISO = re.compile(r"([0-9]{4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,2})")
NUMERIC_MD = re.compile(r"([0-9]{1,2})/([0-9]{1,2})")


def month_at(tokens: list[Token], i: int) -> int | None:
    """The month ``tokens[i]`` names, if it names one here."""
    t = tokens[i]
    if isinstance(t, Numeral):
        return None
    if t in _GUARDED:
        return _GUARDED[t] if _numeral_near(tokens, i) else None
    return MONTH_WORDS.get(t)


def _numeral_near(tokens: list[Token], i: int) -> bool:
    for step in (1, -1):
        j = i + step
        while 0 <= j < len(tokens) and tokens[j] in _JOINERS:
            j += step
        if 0 <= j < len(tokens) and isinstance(tokens[j], Numeral):
            return True
    return False


def days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def max_days(month: int) -> int:
    """The most days ``month`` ever has (February: 29)."""
    return days_in(2000, month)


def valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= days_in(year, month) and 1 <= year <= 9999


def impossible_message(month: int, day: int, year: int | None, *, past: bool) -> str | None:
    """What to say when ``month``/``day`` (in ``year``, if known) cannot be a date, or None.

    "There's no February 30th. February only has 28 or 29 days." The caller hears what was
    wrong, so they can correct the part they misspoke rather than start again.
    """
    if not 1 <= month <= 12:
        return "There are only 12 months in a year."
    if day < 1:
        return "There's no day zero in a month."
    if day > 31:
        return f"No month has a {ordinal(day)}."
    name = MONTHS[month - 1]
    if day > max_days(month):
        most = "28 or 29" if month == 2 else str(max_days(month))
        return f"There's no {name} {ordinal(day)}. {name} only has {most} days."
    if year is not None and 1 <= year <= 9999 and day > days_in(year, month):
        if past:
            return f"There was no February 29th in {year}. It wasn't a leap year."
        return f"There's no February 29th in {year}. It isn't a leap year."
    return None


def safe_date(year: int, month: int, day: int) -> date | None:
    return date(year, month, day) if valid(year, month, day) else None
