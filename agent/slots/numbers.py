"""Numbers the way a recogniser writes them: "3", "3rd", "twenty-first", "oh three", "1950".

Whisper writes a number as digits one time and as words the next, so every slot parser first
turns the caller's words into tokens in which each number is one :class:`Numeral`. Grouping
follows how people say numbers, not arithmetic: "twenty one" is 21 and "two thousand and five"
is 2005, but "nineteen fifty" stays two numerals (19, 50) and "three thirty" stays (3, 30),
because only the reader knows whether that pair is a year, a time or a keypad-style string of
digits. :func:`join_digits` reads numerals digit by digit the way a caller reads out a date
("oh three oh three nineteen fifty" -> "03031950").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.slots._text import FILLERS, clean, drop_artefacts

__all__ = ["Numeral", "Token", "join_digits", "lex", "parse_number", "render"]

_LIMIT = 600
# Longer digit runs are not a number anyone says (and int() refuses > 4300 digits).
_MAX_DIGITS = 12


@dataclass(frozen=True, slots=True)
class Numeral:
    """One number as the caller said it.

    ``digits`` is how a keypad would type it: "03" for "oh three", "1950" for "1950", "21"
    for "twenty one". ``spoken`` is False for digits the recogniser wrote as digits.
    """

    value: int
    digits: str
    ordinal: bool = False
    spoken: bool = True


Token = str | Numeral

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORD_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_ORD_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_ORD_TENS = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_ZEROS = frozenset({"zero", "oh", "o"})

# (kind, value, ordinal) for every number word.
_WORDS: dict[str, tuple[str, int, bool]] = {
    **{w: ("unit", v, False) for w, v in _UNITS.items()},
    **{w: ("teen", v, False) for w, v in _TEENS.items()},
    **{w: ("tens", v, False) for w, v in _TENS.items()},
    **{w: ("unit", v, True) for w, v in _ORD_UNITS.items()},
    **{w: ("teen", v, True) for w, v in _ORD_TEENS.items()},
    **{w: ("tens", v, True) for w, v in _ORD_TENS.items()},
    "hundred": ("hundred", 100, False),
    "hundredth": ("hundred", 100, True),
    "thousand": ("thousand", 1000, False),
    "thousandth": ("thousand", 1000, True),
}

# Written forms Whisper produces: "3", "3rd", "21st", "3:30", "3/3/1950", "1950-03-03".
_TOKEN = re.compile(
    r"[0-9]+(?:[:/.\-][0-9]+)+"
    r"|[0-9]+(?:st|nd|rd|th)(?![^\W\d_])"
    r"|[0-9]+"
    r"|[^\W\d_]+(?:'[^\W\d_]+)*"
    r"|[^\w\s]"
)
_DIGITS = frozenset("0123456789")
_ALL_DIGITS = re.compile(r"[0-9]+")
_MERIDIEM = re.compile(r"\b([ap])\.?\s?m\b\.?", re.IGNORECASE)
_OCLOCK = re.compile(r"\bo\s*'?\s*clock\b", re.IGNORECASE)
_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_ASAP = re.compile(r"\ba\.?\s?s\.?\s?a\.?\s?p\b\.?", re.IGNORECASE)


def lex(text: object, *, limit: int = _LIMIT) -> list[Token]:
    """Split ``text`` into lower-case words and :class:`Numeral` tokens.

    Punctuation ends a number ("twenty, one" is 20 then 1) and is then dropped; fillers
    ("um", "uh") are dropped; "a.m."/"p.m."/"o'clock"/"a.s.a.p." become "am"/"pm"/"oclock"/
    "asap". Compound written forms ("3:30", "3/3/1950") stay single words for the reader.
    Never raises; reads at most ``limit`` characters.
    """
    s = drop_artefacts(clean(text, limit))
    s = _MERIDIEM.sub(lambda m: f" {m.group(1).lower()}m ", s)
    s = _OCLOCK.sub(" oclock ", s)
    s = _ASAP.sub(" asap ", s)
    s = _WORD_HYPHEN.sub(" ", s)
    raw = _TOKEN.findall(s.lower())
    out: list[Token] = []
    i = 0
    n = len(raw)
    while i < n:
        w = raw[i]
        if w in FILLERS:
            i += 1
            continue
        if w[0] in _DIGITS:
            out.append(_written(w))
            i += 1
            continue
        if w in _ZEROS:
            nxt = _next_word(raw, i + 1)
            if nxt is not None and nxt[0] in _UNITS:
                unit = _UNITS[nxt[0]]
                out.append(Numeral(unit, f"0{unit}"))
                i = nxt[1] + 1
                continue
            if w == "zero" or (nxt is not None and _is_number_word(nxt[0])) or _after_number(out):
                out.append(Numeral(0, "0"))
                i += 1
                continue
            out.append(w)
            i += 1
            continue
        if w in _WORDS and _WORDS[w][0] not in ("hundred", "thousand"):
            numeral, i = _cardinal(raw, i)
            out.append(numeral)
            continue
        if w[0].isalpha() or "'" in w:
            out.append(w)
        i += 1
    return out


def _written(w: str) -> Token:
    if _ALL_DIGITS.fullmatch(w) is None:
        m = re.fullmatch(r"([0-9]+)(st|nd|rd|th)", w)
        if m is None:
            return w  # a compound: "3:30", "3/3/1950"
        digits = m.group(1)
        if len(digits) > _MAX_DIGITS:
            return w
        return Numeral(int(digits), digits, ordinal=True, spoken=False)
    if len(w) > _MAX_DIGITS:
        return w
    return Numeral(int(w), w, spoken=False)


def _next_word(raw: list[str], j: int) -> tuple[str, int] | None:
    """The next word after fillers, or None at punctuation or the end."""
    while j < len(raw) and raw[j] in FILLERS:
        j += 1
    if j < len(raw) and (raw[j][0].isalnum()):
        return raw[j], j
    return None


def _is_number_word(w: str) -> bool:
    return w in _WORDS or w in _ZEROS or w[0] in _DIGITS


def _after_number(out: list[Token]) -> bool:
    return bool(out) and isinstance(out[-1], Numeral)


def _cardinal(raw: list[str], i: int) -> tuple[Numeral, int]:
    """Read the longest number starting at ``raw[i]`` as people say one.

    Two complete two-digit groups never merge ("nineteen fifty" is 19 then 50), so a year or
    a time said in pairs reaches the reader as pairs.
    """
    total = 0
    current = 0
    last = ""
    has_hundred = False
    has_thousand = False
    ordinal = False
    j = i
    end = i
    n = len(raw)
    while j < n:
        w = raw[j]
        if w in FILLERS:
            j += 1
            continue
        if w == "and" and last in ("hundred", "thousand"):
            nxt = _next_word(raw, j + 1)
            if (
                nxt is not None
                and nxt[0] in _WORDS
                and _WORDS[nxt[0]][0] in ("unit", "teen", "tens")
            ):
                j += 1
                continue
            break
        entry = _WORDS.get(w)
        if entry is None:
            break
        kind, value, is_ord = entry
        if not _may_follow(last, kind, current, has_hundred, has_thousand):
            break
        if kind == "hundred":
            current = (current or 1) * 100
            has_hundred = True
        elif kind == "thousand":
            total += (current or 1) * 1000
            current = 0
            has_thousand = True
            has_hundred = False
        else:
            current += value
        last = kind
        j += 1
        end = j
        if is_ord:
            ordinal = True
            break
    value = total + current
    return Numeral(value, str(value), ordinal=ordinal), end


def _may_follow(last: str, kind: str, current: int, has_hundred: bool, has_thousand: bool) -> bool:
    if last == "":
        return kind in ("unit", "teen", "tens")
    if last == "unit":
        return (kind == "hundred" and not has_hundred and current < 100) or (
            kind == "thousand" and not has_thousand
        )
    if last == "teen":
        return (kind == "hundred" and not has_hundred) or (kind == "thousand" and not has_thousand)
    if last == "tens":
        return (kind == "unit" and current % 10 == 0) or (kind == "thousand" and not has_thousand)
    if last == "hundred":
        return kind in ("unit", "teen", "tens") or (kind == "thousand" and not has_thousand)
    if last == "thousand":
        return kind in ("unit", "teen", "tens")
    return False


def render(tokens: list[Token]) -> str:
    """One line with each numeral as digits and ordinals marked "th": "the 3th of march 19 50".

    Readers match patterns on this line; "oh five" keeps its zero ("05") so that "nine oh
    five" reads as 9:05.
    """
    parts: list[str] = []
    for t in tokens:
        if isinstance(t, Numeral):
            parts.append(f"{t.value}th" if t.ordinal else t.digits)
        else:
            parts.append(t)
    return " ".join(parts)


def join_digits(numerals: list[Numeral]) -> str:
    """Read numerals digit by digit, as a caller reads out a date or a number.

    "oh three oh three nineteen fifty" -> "03031950"; "zero three one nine" -> "0319".
    """
    return "".join(n.digits for n in numerals)


def parse_number(text: object) -> int | None:
    """The number ``text`` says when it says exactly one, else None.

    "twenty one", "twenty-first", "21st", "oh three" (3), "two thousand and five", "fifteen
    hundred", "1950". Words that are not part of the number ("the", "um") are ignored; two
    numbers ("nineteen fifty", "three thirty") are not one number, so None. Never raises.
    """
    numerals = [t for t in lex(text) if isinstance(t, Numeral)]
    if len(numerals) != 1:
        return None
    return numerals[0].value
