"""What the words said, gathered reader by reader, and how a reader is declared."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time

from agent.slots.when._request import Assumption, PartOfDay, WhenProblem, WhenProblemKind


@dataclass
class Heard:
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


# Each reader is a pattern and a function that records what the match says and returns True,
# or returns False to leave the words for the readers after it. A consumed match is replaced
# by " § " so that nothing is read twice ("the 14th at 3": the 14 is a day, the 3 a time).
# The order the readers consume the line in is set in one place, by :func:`in_order`.

Reader = Callable[[re.Match[str], Heard, date], bool]
_PATTERNS: dict[Reader, re.Pattern[str]] = {}


def reads(pattern: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        _PATTERNS[fn] = re.compile(pattern)
        return fn

    return register


def in_order(*readers: Reader) -> tuple[tuple[re.Pattern[str], Reader], ...]:
    """Each reader with its pattern, in the order given. Every reader declared with
    :func:`reads` must be given exactly once, so a new one cannot be left out by mistake."""
    if len(readers) != len(_PATTERNS) or set(readers) != set(_PATTERNS):
        raise ValueError("in_order wants every reader declared with @reads, each once")
    return tuple((_PATTERNS[r], r) for r in readers)
