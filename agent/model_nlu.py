"""careline's understanding of a turn: the trained model, under explicit safety policy.

The model (:mod:`models.nlu`) gives probabilities. This module decides, and every rule that
can change a patient's path is here, in plain code a clinician can review:

1. Red flags (:mod:`agent.triage.red_flags`) are explicit rules. Any match makes the turn an
   emergency, whatever the model says. The model can never lower a level a rule set.
2. The level leans up, never down. Emergency is chosen as soon as its probability passes a
   low threshold (``emergency_at``, far below 0.5); likewise urgent-or-worse. The thresholds
   are fixed in the model card, chosen on training data only.
3. Unsure means a nurse. When no level is clearly ahead, the level becomes at least urgent
   ("a nurse should assess"): careline escalates, it never guesses low.
4. A caller who calls it an emergency is treated as one ("I need an ambulance").
   The intent is the best reading of the words; the level is the (leaning) decision, and the
   dialogue acts on the level.
5. Bad input has a defined answer: empty or unreadable text is ``other`` with confidence 0;
   keypad digits are handed to the dialogue untouched (0 is always "a person").
6. A bare answer is not a request: a turn made only of a date, a number or a time ("March
   14th 1985", "it's 0415 1980", "the 12th") says nothing about symptoms, so it is ``other``
   and the dialogue reads it as the answer it asked for. The model has never been taught what
   a lone date means, and has called some of them emergencies. A bare "911" / "999" / "112"
   is left to the model (it may be a cry for help), as is a lone "zero" (the operator), and
   so is any number once the dialogue has asked for symptoms.
7. The intent's example memory (:mod:`models.memory`: the nearest training lines vote
   beside the intent head) can change which intent is read, never whether a turn is
   triaged or made an emergency: for those, symptoms and a declared emergency are taken
   from whichever of the head alone and the blend says so more strongly.

Levels only rising *during a call* is kept by the dialogue and the call record
(:func:`agent.nlu.higher_level`); this module judges one turn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.errors import ModelError
from agent.nlu import TRIAGE_LEVELS, Triage, Understanding
from agent.triage.red_flags import RedFlagHit, find_red_flags
from models.nlu import NluModel, Scores

# The model reads at most this much (its encoder stops at 128 tokens anyway): a 10,000-word
# "turn" is a stuck line or an attack. The red-flag rules read further (RULES_CHARS), so an
# emergency said after a long preamble is still heard.
MAX_CHARS = 1500
RULES_CHARS = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NUMBER_WORDS = frozenset(
    "zero oh o one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand first second third fourth fifth sixth seventh eighth ninth tenth "
    "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
    "nineteenth twentieth thirtieth".split()
)
_DATE_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
_FILLER_WORDS = frozenset(
    "um uh er erm hmm so yes yeah yep ok okay it its it's is was that's thats that my date of "
    "birth birthday dob born on in the and at a an number phone digits am pm next this last st "
    "nd rd th".split()
)
_ANSWER_TOKEN = re.compile(r"\d+|[a-z']+|[^\s\da-z']")
# Left to the model: emergency numbers, and a lone zero (spoken for "the operator").
_EMERGENCY_NUMBERS = frozenset(
    {"911", "999", "112", "9 1 1", "nine one one", "0", "zero", "oh", "o", "pound zero"}
)


@dataclass(frozen=True, slots=True)
class Policy:
    """Decision thresholds (from the model card; these defaults apply when it has none)."""

    emergency_at: float = 0.15  # P(emergency) at or above this -> emergency
    urgent_at: float = 0.35  # P(urgent) + P(emergency) at or above this -> at least urgent
    unsure_below: float = 0.5  # best level probability below this -> at least urgent
    symptoms_at: float = 0.5  # P(symptoms) + P(emergency) for a turn to carry a triage
    declared_emergency_at: float = 0.5  # P(intent = emergency) that makes the level emergency
    complaint_at: float = 0.2  # below this the complaint is reported as unknown

    @classmethod
    def from_card(cls, card: dict[str, Any]) -> Policy:
        known = cls.__dataclass_fields__
        return cls(**{k: float(v) for k, v in card.get("thresholds", {}).items() if k in known})


def clean_text(text: str | None, limit: int = MAX_CHARS) -> str:
    text = unicodedata.normalize("NFKC", text or "")[:limit]
    return " ".join(_CONTROL.sub(" ", text).split())


def is_bare_answer(text: str) -> bool:
    """A turn made only of a date, number or time (with a little filler): no request, no
    symptom. A bare emergency number is not one (see the module docstring, point 6)."""
    words = text.lower().replace("\u2019", "'")
    if words.strip(" .!?") in _EMERGENCY_NUMBERS:
        return False
    tokens = _ANSWER_TOKEN.findall(words)
    content = False
    for token in tokens:
        if token.isdigit() or token in _NUMBER_WORDS or token in _DATE_WORDS:
            content = True
        elif token not in _FILLER_WORDS and token not in "/.,:-!?":
            return False
    return content


def _pct(p: float) -> str:
    return f"{round(p * 100)} %"


def decide_level(levels: dict[str, float], policy: Policy) -> tuple[str, float, list[str]]:
    """The level from the model's probabilities, leaning up; with the reasons for any lean."""
    best = max(levels, key=levels.__getitem__)
    reasons = [f"model: most likely {best.replace('_', ' ')} ({_pct(levels[best])})"]
    level = best
    if levels["emergency"] >= policy.emergency_at and best != "emergency":
        level = "emergency"
        reasons.append(f"emergency not ruled out ({_pct(levels['emergency'])})")
    elif TRIAGE_LEVELS.index(level) < TRIAGE_LEVELS.index("urgent"):
        up = levels["urgent"] + levels["emergency"]
        if up >= policy.urgent_at:
            level = "urgent"
            reasons.append(f"same-day care not ruled out ({_pct(up)})")
        elif levels[best] < policy.unsure_below:
            level = "urgent"
            reasons.append("unsure of the level: a nurse should assess")
    return level, levels[level], reasons


