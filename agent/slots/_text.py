"""Clean-up every slot parser applies to a recogniser's output before reading it.

Whisper hands over whatever it heard: curly quotes, dashes, control characters from a bad
decode, "a.m." spelled four ways, and now and then a whole page of text when it hallucinates
on noise. Every parser reads at most a fixed number of characters (a caller's answer to one
question is short), so the work per call is bounded whatever arrives. Each clean-up is a
one-for-one character mapping, so positions found in the cleaned text are positions in the
caller's words too.
"""

from __future__ import annotations

import re

# Characters a recogniser or a keypad bridge may leave in a transcript, mapped one-for-one so
# positions survive: typographic quotes to ASCII, dashes to "-", controls and invisible
# formatting to spaces.
_ONE_FOR_ONE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        **{chr(c): " " for c in range(0x20)},
        **{chr(c): " " for c in range(0x7F, 0xA0)},
        "\u00a0": " ",
        "\u200b": " ",
        "\u200c": " ",
        "\u200d": " ",
        "\u200e": " ",
        "\u200f": " ",
        "\u2028": " ",
        "\u2029": " ",
        "\ufeff": " ",
    }
)

# Recogniser artefacts that are not words the caller said.
_ARTEFACTS = re.compile(r"\[[^\]]{0,40}\]|\([^)]{0,40}\)|\*[^*]{0,40}\*")


def clean(text: object, limit: int) -> str:
    """Return at most ``limit`` characters of ``text`` with the one-for-one clean-ups applied.

    Anything that is not a string (``None`` from a missing transcript) reads as "".
    """
    if not isinstance(text, str):
        return ""
    return text[:limit].translate(_ONE_FOR_ONE)


def drop_artefacts(text: str) -> str:
    """Blank out "[BLANK_AUDIO]", "(coughs)", "*laughs*": sounds, not words."""
    return _ARTEFACTS.sub(lambda m: " " * len(m.group(0)), text)


FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "ahh", "hmm", "hm", "mm"})
