"""Which day: dates ("the 14th", "March 3rd", "12/3"), days counted from today ("tomorrow",
"in 3 days"), weekdays ("next Tuesday", "not Fridays"), spans ("next week", "early March"),
and "as soon as possible"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from agent.slots._calendar import MONTH_WORDS, days_in, impossible_message, safe_date
from agent.slots.when._heard import Heard, reads
from agent.slots.when._request import Assumption, PartOfDay, WhenProblemKind
from agent.slots.when._times import set_part
from agent.slots.when._words import (
    MONTH_NUM,
    PART_WORDS,
    WEEKDAY_NUM,
    month_rx,
    weekday_rx,
    year_rx,
)


@reads(
    r"\b(?:as soon as (?:possible|you can|i can)|asap|(?:the )?earliest(?: available)?|soonest"
    r"|(?:the )?(?:first|1th) (?:available|opening|appointment|slot|one|thing)"
    r"|next (?:available|opening)"
    r"|anything|anytime|any time|whenever|whatever(?:s| is)? (?:available|open)"
    r"|(?:it )?doesn't matter|don't care|no preference|right away|the sooner the better)\b"
)
def earliest(m: re.Match[str], heard: Heard, today: date) -> bool:
    heard.earliest = True
    heard.anything = True
    if m.group(0).endswith("thing"):  # "first thing": early, in the morning
        set_part(heard, "", PartOfDay.MORNING)
    return True


@reads(
    rf"\b(?:not|except|but|no|without|other than|besides|can't do|cannot do|can't make"
    rf"|can't come(?: in)?) (?:on )?(?:a |this |next )?{weekday_rx('wd')}\b"
    rf"|\b{weekday_rx('wd2')} (?:is bad|doesn't work|does not work|is no good|won't work"
    rf"|is out|is not good|isn't good)\b"
)
def not_weekday(m: re.Match[str], heard: Heard, today: date) -> bool:
    heard.excluded.add(WEEKDAY_NUM[m.group("wd") or m.group("wd2")])
    heard.anything = True
    return True


@reads(
    r"\b(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})\b"
    r"|\b(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<yy>\d{2}|\d{4}))?\b"
)
def numeric_date(m: re.Match[str], heard: Heard, today: date) -> bool:
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


@reads(
    rf"\b{month_rx('mon')} (?:the )?(?P<d>\d{{1,2}})(?:th)?\b(?:,? {year_rx('y')}\b)?"
    rf"|\b(?:the )?(?P<d2>\d{{1,2}})(?:th (?:of )?| of ){month_rx('mon2')}\b"
    rf"(?:,? {year_rx('y2')}\b)?"
)
def month_date(m: re.Match[str], heard: Heard, today: date) -> bool:
    month = MONTH_NUM[m.group("mon") or m.group("mon2")]
    day = int(m.group("d") or m.group("d2"))
    year = m.group("y") or m.group("y2")
    if year is None:
        _month_and_day(month, day, heard, today)
    else:
        _full_date(int(year.replace(" ", "")), month, day, heard, today)
    return True


@reads(rf"\b(?:the )?(?P<n>1th|2th|3th|4th|last) week (?:of|in) {month_rx('mon')}\b")
def week_of_month(m: re.Match[str], heard: Heard, today: date) -> bool:
    month = MONTH_NUM[m.group("mon")]
    year = today.year if month >= today.month else today.year + 1
    if m.group("n") == "last":
        first = date(year, month, days_in(year, month) - 6)
    else:
        first = date(year, month, 1 + 7 * (int(m.group("n")[0]) - 1))
    heard.span = (first, first + timedelta(days=7))
    heard.anything = True
    return True


@reads(
    r"\b(?P<a>a )?(?:(?:on )?the |on )?(?P<d>\d{1,3})th\b"
    r"(?! (?:week|weeks|time|one|available|opening|slot|appointment|thing)\b)"
)
def day_of_month(m: re.Match[str], heard: Heard, today: date) -> bool:
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


@reads(
    r"\b(?:the )?day after tomorrow\b|\btoday\b|\btonight\b|\btomorrow\b"
    r"|\bthis (?P<p>morning|afternoon|evening)\b|\byesterday\b"
)
def relative_day(m: re.Match[str], heard: Heard, today: date) -> bool:
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
            set_part(heard, "", PartOfDay.EVENING)
        elif m.group("p"):
            set_part(heard, "", PART_WORDS[m.group("p")])
    heard.anything = True
    return True


@reads(
    rf"\b(?:(?P<mod>this coming|this|next|coming|the following|following|a week from|on|any"
    rf"|every) )?{weekday_rx('wd')}(?P<after> after next| next week| this week)?\b"
)
def weekday(m: re.Match[str], heard: Heard, today: date) -> bool:
    wd = WEEKDAY_NUM[m.group("wd")]
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


def weekday_date(wd: int, mod: str, today: date, heard: Heard) -> date:
    """The day a weekday said with ``mod`` ("next", "this", "after next", ...) names."""
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


@reads(
    r"\b(?:(?P<q>early|later|late|the end of|end of|the beginning of|beginning of"
    r"|the start of|start of) )?(?P<which>this|next) (?P<unit>week|weekend|month)\b"
    r"|\b(?:the )?week after next\b|\b(?:at )?(?:the )?end of (?:the )?(?P<unit2>week|month)\b"
    r"|\b(?:this|the) weekend\b"
)
def span(m: re.Match[str], heard: Heard, today: date) -> bool:
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


@reads(
    r"\bin (?P<n>\d{1,2}|a|an) (?P<unit>days?|weeks?|months?)\b"
    r"|\b(?P<n2>\d{1,2}|a) (?P<unit2>days?|weeks?|months?) from (?:now|today)\b"
)
def in_so_long(m: re.Match[str], heard: Heard, today: date) -> bool:
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


@reads(
    rf"\b(?:(?P<q>early|late|the end of|end of|the beginning of|beginning of|the start of"
    rf"|start of|the middle of|middle of|mid) |(?P<in>in) )?{month_rx('mon')}\b"
)
def named_month(m: re.Match[str], heard: Heard, today: date) -> bool:
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


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_and_day(month: int, day: int, heard: Heard, today: date) -> None:
    message = impossible_message(month, day, None, past=False)
    if message is not None:
        heard.fail(WhenProblemKind.IMPOSSIBLE, message)
        return
    year = today.year
    if (month, day) < (today.month, today.day):
        year += 1
        heard.assume(Assumption.DATE_NEXT_YEAR)
    _full_date(year, month, day, heard, today)


def _full_date(year: int, month: int, day: int, heard: Heard, today: date) -> None:
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
