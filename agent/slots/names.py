"""People's names as callers say them, and how close a heard name is to the one on file.

A name through a phone line and a recogniser arrives misspelled ("Jon Smyth"), split or joined
("O Brien", "OBrien"), swapped ("Smith, John"), shortened ("Bob" for Robert), spelled out
("S M I T H") or wrapped in a sentence ("uh yeah it's Robert, Bob, Jones"). These functions
never decide who the caller is: :func:`name_similarity` scores, and the verification flow
combines the score with the date of birth. A name is only ever a string here: text such as
"Robert'); DROP TABLE patients;--" is read, compared and matches nobody.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from agent.slots._fuzzy import ratio, sound_key
from agent.slots._text import clean, drop_artefacts

__all__ = [
    "NAME_MATCH_THRESHOLD",
    "SpokenName",
    "name_similarity",
    "normalise_name",
    "parse_spoken_name",
]

_LIMIT = 300
_MAX_NAME_WORDS = 5
# name_similarity at or above this is "probably the same person's name" for recognised
# speech; below it, ask the caller to spell it. Calibrated on the table in the tests.
NAME_MATCH_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class SpokenName:
    """A name a caller said. ``spelled`` holds letters they spelled out ("SMITH"), which
    have already replaced the part of the name they spell. ``for_someone_else`` is set when
    the caller gave someone else's name as the patient ("calling for my mother, her name is
    Ann Lee"); when they said so but gave no name, every part is None."""

    given: str | None = None
    family: str | None = None
    middle: str | None = None
    nicknames: tuple[str, ...] = ()
    spelled: str | None = None
    for_someone_else: bool = False

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.given, self.middle, self.family) if p)


# --- reading a name out of a sentence --------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+(?:['\-.][^\W\d_]+)*|[0-9]+|[^\w\s]")
_RELATIONS = (
    r"mother|mom|mum|mama|father|dad|papa|son|daughter|wife|husband|partner|child|kid|baby"
    r"|brother|sister|grandmother|grandma|granny|grandfather|grandpa|aunt|uncle|friend"
    r"|neighbou?r|boyfriend|girlfriend|grandson|granddaughter|niece|nephew|stepson"
    r"|stepdaughter|client|patient|parent"
)
_FOR_SOMEONE = re.compile(
    rf"\b(?:(?:her|his|their|(?:the )?patient's|(?:the )?patient) (?:full )?name(?:'s| is)"
    rf"|(?:the )?patient is"
    rf"|on behalf of"
    rf"|(?:for|about|on behalf of|regarding) (?:(?:my|our) (?:{_RELATIONS})|(?:the )?patient)"
    rf"|my (?:{_RELATIONS})(?:'s)? (?:full )?name(?:'s| is)"
    rf"|my (?:{_RELATIONS})(?: is)?)\b"
)
# "calling for Ann Lee": someone else only if a capitalised name follows ("calling for a
# refill" is not a name).
_FOR_SOMEONE_WEAK = re.compile(r"\b(?:calling|phoning|ringing|call|here) (?:for|about|regarding)\b")
_SELF = re.compile(
    r"\b(?:my (?:full )?name(?:'s| is)|(?:the )?name(?:'s| is)|this is|it's|it is|i'm|i am"
    r"|im|call me|(?:you're |you are )?speaking (?:to|with))\b"
)
_LEAD = frozenset(
    (
        "uh um umm er erm ah oh yeah yes yep well so okay ok sure hi hello hey the called named "
        "it's is mr mrs ms miss mx dr doctor mister missus that's"
    ).split()
)
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "mister", "missus"})
_STOP = frozenset(
    (
        "and calling call from here speaking please thanks thank my date birth born is was with "
        "about for to at on but so because that who i i'm im i've i'd you your a an her his their "
        "she he they she's he's name it's its it this or um uh yeah yes no okay ok just need want "
        "would like have had phone number am are be regarding of in the again sorry wanted needs "
        "needed spelled spell spelt that's there hi hello well actually not if can could patient "
        "monday tuesday wednesday thursday friday saturday sunday today tomorrow appointment "
        "prescription refill"
    ).split()
)
_PARTICLES = frozenset(
    ("de del della der den di da du la le van von st bin al el dos das ter ten").split()
)
_SUFFIXES = frozenset({"jr", "junior", "sr", "senior", "ii", "iii", "iv"})


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int  # offset in the lower-case line


def _tokens(text: str) -> tuple[list[_Tok], str]:
    toks: list[_Tok] = []
    parts: list[str] = []
    offset = 0
    for raw in _TOKEN.findall(text):
        low = raw.lower()
        toks.append(_Tok(raw, low, offset))
        parts.append(low)
        offset += len(low) + 1
    return toks, " ".join(parts)


