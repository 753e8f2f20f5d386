"""How the agent says values aloud: the way a US receptionist would, in text a TTS reads right.

The forms were checked with the two voices careline ships (Piper, which phonemises through
espeak-ng, and flite): both read "December 4th" as "December fourth", "10:30 a.m." as "ten
thirty a m", "9:05" as "nine oh five", "1,250" as "one thousand two hundred fifty", and a
four-digit year as a year. So values stay as digits with ordinal suffixes rather than words,
which also keeps them short in transcripts and call records.

"a.m." and "p.m." end in a full stop, and a sentence splitter that breaks on ". " would split
"at 3 p.m. on Tuesday" in two; :func:`say_slot` therefore puts the time last.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "month_day",
    "ordinal",
    "say_date",
    "say_dob",
    "say_list",
    "say_money",
    "say_slot",
    "say_time",
]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def ordinal(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def month_day(d: date) -> str:
    """ "December 4th"."""
    return f"{MONTHS[d.month - 1]} {ordinal(d.day)}"


def _next_occurrence(d: date, today: date) -> date | None:
    """The first date on or after ``today`` with ``d``'s month and day (None for Feb 29
    when no leap year comes within four years)."""
    for year in range(today.year, today.year + 5):
        try:
            candidate = d.replace(year=year)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def say_date(d: date, today: date) -> str:
    """A day relative to ``today``: "today", "tomorrow", "yesterday", "this Friday, December
    4th" (later this week, Monday to Sunday), "Monday, January 11th".

    The year is said only when it is needed: not for this year, and not for a date that is
    the next time its month and day come round (said in December, "January 11th" can only mean
    next January). "Tuesday, November 30th, 2027" otherwise.
    """
    delta = (d - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    week_start = today - timedelta(days=today.weekday())
    text = f"{WEEKDAYS[d.weekday()]}, {month_day(d)}"
    if 1 < delta and d < week_start + timedelta(days=7):
        text = f"this {text}"
    if d.year != today.year and _next_occurrence(d, today) != d:
        text = f"{text}, {d.year}"
    return text


def say_time(t: time) -> str:
    """ "3 p.m.", "10:30 a.m.", "noon", "midnight" (seconds are not said)."""
    if t.hour == 12 and t.minute == 0:
        return "noon"
    if t.hour == 0 and t.minute == 0:
        return "midnight"
    hour = t.hour % 12 or 12
    suffix = "a.m." if t.hour < 12 else "p.m."
    if t.minute == 0:
        return f"{hour} {suffix}"
    return f"{hour}:{t.minute:02d} {suffix}"


def say_slot(dt: datetime, today: date) -> str:
    """ "Tuesday, December 1st at 3 p.m.", "today at 10:30 a.m." (in ``dt``'s own zone)."""
    return f"{say_date(dt.date(), today)} at {say_time(dt.time())}"


def say_money(cents: int) -> str:
    """An amount as people say it: 4250 -> "42 dollars and 50 cents", 100 -> "1 dollar",
    5 -> "5 cents", 125000 -> "1,250 dollars", 0 -> "zero dollars", -500 -> "a credit of 5
    dollars" (a negative balance is money owed to the patient)."""
    if cents == 0:
        return "zero dollars"
    if cents < 0:
        return f"a credit of {say_money(-cents)}"
    dollars, rest = divmod(cents, 100)
    parts = []
    if dollars:
        parts.append(f"{dollars:,} dollar{'' if dollars == 1 else 's'}")
    if rest:
        parts.append(f"{rest} cent{'' if rest == 1 else 's'}")
    return " and ".join(parts)


def say_dob(d: date) -> str:
    """ "March 3rd, 1950": a date of birth always with its year, never relative."""
    return f"{month_day(d)}, {d.year}"


def say_list(items: Sequence[str], conjunction: str = "or") -> str:
    """ "a", "a or b", "a, b, or c" (with the serial comma, which gives a TTS the pause)."""
    words = [str(i) for i in items]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return f"{words[0]} {conjunction} {words[1]}"
    return f"{', '.join(words[:-1])}, {conjunction} {words[-1]}"
