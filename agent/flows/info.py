"""Clinic information: hours, where it is, directions, parking, what to bring, FAQ answers.

Every answer comes from the organisation's configuration; no identity is needed.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from agent.config import WEEKDAYS, OrgConfig
from agent.flows.base import Step, done
from agent.slots.speak import say_time

SORRY_PROBLEM = "I'm sorry, something went wrong on my side."

# Which FAQ entry a question is about: (pattern, faq key or built-in answer).
_TOPICS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), key)
    for p, key in (
        (r"\bpark", "parking"),
        (r"\b(?:bring|need to have|take with me|documents?|id\b)", "what_to_bring"),
        (r"\bportal|log ?in|password|online account", "portal"),
        (r"\bfax", "fax"),
        (r"\binsurance|accept my plan|medicaid|medicare", "insurance"),
        (r"\bdirections?|how (?:do i|to) get|where (?:are|is)|address|located|find you", "where"),
        (r"\bopen|close|hours|what time|holiday|weekend|saturday|sunday", "hours"),
    )
)


def answer(config: OrgConfig, text: str, now: datetime | None = None) -> Step:
    topics = [key for pattern, key in _TOPICS if pattern.search(text[:2000])]
    lines: list[str] = []
    for key in topics[:2]:
        if key == "hours":
            lines.append(day_hours(config, text, now) or spoken_hours(config, now))
        elif key == "where":
            lines.append(where(config))
        elif key in config.faq:
            lines.append(config.faq[key])
    if not lines:  # "where and when are you?" or nothing specific: the essentials
        lines = [spoken_hours(config, now), where(config)]
    return done(*dict.fromkeys(lines))


def day_hours(config: OrgConfig, text: str, now: datetime | None) -> str | None:
    """ "Are you open on Saturday?" gets Saturday's hours, not the whole week's."""
    words = text.lower()
    days = [d for d in WEEKDAYS if re.search(rf"\b{d}s?\b", words)]
    if now is not None and re.search(r"\btoday\b|\bnow\b", words):
        days.append(WEEKDAYS[now.weekday()])
    if now is not None and re.search(r"\btomorrow\b", words):
        days.append(WEEKDAYS[(now.weekday() + 1) % 7])
    if not days or len(days) > 2:
        return None
    today = WEEKDAYS[now.weekday()] if now is not None else None
    parts = []
    for day in dict.fromkeys(days):
        hours = config.hours.get(day)
        name = "today" if day == today else f"on {day.title()}"
        if hours is None:
            parts.append(f"We're closed {name}.")
        elif day == today and now is not None and hours[0] <= now.time() < hours[1]:
            parts.append(f"We're open now, until {say_time(hours[1])} today.")
        else:
            parts.append(f"We're open {name} from {say_time(hours[0])} to {say_time(hours[1])}.")
    return " ".join(p.replace("..", ".") for p in parts)


def where(config: OrgConfig) -> str:
    if not config.locations:
        return ""
    loc = config.locations[0]
    parts = [f"We're at {loc.address}."]
    if loc.directions:
        parts.append(loc.directions)
    if loc.parking:
        parts.append(loc.parking)
    return " ".join(parts)


def spoken_hours(config: OrgConfig, now: datetime | None = None) -> str:
    """ "We're open Monday to Wednesday, 8 a.m. to 6 p.m.; ... We're closed on Sunday." """
    runs: list[tuple[str, str, tuple[time, time] | None]] = []
    for day in WEEKDAYS:
        hours = config.hours.get(day)
        if runs and runs[-1][2] == hours:
            runs[-1] = (runs[-1][0], day, hours)
        else:
            runs.append((day, day, hours))
    open_parts, closed = [], []
    for first, last, hours in runs:
        days = first.title() if first == last else f"{first.title()} to {last.title()}"
        if hours is None:
            closed.append(days)
        else:
            open_parts.append(f"{days}, {say_time(hours[0])} to {say_time(hours[1])}")
    text = ""
    if now is not None:
        today = config.hours.get(WEEKDAYS[now.weekday()])
        if today is not None and today[0] <= now.time() < today[1]:
            text = f"We're open now, until {say_time(today[1])} today. "
    if open_parts:
        joined = (
            open_parts[0]
            if len(open_parts) == 1
            else "; ".join(open_parts[:-1]) + "; and " + open_parts[-1]
        )
        text += f"We're open {joined}."
    if closed:
        text += f" We're closed on {' and '.join(closed)}."
    return text.strip()
