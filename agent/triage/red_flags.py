"""Red-flag matcher: finds the emergencies careline must never miss in a caller's words.

`find_red_flags` runs on the caller's transcribed words before (and independently of) any
trained model and applies the rule table `RULES`; it can only *raise* a call to emergency.
The rules, what each one means and how a clinician reviews one are in the `red_flag_rules`
package, a module per part of the body (with `Rule`, `all_of` and `any_of`, re-exported
here); the phrasings behind each concept are in the `red_flag_terms` package, laid out the
same way.

What the matcher does for every concept, so no rule has to:

- normalises the transcript (`normalise`): lower case, apostrophes dropped, number words to
  digits, "180 over 120" to `180/120`, "35 + 2" to `35+2`, the note's "35/40" to `35 weeks
  pregnant` (and a bare "30+4" to `30+4 weeks pregnant`), "10/52" to `10 weeks`, clause breaks
  to a lone comma;
- reads a turn broken by speech pauses ("I can't... get my... breath", "can't - get my -
  breath") twice: once with each pause as a clause break, as above, and once with the pauses
  closed up, so a phrasing said across a pause still matches. In the second reading a negation
  still stops at a pause ("no chest pain... crushing pressure" keeps the pressure), and a flag
  raised by either reading stands;
- ignores a mention the caller negates: a negation cue ("no", "not", "never", "without",
  "denies", "don't", "isn't", "wouldn't", ...) up to five words before it in the same clause,
  or eight words when the list runs on with "or" ("no swelling of my face or trouble
  breathing"). Clauses end at commas, at "but", "now", "just", "then", "except", ..., and at
  "and" before a new subject ("won't feed and she's hard to wake").
  Phrasings that are themselves negative ("not breathing", "won't wake up", "can't breathe")
  are findings, never cancelled. "No, he's not breathing": the "no" answers a question;
  "no" directly before a pronoun ("no he's ...") is never read as a negation. "Not sure if",
  "won't stop", "doesn't go away", "not working" are not negations either;
- ignores a diagnosis named as past history ("had a stroke in 2019", "history of
  anaphylaxis") unless it is recent ("had a stroke this morning"), and one named for a
  vaccine, test or clinic ("his meningitis shot").

It looks at the first 4,000 characters only (1,000 for the pauses-closed reading), and each
concept is one regular expression, compiled at import, without nested repeats, and searched
only when a word every match needs is in the turn (`literal_gate`): a spoken turn
takes about half a millisecond (a paused one about twice that) and the caps about 30 ms,
whatever the input.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from agent.triage.literal_gate import gate
from agent.triage.red_flag_rules import RULES, AllOf, Rule, Term, all_of, any_of
from agent.triage.red_flag_terms import MACROS, Concept

__all__ = ["RULES", "RedFlagHit", "Rule", "all_of", "any_of", "find_red_flags", "normalise"]

# A spoken turn is a few hundred characters; anything beyond this is not a caller speaking.
MAX_CHARS = 4000
# The pauses-closed reading covers this much: a breathless caller's turn is short, and the
# cap keeps a 4,000-character turn full of pauses from costing twice the matching time.
PAUSED_CHARS = 1000


@dataclass(frozen=True, slots=True)
class RedFlagHit:
    flag: str  # red-flag id from the README vocabulary
    complaint: str  # the complaint id this flag most implies
    evidence: str  # the matched words, for a nurse to read (the caller's words; not logged)
    reason: str  # plain-English reason a nurse can read


# ---------------------------------------------------------------------------------------------
# Normalising the transcript
# ---------------------------------------------------------------------------------------------

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
# "one" on its own is a word ("one side", "no one") unless a unit follows.
_ONE_UNITS = frozenset(
    "week weeks month months day days year years hour hours minute minutes point hundred".split()
)
_APOSTROPHES = str.maketrans({c: "" for c in "'\u2018\u2019\u02bc`\u00b4"})
_CLAUSE_PUNCT = re.compile(r"[,;:!?()\[\]{}\"\u2026\u2013\u2014|]+|(?<!\d)\.|\.(?!\d)|\s-\s|--+")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# "35+2 weeks" (gestation shorthand) keeps its "+"; any other "+" goes.
_PLUS = re.compile(r"(\d) ?\+ ?(?=\d)")
_OTHER = re.compile(r"[^\w\s,./%+]|(?<!\d)\+|\+(?!\d)|(?<![\w])/|/(?![\w])|_")
_DIGIT_LETTER = re.compile(r"(\d)([a-z])")
_PERCENT = re.compile(r"(\d) ?(?:%|percent\b|per cent\b)")
_BP = re.compile(r"\b(\d{2,3}) (?:over|on) (\d{2,3})\b")
# The obstetric note's gestation, "35/40" or "34+3/40" (weeks out of 40), said as the
# phrasings expect it. Not 20/40, which is also how American eye charts write vision.
_GESTATION = re.compile(r"(?<![\w/+])(?!20/)([4-9]|[1-3]\d|4[0-2])(\+[0-6])?/40(?![\w/])")
# The note's bare "30+4" (weeks and days, no "/40" and no "weeks") is a gestation too, from 10
# weeks (a Gleason score is "4+3").
_GESTATION_BARE = re.compile(
    r"(?<![\w/+.])([1-3]\d|4[0-2])\+([0-6])(?![\w/+.]| ?(?:weeks?|wks?|w)\b)"
)
# "10/52" is ten weeks in a clinical note (of a baby's age, a pregnancy or time since surgery).
_WEEKS_OF_52 = re.compile(r"(?<![\w/.])([1-9]|[1-4]\d|5[0-2])/52(?![\w/])")
# "34 week pregnant": the phrasings count weeks in the plural.
_WEEK_SINGULAR = re.compile(r"\b(\d{1,2}) week (pregnant|along|gestation)\b")
_SPACES = re.compile(r"\s+")
# A pause in transcribed speech: "...", "…", ". . .", an em dash or "--", or a hyphen or en
# dash standing between spaces (an unspaced one joins words: "58-year-old").
_PAUSE = re.compile(r"\s*(?:\.{2,}|\u2026|(?:\.\s){2,}\.?|\u2014|-{2,})\s*|\s+(?:-+|\u2013)\s+")
_COMMAS = re.compile(r"(?:\s*,\s*)+")


def normalise(text: str) -> str:
    """The transcript as the concept phrasings expect it (see `red_flag_terms`)."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).lower().translate(_APOSTROPHES)
    text = text.replace("\u00b0", " ")
    text = _HYPHEN.sub(" ", text)
    text = _CLAUSE_PUNCT.sub(" , ", text)
    text = _PLUS.sub(r"\1+", text)
    text = _OTHER.sub(" ", text)
    text = _DIGIT_LETTER.sub(r"\1 \2", text)
    text = _numbers_to_digits(_SPACES.sub(" ", text).strip().split(" "))
    text = _PERCENT.sub(r"\1%", text)
    text = _GESTATION.sub(r"\1\2 weeks pregnant", text)
    text = _GESTATION_BARE.sub(r"\1+\2 weeks pregnant", text)
    text = _WEEKS_OF_52.sub(r"\1 weeks", text)
    text = _WEEK_SINGULAR.sub(r"\1 weeks \2", text)
    text = _BP.sub(r"\1/\2", text)
    return _COMMAS.sub(" , ", text).strip(" ,")


