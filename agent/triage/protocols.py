"""Follow-up question protocols: confirm or rule out red flags before settling a triage level.

When the triage model settles a level below emergency, the dialogue runs the complaint's short
yes/no protocol (:mod:`agent.triage.protocol_table`) before acting on it. This module is the
sans-I/O engine for one run: no audio, no clock, no randomness. :class:`FollowUp` is frozen and
every step returns a *new* state, so the dialogue can plan a reply from a state and throw the
plan away (the caller kept talking) without having changed anything.

Rules, each a test in ``tests/agent/test_protocols.py``:

- Levels only rise (:func:`agent.nlu.higher_level`); no answer, and no ``raise_to``, lowers one.
- A "yes" raises to the question's level; the first answer that reaches emergency ends the
  run (:attr:`FollowUp.escalated`): the caller must be told to act now, not asked more.
  Starting at emergency asks nothing.
- Unclear answers (``"unsure"``, anything :func:`parse_yes_no` cannot read, or silence) get the
  question once more, with the keypad hint. A second unclear answer leaves the question
  *unresolved*: the level rises to **urgent** (a nurse today) with the reason "could not rule
  out <red flag>". Urgent rather than emergency because an unclear answer is not evidence of
  the red flag, and sending every hard-of-hearing caller to the emergency number would teach
  callers to ignore it; but never lower than urgent, because low confidence escalates and
  never guesses low. A clinician should confirm this choice per question (see the table).
- After two unresolved questions the run stops: the caller cannot answer reliably by phone,
  and the nurse the urgent level brings will ask the rest.

How to review a run: :meth:`FollowUp.as_dict` is what goes in the call record; each answer
keeps the question's id and wording, the verdict, how it came (speech, keypad, timeout) and
what the recogniser heard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from agent.nlu import TRIAGE_LEVELS, Triage, higher_level
from agent.triage.protocol_table import (
    GENERIC,
    INTRO,
    KEYPAD_HINT,
    PROTOCOLS,
    IfYes,
    Question,
)

__all__ = [
    "INTRO",
    "KEYPAD_HINT",
    "MAX_TRIES",
    "MAX_UNRESOLVED",
    "UNRESOLVED_LEVEL",
    "Answer",
    "FollowUp",
    "IfYes",
    "Question",
    "adds_detail",
    "hedged",
    "parse_yes_no",
    "prompts",
    "protocol_for",
    "start_follow_up",
]

MAX_TRIES = 2  # times one question is asked before an unclear answer counts as unresolved
MAX_UNRESOLVED = 2  # unresolved questions after which the run stops and a nurse takes over
UNRESOLVED_LEVEL = "urgent"  # the rule: low confidence means urgent and a nurse
_HEARD_CHARS = 200  # enough of the transcript for a nurse to see what was said


def protocol_for(complaint: str | None) -> tuple[Question, ...]:
    """The complaint's questions; the generic protocol for ``None`` or an unknown complaint."""
    return PROTOCOLS.get(complaint or "", GENERIC)


