"""The words more than one reader knows: months, weekdays, parts of the day, and the
respellings that turn what was said into the one form the readers look for."""

from __future__ import annotations

import re

from agent.slots._calendar import MONTH_ABBREVIATIONS, MONTH_WORDS
from agent.slots.speak import WEEKDAYS
from agent.slots.when._request import PartOfDay

_MONTH_NAMES = (
    "january|february|febuary|march|april|may|june|july|august|september|october|november"
    "|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_WEEKDAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|weds"


def month_rx(group: str) -> str:
    return rf"(?P<{group}>{_MONTH_NAMES})"


def weekday_rx(group: str) -> str:
    return rf"(?P<{group}>{_WEEKDAY_NAMES})s?"


def year_rx(group: str) -> str:
    return rf"(?P<{group}>\d{{4}}|(?:19|20) \d{{2}})"


MONTH_NUM = {**MONTH_WORDS, **MONTH_ABBREVIATIONS}
WEEKDAY_NUM = {
    **{name.lower(): i for i, name in enumerate(WEEKDAYS)},
    **{"tues": 1, "weds": 2, "thurs": 3},
}

PART_WORDS = {
    **{w: PartOfDay.MORNING for w in ("morning", "mornings")},
    **{w: PartOfDay.AFTERNOON for w in ("afternoon", "afternoons")},
    **{w: PartOfDay.EVENING for w in ("evening", "evenings", "night", "nights")},
    **{w: PartOfDay.LUNCHTIME for w in ("lunchtime", "lunch")},
}
# A part of the day said anywhere in the line, to read a bare "at 7" by.
PART_HINT = re.compile(
    r"\b(?P<p>mornings?|afternoons?|evenings?|nights?|tonight|lunchtime|lunch)\b"
)

NORMALISE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\b12 noon\b", "noon"),
        (r"\bmid day\b", "midday"),
        (r"\blunch (?:time|hour)\b", "lunchtime"),
        (r"\b(?:a )?fortnight\b", "2 weeks"),
        (r"\b(?:a )?couple(?: of)?\b", "2"),
        (r"\b(?:a )?few\b", "3"),
        (r"\bto day\b", "today"),
        (r"\btomorrows?\b|\btmrw\b|\bto morrow\b", "tomorrow"),
        (r"\bafter noon\b", "afternoon"),
    )
)