def _index_at(toks: list[_Tok], offset: int) -> int:
    for i, t in enumerate(toks):
        if t.start >= offset:
            return i
    return len(toks)


def _is_letter(t: _Tok) -> bool:
    return len(t.text) == 1 and t.text.isalpha()


def _spelled(toks: list[_Tok]) -> tuple[str | None, set[int]]:
    """Letters spelled out: "S M I T H", "S-M-I-T-H", "S as in Sam", "double T".

    Returns the longest run's letters (upper case) and the token indices they used.
    """
    best: tuple[str, set[int]] | None = None
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        parts = re.split(r"[-.]", t.text)
        if len(parts) > 2 and all(len(p) == 1 and p.isalpha() for p in parts):
            letters, used = "".join(parts), {i}
            if best is None or len(letters) > len(best[0]):
                best = (letters.upper(), used)
            i += 1
            continue
        letters, used, j = "", set(), i
        while j < n:
            tj = toks[j]
            if tj.low == "double" and j + 1 < n and _is_letter(toks[j + 1]):
                letters += toks[j + 1].text * 2
                used |= {j, j + 1}
                j += 2
            elif _is_letter(tj):
                letters += tj.text
                used.add(j)
                j += 1
                if j + 2 < n and toks[j].low == "as" and toks[j + 1].low in ("in", "for"):
                    used |= {j, j + 1, j + 2}
                    j += 3
            elif tj.text in ",.-" and letters:
                used.add(j)
                j += 1
            else:
                break
        if len(letters) >= 2 and (best is None or len(letters) > len(best[0])):
            best = (letters.upper(), used)
        i = max(j, i + 1)
    if best is None:
        return None, set()
    return best


def _phrase(toks: list[_Tok], j: int, skip: set[int]) -> tuple[list[list[str]], bool]:
    """Name words from ``toks[j]`` on, in comma-separated groups ("Robert, Bob, Jones"), and
    whether a title ("Dr.", "Mrs") came first. Spelled letters (``skip``) are stepped over."""
    groups: list[list[str]] = [[]]
    count = 0
    titled = False
    n = len(toks)
    while j < n and (j in skip or toks[j].low in _LEAD or toks[j].text in ",.:"):
        titled = titled or toks[j].low in _TITLES
        j += 1
    while j < n and count < _MAX_NAME_WORDS:
        t = toks[j]
        if j in skip:
            j += 1
            continue
        if t.text in ',"':
            if groups[-1] and j + 1 not in skip:
                groups.append([])
            j += 1
            continue
        if t.text == "." and j > 0 and (len(toks[j - 1].text) == 1 or toks[j - 1].low in _TITLES):
            j += 1
            continue
        if t.low in _TITLES and not any(groups):
            titled = True
            j += 1
            continue
        if not t.text[0].isalpha() or t.low in _STOP:
            break
        groups[-1].append(t.text)
        count += 1
        j += 1
    return [g for g in groups if g], titled


def parse_spoken_name(text: object) -> SpokenName | None:
    """The patient's name in what the caller said, or None when there is none. Never raises.

    "my name is Mary O'Brien", "it's Smith, John" (family name first when a comma says so),
    "John Smith S M I T H" (spelled letters win), "this is Zoë Núñez", "uh yeah it's Robert,
    Bob, Jones" (Bob is a nickname), "I'm calling for my mother, her name is Ann Lee"
    (``for_someone_else``). Lower-case transcripts are capitalised ("o'brien" -> "O'Brien").
    """
    s = unicodedata.normalize("NFC", drop_artefacts(clean(text, _LIMIT)))
    toks, line = _tokens(s)
    if not toks:
        return None
    spelled, used = _spelled(toks)
    groups: list[list[str]] = []
    titled = False
    third = list(_FOR_SOMEONE.finditer(line))
    for m in reversed(third):
        groups, titled = _phrase(toks, _index_at(toks, m.end()), used)
        if groups:
            break
    if not third:
        for m in _FOR_SOMEONE_WEAK.finditer(line):
            at = _index_at(toks, m.end())
            if at < len(toks) and toks[at].text[:1].isupper():
                groups, titled = _phrase(toks, at, used)
                if groups:
                    third = [m]
                    break
    if not groups and not third:
        for m in reversed(list(_SELF.finditer(line))):
            groups, titled = _phrase(toks, _index_at(toks, m.end()), used)
            if groups:
                break
        if not groups:
            groups, titled = _phrase(toks, 0, used)
    name = _assign(groups, titled)
    if spelled is not None and (not third or groups):
        name = _apply_spelling(name, spelled)
    given, middle, family, nicknames = name
    if given is None and family is None:
        return SpokenName(for_someone_else=True) if third else None
    return SpokenName(
        given=given,
        family=family,
        middle=middle,
        nicknames=nicknames,
        spelled=spelled,
        for_someone_else=bool(third),
    )