def prompts() -> list[str]:
    """Every fixed sentence a protocol can speak, for synthesising once before calls."""
    out = [INTRO]
    for questions in (*PROTOCOLS.values(), GENERIC):
        for q in questions:
            out += [q.text, q.reprompt]
    return list(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class Answer:
    question_id: str
    question: str
    answer: str  # "yes" | "no" | "unsure" | "no_answer"
    via: str  # "speech" | "dtmf" | "timeout"
    heard: str = ""  # what the recogniser heard or the key pressed, clipped

    def as_dict(self) -> dict[str, str]:
        return {
            "question_id": self.question_id,
            "question": self.question,
            "answer": self.answer,
            "via": self.via,
            "heard": self.heard,
        }


def _rank(level: str) -> int:
    return TRIAGE_LEVELS.index(level)


def _check_level(level: str) -> None:
    if level not in TRIAGE_LEVELS:
        raise ValueError(f"unknown triage level {level!r}; expected one of {TRIAGE_LEVELS}")


def _merged(old: tuple[str, ...], new: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*old, *new)))


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The state of one protocol run. Every method returns a new state; none mutates."""

    complaint: str | None
    level: str  # current level: only rises
    red_flags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    answers: tuple[Answer, ...] = ()
    index: int = 0  # the next question, in protocol_for(complaint)
    unclear: int = 0  # unclear answers so far to the current question
    unresolved: tuple[str, ...] = ()  # question ids whose red flag could not be ruled out

    @property
    def questions(self) -> tuple[Question, ...]:
        return protocol_for(self.complaint)

    @property
    def escalated(self) -> bool:
        """Reached emergency: stop asking and tell the caller to act now."""
        return self.level == "emergency"

    @property
    def done(self) -> bool:
        return self.escalated or self.index >= len(self.questions)

    def question(self) -> Question | None:
        """The question to ask now, or ``None`` when the level is settled."""
        return None if self.done else self.questions[self.index]

    def prompt(self) -> str | None:
        """What to say now: the question, or its reprompt (with the keypad hint) on a retry."""
        q = self.question()
        if q is None:
            return None
        return q.reprompt if self.unclear else q.text

    def answer(
        self, text: str | None, dtmf: str | None = None, *, verdict: str | None = None
    ) -> FollowUp:
        """The caller answered the current question by voice (``text``) or keypad (``dtmf``).

        ``verdict`` ("yes", "no", "unsure") is for a caller of this method that has read the
        answer with more context than :func:`parse_yes_no` has; by default it reads ``text``.
        A settled run ignores further answers (returns itself) rather than raising mid-call.
        """
        q = self.question()
        if q is None:
            return self
        if verdict not in ("yes", "no", "unsure"):
            verdict = parse_yes_no(text, dtmf)
        if isinstance(dtmf, str) and dtmf.strip():
            record = Answer(q.id, q.text, verdict, "dtmf", dtmf.strip()[:_HEARD_CHARS])
        else:
            heard = text[:_HEARD_CHARS] if isinstance(text, str) else ""
            record = Answer(q.id, q.text, verdict, "speech", heard)
        return self._apply(q, verdict, record)

    def no_answer(self) -> FollowUp:
        """The caller said nothing to the current question before the timeout."""
        q = self.question()
        if q is None:
            return self
        return self._apply(q, "no_answer", Answer(q.id, q.text, "no_answer", "timeout"))

    def raise_to(
        self, level: str, red_flags: tuple[str, ...] = (), reasons: tuple[str, ...] = ()
    ) -> FollowUp:
        """Fold in a level found elsewhere (e.g. the NLU read an answer as a new symptom).

        Only ever raises; reaching emergency ends the run.
        """
        _check_level(level)
        new_level = higher_level(self.level, level) or level
        return replace(
            self,
            level=new_level,
            red_flags=_merged(self.red_flags, red_flags),
            reasons=_merged(self.reasons, reasons),
        )._settle()

    def as_dict(self) -> dict[str, Any]:
        return {
            "complaint": self.complaint,
            "level": self.level,
            "red_flags": list(self.red_flags),
            "reasons": list(self.reasons),
            "unresolved": list(self.unresolved),
            "answers": [a.as_dict() for a in self.answers],
            "done": self.done,
            "escalated": self.escalated,
        }

    def as_triage(self, confidence: float) -> Triage:
        return Triage(self.level, self.complaint, self.red_flags, self.reasons, confidence)

    def _apply(self, q: Question, verdict: str, record: Answer) -> FollowUp:
        answers = (*self.answers, record)
        if verdict == "yes":
            nxt = replace(self, answers=answers, index=self.index + 1, unclear=0)
            nxt = nxt._raised(q.if_yes)
        elif verdict == "no":
            nxt = replace(self, answers=answers, index=self.index + 1, unclear=0)
        elif self.unclear + 1 < MAX_TRIES:
            return replace(self, answers=answers, unclear=self.unclear + 1)
        else:
            # Never higher than a "yes" would have been, never lower than urgent for a
            # question whose "yes" is urgent or worse.
            level = min(q.if_yes.level, UNRESOLVED_LEVEL, key=_rank)
            what = q.if_yes.red_flag or q.if_yes.reason
            nxt = replace(
                self,
                answers=answers,
                index=self.index + 1,
                unclear=0,
                unresolved=(*self.unresolved, q.id),
            )
            nxt = nxt._raised(IfYes(level, None, f"could not rule out {what} ({q.id})"))
        return nxt._settle()

    def _raised(self, if_yes: IfYes) -> FollowUp:
        flags = (if_yes.red_flag,) if if_yes.red_flag and if_yes.level == "emergency" else ()
        return replace(
            self,
            level=higher_level(self.level, if_yes.level) or self.level,
            red_flags=_merged(self.red_flags, flags),
            reasons=_merged(self.reasons, (if_yes.reason,)),
        )

    def _settle(self) -> FollowUp:
        """Move past questions that need not be asked; end the run when it should stop."""
        qs = self.questions
        i = self.index
        if self.escalated or len(self.unresolved) >= MAX_UNRESOLVED:
            i = len(qs)
        while i < len(qs) and self._skippable(qs, i):
            i += 1
        return self if i == self.index else replace(self, index=i, unclear=0)

    def _skippable(self, qs: tuple[Question, ...], i: int) -> bool:
        q = qs[i]
        if q.only_if is not None and self._outcome(q.only_if) == "no":
            return True
        gate = any(later.only_if == q.id for later in qs[i + 1 :])
        # A question whose "yes" could not raise the level only costs the caller time.
        return not gate and _rank(q.if_yes.level) <= _rank(self.level)

    def _outcome(self, question_id: str) -> str:
        for a in reversed(self.answers):
            if a.question_id == question_id and a.answer in ("yes", "no"):
                return a.answer
        return "not ruled out"


def start_follow_up(
    complaint: str | None,
    level: str,
    red_flags: tuple[str, ...] | list[str] = (),
    reasons: tuple[str, ...] | list[str] = (),
) -> FollowUp:
    """Begin a run for ``complaint`` at the model's ``level`` (ValueError if not a level)."""
    _check_level(level)
    state = FollowUp(complaint, level, _merged((), red_flags), _merged((), reasons))
    return state._settle()


