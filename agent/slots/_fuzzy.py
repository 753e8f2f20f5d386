"""Edit distance and a sound-alike key: the two measures the name and medication matchers share.

Both run inside a phone turn for every candidate on file, so they are built for speed in pure
Python: edit distance is Myers' bit-parallel algorithm (one pass over the longer string with a
handful of integer operations per character, instead of a table of cells), and sound keys are
cached per word.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8192)
def _pattern(a: str) -> tuple[dict[str, int], int, int]:
    """Per-character match masks of ``a``, its mask and top bit (cached: names on file and
    medication aliases are compared over and over)."""
    peq: dict[str, int] = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    return peq, (1 << len(a)) - 1, 1 << (len(a) - 1)


def levenshtein(a: str, b: str) -> int:
    """Insertions, deletions and substitutions needed to turn ``a`` into ``b``.

    Myers (1999) / Hyyrö (2001): the column of the dynamic-programming table is kept as two
    bit-vectors of vertical +1/-1 steps, so each character of ``b`` costs a few integer ops.
    """
    if a == b:
        return 0
    if len(a) > len(b):
        a, b = b, a
    m = len(a)
    if m == 0:
        return len(b)
    peq, mask, last = _pattern(a)
    pv = mask
    mv = 0
    score = m
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & last:
            score += 1
        elif mh & last:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def ratio(a: str, b: str) -> float:
    """Similarity in [0, 1]: 1 minus the edit distance over the longer length."""
    longest = max(len(a), len(b))
    if longest == 0:
        return 1.0
    return 1.0 - levenshtein(a, b) / longest


# A Metaphone-like key, cut down to what recognition errors need: letters that sound alike
# collapse ("ph"/"f", "c"/"k"/"q", "z"/"s", "v"/"f", "th"), silent letters go ("kn", "wr",
# "gh"), doubled letters merge and vowels go, since a recogniser gets vowels wrong far more
# often than consonants ("lice in a pril" / "lisinopril" -> "lsnprl" both).
_SOUND_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"^([kgp])n", "n"),
        (r"^wr", "r"),
        (r"^ps", "s"),
        (r"^x", "s"),
        (r"^wh", "w"),
        (r"^chr", "kr"),
        (r"ph", "f"),
        (r"gh(?![aeiouy])", ""),
        (r"ck", "k"),
        (r"sch", "sk"),
        (r"tch", "ch"),
        (r"c(?=[eiy])", "s"),
        (r"ch|sh|ti(?=[ao])", "x"),
        (r"th", "0"),
        (r"dg(?=[eiy])", "j"),
        (r"[cq]", "k"),
        (r"x", "ks"),
        (r"z", "s"),
        (r"v", "f"),
        (r"(?<=[aeiouy])[hw]|h(?![aeiouy])", ""),
        (r"(.)\1+", r"\1"),
    )
)
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=8192)
def sound_key(word: str, keep_first: bool = True) -> str:
    """Sound-alike key of one lower-case ASCII word.

    ``keep_first`` keeps a leading vowel, which names need ("Ann" is not "Ian"); medication
    matching drops every vowel because "a tour of a statin" starts with a stray "a".
    """
    key = word
    for pattern, repl in _SOUND_RULES:
        key = pattern.sub(repl, key)
    if not key:
        return ""
    if keep_first:
        return key[0] + _VOWELS.sub("", key[1:])
    return _VOWELS.sub("", key)


def collapse(key: str) -> str:
    """Merge letters doubled where two words' keys meet ("met" + "tformin")."""
    return _DOUBLES.sub(r"\1", key)
