"""Reading a caller's words into a request: the readers take the line in a fixed order, then
what they heard becomes a window of datetimes (or a problem to say back)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo

from agent.slots.numbers import lex, render
from agent.slots.speak import WEEKDAYS, month_day, say_time
from agent.slots.when import _days, _times
from agent.slots.when._heard import Heard, Reader, in_order
from agent.slots.when._request import (
    ALL_WEEKDAYS,
    DEFAULT_HORIZON,
    PartOfDay,
    WhenProblem,
    WhenProblemKind,
    WhenRequest,
)
from agent.slots.when._words import NORMALISE, PART_HINT, PART_WORDS

_LIMIT = 500

# The order matters: a reader consumes what it reads, so the ones before it get first say
# ("after 4 pm" is a bound before "4 pm" can be a clock time; "this morning" is today before
# it can be any morning).
_READERS = in_order(
    _days.earliest,
    _times.not_part,
    _days.not_weekday,
    _times.between,
    _times.fixed_bound,
    _times.bound,
    _days.numeric_date,
    _days.month_date,
    _days.week_of_month,
    _days.day_of_month,
    _times.clock,
    _days.relative_day,
    _days.weekday,
    _days.span,
    _days.in_so_long,
    _days.named_month,
    _times.part_of_day,
)


def parse_when(
    text: object, now: datetime, *, horizon: timedelta = DEFAULT_HORIZON
) -> WhenRequest | WhenProblem:
    """Read when the caller would like to come in; see :mod:`agent.slots.when` for
    the conventions. Never raises; reads at most the first 500 characters."""
    today = now.date()
    line = render(lex(text, limit=_LIMIT))
    for pattern, repl in NORMALISE:
        line = pattern.sub(repl, line)
    heard = Heard()
    hint = PART_HINT.search(line)
    if hint is not None:
        word = hint.group("p")
        heard.part_hint = PartOfDay.EVENING if word == "tonight" else PART_WORDS[word]
    for pattern, reader in _READERS:
        line = pattern.sub(_consumer(reader, heard, today), line)
    if not heard.anything and heard.problem is None:
        _times.bare_time(line, heard)
    if heard.problem is not None:
        return heard.problem
    if not heard.anything:
        return WhenProblem(WhenProblemKind.NOT_UNDERSTOOD, "What day and time would suit you?")
    return _window(heard, now, horizon)


def _consumer(reader: Reader, heard: Heard, today: date) -> Callable[[re.Match[str]], str]:
    def consume(m: re.Match[str]) -> str:
        return " § " if reader(m, heard, today) else m.group(0)

    return consume


# --- from what was heard to a window -------------------------------------------------------


def _at(d: date, t: time, tz: tzinfo | None) -> datetime:
    return datetime.combine(d, t, tzinfo=tz)


def _window(heard: Heard, now: datetime, horizon: timedelta) -> WhenRequest | WhenProblem:
    today = now.date()
    tz = now.tzinfo
    weekdays = set(ALL_WEEKDAYS)
    days = sorted(set(heard.days))
    named = heard.weekdays
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
        resolved = sorted({_days.weekday_date(wd, mod, today, heard) for wd, mod in named})
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