# --- reading a yes or a no ------------------------------------------------------------------

_MAX_CHARS = 1000  # an answer is a few words; a long text is a description for the NLU

_YES = "yes"  # counts wherever it appears: any clear yes wins
_PARTIAL = "partial"  # a yes only when its clause says nothing else ("a little", "sure")
_NO = "no"
_UNSURE = "unsure"
_FILLER = "filler"

_PHRASES: dict[tuple[str, ...], str] = {}


def _add(category: str, *phrases: str) -> None:
    for p in phrases:
        _PHRASES[tuple(p.split())] = category


_add(
    _FILLER,
    *"um umm uh uhh er erm err ah ahh oh ohh hmm hm mm mmm well so like okay ok alright".split(),
    *"actually honestly really just anyway look listen please sorry thanks hello hi".split(),
    *"dear love honey ma'am maam sir doctor nurse then and".split(),
    "thank you",
    "you know",
    "i mean",
    "let me think",
    "let me see",
    "to be honest",
    "oh dear",
)
_add(
    _YES,
    *"yes yeah yea yeh yah ya yep yup yess aye affirmative mhm mhmm mmhm mmhmm uhuh".split(),
    "uh huh",
    "uh hu",
    "mm hm",
    "mm hmm",
    "m hm",
    "that's right",
    "that is right",
    "that's correct",
    "that is correct",
    "that's true",
    "think so",
    "believe so",
    "guess so",
    "suppose so",
    "i'd say so",
    "would say so",
)
_add(
    _PARTIAL,
    *"sorta kinda slightly somewhat partly sometimes probably".split(),
    *"absolutely definitely certainly sure right correct exactly true indeed totally".split(),
    "sort of",
    "kind of",
    "a little",
    "a little bit",
    "a bit",
    "a tiny bit",
    "on and off",
    "off and on",
    "now and then",
    "more or less",
    "i guess",
    "looks like it",
    "seems like it",
    "seems so",
    "for sure",
    "of course",
    # The reprompt says "press 1 for yes": many callers say the digit instead.
    "1",
    "one",
    "number one",
    "press one",
)
_NEGATIVES = (
    *"no not never don't dont doesn't doesnt didn't didnt isn't isnt aren't arent".split(),
    *"wasn't wasnt weren't werent hasn't hasnt haven't havent hadn't hadnt can't".split(),
    *"cant cannot couldn't couldnt won't wont wouldn't wouldnt ain't aint".split(),
)
_add(
    _NO,
    *_NEGATIVES,
    *"nope nah naw na none nothing negative nobody neither".split(),
    "no no",
    "no one",
    "not really",
    "not at all",
    "not that i know of",
    "not that i know",
    "not that i've noticed",
    "not that i have noticed",
    "not that i noticed",
    "not that i can tell",
    "not as far as i know",
    "not as far as i can tell",
    "absolutely not",
    "definitely not",
    "certainly not",
    "of course not",
    "probably not",
    "not anymore",
    "no longer",
    "not now",
    "not yet",
    "not today",
    "not right now",
    "not at the moment",
    "not correct",
    "not exactly",
    "not true",
    "don't think so",
    "dont think so",
    "do not think so",
    "don't believe so",
    "don't think",
    "dont think",
    "do not think",
    "2",
    "two",
    "number two",
    "press two",
)
_add(
    _UNSURE,
    *"maybe perhaps possibly might unsure uncertain dunno what pardon huh eh".split(),
    "maybe not",
    "possibly not",
    "might be",
    "could be",
    "no idea",
    "no clue",
    "not much",
    "hard to say",
    "hard to tell",
    "i forget",
    "say again",
    "say that again",
    "come again",
    "repeat",
    "repeat that",
    "what do you mean",
)
for _neg in _NEGATIVES:
    for _w in ("sure", "certain", "know", "remember", "recall", "understand", "tell", "say"):
        for _mid in ("", "really ", "quite ", "too ", "so ", "very "):
            _add(_UNSURE, f"{_neg} {_mid}{_w}")
