"""What a caller can say at any prompt, and how they answer a yes/no question.

:func:`classify_command` recognises the few things that mean the same whatever was asked:
say that again, go back, I don't know, a person please, goodbye, okay. :func:`parse_confirmation`
reads the answer to "Tuesday at 3 p.m., is that right?": yes, no, yes-but-change-it, or
unclear.

Both return the rest of what was said, because callers rarely stop at the keyword: "no, wait,
that's wrong, it's Tuesday" is a correction *and* a new value; "yes but can it be later" is
neither a plain yes nor a no. A dialogue should

1. act on a command when ``command.only`` (nothing else of substance was said);
2. otherwise try its slot readers on ``command.rest`` first, and fall back to the command;
3. for a confirmation, treat ``change`` and a ``no`` with ``rest`` as "not that, but this":
   read ``rest`` for the new value before asking again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from agent.slots._text import clean, drop_artefacts

__all__ = [
    "Answer",
    "Command",
    "CommandKind",
    "Confirmation",
    "classify_command",
    "parse_confirmation",
]

_LIMIT = 300


class CommandKind(StrEnum):
    REPEAT = "repeat"
    GO_BACK = "go_back"
    DONT_KNOW = "dont_know"
    PERSON = "person"
    GOODBYE = "goodbye"
    ACKNOWLEDGE = "acknowledge"
    WAIT = "wait"


@dataclass(frozen=True, slots=True)
class Command:
    """A command and what else was said. ``rest`` keeps the caller's words (case and all)
    without the command phrases; ``only`` is True when ``rest`` holds nothing but fillers
    and politeness."""

    kind: CommandKind
    rest: str = ""
    only: bool = True
    via_keypad: bool = False


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    CHANGE = "change"  # yes to most of it, but change something: "yes but can it be later"
    UNCLEAR = "unclear"  # no answer, a hedge ("maybe"), or yes and no at once


@dataclass(frozen=True, slots=True)
class Confirmation:
    """The answer to a yes/no question. ``rest`` is what came with it: the change asked for
    ("can it be later"), the correction after a no ("I want a different day"), or, when
    ``unclear``, everything the caller said."""

    answer: Answer
    rest: str = ""
    via_keypad: bool = False


def _phrases(text: str) -> tuple[str, ...]:
    """Phrases written as one comma-separated string, to keep the tables short."""
    return tuple(p.strip() for p in text.split(",") if p.strip())


def _rx(*phrases: str) -> str:
    """An alternation of phrases, longest first so "no problem" wins over "no"; spaces may
    be any run of spaces and commas, and "that's"/"don't" accept the ways they get written."""
    out = []
    for p in sorted(set(phrases), key=len, reverse=True):
        p = re.escape(p).replace(r"\ ", r"[\s,]+")
        p = p.replace("that's", "that(?:'s|s|\\s+is)").replace("it's", "it(?:'s|s|\\s+is)")
        p = p.replace("n't", "(?:n'?t|\\s+not)").replace("i'm", "i(?:'m|m|\\s+am)")
        out.append(p)
    return "|".join(out)


_PERSON = re.compile(
    r"\b(?:"
    + _rx(
        *_phrases(
            "agent, an agent, operator, representative, a representative, rep, a real person, "
            "real person, a live person, live person, a person, human, a human, human being, "
            "receptionist, the front desk, front desk, somebody, someone, anybody, anyone, "
            "customer service, staff, a staff member"
        )
    )
    + r")\b",
    re.IGNORECASE,
)
# "someone" and friends only count after a verb of asking: "let me talk to someone".
_PERSON_VAGUE = frozenset({"somebody", "someone", "anybody", "anyone", "staff"})
_ASK_FOR = re.compile(
    r"\b(?:speak|talk|transfer|connect|put|get|want|need|give|reach|have)\b[\w\s']{0,20}$",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:don't|do not|dont|no|not|never|without|won't|doesn't)\b[\w\s']{0,25}$", re.IGNORECASE
)
_ARE_YOU = re.compile(
    r"\b(?:are you|is this|am i (?:talking|speaking) (?:to|with))\b[\w\s]{0,8}$", re.I
)

_GO_BACK = re.compile(
    r"\b(?:"
    + _rx(
        *_phrases(
            "go back, back up, previous question, no wait, wait that's wrong, that's wrong, "
            "that's not right, that's not what i said, that's not what i meant, "
            "i made a mistake, my mistake, undo, start over, start again, let me start over, "
            "i said it wrong, scratch that, change my answer"
        )
    )
    + r")\b",
    re.IGNORECASE,
)
_REPEAT = re.compile(
    r"\b(?:"
    + _rx(
        *_phrases(
            "say that again, say it again, repeat that, repeat it, can you repeat, "
            "could you repeat, please repeat, come again, one more time, what did you say, "
            "what was that, didn't hear, didn't catch, didn't get that, didn't understand, "
            "couldn't hear, can't hear, missed that, pardon, pardon me"
        )
    )
    + r")\b",
    re.IGNORECASE,
)
_REPEAT_ALONE = re.compile(
    r"^(?:what|huh|sorry|excuse me|what's that|repeat|again|hello|eh)$", re.IGNORECASE
)
_DONT_KNOW = re.compile(
    r"\b(?:"
    + _rx(
        *_phrases(
            "i don't know, don't know, dunno, not sure, i'm not sure, no idea, no clue, "
            "i can't remember, can't remember, don't remember, i forget, i forgot, "
            "can't recall, don't recall, i'm unsure, unsure, beats me, hard to say"
        )
    )
    + r")\b",
    re.IGNORECASE,
)
_GOODBYE = re.compile(
    r"\b(?:"
    + _rx(
        *_phrases(
            "bye, goodbye, good bye, bye bye, that's all, that is all, that'll be all, "
            "nothing else, i'm done, we're done, hang up, i'm all set, have a good day, "
            "have a nice day"
        )
    )
    + r")\b",
    re.IGNORECASE,
)
# "Hang on, let me find my card": the caller needs a moment, at any prompt. What they go to
# fetch is part of the phrase, so that "hang on, let me get his card" is a wait and nothing
# more, while "hang on, he's turning blue" still says something.
_WAIT = re.compile(
    r"\b(?:"
    + _rx(
        *_phrases(
            "hang on, hold on, one moment, one moment please, just a moment, just a minute, "
            "one second, one sec, just a second, just a sec, give me a second, "
            "give me a minute, give me a moment, bear with me, wait a second, wait a minute, "
            "wait a moment, wait a sec, a moment please"
        )
    )
    + r")\b(?:[\s,.]+(?:a (?:second|sec|minute|moment)|please))?"
    + r"(?:[\s,.]+(?:let me|i'll|i will|i need to|i have to|i've got to|i got to) "
    + r"(?:find|get|grab|check|look for|look up|look at|see|fetch|dig out)"
    + r"(?: (?:my|his|her|their|our|the|it|that|them))?"
    + r"(?: (?!(?:he|she|they|it|i|we|you)\b)\w+){0,3}\b)?",  # "... my husband", not "he fell"
    re.IGNORECASE,
)
_WAIT_ALONE = re.compile(r"^(?:wait|hang on|hold on|one sec|one moment)$", re.IGNORECASE)
_GOODBYE_ALONE = re.compile(r"^(?:that's it|no that's it|that's everything|all set)$", re.I)
_ACK_WORDS = frozenset(
    (
        "ok okay okey k thanks thank you great alright all right got it cool perfect good fine i "
        "see understood gotcha wonderful awesome excellent so much very oh ah mm hmm"
    ).split()
)
# Words that carry nothing once a command is taken out.
_EMPTY_WORDS = frozenset(
    (
        "um umm uh uhh er erm ah oh well so just please thanks thank you sorry okay ok yeah hey "
        "hi like can could would i to a the me let speak talk with want need get put transfer "
        "connect through now then it that again actually and but really is was there for today "
        "wait no"
    ).split()
)
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+")


def _prepare(text: object) -> str:
    return drop_artefacts(clean(text, _LIMIT)).strip()


def _tidy(rest: str) -> str:
    """Trim what is left around a removed phrase: stray punctuation and connectives."""
    rest = re.sub(r"\s+", " ", rest)
    rest = re.sub(
        r"^(?:[\s,.;:!?-]|\b(?:and|but|so|um|uh|oh|well|okay|ok)\b)+", "", rest, flags=re.I
    )
    rest = re.sub(r"(?:\s*[,;:-])+\s*$", "", rest)
    rest = re.sub(r"\s+([,.!?])", r"\1", rest)
    rest = re.sub(r"([,.!?])(?:\s*[,.!?])+", r"\1", rest)
    return rest.strip()


def _empty(rest: str) -> bool:
    return all(w.lower() in _EMPTY_WORDS for w in _WORDS.findall(rest))


def _remove(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for a, b in sorted(spans):
        out.append(text[last:a])
        out.append(" ")
        last = max(last, b)
    out.append(text[last:])
    return _tidy("".join(out))


def _person_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _PERSON.finditer(text):
        before = text[: m.start()]
        if _NEGATED.search(before[-40:]) or _ARE_YOU.search(before[-30:]):
            continue
        if m.group(0).lower() in _PERSON_VAGUE and not _ASK_FOR.search(before[-40:]):
            continue
        spans.append(m.span())
    return spans


def classify_command(text: object, dtmf: str | None = None) -> Command | None:
    """A command said at any prompt, or None. Never raises.

    Checked in this order, first match wins: person ("agent", "a real person", "operator",
    "representative", keypad 0; not "I don't need an agent", not "are you a real person?"),
    go back ("go back", "no wait, that's wrong"), repeat ("say that again", "sorry I didn't
    hear"; a bare "what?" or "sorry?"), don't know ("I don't know", "not sure", "I can't
    remember"), goodbye ("that's all", "nothing else, bye"), wait ("hang on, let me find my
    card", "one moment"), and acknowledgement ("okay
    thanks", "great", "alright": only when that is all that was said, since "okay, I need a
    refill" is a request).
    """
    if isinstance(dtmf, str) and dtmf.strip() == "0":
        return Command(CommandKind.PERSON, _prepare(text), _empty(_prepare(text)), True)
    s = _prepare(text)
    if not s:
        return None
    bare = re.sub(r"[^\w\s']", " ", s).strip().lower()
    bare = re.sub(r"\s+", " ", bare)
    person = _person_spans(s)
    if person:
        return _command(CommandKind.PERSON, s, person)
    for kind, pattern in (
        (CommandKind.GO_BACK, _GO_BACK),
        (CommandKind.REPEAT, _REPEAT),
        (CommandKind.DONT_KNOW, _DONT_KNOW),
        (CommandKind.GOODBYE, _GOODBYE),
        (CommandKind.WAIT, _WAIT),
    ):
        spans = [m.span() for m in pattern.finditer(s)]
        if spans:
            return _command(kind, s, spans)
    if _REPEAT_ALONE.match(bare):
        return Command(CommandKind.REPEAT)
    if _GOODBYE_ALONE.match(bare):
        return Command(CommandKind.GOODBYE)
    if _WAIT_ALONE.match(bare):
        return Command(CommandKind.WAIT)
    words = _WORDS.findall(bare)
    if words and len(words) <= 6 and all(w in _ACK_WORDS for w in words):
        return Command(CommandKind.ACKNOWLEDGE)
    return None


def _command(kind: CommandKind, text: str, spans: list[tuple[int, int]]) -> Command:
    rest = _remove(text, spans)
    return Command(kind, rest, _empty(rest))


# --- yes / no -------------------------------------------------------------------------------

_YES = _phrases(
    "yes, yes please, yeah, yea, yah, ya, yep, yup, uh huh, uh-huh, mm hmm, mm-hmm, mhm, "
    "sure, of course, certainly, absolutely, definitely, correct, that's correct, "
    "that's right, right, exactly, affirmative, ok, okay, alright, all right, fine, "
    "that's fine, that's good, sounds good, sounds great, sounds perfect, sounds fine, "
    "that works, works for me, works, that'll work, that would work, perfect, great, good, "
    "please do, go ahead, do it, book it, i do, it is, yes it is, that's it, that's the one, "
    "you got it, you bet, no problem, no worries, not a problem, why not, i think so, "
    "i believe so, let's do it, let's do that, that one, please, yes ma'am, yes sir"
)
_NO = _phrases(
    "no, nope, nah, no thanks, no thank you, not that one, not really, i don't think so, "
    "don't, i don't, i do not, negative, incorrect, that's wrong, wrong, that's not right, "
    "not right, not correct, that's not it, it's not, that isn't it, never mind, nevermind, "
    "cancel, doesn't work, won't work, that doesn't work, that won't work, can't make it, "
    "not quite, no good, not good, not great, i'd rather not, rather not, not really, "
    "i guess not, yeah no, no no, absolutely not, definitely not, of course not, not at all"
)
_HEDGE = _phrases(
    "maybe, perhaps, possibly, i guess, i suppose, not sure, i'm not sure, i don't know, "
    "don't know, dunno, hard to say, i'm unsure, i can't remember, probably, kind of, "
    "sort of"
)
_FIX = ("actually", "i mean", "wait", "sorry", "oh wait", "hold on", "scratch that")
_BUT = ("but", "though", "although", "except", "only if", "as long as", "however")

_POLARITY: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(rf"(?:{_rx(*phrases)})", re.IGNORECASE))
    for name, phrases in (("hedge", _HEDGE), ("no", _NO), ("yes", _YES), ("fix", _FIX))
]
_MARKER = re.compile(
    rf"\b(?:{_rx(*_YES, *_NO, *_HEDGE, *_FIX)})(?![\w'])",
    re.IGNORECASE,
)
_BUT_RX = re.compile(rf"\b(?:{_rx(*_BUT)})\b", re.IGNORECASE)
_FILLER_RX = re.compile(r"\b(?:um+|uh+|er|erm|ah|oh|well|so|hmm|mm|like|just)\b|[\s,.;:!?-]+", re.I)
_CHANGE_CUES = re.compile(
    r"\b(?:later|earlier|instead|different|another|other|change|rather|prefer|move|switch"
    r"|can (?:it|we|you) (?:be|do|make)|could (?:it|we|you) (?:be|do|make)|is there|any chance)\b",
    re.IGNORECASE,
)


def _polarity(phrase: str) -> str:
    for name, pattern in _POLARITY:
        if pattern.fullmatch(phrase.strip()):
            return name
    return "yes"


def parse_confirmation(text: object, dtmf: str | None = None) -> Confirmation:
    """Read the answer to a yes/no question. Never raises.

    * Only the opening words decide: "no I want a different day" is ``no`` with rest "I want
      a different day"; "yeah that works" is ``yes``; "not that one", "nope" are ``no``.
    * A correction in the opening wins: "yes, I mean no", "actually no" are ``no``; "yeah no"
      is ``no`` (as Americans say it). Yes and no together otherwise ("yes no", "no, that's
      fine") is ``unclear``.
    * "yes but ..." and a yes followed by a change request ("yes, can it be later though?")
      are ``change``, with the request as ``rest``; "no but ..." stays ``no``.
    * Hedges ("maybe", "I'm not sure") with no yes or no are ``unclear``.
    * Keypad: 1 is yes, 2 is no. Keys and words that agree, or keys with unclear words, give
      the keys' answer; keys and words that disagree are ``unclear``.
    """
    s = _prepare(text)
    spoken = _read(s)
    key = dtmf.strip() if isinstance(dtmf, str) else ""
    keyed = {"1": Answer.YES, "2": Answer.NO}.get(key)
    if keyed is None:
        return spoken
    if spoken.answer is Answer.UNCLEAR and not _MARKER.search(s):
        return Confirmation(keyed, spoken.rest, via_keypad=True)
    if spoken.answer is keyed:
        return Confirmation(keyed, spoken.rest, via_keypad=True)
    return Confirmation(Answer.UNCLEAR, s, via_keypad=True)


def _read(s: str) -> Confirmation:
    if not s:
        return Confirmation(Answer.UNCLEAR)
    # The opening: markers separated only by fillers and punctuation.
    head: list[tuple[str, int, int]] = []
    pos = 0
    while True:
        m = _MARKER.match(s, pos)
        if m is not None:
            head.append((_polarity(m.group(0)), m.start(), m.end()))
            pos = m.end()
            continue
        gap = _FILLER_RX.match(s, pos)
        if gap is None or gap.end() == pos:
            break
        pos = gap.end()
    if not head:
        return _anywhere(s)
    answer = _decide([p for p, _, _ in head])
    if answer is Answer.UNCLEAR:
        return Confirmation(Answer.UNCLEAR, s)
    after = s[pos:].lstrip(" ,.;:!?-")
    rest = _tidy(after)
    starts_with_but = _BUT_RX.match(after)
    if starts_with_but is not None:
        rest = _tidy(after[starts_with_but.end() :])
        if answer is Answer.YES:
            return Confirmation(Answer.CHANGE, rest)
    elif answer is Answer.YES and rest and _CHANGE_CUES.search(rest):
        return Confirmation(Answer.CHANGE, rest)
    return Confirmation(answer, rest)


def _decide(polarities: list[str]) -> Answer:
    """The answer an opening run of markers gives: the last one after a correction cue, the
    shared one when they agree, hedges ignored when a yes or no is there."""
    decided: str | None = None
    fixing = False
    for p in polarities:
        if p == "fix":
            fixing = True
            continue
        if p == "hedge":
            continue
        if decided is None or fixing:
            decided = p
        elif p != decided:
            return Answer.UNCLEAR
        fixing = False
    if decided is None:
        return Answer.UNCLEAR
    return Answer.YES if decided == "yes" else Answer.NO


def _anywhere(s: str) -> Confirmation:
    """No yes or no up front ("Tuesday works, thanks"): a later one counts when all agree."""
    before_but = _BUT_RX.split(s, maxsplit=1)[0]
    found = {_polarity(m.group(0)) for m in _MARKER.finditer(before_but)} - {"fix"}
    if found == {"yes"}:
        return Confirmation(Answer.YES, _tidy(s))
    if found == {"no"}:
        return Confirmation(Answer.NO, _tidy(s))
    return Confirmation(Answer.UNCLEAR, s)
