"""Which of the options just read out the caller means: "the first", "Tuesday", "the 3 o'clock".

Only an answer that points at exactly one option counts; anything that fits two (or none)
is asked again, because booking the wrong time is worse than asking twice.
"""

from __future__ import annotations

import re
from datetime import datetime

_ORDINALS = {
    0: r"first|1st|number one|option one|the one|earlier|earliest|sooner|former",
    1: r"second|2nd|number two|option two|later one|latter|the other",
    2: r"third|3rd|number three|option three",
}
_LAST = re.compile(r"\b(?:last|latest|the later)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "noon": 12,
}  # fmt: skip
_HOUR = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)"
    r"(?::(\d{2}))?\s*(?:o'?clock|a\.?m\.?|p\.?m\.?|thirty|fifteen|forty-?five)?\b"
)
_DAY_OF_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")


def pick(text: str, dtmf: str | None, times: list[datetime], spoken: list[str]) -> int | None:
    """The index of the one option ``text`` (or a keypad digit) points at, else None."""
    n = len(times)
    if dtmf and dtmf.isdigit() and 1 <= int(dtmf) <= n:
        return int(dtmf) - 1
    words = text.lower()[:300]
    for index, pattern in _ORDINALS.items():
        if index < n and re.search(rf"\b(?:{pattern})\b", words):
            return index
    if _LAST.search(words) and n > 1:
        return n - 1
    fits = set(range(n))
    days = [i for i, t in enumerate(times) if _WEEKDAYS[t.weekday()] in words]
    if days:
        fits &= set(days)
    dates = {int(m.group(1)) for m in _DAY_OF_MONTH.finditer(words)}
    if dates:
        fits &= {i for i, t in enumerate(times) if t.day in dates}
    hours = _hours(words)
    if hours:
        fits &= {i for i, t in enumerate(times) if t.hour % 12 in hours}
    names = [i for i, s in enumerate(spoken) if _provider_named(s, words)]
    if names:
        fits &= set(names)
    if len(fits) == 1 and (days or dates or hours or names):
        return fits.pop()
    return None


def _hours(words: str) -> set[int]:
    found = set()
    for m in _HOUR.finditer(words):
        token = m.group(1)
        value = int(token) if token.isdigit() else _NUMBER_WORDS[token]
        if 1 <= value <= 12:
            found.add(value % 12)
    return found


def _provider_named(spoken: str, words: str) -> bool:
    """ "with Doctor Nguyen" in the option, "Nguyen" in the answer."""
    if " with " not in spoken:
        return False
    surname = spoken.rsplit(" ", 1)[-1].lower().strip(".")
    return len(surname) > 2 and re.search(rf"\b{re.escape(surname)}\b", words) is not None