# "He's not well", "not himself": a negated reassurance describes a problem, not a "no".
for _neg in ("not", "isn't", "isnt", "wasn't", "wasnt", "aren't", "arent", "ain't", "aint"):
    for _w in (
        *"well good great fine okay ok alright normal normally right".split(),
        *"himself herself themselves myself yourself".split(),
    ):
        _add(_UNSURE, f"{_neg} {_w}")
_LONGEST = max(len(k) for k in _PHRASES)

# Words that carry no symptom: a "no" followed only by these is still a clean "no".
_IGNORABLE = frozenset(
    (
        *"i i'm im i've ive i'd me my myself you your he he's hes him his".split(),
        *"she she's shes her".split(),
        *"it it's its they they're them their we we're us our there there's theres that".split(),
        *"that's thats this a an the is are was were am be been being do does did have".split(),
        *"has had can could will would should must at all any anything of to in for as".split(),
        *"far too either yet still now today tonight fine good normal normally usual".split(),
        *"thankfully luckily god ok okay ever day days morning afternoon evening night".split(),
        *"week since earlier lately recently so far".split(),
    )
)
_SUBJECTS = frozenset("i you he she it we they there that".split())
_AUX = frozenset("do does did am is are was were have has had can could will would".split())
_OPINION = frozenset("think guess believe suppose".split())
# Words that may sit beside a partial yes in its clause ("he's a bit", "I think a little").
_BESIDE_PARTIAL = (
    _SUBJECTS
    | _AUX
    | _OPINION
    | frozenset("i'm im he's hes she's shes it's its they're we're you're".split())
)

