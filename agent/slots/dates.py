"""Dates a caller says: a date of birth (here) and when they would like to come in (:mod:`when`).

A date of birth identifies the patient, so a wrong reading is worse than a question: the
reader returns a date only when the words allow exactly one, and otherwise a typed problem
with a sentence the agent can say back ("There's no February 30th...").

Conventions (US English, as callers in a US clinic say dates):

* Numbers alone are month first: "3/4/1950" and "three four fifty" are March 4th. A first
  number over 12 cannot be a month, so "13/03/1950" is read day first.
* A two-digit year takes the most recent century that does not put the birth in the future:
  "03-03-50" is 1950, "03-03-20" is 2020, "12-25-26" said in November 2026 is 1926.
* Digits read out one by one ("zero three zero three one nine five zero", "oh three oh three
  nineteen fifty") are read like the keypad's MMDDYYYY; when several splits fit
  ("one two three nineteen fifty": 1/23 or 12/3) the result is ``ambiguous`` and carries both.
* "March nineteen fifty" could be March 19th, '50 or March 1950 with no day: ``ambiguous``.
* More than 120 years ago is ``too_old``; after ``today`` is ``future``.

Only the first few hundred characters are read: an answer to "what's your date of birth?" is
short, and this bounds the work whatever the recogniser hands over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from agent.slots._calendar import (
    NUMERIC_DMY,
    NUMERIC_ISO,
    NUMERIC_MD,
    impossible_message,
    max_days,
    month_at,
    safe_date,
)
from agent.slots.numbers import Numeral, Token, join_digits, lex
from agent.slots.when import (
    Assumption,
    PartOfDay,
    WhenProblem,
    WhenProblemKind,
    WhenRequest,
    parse_when,
)

__all__ = [
    "Assumption",
    "DobProblem",
    "DobResult",
    "PartOfDay",
    "WhenProblem",
    "WhenProblemKind",
    "WhenRequest",
    "parse_date_of_birth",
    "parse_dob_keypad",
    "parse_when",
]

_LIMIT = 300
MAX_AGE_YEARS = 120


class DobProblem(StrEnum):
    IMPOSSIBLE = "impossible"  # no such day: "February 30th", month 13
    FUTURE = "future"
    TOO_OLD = "too_old"  # more than MAX_AGE_YEARS ago
    AMBIGUOUS = "ambiguous"  # more than one date fits; see ``candidates``
    INCOMPLETE = "incomplete"  # part of a date: no year, no day
    NOT_A_DATE = "not_a_date"


_MESSAGES = {
    DobProblem.FUTURE: "That date is in the future.",
    DobProblem.TOO_OLD: f"That date is more than {MAX_AGE_YEARS} years ago.",
    DobProblem.AMBIGUOUS: (
        "Could you say the date of birth once more, with the month, the day, and the year?"
    ),
    DobProblem.NOT_A_DATE: "Please tell me the date of birth: the month, the day, and the year.",
}
_KEYPAD_HELP = "Please enter 8 digits: 2 for the month, 2 for the day, and 4 for the year."


@dataclass(frozen=True, slots=True)
class DobResult:
    """Either a ``date`` or a ``problem`` (exactly one is set).

    ``message`` is a sentence the agent can say when there is a problem; it repeats at most
    the month the caller said, never the whole date. ``candidates`` lists the dates an
    ambiguous answer could mean, so the agent can ask "the 23rd of January, or December 3rd?".
    """

    date: dt.date | None = None
    problem: DobProblem | None = None
    message: str = ""
    candidates: tuple[dt.date, ...] = ()

    def __post_init__(self) -> None:
        if (self.date is None) == (self.problem is None):
            raise ValueError("a DobResult holds a date or a problem, not both or neither")

    @property
    def ok(self) -> bool:
        return self.date is not None


def _problem(
    problem: DobProblem, message: str | None = None, candidates: tuple[dt.date, ...] = ()
) -> DobResult:
    return DobResult(
        problem=problem,
        message=message if message is not None else _MESSAGES.get(problem, ""),
        candidates=candidates,
    )


def parse_date_of_birth(text: object, today: dt.date) -> DobResult:
    """Read a date of birth from what the caller said. Never raises.

    "March 3rd 1950", "the third of March, nineteen fifty", "3/3/1950", "03-03-50", "March
    third fifty", "oh three oh three nineteen fifty", "zero three zero three one nine five
    zero", "born in 1950 on March 3rd", "1950-03-03". See the module docstring for the
    conventions.
    """
    tokens = lex(text, limit=_LIMIT)
    numeric = [r for t in tokens if isinstance(t, str) and (r := _numeric(t, today)) is not None]
    if numeric:
        return _one_of(numeric)
    months = [(i, m) for i in range(len(tokens)) if (m := month_at(tokens, i)) is not None]
    if months:
        if len({m for _, m in months}) > 1:
            return _problem(DobProblem.AMBIGUOUS)
        return _with_month(tokens, months[0][0], months[0][1], today)
    return _numbers_only(tokens, today)


def parse_dob_keypad(digits: object, today: dt.date) -> DobResult:
    """Read a date of birth keyed as MMDDYYYY ("03151950"; a closing "#" is allowed).

    Fewer than 8 digits is ``incomplete``; more, or a key that is not a digit, is
    ``not_a_date``; both with a message explaining the format. Never raises.
    """
    if not isinstance(digits, str):
        return _problem(DobProblem.NOT_A_DATE, _KEYPAD_HELP)
    keys = digits.strip()[:32].rstrip("#").replace(" ", "")
    if not keys:
        return _problem(DobProblem.INCOMPLETE, _KEYPAD_HELP)
    if any(k not in "0123456789" for k in keys) or len(keys) > 8:
        return _problem(DobProblem.NOT_A_DATE, _KEYPAD_HELP)
    if len(keys) < 8:
        return _problem(DobProblem.INCOMPLETE, _KEYPAD_HELP)
    return _make(int(keys[4:]), int(keys[:2]), int(keys[2:4]), today)


def _make(year: int, month: int, day: int, today: dt.date) -> DobResult:
    """Check a full date against the calendar, the future and the oldest plausible age."""
    message = impossible_message(month, day, year, past=True)
    d = safe_date(year, month, day)
    if message is not None or d is None:
        return _problem(DobProblem.IMPOSSIBLE, message or "That isn't a date on the calendar.")
    if d > today:
        return _problem(DobProblem.FUTURE)
    oldest_year = today.year - MAX_AGE_YEARS
    # Before year 1 there is no calendar (a clock set near year 120): nothing is too old.
    oldest = (
        safe_date(oldest_year, today.month, today.day) or dt.date(oldest_year, 2, 28)
        if oldest_year >= 1
        else dt.date.min
    )
    if d < oldest:
        return _problem(DobProblem.TOO_OLD)
    return DobResult(date=d)


def _month_first(a: int, b: int) -> tuple[int, int]:
    """(month, day) from two numbers said in US order, unless the first cannot be a month."""
    if a > 12 >= b:
        return b, a
    return a, b


def _century(yy: int, month: int, day: int, today: dt.date) -> int:
    """The most recent year ending in ``yy`` that does not put the date in the future."""
    for base in (today.year // 100 * 100, today.year // 100 * 100 - 100):
        d = safe_date(base + yy, month, day)
        if d is not None and d <= today:
            return base + yy
    return today.year // 100 * 100 - 100 + yy


def _complete(
    a: int, b: int, year: int, two_digit: bool, today: dt.date, *, swap: bool = True
) -> DobResult:
    month, day = _month_first(a, b) if swap else (a, b)
    if two_digit:
        year = _century(year, month, day, today)
    return _make(year, month, day, today)


def _numeric(token: str, today: dt.date) -> DobResult | None:
    if m := NUMERIC_ISO.fullmatch(token):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)
    if m := NUMERIC_DMY.fullmatch(token):
        y = m.group(3)
        return _complete(int(m.group(1)), int(m.group(2)), int(y), len(y) == 2, today)
    if m := NUMERIC_MD.fullmatch(token):
        month, day = _month_first(int(m.group(1)), int(m.group(2)))
        message = impossible_message(month, day, None, past=True)
        if message is not None:
            return _problem(DobProblem.IMPOSSIBLE, message)
        return _problem(DobProblem.INCOMPLETE, "I didn't catch the year.")
    return None


def _one_of(results: list[DobResult]) -> DobResult:
    dates = tuple(dict.fromkeys(r.date for r in results if r.date is not None))
    if len(dates) == 1:
        return DobResult(date=dates[0])
    if len(dates) > 1:
        return _problem(DobProblem.AMBIGUOUS, candidates=dates)
    return results[0]


def _numeral_beside(tokens: list[Token], i: int, step: int, skip: frozenset[str]) -> int | None:
    j = i + step
    while 0 <= j < len(tokens) and tokens[j] in skip:
        j += step
    if 0 <= j < len(tokens) and isinstance(tokens[j], Numeral):
        return j
    return None


_AFTER_SKIP = frozenset({"the"})
_BEFORE_SKIP = frozenset({"of", "the"})


def _could_be_day(n: Numeral) -> bool:
    return n.ordinal or (n.value <= 31 and len(n.digits) <= 2)


def _with_month(tokens: list[Token], i: int, month: int, today: dt.date) -> DobResult:
    after = _numeral_beside(tokens, i, 1, _AFTER_SKIP)
    before = _numeral_beside(tokens, i, -1, _BEFORE_SKIP)
    day_at: int | None = None
    before_n = tokens[before] if before is not None else None
    after_n = tokens[after] if after is not None else None
    if (
        isinstance(before_n, Numeral)
        and before is not None
        and (before_n.ordinal or tokens[before + 1] == "of")
    ):
        day_at = before
    elif isinstance(after_n, Numeral) and _could_be_day(after_n):
        day_at = after
    elif isinstance(before_n, Numeral) and _could_be_day(before_n):
        day_at = before
    numerals = [(j, t) for j, t in enumerate(tokens) if isinstance(t, Numeral) and j != day_at]
    years = _years(numerals)
    if day_at is None:
        return _problem(DobProblem.INCOMPLETE, "I didn't catch the day of the month.")
    day_n = tokens[day_at]
    assert isinstance(day_n, Numeral)
    day = day_n.value
    if day > 31 or day > max_days(month) or day < 1:
        return _problem(
            DobProblem.IMPOSSIBLE, impossible_message(month, day, None, past=True) or ""
        )
    if not years:
        return _problem(DobProblem.INCOMPLETE, "I didn't catch the year.")
    # "March nineteen fifty": 19 could be the day, or half of the year 1950.
    if (
        day_at == after
        and not day_n.ordinal
        and day_n.spoken
        and day in (19, 20)
        and len(years) == 1
        and years[0][1]
        and years[0][2] == day_at + 1
    ):
        reading = _complete(month, day, years[0][0], True, today)
        candidates = (reading.date,) if reading.date is not None else ()
        return _problem(DobProblem.AMBIGUOUS, candidates=candidates)
    full = {y for y, two_digit, _ in years if not two_digit and today.year - 130 <= y}
    if len(full) > 1:
        readings = [_complete(month, day, y, False, today) for y in sorted(full)]
        dates = tuple(r.date for r in readings if r.date is not None)
        return _problem(DobProblem.AMBIGUOUS, candidates=dates)
    if full:
        years = [y for y in years if y[0] in full]
    year, two_digit, _ = min(years, key=lambda y: abs(y[2] - i))
    return _complete(month, day, year, two_digit, today)


def _runs(numerals: list[tuple[int, Numeral]]) -> list[list[tuple[int, Numeral]]]:
    """Numerals in runs of adjacent tokens."""
    runs: list[list[tuple[int, Numeral]]] = []
    for j, n in numerals:
        if runs and runs[-1][-1][0] == j - 1:
            runs[-1].append((j, n))
        else:
            runs.append([(j, n)])
    return runs


def _years(numerals: list[tuple[int, Numeral]]) -> list[tuple[int, bool, int]]:
    """Year readings (year, is_two_digit, token index) among numerals that are not the day.

    "1950"; "nineteen fifty" (19, 50); "nineteen oh five" (19, 05); "one nine five zero";
    "fifty" (two digits).
    """
    years: list[tuple[int, bool, int]] = []
    for run in _runs(numerals):
        if len(run) == 1:
            j, n = run[0]
            if n.ordinal:
                continue
            if len(n.digits) == 4 and 1000 <= n.value:
                years.append((n.value, False, j))
            elif len(n.digits) <= 2:
                years.append((n.value, True, j))
            continue
        spelled = join_digits([n for _, n in run])
        if all(len(n.digits) <= 2 and not n.ordinal for _, n in run):
            if len(spelled) == 4:
                years.append((int(spelled), False, run[0][0]))
            elif len(spelled) == 2:
                years.append((int(spelled), True, run[0][0]))
    return years


_LAYOUTS = {
    8: ((2, 2, 4),),
    7: ((1, 2, 4), (2, 1, 4)),
    6: ((2, 2, 2), (1, 1, 4)),
    5: ((1, 2, 2), (2, 1, 2)),
}


def _numbers_only(tokens: list[Token], today: dt.date) -> DobResult:
    numerals = [t for t in tokens if isinstance(t, Numeral)]
    if not numerals:
        return _problem(DobProblem.NOT_A_DATE)
    structured = _structured(numerals, today)
    if structured is not None:
        return structured
    digits = join_digits(numerals)
    keypad_like = all(len(n.digits) <= 2 for n in numerals) or (
        len(numerals) == 1 and len(digits) in (6, 7, 8)
    )
    if keypad_like and len(digits) in _LAYOUTS:
        return _spelled_out(digits, today)
    if len(numerals) == 1 and len(digits) == 4 and 1000 <= numerals[0].value:
        return _problem(DobProblem.INCOMPLETE, "I didn't catch the month and day.")
    if len(numerals) == 2 and all(n.value <= 31 for n in numerals):
        return _problem(DobProblem.INCOMPLETE, "I didn't catch the year.")
    return _problem(DobProblem.NOT_A_DATE)


def _structured(numerals: list[Numeral], today: dt.date) -> DobResult | None:
    """Month, day and year said as three numbers: "3 3 1950", "three three fifty", "oh
    three oh three nineteen fifty"."""
    last = numerals[-1]
    head: list[Numeral]
    if len(last.digits) == 4 and not last.ordinal:
        year, two_digit, head = last.value, False, numerals[:-1]
    elif len(numerals) >= 2 and _pair(numerals[-2], last):
        year, two_digit, head = numerals[-2].value * 100 + last.value, False, numerals[:-2]
    elif len(numerals) == 3 and last.value <= 99 and not last.ordinal:
        year, two_digit, head = last.value, True, numerals[:-1]
    else:
        return None
    if len(head) != 2 or any(n.value > 31 and not n.ordinal for n in head):
        return None
    return _complete(head[0].value, head[1].value, year, two_digit, today)


