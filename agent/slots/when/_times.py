"""Times of day: clock times ("3", "half past 2", "10:30 am", "noon"), bounds ("after 4",
"between 2 and 4", "after work") and parts of the day ("early morning", "not evenings").
An hour with no a.m./p.m. is read as a clinic means it: see :func:`_hour`."""

from __future__ import annotations

import re
from datetime import date, time

from agent.slots.when._heard import Heard, reads
from agent.slots.when._request import Assumption, PartOfDay, WhenProblemKind
from agent.slots.when._words import PART_WORDS


def time_rx(p: str) -> str:
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


def time_of(m: re.Match[str], p: str, part: PartOfDay | None, heard: Heard) -> time | None:
    """The time a :func:`time_rx` match says; records an impossible one as a problem."""
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


def _has_time_cue(m: re.Match[str]) -> bool:
    g = m.groupdict()
    return any(g.get(k) for k in ("noon", "half", "qh", "hm", "m", "mer", "oc"))


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


def set_part(heard: Heard, qualifier: str, part: PartOfDay) -> None:
    heard.part = part
    heard.bound(*_PART_BOUNDS.get((qualifier, part), _PART_BOUNDS[("", part)]))


_BARE = re.compile(rf"\s*{time_rx('')}\s*")


def bare_time(line: str, heard: Heard) -> None:
    """A reply that is only a number ("3", "ten thirty") answers "what time?"."""
    bare = _BARE.fullmatch(line)
    if bare is None:
        return
    t = time_of(bare, "", heard.part_hint, heard)
    if t is not None:
        heard.preferred = t
        heard.anything = True


# --- the readers (the order they consume the line in is set in _parse) --------------------------


@reads(
    r"\b(?:not|no|never|except|but not) (?:in the |on |during the )?"
    r"(?P<p>mornings?|evenings?|nights?|afternoons?)\b"
)
def not_part(m: re.Match[str], heard: Heard, today: date) -> bool:
    part = PART_WORDS[m.group("p")]
    if part is PartOfDay.MORNING:
        heard.bound(time(12), None)
    elif part is PartOfDay.EVENING:
        heard.bound(None, time(17))
    else:  # no afternoons: mornings then (the bounds are one interval a day)
        heard.bound(None, time(12))
    return True


@reads(rf"\b(?:between|from) {time_rx('a')} (?:and|to|till|until) {time_rx('b')}")
def between(m: re.Match[str], heard: Heard, today: date) -> bool:
    lo = time_of(m, "a", heard.part, heard)
    hi = time_of(m, "b", heard.part, heard)
    if lo is not None and hi is not None:
        if hi <= lo and hi.hour < 12 and not m.group("bmer"):
            hi = hi.replace(hour=hi.hour + 12)
        heard.bound(lo, hi)
    return True


_FIXED_BOUNDS: dict[str, tuple[time | None, time | None]] = {
    "after lunch": (time(13), None),
    "before lunch": (None, time(12)),
    "after work": (time(17), None),
    "before work": (None, time(9)),
    "after school": (time(15), None),
    "end of the day": (time(15), None),
}


@reads(r"\b(?:after lunch|before lunch|after work|before work|after school|end of the day)\b")
def fixed_bound(m: re.Match[str], heard: Heard, today: date) -> bool:
    heard.bound(*_FIXED_BOUNDS[m.group(0)])
    return True


_BEFORE = frozenset({"before", "by", "until", "till", "not after", "no later than", "earlier than"})


@reads(
    rf"(?<!half )(?<!quarter )\b(?P<dir>after|not before|no earlier than|later than"
    rf"|any ?time after|from|past|before|by|until|till|not after|no later than|earlier than)"
    rf" {time_rx('')}"
)
def bound(m: re.Match[str], heard: Heard, today: date) -> bool:
    t = time_of(m, "", heard.part, heard)
    if t is not None:
        if m.group("dir") in _BEFORE:
            heard.bound(None, t)
        else:
            heard.bound(t, None)
    return True


@reads(
    rf"(?P<pre>\b(?:at|around|about|say|maybe|approximately) )?\b{time_rx('')}"
    rf"(?P<post> in the (?P<pp>morning|afternoon|evening)| at night| tonight)?"
)
def clock(m: re.Match[str], heard: Heard, today: date) -> bool:
    if not (m.group("pre") or m.group("post") or _has_time_cue(m)):
        return False
    if heard.preferred is not None:
        return False
    part = heard.part_hint
    if m.group("post"):
        part = PART_WORDS[m.group("pp")] if m.group("pp") else PartOfDay.EVENING
        if heard.part is None:
            set_part(heard, "", part)
    t = time_of(m, "", part, heard)
    if t is not None:
        heard.preferred = t
        heard.anything = True
    return True


@reads(
    r"\b(?P<q>early|late|mid) ?(?P<p>mornings?|afternoons?|evenings?)\b"
    r"|\b(?:in the |at |around |this |during the |over )?(?P<p2>mornings?|afternoons?"
    r"|evenings?|nights?|lunchtime|lunch)\b"
)
def part_of_day(m: re.Match[str], heard: Heard, today: date) -> bool:
    set_part(heard, m.group("q") or "", PART_WORDS[m.group("p") or m.group("p2")])
    return True