class ModelNlu:
    """The Nlu behind the call engine: trained intent and triage, explicit red flags."""

    def __init__(self, model: NluModel, policy: Policy | None = None) -> None:
        self.model = model
        if policy is None:
            if "thresholds" not in model.card:
                raise ModelError("the NLU model card has no decision thresholds: retrain it")
            policy = Policy.from_card(model.card)
        self.policy = policy

    @classmethod
    def load(cls, heads: str | Path | None = None) -> ModelNlu:
        return cls(NluModel.load(heads))

    def understand(
        self, text: str, *, dtmf: str | None = None, context: dict[str, Any] | None = None
    ) -> Understanding:
        """One turn. ``context={"expect": "symptoms"}`` says the caller was just asked to
        describe their symptoms, so the answer is triaged even if it is brief."""
        entities: dict[str, Any] = {"dtmf": dtmf} if dtmf else {}
        heard = clean_text(text, RULES_CHARS)
        if not heard:
            if dtmf == "0":
                return Understanding("speak_to_person", 1.0, entities)
            return Understanding("other", 1.0 if dtmf else 0.0, entities)
        expect = (context or {}).get("expect")
        if expect != "symptoms" and is_bare_answer(heard):
            return Understanding("other", 1.0, entities)
        scores = self.model.scores([heard[:MAX_CHARS]])[0]
        return self.judge(scores, find_red_flags(heard), entities, expect=expect)

    def understand_many(
        self, texts: list[str], *, expect: str | None = None
    ) -> list[Understanding]:
        """Many texts in batches (one encoder pass per batch): for evaluation jobs."""
        cleaned = [clean_text(t, RULES_CHARS) for t in texts]
        scores = iter(self.model.scores([t[:MAX_CHARS] for t in cleaned if t]))
        out = []
        for text in cleaned:
            if not text:
                out.append(self.judge(None, [], {}, expect=expect))
            else:
                out.append(self.judge(next(scores), find_red_flags(text), {}, expect=expect))
        return out

    def judge(
        self,
        s: Scores | None,
        flags: list[RedFlagHit],
        entities: dict[str, Any] | None = None,
        *,
        expect: str | None = None,
    ) -> Understanding:
        """The policy, given the model's scores and the rules' red flags for one turn.

        ``s`` is None for a turn with no words: when symptoms were expected, that is an
        unknown complaint at an unknown level, which means a nurse (urgent), not a guess.
        """
        p = self.policy
        entities = dict(entities or {})
        if s is None:
            if expect != "symptoms":
                return Understanding("other", 0.0, entities)
            unknown = Triage("urgent", None, (), ("no description to assess: a nurse should",), 0.0)
            return Understanding("symptoms", 0.0, entities, unknown)
        intent, confidence = Scores.best(s.intent)
        # The intent head's example memory may pick the intent, but it never takes away a
        # triage or an emergency level the head alone would have given: those safety
        # signals are the larger of the two readings (point 7). Whether the caller's words
        # *call* it an emergency (the intent label) is the blended reading's.
        readings = (s.intent, s.intent_head or s.intent)
        symptom_mass = max(r["symptoms"] + r["emergency"] for r in readings)
        said_emergency = max(r["emergency"] for r in readings)
        declared_by_any = said_emergency >= p.declared_emergency_at
        declared = s.intent["emergency"] >= p.declared_emergency_at
        expected = expect == "symptoms"
        # Any sign of symptoms gets a triage: the intent's pick (the head's alone or the
        # blend's), or half its mass.
        # (Not the level head's own say-so: it only ever saw symptom descriptions, and on
        # "cancel my appointment" its answer means nothing.)
        symptomatic = (
            any(Scores.best(r)[0] in ("symptoms", "emergency") for r in readings)
            or symptom_mass >= p.symptoms_at
        )
        if not (flags or declared_by_any or expected or symptomatic):
            return Understanding(intent, confidence, entities)

        level, level_p, reasons = decide_level(s.level, p)
        best_complaint, complaint_p = Scores.best(s.complaint)
        complaint: str | None = best_complaint
        if declared_by_any and level != "emergency":
            level = "emergency"
            reasons.append(f"described as an emergency ({_pct(said_emergency)})")
        if flags:
            level, complaint = "emergency", flags[0].complaint
            reasons = [f"red flag: {h.reason}" for h in flags] + reasons
            level_p = max(level_p, 0.95)
        elif complaint_p < p.complaint_at:
            complaint = None
        triage = Triage(
            level=level,
            complaint=complaint,
            red_flags=tuple(h.flag for h in flags),
            reasons=tuple(reasons),
            confidence=level_p,
        )
        # The intent is careline's best reading of the turn; the level is its safety decision.
        # A level that leaned up to emergency acts as one (the dialogue follows the level)
        # without calling the caller's words an emergency: that takes a red flag, a declared
        # emergency, or the intent head and the level agreeing. (The level head's own pick
        # used to count too; on the dev fifth that called "I don't feel good" and "I'm
        # sick" emergencies and cost half a point of intent accuracy, and changed no level.
        # Likewise the head alone declaring an emergency the blend does not: on the new dev
        # fifth that labelled "ran out of my tablets, now a headache" an emergency; the level
        # is emergency either way.)
        if flags or declared or (intent == "emergency" and level == "emergency"):
            return Understanding("emergency", max(confidence, level_p), entities, triage)
        return Understanding("symptoms", symptom_mass, entities, triage)