def _pair(a: Numeral, b: Numeral) -> bool:
    """A year said as two pairs: "nineteen fifty", "nineteen oh five", "twenty twenty"."""
    return (
        a.spoken
        and b.spoken
        and not a.ordinal
        and not b.ordinal
        and 10 <= a.value <= 99
        and b.value <= 99
        and len(b.digits) == 2
    )


def _spelled_out(digits: str, today: dt.date) -> DobResult:
    """Read a run of digits as MMDDYYYY, or the shorter layouts a caller may drop zeros in."""
    results: list[DobResult] = []
    layouts = _LAYOUTS[len(digits)]
    for lm, ld, ly in layouts:
        a, b, y = int(digits[:lm]), int(digits[lm : lm + ld]), int(digits[lm + ld :])
        if ly == 4 and y < 1000:
            continue
        # Day first only when the digits can be split one way: with dropped zeros, a swap
        # would add readings nobody meant.
        results.append(_complete(a, b, y, ly == 2, today, swap=len(layouts) == 1))
    if len(digits) == 8 and not any(r.ok for r in results):
        iso = _make(int(digits[:4]), int(digits[4:6]), int(digits[6:]), today)
        if iso.ok:
            return iso
    if not results:
        return _problem(DobProblem.NOT_A_DATE)
    return _one_of(results)
