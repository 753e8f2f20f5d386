"""Word error rate, the recogniser's figure: (substitutions + deletions + insertions) / words.

Words are lower-cased runs of letters, digits and apostrophes, so punctuation and case,
which Whisper varies freely ("Front, left." / "front left"), never count as errors.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_error_rate(reference: str, heard: str) -> float:
    """Edit distance over words, divided by the reference's length (at least 1)."""
    r, h = words(reference), words(heard)
    d = list(range(len(h) + 1))  # one row of the edit-distance table at a time
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = d[j]
            d[j] = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev = cur
    return d[len(h)] / max(1, len(r))
