"""Literal gates for the red-flag concepts: a cheap test that a concept cannot match.

Each concept is one regular expression, and a turn is searched for about 150 of them, almost
all absent. Most phrasings carry a word that every match must contain ("seiz", "breath",
"overdose"); when none of a concept's such words is in the turn, the expression cannot match
and its search is skipped. A substring test is several times cheaper than a regular
expression scan, so the matcher's time per turn falls without any change to what it finds.

`gate(pattern)` reads the compiled expression's parse tree (the standard library's own
parser) and returns strings one of which *every* match contains, or None when it cannot tell
(a concept without a gate is always searched). It only ever looks for text that must be
there, so it can make the matcher skip work, never skip a match: a literal inside an optional
part, a repeat that may be absent, a character class or a case-insensitive group ends the
search for that part.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# Shorter strings are in almost every turn, so testing for them saves nothing.
MIN_LENGTH = 3

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
_Needed = frozenset[str] | None


def gate(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (sorted), or None."""
    if pattern.flags & re.IGNORECASE:
        return None
    needed = _needed(sre_parse.parse(pattern.pattern, pattern.flags))
    return tuple(sorted(needed)) if needed else None


def _better(best: _Needed, candidate: _Needed) -> _Needed:
    """Of two sufficient sets, the one whose shortest string is longest (the rarer test)."""
    if not candidate or min(map(len, candidate)) < MIN_LENGTH:
        return best
    if best is None or min(map(len, candidate)) > min(map(len, best)):
        return candidate
    return best


def _needed(items: Any) -> _Needed:
    """For a sequence of parsed items: a set of strings one of which every match contains."""
    best: _Needed = None
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        best = _better(best, frozenset(["".join(run)]) if run else None)
        run = []
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & sre.SRE_FLAG_IGNORECASE:
                best = _better(best, _needed(sub))
        elif op is sre.BRANCH:
            alternatives = [_needed(branch) for branch in av[1]]
            if all(alternatives):
                best = _better(best, frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                best = _better(best, _needed(sub))
        # Anything else (classes, any-character, anchors, look-arounds) ends the run and
        # requires no literal text of its own.
    return _better(best, frozenset(["".join(run)]) if run else None)