_Parts = tuple[str | None, str | None, str | None, tuple[str, ...]]


def _assign(groups: list[list[str]], titled: bool = False) -> _Parts:
    """(given, middle, family, nicknames) from comma-separated groups of name words."""
    while groups and groups[-1] and groups[-1][-1].lower() in _SUFFIXES:
        groups[-1] = groups[-1][:-1]
        if len(groups) > 1 or groups[-1]:
            groups = [g for g in groups if g]
    groups = [[_capitalise(w) for w in g] for g in groups if g]
    if not groups:
        return None, None, None, ()
    if len(groups) >= 3:
        given = groups[0][0]
        nicknames = tuple(w for g in groups[1:-1] for w in g)
        return given, _join(groups[0][1:]), _join(groups[-1]), nicknames
    if len(groups) == 2:
        first, second = groups
        if len(first) == 1 and _nickname_related(first[0], second[0]):
            return first[0], None, _join(second[1:]), (second[0],)
        if len(first) == 1:  # "Smith, John": family name first
            return second[0], _join(second[1:]), first[0], ()
        groups = [first]
    words = groups[0]
    if len(words) == 1:
        return (None, None, words[0], ()) if titled else (words[0], None, None, ())
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _PARTICLES:
        k -= 1
    return words[0], _join(words[1:k]), _join(words[k:]), ()


def _join(words: list[str]) -> str | None:
    return " ".join(words) or None


def _capitalise(word: str) -> str:
    """Capitalise a word the recogniser wrote all lower or all upper case, O'Brien-style."""
    if word.lower() in _PARTICLES or (word != word.lower() and word != word.upper()):
        return word
    return re.sub(r"(^|['\-])(\w)", lambda m: m.group(1) + m.group(2).upper(), word.lower())


def _apply_spelling(name: _Parts, spelled: str) -> _Parts:
    """Put spelled letters in place of the part of the name they spell."""
    given, middle, family, nicknames = name
    word = spelled.capitalize()
    target = normalise_name(spelled)
    scored = [
        (ratio(target, normalise_name(part)), slot)
        for slot, part in (("family", family), ("given", given), ("middle", middle))
        if part
    ]
    best_score, best_slot = max(scored, default=(0.0, ""))
    if best_score >= 0.5 and best_slot == "family":
        family = word
    elif best_score >= 0.5 and best_slot == "given":
        given = word
    elif best_score >= 0.5:
        middle = word
    elif family is None:
        family = word
    return given, middle, family, nicknames


# --- comparing names ----------------------------------------------------------------------

# ø, æ, ł and friends do not decompose under NFKD.
_FOLD = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",
        "ß": "ss",
    }
)
_LETTERS = re.compile(r"[^\W\d_]+")
_NAME_CHARS = 100


def normalise_name(s: object) -> str:
    """A name reduced to what identifies it: case-folded, accents stripped, and apostrophes,
    hyphens, spaces and anything else that is not a letter dropped. "O'Brien", "OBrien" and
    "O Brien" are all "obrien"; "Zoë Núñez" is "zoenunez". Never raises."""
    return "".join(_words(s))


def _words(s: object) -> list[str]:
    if not isinstance(s, str):
        return []
    folded = unicodedata.normalize("NFKD", s[:_NAME_CHARS])
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _LETTERS.findall(folded.casefold().translate(_FOLD))


