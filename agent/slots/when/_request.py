"""What a caller's words come to: a :class:`WhenRequest` for the scheduler to search, or a
:class:`WhenProblem` to say back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

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