_ARTEFACTS = re.compile(r"\[[^\]]*\]|\([^)]*\)|\*[^*]*\*|<[^>]*>|♪")
_CLAUSE_BREAK = re.compile(r"[.,!?;:\u2026\u2013\u2014-]+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _clauses(text: str) -> list[list[str]]:
    text = _ARTEFACTS.sub(" ", text[:_MAX_CHARS].casefold())
    text = re.sub(r"[\u2018\u2019`]", "'", text)
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)  # "uh-huh", "mm-hmm" -> two words
    return [_WORD.findall(c) for c in _CLAUSE_BREAK.split(text)]


def _scan(words: list[str]) -> tuple[set[str], list[str]]:
    """Categories found (longest phrase wins at each point) and the words left unmatched."""
    found: set[str] = set()
    rest: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            category = _PHRASES.get(tuple(words[i : i + n]))
            if category is not None:
                found.add(category)
                i += n
                break
        else:
            rest.append(words[i])
            i += 1
    return found, rest


def _elliptical_yes(rest: list[str]) -> bool:
    """ "I do", "he does", "she is", "I think it has": a whole clause that is a short yes."""
    if len(rest) >= 2 and rest[0] == "i" and rest[1] in _OPINION:
        rest = rest[2:]
    if rest and rest[-1] in ("too", "still"):
        rest = rest[:-1]
    return len(rest) == 2 and rest[0] in _SUBJECTS and rest[1] in _AUX


def _read(text: object) -> tuple[str, int]:
    """(verdict, number of content words beyond the yes/no) for one spoken reply."""
    if not isinstance(text, str):
        return _UNSURE, 0
    yes = unsure = no = False
    content = 0
    for words in _clauses(text):
        found, rest = _scan(words)
        extra = [w for w in rest if w not in _IGNORABLE]
        content += len(extra)
        yes |= _YES in found
        # Partial and elliptical yeses ("a little", "sure", "he does") count only in a clause
        # that says nothing else: "she's absolutely fine" and "no, he does not" are not yes.
        if _NO not in found and _UNSURE not in found:
            if _PARTIAL in found and all(w in _BESIDE_PARTIAL for w in rest):
                yes = True
            elif _elliptical_yes(rest):
                yes = True
        unsure |= _UNSURE in found
        no |= _NO in found
    if yes:
        verdict = _YES
    elif unsure:
        verdict = _UNSURE
    elif no and not content:
        verdict = _NO
    else:
        verdict = _UNSURE
    return verdict, content


def parse_yes_no(text: str | None, dtmf: str | None = None) -> str:
    """Read a reply as ``"yes"``, ``"no"`` or ``"unsure"``; never raises.

    Safety first: any clear yes wins (including partial ones: "a little", "sort of"), an
    uncertain phrase beats a no, and a "no" counts only when the reply says nothing else --
    "no, but his lips are blue" is ``"unsure"`` so the dialogue sends it back through the NLU.
    Keypad: ``"1"`` yes, ``"2"`` no, any other key unsure. Recogniser artefacts
    (``[BLANK_AUDIO]``, "(coughs)") are ignored; a reply of only those is ``"unsure"``.
    """
    spoken, _ = _read(text)
    if dtmf is None or (isinstance(dtmf, str) and not dtmf.strip()):
        return spoken
    key = dtmf.strip() if isinstance(dtmf, str) else None
    if spoken == _YES or key == "1":
        return _YES
    return _NO if key == "2" else _UNSURE


def hedged(text: str | None) -> bool:
    """True when any part of a reply is uncertain ("no... hard to say", "I don't know")."""
    if not isinstance(text, str):
        return False
    return any(_UNSURE in _scan(words)[0] for words in _clauses(text[:_MAX_CHARS]))


def adds_detail(text: str | None) -> bool:
    """True when a reply says more than yes or no ("yes, and now he's sick"): worth sending
    through the NLU too, since the extra words may describe a new symptom."""
    return _read(text)[1] > 0