_NICKNAMES = (
    "robert bob bobby rob robbie bert",
    "william bill billy will willie liam",
    "margaret peggy maggie meg marge margie greta",
    "elizabeth liz lizzie beth betty eliza libby betsy liza",
    "richard rick ricky dick rich richie",
    "james jim jimmy jamie",
    "john jack johnny jon",
    "joseph joe joey",
    "michael mike mikey mick",
    "thomas tom tommy",
    "charles charlie chuck chas",
    "edward ed eddie ted ned",
    "anthony tony",
    "christopher chris kit",
    "daniel dan danny",
    "david dave davey",
    "katherine catherine kathryn kate katie kathy cathy kat kay",
    "patricia pat patty trish tricia",
    "jennifer jen jenny",
    "rebecca becky becca",
    "susan sue susie suzanne",
    "deborah debra deb debbie",
    "barbara barb babs",
    "dorothy dot dottie",
    "alexander alex al sandy",
    "alexandra alex sandra sandy",
    "benjamin ben benny",
    "samuel sam sammy",
    "samantha sam sammy",
    "steven stephen steve",
    "nicholas nick nicky",
    "matthew matt",
    "andrew andy drew",
    "gregory greg",
    "timothy tim timmy",
    "kenneth ken kenny",
    "ronald ron ronnie",
    "donald don donnie",
    "lawrence laurence larry",
    "gerald gerry jerry",
    "harold harry hal",
    "henry hank harry",
    "francis frank",
    "frances fran frankie",
    "theodore ted teddy theo",
    "victoria vicky tori",
    "christine christina chris tina christy",
    "pamela pam",
    "cynthia cindy",
    "jacqueline jackie",
    "josephine jo josie",
    "judith judy",
    "abigail abby",
    "virginia ginny",
    "eleanor ellie nora nell",
    "mary molly polly mae",
    "sarah sara sally sadie",
    "ann anne anna annie nan nancy",
    "frederick fred freddie",
    "albert al bert",
    "raymond ray",
    "joshua josh",
    "nathaniel nathan nate",
    "zachary zach zack",
    "jonathan jon jonny",
    "leonard leo len lenny",
    "walter walt wally",
    "eugene gene",
)
_NICK_GROUPS: dict[str, frozenset[int]] = {}
for _gid, _line in enumerate(_NICKNAMES):
    for _name in _line.split():
        _NICK_GROUPS[_name] = _NICK_GROUPS.get(_name, frozenset()) | {_gid}


def _nickname_related(a: str, b: str) -> bool:
    ga = _NICK_GROUPS.get(normalise_name(a))
    gb = _NICK_GROUPS.get(normalise_name(b))
    return bool(ga and gb and ga & gb)


_MAX_TOKENS = 6
# One name of two or more on file, however exact, stays below NAME_MATCH_THRESHOLD.
_ONE_NAME_CAP = 0.75


def _token_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    ga, gb = _NICK_GROUPS.get(a), _NICK_GROUPS.get(b)
    if ga and gb and ga & gb:
        return 0.95
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return 0.7  # an initial
    score = ratio(a, b)
    ka = sound_key(a.encode("ascii", "ignore").decode())
    kb = sound_key(b.encode("ascii", "ignore").decode())
    if ka and kb:
        # Sound-alike keys drop vowels, so alone they would make "Jane" "John": they only
        # lift a spelling that is already close.
        sounds = ratio(ka, kb) * (0.9 if min(len(ka), len(kb)) >= 2 else 0.75)
        score = max(score, 0.6 * score + 0.4 * sounds)
    return score


def _tokens_score(heard: list[str], on_file: list[str]) -> float:
    """Pair each heard word with its best on-file word (greedily, best pairs first); an
    on-file word not said costs a little (a middle name), a heard word matching nothing
    costs more (it may be someone else's name)."""
    pairs = sorted(
        (
            (_token_similarity(h, f), i, j)
            for i, h in enumerate(heard)
            for j, f in enumerate(on_file)
        ),
        reverse=True,
    )
    used_h: set[int] = set()
    used_f: set[int] = set()
    total = 0.0
    for score, i, j in pairs:
        if i in used_h or j in used_f:
            continue
        used_h.add(i)
        used_f.add(j)
        total += score
    matched = len(used_h)
    if matched == 0:
        return 0.0
    penalty = 0.1 * (len(on_file) - matched) + 0.15 * (len(heard) - matched)
    score = max(0.0, total / matched - penalty)
    if matched < 2 <= len(on_file):
        score = min(score, _ONE_NAME_CAP)  # "Smith" alone is not "John Smith"
    return score


def _significant(words: list[str]) -> list[str]:
    kept = [w for w in words if w not in _PARTICLES and w not in _SUFFIXES and w not in _TITLES]
    return (kept or words)[:_MAX_TOKENS]


def name_similarity(heard: object, on_file: object) -> float:
    """How likely ``heard`` is the name ``on_file``, in [0, 1]. Never raises.

    Robust to what recognition does to names: edit distance on the letters, a sound-alike key
    ("Jon Smyth" / "John Smith"), first and family name swapped, names split or joined ("O
    Brien"), nicknames from a small common table (Bob/Robert, Peggy/Margaret, Liz/Elizabeth),
    and a middle name left out. See ``NAME_MATCH_THRESHOLD``.
    """
    h = _words(heard)
    f = _words(on_file)
    if not h or not f:
        return 0.0
    whole_h, whole_f = "".join(h)[:_NAME_CHARS], "".join(f)[:_NAME_CHARS]
    if whole_h == whole_f:
        return 1.0
    whole = max(ratio(whole_h, whole_f), ratio(whole_h, "".join(reversed(f))[:_NAME_CHARS]))
    tokens = _tokens_score(_significant(h), _significant(f))
    return min(1.0, max(whole, tokens))
