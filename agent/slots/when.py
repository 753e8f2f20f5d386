"""When a caller would like an appointment, said the way people say it.

"next Tuesday afternoon", "the 14th at 3", "as soon as possible", "any morning but Friday".
:func:`parse_when` turns it into a :class:`WhenRequest`: a window of datetimes to search
(aware, in ``now``'s zone), daily time bounds, an optional preferred time to search nearest
to, and the weekdays allowed. :meth:`WhenRequest.rank` orders a scheduler's free slots by it.

Conventions, chosen so that a misreading is one the read-back ("Tuesday, December 1st at 3
p.m.?") catches, and recorded in ``assumptions`` whenever one was applied:

* **Weekdays** (weeks run Monday to Sunday). "Tuesday" / "on Tuesday" is the next Tuesday
  after today; said on a Tuesday it means a week today (``weekday_not_today``). "this
  Tuesday" is the coming one and may be today. "next Tuesday" is the Tuesday of next week:
  said on a Monday that is 8 days away, not tomorrow (``next_weekday``). "Tuesday after next"
  adds a week. "Tuesday next week" and "next week on Tuesday" are the same day.
* **Day of the month**: "the 14th" is this month's if it has not passed, else next month's
  (``day_next_month``); "the 31st" in a 30-day month moves on to the next month with a 31st.
* **Month and day**: "March 3rd" is this year's if it has not passed, else next year's
  (``date_next_year``). "12/3" is month first, December 3rd (``month_day_order``).
* **Hours** with no a.m./p.m. are clinic hours (``hour_am_pm``): 1 to 6 are p.m., 7 to 11
  are a.m., 12 is noon; "3 in the morning" and "8 in the evening" say which. The same rule
  reads "after 4" and "before 10".
* **The past**: a date before today, or a time already gone on a day named explicitly
  ("today at 9" at 10 a.m., "this morning" in the afternoon), is a ``past`` problem. A time
  with no day ("at 9") searches from ``now`` onward, so it rolls forward to tomorrow.
* **Impossible** dates and times ("February 30th", "the 31st of April", "the 32nd", "25
  o'clock") are ``impossible`` problems; a weekday that does not match the date ("Tuesday
  the 2nd" when the 2nd is a Wednesday) is a ``conflict``. Each problem carries a sentence
  the agent can say back.
* **No day at all** ("after 4", "any morning", "as soon as possible") searches from ``now``
  to ``now + horizon`` (14 days unless told).
* **Spans**: "next week" is Monday to Sunday; "in two weeks" is the Monday-to-Sunday week
  containing the day two weeks from today; "in 3 days" is that day; "end of the month" is its
  last 7 days; "early next month" its first 7; "later this week" is Thursday to Sunday.
* **Parts of the day**: morning before noon, lunchtime 11:30 to 13:30, afternoon noon to 5,
  evening from 5 ("early"/"late" narrow them). Opening hours are the scheduler's business.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from agent.slots._calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_WORDS,
    days_in,
    impossible_message,
    safe_date,
)
from agent.slots.numbers import lex, render
from agent.slots.speak import WEEKDAYS, month_day, say_time

__all__ = [
    "ALL_WEEKDAYS",
    "DEFAULT_HORIZON",
    "Assumption",
    "PartOfDay",
    "WhenProblem",
    "WhenProblemKind",
    "WhenRequest",
    "parse_when",
]

_LIMIT = 500
DEFAULT_HORIZON = timedelta(days=14)
ALL_WEEKDAYS = frozenset(range(7))
# Slots within this many minutes of the preferred time count as "at" it when ranking.
NEAR_MINUTES = 60


class PartOfDay(StrEnum):
    MORNING = "morning"
    LUNCHTIME = "lunchtime"
    AFTERNOON = "afternoon"
    EVENING = "evening"


class WhenProblemKind(StrEnum):
    IMPOSSIBLE = "impossible"  # no such date or time: "February 30th", "25 o'clock"
    PAST = "past"  # already gone: a past date, "today at 9" at 10 a.m.
    CONFLICT = "conflict"  # parts disagree: "Tuesday the 2nd" when the 2nd is a Wednesday
    NOT_UNDERSTOOD = "not_understood"  # no day or time in the words


class Assumption(StrEnum):
    HOUR_AM_PM = "hour_am_pm"
    NEXT_WEEKDAY = "next_weekday"
    WEEKDAY_NOT_TODAY = "weekday_not_today"
    DAY_NEXT_MONTH = "day_next_month"
    DATE_NEXT_YEAR = "date_next_year"
    MONTH_DAY_ORDER = "month_day_order"


@dataclass(frozen=True, slots=True)
class WhenProblem:
    kind: WhenProblemKind
    message: str  # a sentence the agent can say back


@dataclass(frozen=True, slots=True)
class WhenRequest:
    """Where to look for a slot, and which one to prefer.

    A slot starting at ``s`` fits when ``start <= s < end``, its weekday is in ``weekdays``
    and its local time of day is within [``earliest_time``, ``latest_time``) (None: open).
    ``preferred_time`` is the time asked for ("at 3"): offer the slot nearest it.
    ``earliest`` means the caller asked for the first available ("as soon as possible").
    ``assumptions`` lists the conventions used to read the words: read the slot back.
    """

    start: datetime
    end: datetime
    preferred_time: time | None = None
    part_of_day: PartOfDay | None = None
    earliest_time: time | None = None
    latest_time: time | None = None
    weekdays: frozenset[int] = ALL_WEEKDAYS
    earliest: bool = False
    assumptions: tuple[Assumption, ...] = ()

    def admits(self, slot: datetime) -> bool:
        """Whether a slot starting at ``slot`` fits the request (False, not an error, for a
        naive slot against an aware window)."""
        if (slot.tzinfo is None) != (self.start.tzinfo is None):
            return False
        if not self.start <= slot < self.end:
            return False
        local = slot.astimezone(self.start.tzinfo) if slot.tzinfo is not None else slot
        if local.weekday() not in self.weekdays:
            return False
        t = local.time()
        if self.earliest_time is not None and t < self.earliest_time:
            return False
        return self.latest_time is None or t < self.latest_time

    def rank(self, slots: Iterable[datetime]) -> list[datetime]:
        """The slots that fit, best first: by time with no preferred time; otherwise those
        within ``NEAR_MINUTES`` of it first, day by day, nearest first within a day."""
        fits = [s for s in slots if self.admits(s)]
        preferred = self.preferred_time
        if preferred is None:
            return sorted(fits)
        want = preferred.hour * 60 + preferred.minute

        def key(s: datetime) -> tuple[bool, date, int, datetime]:
            local = s.astimezone(self.start.tzinfo) if s.tzinfo is not None else s
            off = abs(local.hour * 60 + local.minute - want)
            return (off > NEAR_MINUTES, local.date(), off, s)

        return sorted(fits, key=key)


# --- what the words said -------------------------------------------------------------------


@dataclass
class _Heard:
    days: list[date] = field(default_factory=list)  # days named outright
    weekdays: list[tuple[int, str]] = field(default_factory=list)  # (weekday, modifier)
    any_weekdays: set[int] = field(default_factory=set)  # "Tuesdays", "any Tuesday"
    excluded: set[int] = field(default_factory=set)
    span: tuple[date, date] | None = None  # [first day, day after last)
    part: PartOfDay | None = None
    earliest_time: time | None = None
    latest_time: time | None = None
    preferred: time | None = None
    earliest: bool = False
    part_hint: PartOfDay | None = None  # a part of day said anywhere, to read "at 7" by
    assumptions: list[Assumption] = field(default_factory=list)
    problem: WhenProblem | None = None
    anything: bool = False

    def assume(self, a: Assumption) -> None:
        if a not in self.assumptions:
            self.assumptions.append(a)

    def fail(self, kind: WhenProblemKind, message: str) -> None:
        if self.problem is None:
            self.problem = WhenProblem(kind, message)

    def bound(self, lo: time | None, hi: time | None) -> None:
        if lo is not None and (self.earliest_time is None or lo > self.earliest_time):
            self.earliest_time = lo
        if hi is not None and (self.latest_time is None or hi < self.latest_time):
            self.latest_time = hi
        self.anything = True


_MONTH_NAMES = (
    "january|february|febuary|march|april|may|june|july|august|september|october|november"
    "|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_WEEKDAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|weds"


def _mon(group: str) -> str:
    return rf"(?P<{group}>{_MONTH_NAMES})"


def _wd(group: str) -> str:
    return rf"(?P<{group}>{_WEEKDAY_NAMES})s?"


def _year(group: str) -> str:
    return rf"(?P<{group}>\d{{4}}|(?:19|20) \d{{2}})"


_MONTHS = {**MONTH_WORDS, **MONTH_ABBREVIATIONS}
_WEEKDAY_NUM = {
    **{name.lower(): i for i, name in enumerate(WEEKDAYS)},
    **{"tues": 1, "weds": 2, "thurs": 3},
}


def _time_rx(p: str) -> str:
    """A time of day, with group names prefixed by ``p`` so a pattern can hold two."""
    return (
        rf"(?:(?P<{p}noon>noon|midday|midnight)"
        rf"|half (?:past|after) (?P<{p}half>\d{{1,2}})"
        rf"|quarter (?P<{p}qdir>past|after|to|of|till) (?P<{p}qh>\d{{1,2}})"
        rf"|(?P<{p}hm>\d{{3,4}}) ?(?P<{p}mer2>am|pm)"
        rf"|(?P<{p}h>\d{{1,2}})(?:(?::|\.| )(?P<{p}m>\d{{2}}))?"
        rf"(?: ?(?P<{p}mer>am|pm))?(?: (?P<{p}oc>oclock))?)(?: ish)?"
        r"(?!\w| (?:weeks?|days?|months?|years?|minutes?|hours?|th)\b)"
    )


_T = _time_rx("")


_PART_WORDS = {
    **{w: PartOfDay.MORNING for w in ("morning", "mornings")},
    **{w: PartOfDay.AFTERNOON for w in ("afternoon", "afternoons")},
    **{w: PartOfDay.EVENING for w in ("evening", "evenings", "night", "nights")},
    **{w: PartOfDay.LUNCHTIME for w in ("lunchtime", "lunch")},
}
_PART_BOUNDS: dict[tuple[str, PartOfDay], tuple[time | None, time | None]] = {
    ("", PartOfDay.MORNING): (None, time(12)),
    ("early", PartOfDay.MORNING): (None, time(10)),
    ("mid", PartOfDay.MORNING): (time(9), time(11)),
    ("late", PartOfDay.MORNING): (time(10), time(12)),
    ("", PartOfDay.LUNCHTIME): (time(11, 30), time(13, 30)),
    ("", PartOfDay.AFTERNOON): (time(12), time(17)),
    ("early", PartOfDay.AFTERNOON): (time(12), time(14)),
    ("mid", PartOfDay.AFTERNOON): (time(13), time(16)),
    ("late", PartOfDay.AFTERNOON): (time(15), time(17)),
    ("", PartOfDay.EVENING): (time(17), None),
    ("early", PartOfDay.EVENING): (time(17), time(19)),
    ("late", PartOfDay.EVENING): (time(19), None),
}
_FIXED_BOUNDS: dict[str, tuple[time | None, time | None]] = {
    "after lunch": (time(13), None),
    "before lunch": (None, time(12)),
    "after work": (time(17), None),
    "before work": (None, time(9)),
    "after school": (time(15), None),
    "end of the day": (time(15), None),
}

_NORMALISE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
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


def _hour(h: int, minute: int, mer: str | None, part: PartOfDay | None) -> tuple[time | None, bool]:
    """A clock hour as a clinic means it; (None, _) when it cannot be a time. The flag says
    the a.m./p.m. rule was applied."""
    if not 0 <= minute <= 59 or h > 23:
        return None, False
    if mer is not None:
        if h == 0 or h > 12:  # "0 a.m."; "15 p.m." is 3 p.m. said twice, "15 a.m." is nothing
            return (time(h, minute) if mer == "pm" and h > 12 else None), False
        return time(h % 12 + (12 if mer == "pm" else 0), minute), False
    if h == 0 or h > 12:
        return time(h, minute), False  # a 24-hour clock
    if part in (PartOfDay.AFTERNOON, PartOfDay.EVENING):
        return time(h % 12 + 12, minute), False
    if part is PartOfDay.MORNING:
        return time(h % 12, minute), False
    if h == 12:
        return time(12, minute), False
    if h <= 6:
        return time(h + 12, minute), True
    return time(h, minute), True


def _time_of(m: re.Match[str], p: str, part: PartOfDay | None, heard: _Heard) -> time | None:
    """The time a :func:`_time_rx` match says; records an impossible one as a problem."""
    g = m.groupdict()
    if g.get(f"{p}noon"):
        return time(0) if g[f"{p}noon"] == "midnight" else time(12)
    if g.get(f"{p}half"):
        h, minute, mer = int(g[f"{p}half"]), 30, None
    elif g.get(f"{p}qh"):
        h, minute, mer = int(g[f"{p}qh"]), 15, None
        if g[f"{p}qdir"] in ("to", "of", "till"):
            h, minute = (h - 1) % 12 or 12, 45
    elif g.get(f"{p}hm"):
        digits = g[f"{p}hm"]
        h, minute, mer = int(digits[:-2]), int(digits[-2:]), g[f"{p}mer2"]
    else:
        h = int(g[f"{p}h"])
        minute = int(g[f"{p}m"]) if g.get(f"{p}m") else 0
        mer = g.get(f"{p}mer")
    t, assumed = _hour(h, minute, mer, part)
    if t is None:
        heard.fail(WhenProblemKind.IMPOSSIBLE, "That isn't a time on the clock.")
        return None
    if assumed:
        heard.assume(Assumption.HOUR_AM_PM)
    return t


def _has_time_cue(m: re.Match[str], p: str = "") -> bool:
    g = m.groupdict()
    return any(g.get(p + k) for k in ("noon", "half", "qh", "hm", "m", "mer", "oc"))


# --- the readers, in the order they consume the line -----------------------------------------
#
# Each reader is a pattern and a function that records what the match says and returns True,
# or returns False to leave the words for the readers after it. A consumed match is replaced
# by " § " so that nothing is read twice ("the 14th at 3": the 14 is a day, the 3 a time).

Reader = Callable[[re.Match[str], _Heard, date], bool]
_READERS: list[tuple[re.Pattern[str], Reader]] = []


def _reads(pattern: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        _READERS.append((re.compile(pattern), fn))
        return fn

    return register


@_reads(
    r"\b(?:as soon as (?:possible|you can|i can)|asap|(?:the )?earliest(?: available)?|soonest"
    r"|(?:the )?(?:first|1th) (?:available|opening|appointment|slot|one|thing)"
    r"|next (?:available|opening)"
    r"|anything|anytime|any time|whenever|whatever(?:s| is)? (?:available|open)"
    r"|(?:it )?doesn't matter|don't care|no preference|right away|the sooner the better)\b"
)
def _earliest(m: re.Match[str], heard: _Heard, today: date) -> bool:
    heard.earliest = True
    heard.anything = True
    if m.group(0).endswith("thing"):  # "first thing": early, in the morning
        _set_part(heard, "", PartOfDay.MORNING)
    return True


@_reads(
    r"\b(?:not|no|never|except|but not) (?:in the |on |during the )?"
    r"(?P<p>mornings?|evenings?|nights?|afternoons?)\b"
)
def _not_part(m: re.Match[str], heard: _Heard, today: date) -> bool:
    part = _PART_WORDS[m.group("p")]
    if part is PartOfDay.MORNING:
        heard.bound(time(12), None)
    elif part is PartOfDay.EVENING:
        heard.bound(None, time(17))
    else:  # no afternoons: mornings then (the bounds are one interval a day)
        heard.bound(None, time(12))
    return True


@_reads(
    rf"\b(?:not|except|but|no|without|other than|besides|can't do|cannot do|can't make"
    rf"|can't come(?: in)?) (?:on )?(?:a |this |next )?{_wd('wd')}\b"
    rf"|\b{_wd('wd2')} (?:is bad|doesn't work|does not work|is no good|won't work"
    rf"|is out|is not good|isn't good)\b"
)
def _not_weekday(m: re.Match[str], heard: _Heard, today: date) -> bool:
    heard.excluded.add(_WEEKDAY_NUM[m.group("wd") or m.group("wd2")])
    heard.anything = True
    return True


@_reads(rf"\b(?:between|from) {_time_rx('a')} (?:and|to|till|until) {_time_rx('b')}")
def _range(m: re.Match[str], heard: _Heard, today: date) -> bool:
    lo = _time_of(m, "a", heard.part, heard)
    hi = _time_of(m, "b", heard.part, heard)
    if lo is not None and hi is not None:
        if hi <= lo and hi.hour < 12 and not m.group("bmer"):
            hi = hi.replace(hour=hi.hour + 12)
        heard.bound(lo, hi)
    return True


@_reads(r"\b(?:after lunch|before lunch|after work|before work|after school|end of the day)\b")
def _fixed_bound(m: re.Match[str], heard: _Heard, today: date) -> bool:
    heard.bound(*_FIXED_BOUNDS[m.group(0)])
    return True


_BEFORE = frozenset({"before", "by", "until", "till", "not after", "no later than", "earlier than"})


@_reads(
    rf"(?<!half )(?<!quarter )\b(?P<dir>after|not before|no earlier than|later than"
    rf"|any ?time after|from|past|before|by|until|till|not after|no later than|earlier than)"
    rf" {_time_rx('')}"
)
def _bound(m: re.Match[str], heard: _Heard, today: date) -> bool:
    t = _time_of(m, "", heard.part, heard)
    if t is not None:
        if m.group("dir") in _BEFORE:
            heard.bound(None, t)
        else:
            heard.bound(t, None)
    return True


@_reads(
    r"\b(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})\b"
    r"|\b(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<yy>\d{2}|\d{4}))?\b"
)
def _numeric_date(m: re.Match[str], heard: _Heard, today: date) -> bool:
    if m.group("y"):
        _full_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")), heard, today)
        return True
    a, b = int(m.group("a")), int(m.group("b"))
    month, day = (b, a) if a > 12 >= b else (a, b)
    if a <= 12 and b <= 12 and a != b:
        heard.assume(Assumption.MONTH_DAY_ORDER)
    yy = m.group("yy")
    if yy is None:
        _month_and_day(month, day, heard, today)
    else:
        _full_date(int(yy) + (2000 if len(yy) == 2 else 0), month, day, heard, today)
    return True


@_reads(
    rf"\b{_mon('mon')} (?:the )?(?P<d>\d{{1,2}})(?:th)?\b(?:,? {_year('y')}\b)?"
    rf"|\b(?:the )?(?P<d2>\d{{1,2}})(?:th (?:of )?| of ){_mon('mon2')}\b(?:,? {_year('y2')}\b)?"
)
def _month_date(m: re.Match[str], heard: _Heard, today: date) -> bool:
    month = _MONTHS[m.group("mon") or m.group("mon2")]
    day = int(m.group("d") or m.group("d2"))
    year = m.group("y") or m.group("y2")
    if year is None:
        _month_and_day(month, day, heard, today)
    else:
        _full_date(int(year.replace(" ", "")), month, day, heard, today)
    return True


@_reads(rf"\b(?:the )?(?P<n>1th|2th|3th|4th|last) week (?:of|in) {_mon('mon')}\b")
def _week_of_month(m: re.Match[str], heard: _Heard, today: date) -> bool:
    month = _MONTHS[m.group("mon")]
    year = today.year if month >= today.month else today.year + 1
    if m.group("n") == "last":
        first = date(year, month, days_in(year, month) - 6)
    else:
        first = date(year, month, 1 + 7 * (int(m.group("n")[0]) - 1))
    heard.span = (first, first + timedelta(days=7))
    heard.anything = True
    return True


@_reads(
    r"\b(?P<a>a )?(?:(?:on )?the |on )?(?P<d>\d{1,3})th\b"
    r"(?! (?:week|weeks|time|one|available|opening|slot|appointment|thing)\b)"
)
def _day_of_month(m: re.Match[str], heard: _Heard, today: date) -> bool:
    if m.group("a"):
        return False  # "just a second"
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        heard.fail(WhenProblemKind.IMPOSSIBLE, impossible_message(1, day, None, past=False) or "")
        return True
    year, month = today.year, today.month
    if day < today.day:
        year, month = _next_month(year, month)
        heard.assume(Assumption.DAY_NEXT_MONTH)
    while day > days_in(year, month):
        year, month = _next_month(year, month)
        heard.assume(Assumption.DAY_NEXT_MONTH)
    heard.days.append(date(year, month, day))
    heard.anything = True
    return True


@_reads(
    rf"(?P<pre>\b(?:at|around|about|say|maybe|approximately) )?\b{_time_rx('')}"
    rf"(?P<post> in the (?P<pp>morning|afternoon|evening)| at night| tonight)?"
)
def _clock(m: re.Match[str], heard: _Heard, today: date) -> bool:
    if not (m.group("pre") or m.group("post") or _has_time_cue(m)):
        return False
    if heard.preferred is not None:
        return False
    part = heard.part_hint
    if m.group("post"):
        part = _PART_WORDS[m.group("pp")] if m.group("pp") else PartOfDay.EVENING
        if heard.part is None:
            _set_part(heard, "", part)
    t = _time_of(m, "", part, heard)
    if t is not None:
        heard.preferred = t
        heard.anything = True
    return True


@_reads(
    r"\b(?:the )?day after tomorrow\b|\btoday\b|\btonight\b|\btomorrow\b"
    r"|\bthis (?P<p>morning|afternoon|evening)\b|\byesterday\b"
)
def _relative_day(m: re.Match[str], heard: _Heard, today: date) -> bool:
    said = m.group(0)
    if said.endswith("day after tomorrow"):
        heard.days.append(today + timedelta(days=2))
    elif said == "tomorrow":
        heard.days.append(today + timedelta(days=1))
    elif said == "yesterday":
        heard.fail(WhenProblemKind.PAST, "Yesterday has already passed.")
    else:
        heard.days.append(today)
        if said == "tonight":
            _set_part(heard, "", PartOfDay.EVENING)
        elif m.group("p"):
            _set_part(heard, "", _PART_WORDS[m.group("p")])
    heard.anything = True
    return True


@_reads(
    rf"\b(?:(?P<mod>this coming|this|next|coming|the following|following|a week from|on|any"
    rf"|every) )?{_wd('wd')}(?P<after> after next| next week| this week)?\b"
)
def _weekday(m: re.Match[str], heard: _Heard, today: date) -> bool:
    wd = _WEEKDAY_NUM[m.group("wd")]
    mod = m.group("mod") or ""
    after = (m.group("after") or "").strip()
    plural = m.group(0).endswith(m.group("wd") + "s")
    if mod in ("any", "every") or (plural and not after):
        heard.any_weekdays.add(wd)
    elif after == "after next":
        heard.weekdays.append((wd, "after next"))
    elif after:
        heard.weekdays.append((wd, after.split()[0]))
    else:
        heard.weekdays.append((wd, mod))
    heard.anything = True
    return True


@_reads(
    r"\b(?:(?P<q>early|later|late|the end of|end of|the beginning of|beginning of"
    r"|the start of|start of) )?(?P<which>this|next) (?P<unit>week|weekend|month)\b"
    r"|\b(?:the )?week after next\b|\b(?:at )?(?:the )?end of (?:the )?(?P<unit2>week|month)\b"
    r"|\b(?:this|the) weekend\b"
)
def _span(m: re.Match[str], heard: _Heard, today: date) -> bool:
    said = m.group(0)
    monday = today - timedelta(days=today.weekday())
    unit = m.group("unit") or m.group("unit2")
    which = m.group("which") or "this"
    q = (m.group("q") or "").removeprefix("the ")
    early = q in ("early", "beginning of", "start of")
    late = q in ("later", "late", "end of") or "end of" in said
    if "week after next" in said:
        heard.span = (monday + timedelta(days=14), monday + timedelta(days=21))
    elif unit in (None, "weekend"):
        base = monday + timedelta(days=7 if which == "next" else 0)
        heard.span = (base + timedelta(days=5), base + timedelta(days=7))
    elif unit == "week":
        base = monday + timedelta(days=7 if which == "next" else 0)
        if early:
            heard.span = (base, base + timedelta(days=3))
        elif late:
            heard.span = (base + timedelta(days=3), base + timedelta(days=7))
        else:
            heard.span = (base, base + timedelta(days=7))
    else:
        first = today.replace(day=1)
        if which == "next":
            first = date(*_next_month(first.year, first.month), 1)
        after_last = date(*_next_month(first.year, first.month), 1)
        if early:
            heard.span = (first, first + timedelta(days=7))
        elif late and q != "later":
            heard.span = (after_last - timedelta(days=7), after_last)
        else:
            heard.span = (first, after_last)
    heard.anything = True
    return True


@_reads(
    r"\bin (?P<n>\d{1,2}|a|an) (?P<unit>days?|weeks?|months?)\b"
    r"|\b(?P<n2>\d{1,2}|a) (?P<unit2>days?|weeks?|months?) from (?:now|today)\b"
)
def _in_so_long(m: re.Match[str], heard: _Heard, today: date) -> bool:
    raw = m.group("n") or m.group("n2")
    n = 1 if raw in ("a", "an") else int(raw)
    unit = (m.group("unit") or m.group("unit2")).rstrip("s")
    if unit == "day":
        heard.days.append(today + timedelta(days=n))
    else:
        if unit == "week":
            target = today + timedelta(days=7 * n)
        else:
            y, mo = today.year, today.month
            for _ in range(n):
                y, mo = _next_month(y, mo)
            target = date(y, mo, min(today.day, days_in(y, mo)))
        monday = target - timedelta(days=target.weekday())
        heard.span = (monday, monday + timedelta(days=7))
    heard.anything = True
    return True


@_reads(
    rf"\b(?:(?P<q>early|late|the end of|end of|the beginning of|beginning of|the start of"
    rf"|start of|the middle of|middle of|mid) |(?P<in>in) )?{_mon('mon')}\b"
)
def _month(m: re.Match[str], heard: _Heard, today: date) -> bool:
    name = m.group("mon")
    q = (m.group("q") or "").removeprefix("the ")
    if name not in MONTH_WORDS or (name == "may" and not (q or m.group("in"))):
        return False  # "dec" alone is not a month, and "may" is mostly a verb
    month = MONTH_WORDS[name]
    year = today.year if month >= today.month else today.year + 1
    first = date(year, month, 1)
    after_last = date(*_next_month(year, month), 1)
    if q in ("early", "beginning of", "start of"):
        heard.span = (first, first + timedelta(days=10))
    elif q in ("late", "end of"):
        heard.span = (after_last - timedelta(days=10), after_last)
    elif q in ("middle of", "mid"):
        heard.span = (first + timedelta(days=9), first + timedelta(days=20))
    else:
        heard.span = (first, after_last)
    heard.anything = True
    return True


@_reads(
    r"\b(?P<q>early|late|mid) ?(?P<p>mornings?|afternoons?|evenings?)\b"
    r"|\b(?:in the |at |around |this |during the |over )?(?P<p2>mornings?|afternoons?"
    r"|evenings?|nights?|lunchtime|lunch)\b"
)
def _part(m: re.Match[str], heard: _Heard, today: date) -> bool:
    _set_part(heard, m.group("q") or "", _PART_WORDS[m.group("p") or m.group("p2")])
    return True


_PART_HINT = re.compile(
    r"\b(?P<p>mornings?|afternoons?|evenings?|nights?|tonight|lunchtime|lunch)\b"
)


def _set_part(heard: _Heard, qualifier: str, part: PartOfDay) -> None:
    heard.part = part
    heard.bound(*_PART_BOUNDS.get((qualifier, part), _PART_BOUNDS[("", part)]))


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_and_day(month: int, day: int, heard: _Heard, today: date) -> None:
    message = impossible_message(month, day, None, past=False)
    if message is not None:
        heard.fail(WhenProblemKind.IMPOSSIBLE, message)
        return
    year = today.year
    if (month, day) < (today.month, today.day):
        year += 1
        heard.assume(Assumption.DATE_NEXT_YEAR)
    _full_date(year, month, day, heard, today)


def _full_date(year: int, month: int, day: int, heard: _Heard, today: date) -> None:
    d = safe_date(year, month, day)
    if d is None:
        message = impossible_message(month, day, year, past=False)
        heard.fail(WhenProblemKind.IMPOSSIBLE, message or "That isn't a date on the calendar.")
        return
    if d < today:
        heard.fail(WhenProblemKind.PAST, "That date has already passed.")
        return
    heard.days.append(d)
    heard.anything = True


# --- from what was heard to a window -------------------------------------------------------


def _weekday_date(wd: int, mod: str, today: date, heard: _Heard) -> date:
    ahead = (wd - today.weekday()) % 7
    if mod in ("this", "this coming", "coming"):
        return today + timedelta(days=ahead)
    bare = today + timedelta(days=ahead or 7)
    if mod in ("next", "the following", "following", "after next"):
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        d = monday + timedelta(days=wd + (7 if mod == "after next" else 0))
        if mod != "after next" and d != bare:
            heard.assume(Assumption.NEXT_WEEKDAY)
        return d
    if ahead == 0:
        heard.assume(Assumption.WEEKDAY_NOT_TODAY)
    if mod == "a week from":
        return bare + timedelta(days=7)
    return bare


def _at(d: date, t: time, tz: tzinfo | None) -> datetime:
    return datetime.combine(d, t, tzinfo=tz)


def parse_when(
    text: object, now: datetime, *, horizon: timedelta = DEFAULT_HORIZON
) -> WhenRequest | WhenProblem:
    """Read when the caller would like to come in; see the module docstring for the
    conventions. Never raises; reads at most the first 500 characters."""
    today = now.date()
    line = render(lex(text, limit=_LIMIT))
    for pattern, repl in _NORMALISE:
        line = pattern.sub(repl, line)
    heard = _Heard()
    hint = _PART_HINT.search(line)
    if hint is not None:
        word = hint.group("p")
        heard.part_hint = PartOfDay.EVENING if word == "tonight" else _PART_WORDS[word]
    for pattern, reader in _READERS:
        line = pattern.sub(_consumer(reader, heard, today), line)
    if not heard.anything and heard.problem is None:
        bare = re.fullmatch(rf"\s*{_T}\s*", line)
        if bare is not None:
            _clock_bare(bare, heard)
    if heard.problem is not None:
        return heard.problem
    if not heard.anything:
        return WhenProblem(WhenProblemKind.NOT_UNDERSTOOD, "What day and time would suit you?")
    return _window(heard, now, horizon)


def _consumer(reader: Reader, heard: _Heard, today: date) -> Callable[[re.Match[str]], str]:
    def consume(m: re.Match[str]) -> str:
        return " § " if reader(m, heard, today) else m.group(0)

    return consume


def _clock_bare(m: re.Match[str], heard: _Heard) -> None:
    """A reply that is only a number ("3", "ten thirty") answers "what time?"."""
    t = _time_of(m, "", heard.part_hint, heard)
    if t is not None:
        heard.preferred = t
        heard.anything = True


def _window(heard: _Heard, now: datetime, horizon: timedelta) -> WhenRequest | WhenProblem:
    today = now.date()
    tz = now.tzinfo
    weekdays = set(ALL_WEEKDAYS)
    days = sorted(set(heard.days))
    named = [(wd, mod) for wd, mod in heard.weekdays]
    if days:
        for wd, _ in named:
            if not any(d.weekday() == wd for d in days):
                d = days[0]
                return WhenProblem(
                    WhenProblemKind.CONFLICT,
                    f"{month_day(d)} is a {WEEKDAYS[d.weekday()]}, not a {WEEKDAYS[wd]}. "
                    "Which day did you mean?",
                )
        first, after_last = days[0], days[-1] + timedelta(days=1)
        if len(days) > 1:
            weekdays = {d.weekday() for d in days}
    elif named and heard.span is not None:
        first, after_last = heard.span
        weekdays = {wd for wd, _ in named}
    elif named:
        resolved = sorted({_weekday_date(wd, mod, today, heard) for wd, mod in named})
        first, after_last = resolved[0], resolved[-1] + timedelta(days=1)
        if len(resolved) > 1:
            weekdays = {d.weekday() for d in resolved}
    elif heard.span is not None:
        first, after_last = heard.span
    else:
        first, after_last = today, (now + horizon).date() + timedelta(days=1)
    if heard.any_weekdays:
        weekdays &= heard.any_weekdays
    weekdays -= heard.excluded
    if not weekdays:
        return WhenProblem(WhenProblemKind.CONFLICT, "Which day of the week would suit you?")
    preferred = heard.preferred
    if preferred is not None and (
        (heard.earliest_time is not None and preferred < heard.earliest_time)
        or (heard.latest_time is not None and preferred >= heard.latest_time)
    ):
        return WhenProblem(
            WhenProblemKind.CONFLICT,
            f"{say_time(preferred).capitalize()} is outside the times you mentioned. "
            "What time would suit you?",
        )
    start = max(_at(first, time(0), tz), now)
    end = _at(after_last, time(0), tz)
    if not (days or named or heard.span):
        end = min(end, now + horizon)
    single_day = after_last - first == timedelta(days=1)
    if single_day:
        if heard.earliest_time is not None:
            start = max(start, _at(first, heard.earliest_time, tz))
        if heard.latest_time is not None:
            end = min(end, _at(first, heard.latest_time, tz))
        if heard.preferred is not None and first == today and _at(first, heard.preferred, tz) < now:
            return WhenProblem(
                WhenProblemKind.PAST, f"It's already past {say_time(heard.preferred)} today."
            )
    if start >= end:
        if heard.part is not None and first == today:
            message = f"This {heard.part.value} is already over."
        else:
            message = "That time has already passed."
        return WhenProblem(WhenProblemKind.PAST, message)
    return WhenRequest(
        start=start,
        end=end,
        preferred_time=heard.preferred,
        part_of_day=heard.part,
        earliest_time=heard.earliest_time,
        latest_time=heard.latest_time,
        weekdays=frozenset(weekdays),
        earliest=heard.earliest,
        assumptions=tuple(heard.assumptions),
    )