def _numbers_to_digits(tokens: list[str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value, j = _read_number(tokens, i)
        if j > i:
            out.append(value)
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def _read_number(tokens: list[str], i: int) -> tuple[str, int]:
    """Read a spoken number at tokens[i] ("a hundred and four", "two point five", "38 point
    5"); returns (digits, index after it), or ("", i) when there is none."""
    n = len(tokens)

    def word(k: int) -> str:
        return tokens[k] if k < n else ""

    j = i
    total = 0
    spoken = False
    if word(j) == "a" and word(j + 1) == "hundred":
        total, j, spoken = 100, j + 2, True
    elif word(j) == "hundred":
        total, j, spoken = 100, j + 1, True
    elif word(j).isdigit() and word(j + 1) == "point":
        total, j = int(word(j)), j + 1
    else:
        if word(j) == "one" and word(j + 1) not in _ONE_UNITS:
            return "", i
        if word(j) in _UNITS:
            total, j, spoken = _UNITS[word(j)], j + 1, True
        elif word(j) in _TENS:
            total, j, spoken = _TENS[word(j)], j + 1, True
            if word(j) in _UNITS and 0 < _UNITS[word(j)] < 10:
                total, j = total + _UNITS[word(j)], j + 1
        if spoken and word(j) == "hundred":
            total, j = total * 100, j + 1
    if spoken and total >= 100 and total % 100 == 0:
        k = j + 1 if word(j) == "and" else j
        if word(k) in _TENS:
            total, k = total + _TENS[word(k)], k + 1
            if word(k) in _UNITS and 0 < _UNITS[word(k)] < 10:
                total, k = total + _UNITS[word(k)], k + 1
            j = k
        elif word(k) in _UNITS and _UNITS[word(k)] > 0:
            total, j = total + _UNITS[word(k)], k + 1
    if j == i:
        return "", i
    digits = str(total)
    if word(j) == "point":
        fraction = word(j + 1)
        if fraction.isdigit():
            return f"{digits}.{fraction}", j + 2
        if fraction in _UNITS and _UNITS[fraction] < 10:
            return f"{digits}.{_UNITS[fraction]}", j + 2
        return (digits, j) if spoken else ("", i)
    return (digits, j) if spoken else ("", i)


# ---------------------------------------------------------------------------------------------
# Matching concepts, with negation and past history
# ---------------------------------------------------------------------------------------------

_GAP = re.compile(r" ~(~?)(\d) ")
_MACRO = re.compile(r"<(\w+)>")
_NEGATION_CUES = frozenset(
    "no not never without denies denied deny denying nor neither dont doesnt didnt isnt arent "
    "wasnt werent hasnt havent hadnt wont wouldnt nil".split()
)
# Words that end a clause for negation: "no fever but chest pain", "no cough, just chest pain".
_CLAUSE_BREAKS = frozenset(
    ", but though although however except yet besides just only now then until whereas "
    "because cause instead also plus than apart".split()
)
# A cue followed by these is not negating the finding after it ("not sure if he's
# breathing", "won't stop bleeding", "no longer breathing", "no, he's ...").
_NOT_A_NEGATION = re.compile(
    r"(?:no|not|never|dont|doesnt|didnt|isnt|wont|hasnt|havent|without) (?:sure|only|just|"
    r"longer|know|knowing|stop\w*|go away|going away|gone away|going down|go down|working|"
    r"helping|improving|better|getting (?:any )?better|warning|doubt|one|matter|able to|"
    r"kidding|joking)\b"
)
_NO_BEFORE_PRONOUN = frozenset(
    "i im ive id he hes she shes it its they theyre we you my his her our their the this that "
    "thats there theres mum mom dad baby".split()
)
_POST_NEGATION = re.compile(
    r" (?:(?:is|was|are|were) )?(?:absent|denied|negative|ruled out|nil|free)\b"
)
_HISTORY_BEFORE = re.compile(
    r"(?:history of|hx of|h/o|previous|previously|prior|past|known|survived|recovered from|"
    r"after (?:his|her|my|a|an)|since (?:his|her|my)|(?<!just )had (?:a|an|his|her|my)|"
    r"(?<!just )has had (?:a|an))(?: \S+){0,2} $"
)
_HISTORY_AFTER = re.compile(
    r"^(?: \S+){0,4} (?:ago|last (?:year|month|spring|summer|autumn|fall|winter)|in (?:19|20)"
    r"\d\d|as a (?:kid|child|baby|teenager)|when (?:i|he|she) was|before)\b"
)
# "meningitis shot", "stroke clinic follow-up": the disease is named, nobody has it now.
_NOT_AN_ILLNESS_AFTER = re.compile(
    r"^ (?:shots?|vaccines?|vaccinations?|jabs?|boosters?|immuni\w*|tests?|testing|screening|"
    r"results?|clinic|awareness|leaflet|risk|prevention|check)\b"
)
_RECENT_AFTER = re.compile(
    r"^(?: \S+){0,3} (?:today|this (?:morning|afternoon|evening)|tonight|last night|just now|"
    r"(?:an|1|one|2|two) hours? ago|minutes ago|yesterday|now)\b"
)


def _expand(pattern: str) -> str:
    pattern = _MACRO.sub(lambda m: MACROS[m.group(1)], pattern)
    return _GAP.sub(
        lambda m: (
            rf"(?: \S+){{0,{m.group(2)}}} " if m.group(1) else rf"(?: [\w.%/]+){{0,{m.group(2)}}} "
        ),
        pattern,
    )


@cache
def _prepared(concept: Concept) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The concept's one expression, and its literal gate (empty: always search)."""
    body = "|".join(f"(?:{_expand(p)})" for p in concept.patterns)
    compiled = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
    return compiled, gate(compiled) or ()


# The rule table's concepts by identity: they live as long as the module, and an int key
# costs nothing to hash, where a Concept hashes its whole phrase list on every look-up.
_BY_ID: dict[int, tuple[re.Pattern[str], tuple[str, ...]]] = {}


def _negated(text: str, start: int, end: int, floor: int = 0) -> bool:
    """Is the mention at text[start:end] negated? A cue before `floor` (a pause) never is."""
    before = text[max(0, start - 90, floor) : start].split()
    clause: list[str] = []
    for token in reversed(before):
        if token in _CLAUSE_BREAKS:
            break
        # "won't feed and she's hard to wake": "and" before a new subject starts a new clause.
        if token == "and" and clause and clause[-1] in _NO_BEFORE_PRONOUN:
            break
        clause.append(token)
        if len(clause) == 8:
            break
    clause.reverse()
    window = clause if ("or" in clause[-6:] or "nor" in clause[-6:]) else clause[-5:]
    offset = len(clause) - len(window)
    for k, token in enumerate(window):
        if token not in _NEGATION_CUES:
            continue
        following = " ".join(clause[offset + k :]) + " " + text[start:end]
        if _NOT_A_NEGATION.match(following):
            continue
        after = clause[offset + k + 1] if offset + k + 1 < len(clause) else ""
        if token == "no" and after in _NO_BEFORE_PRONOUN:
            continue
        if token == "not" and offset + k > 0 and clause[offset + k - 1] in {"can", "could"}:
            continue
        return True
    return bool(_POST_NEGATION.match(text, end))


def _historical(text: str, start: int, end: int) -> bool:
    after = text[end : end + 60]
    if _NOT_AN_ILLNESS_AFTER.match(after):
        return True
    if _RECENT_AFTER.match(after):
        return False
    before = text[max(0, start - 50) : start]
    return bool(_HISTORY_BEFORE.search(before) or _HISTORY_AFTER.match(after))


class _Transcript:
    """One normalised reading of a turn, remembering which concepts it mentions. `pauses`
    are the offsets in `text` where a closed-up speech pause was; negation stops there."""

    __slots__ = ("_seen", "pauses", "text", "unless_view")

    def __init__(self, text: str, pauses: tuple[int, ...] = ()) -> None:
        self.text = text
        self.pauses = pauses
        self._seen: dict[int, str | None] = {}  # by id(concept): each rule holds its own
        # Findings that stand a rule down ("it hasn't... eased") are read with negation free to
        # cross a pause, so a hesitant "hasn't" still negates them.
        self.unless_view = _Transcript(text) if pauses else self

    def mention(self, concept: Concept) -> str | None:
        key = id(concept)
        if key not in self._seen:
            self._seen[key] = self._find(concept)
        return self._seen[key]

    def _find(self, concept: Concept) -> str | None:
        text = self.text
        compiled, needed = _BY_ID.get(id(concept)) or _prepared(concept)
        if needed:
            for word in needed:
                if word in text:
                    break
            else:
                return None  # it cannot match (literal_gate): skip the scan
        for m in compiled.finditer(text):
            start, end = m.span()
            first = m.group(0).split(" ", 1)[0]
            k = bisect_right(self.pauses, start)
            floor = self.pauses[k - 1] if k else 0
            if first not in _NEGATION_CUES and _negated(text, start, end, floor):
                continue
            if concept.named and _historical(text, start, end):
                continue
            return m.group(0)
        return None

    def evidence(self, term: Term) -> list[str] | None:
        if isinstance(term, Concept):
            found = self.mention(term)
            return None if found is None else [found]
        if isinstance(term, AllOf):
            collected: list[str] = []
            for part in term.parts:
                got = self.evidence(part)
                if got is None:
                    return None
                collected += got
            return collected
        for part in term.parts:
            got = self.evidence(part)
            if got is not None:
                return got
        return None


# Compile every phrasing now rather than on a caller's first emergency.
for _rule in RULES:
    for _concept in _rule.concepts:
        _BY_ID[id(_concept)] = _prepared(_concept)
del _rule, _concept


def _readings(text: str) -> list[_Transcript]:
    """The turn with pauses as clause breaks and, when it has pauses, with them closed up."""
    first = _Transcript(normalise(text))
    if not first.text:
        return []
    head = text[:PAUSED_CHARS]
    pauses = [m.start() for m in _PAUSE.finditer(head)]
    if not pauses:  # most turns: no second reading, no second normalise
        return [first]
    if len(text) > PAUSED_CHARS:
        # Cut at the last pause in the cap, so no qualifier ("... ten years ago") is cut off.
        head = head[: pauses[-1]]
    pieces = [piece for piece in map(normalise, _PAUSE.split(head)) if piece]
    if len(pieces) < 2:
        return [first]
    offsets = [0]
    for piece in pieces[:-1]:
        offsets.append(offsets[-1] + len(piece) + 1)
    return [first, _Transcript(" ".join(pieces), tuple(offsets[1:]))]


def _fires(rule: Rule, turn: _Transcript) -> list[str] | None:
    """The evidence for `rule` in one reading, or None when it does not fire there."""
    found = turn.evidence(rule.when)
    if found is None:
        return None
    if rule.unless is not None and turn.unless_view.evidence(rule.unless) is not None:
        return None
    return found


def find_red_flags(text: str) -> list[RedFlagHit]:
    """The red flags in one caller turn, primary first, one hit per flag id.

    Pure and deterministic; any string (empty, very long, another language, junk) gives a
    list, usually empty."""
    if not isinstance(text, str) or not text.strip():
        return []
    readings = _readings(text)
    if not readings:
        return []
    hits: list[RedFlagHit] = []
    seen: set[str] = set()
    for rule in RULES:
        if rule.flag in seen:
            continue
        found = next(filter(None, (_fires(rule, turn) for turn in readings)), None)
        if found is None:
            continue
        seen.add(rule.flag)
        evidence = " ... ".join(dict.fromkeys(found))
        hits.append(RedFlagHit(rule.flag, rule.complaint, evidence, rule.reason))
    return hits
