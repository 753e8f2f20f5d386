"""Understanding a caller's turn: the NLU seam, and the interim keyword understanding.

``Nlu.understand`` turns a turn's text (and keypad digits) into an intent, entities and,
when symptoms are described, a triage assessment. The trained intent and triage models plug
in behind the same protocol; :class:`KeywordNlu` is the small, honest stand-in: explicit
patterns, nothing learned, used by the fast tests and by ``--nlu keyword``; the trained model
is :class:`agent.model_nlu.ModelNlu`.

Safety rule kept by every implementation: triage levels only ever rise during a call
(:func:`higher_level`), and a red flag can raise a level, never lower it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from agent.triage.red_flags import find_red_flags

INTENTS = (
    "schedule",
    "reschedule",
    "cancel",
    "refill",
    "billing",
    "test_results",
    "hours_location",
    "speak_to_person",
    "symptoms",
    "emergency",
    "other",
)
TRIAGE_LEVELS = ("self_care", "routine", "urgent", "emergency")  # ascending urgency


def higher_level(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if TRIAGE_LEVELS.index(a) >= TRIAGE_LEVELS.index(b) else b


@dataclass(frozen=True, slots=True)
class Triage:
    level: str
    complaint: str | None = None
    red_flags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    confidence: float = 0.5

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "complaint": self.complaint,
            "red_flags": list(self.red_flags),
            "reasons": list(self.reasons),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Understanding:
    intent: str
    confidence: float
    entities: dict[str, Any] = field(default_factory=dict)
    triage: Triage | None = None


class Nlu(Protocol):
    def understand(
        self, text: str, *, dtmf: str | None = None, context: dict[str, Any] | None = None
    ) -> Understanding: ...


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


_NEGATION = re.compile(
    r"\b(?:no|not|never|without|denies|don't|doesn't|isn't|haven't|hasn't)\b"
    r"(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)

_INTENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "speak_to_person",
        _rx(
            r"(?:speak|talk) (?:to|with) (?:a |an |some|the )?(?:person|human|someone|somebody|"
            r"representative|agent|nurse|doctor|receptionist|operator|real)",
            r"representative",
            r"operator",
            r"real person",
            r"human",
            r"agent\b",
        ),
    ),
    (
        "reschedule",
        _rx(
            r"reschedul",
            r"move my appointment",
            r"change my appointment",
            r"different (?:day|time)",
        ),
    ),
    ("cancel", _rx(r"cancel")),
    (
        "refill",
        _rx(
            r"refill",
            r"prescription",
            r"medication",
            r"medicine",
            r"pills",
            r"run(?:ning)? out",
            r"ran out",
            r"pharmacy",
            r"inhaler",
        ),
    ),
    (
        "billing",
        _rx(
            r"bill",
            r"invoice",
            r"payment",
            r"\bpay\b",
            r"charge",
            r"insurance",
            r"balance",
            r"statement",
            r"owe",
        ),
    ),
    ("test_results", _rx(r"result", r"blood (?:work|test)", r"lab", r"x-?ray", r"scan", r"biopsy")),
    (
        "hours_location",
        _rx(
            r"hours",
            r"open",
            r"close",
            r"where are you",
            r"address",
            r"direction",
            r"parking",
            r"located",
            r"location",
            r"how do i get",
        ),
    ),
    (
        "schedule",
        _rx(
            r"appointment",
            r"book",
            r"schedul",
            r"see (?:the|a|my) doctor",
            r"check-?up",
            r"physical",
            r"come in",
        ),
    ),
]

_SYMPTOMS = _rx(
    r"pain",
    r"hurt",
    r"ache",
    r"fever",
    r"temperature",
    r"cough",
    r"rash",
    r"sick",
    r"vomit",
    r"throw(?:ing)? up",
    r"diarrh",
    r"dizz",
    r"bleed",
    r"swell",
    r"burn",
    r"itch",
    r"sore",
    r"headache",
    r"breath",
    r"nause",
    r"feel(?:ing)? (?:unwell|ill|bad|awful)",
    r"infection",
    r"cold\b",
    r"flu\b",
    r"injur",
    r"fell\b",
    r"cut\b",
    r"depress",
    r"anxi",
)
_URGENT = _rx(
    r"fever",
    r"temperature",
    r"3 days",
    r"three days",
    r"burn(?:s|ing)? when i (?:pee|urinate)",
    r"vomiting",
    r"can't keep",
    r"getting worse",
    r"really bad",
    r"severe",
    r"infection",
)
_ROUTINE = _rx(
    r"for (?:a|two|three|several) (?:week|month)s?",
    r"weeks?",
    r"months?",
    r"rash",
    r"back pain",
    r"check on",
)
_SELF_CARE = _rx(
    r"mild", r"a bit of a", r"little", r"runny nose", r"cold\b", r"sniffl", r"sore throat"
)


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATION.search(text[max(0, start - 40) : start]))


class KeywordNlu:
    """Pattern-based understanding: the call engine's stand-in until the trained models."""

    def understand(
        self, text: str, *, dtmf: str | None = None, context: dict[str, Any] | None = None
    ) -> Understanding:
        if dtmf == "0":
            return Understanding("speak_to_person", 1.0, {"dtmf": dtmf})
        if dtmf and not (text or "").strip():
            return Understanding("other", 1.0, {"dtmf": dtmf})  # keypad answers: the dialogue's
        text = (text or "")[:2000]
        # Red flags: the same reviewed rules the trained NLU uses (agent.triage.red_flags).
        hits = find_red_flags(text)
        if hits:
            triage = Triage(
                "emergency",
                hits[0].complaint,
                tuple(h.flag for h in hits),
                tuple(f"red flag: {h.reason}" for h in hits),
                0.9,
            )
            return Understanding("emergency", 0.9, {}, triage)
        for intent, rx in _INTENT_PATTERNS:
            hit = rx.search(text)
            if hit and not (intent == "speak_to_person" and _negated(text, hit.start())):
                if intent == "refill" or not _SYMPTOMS.search(text) or intent == "speak_to_person":
                    return Understanding(intent, 0.7)
        if _SYMPTOMS.search(text):
            return Understanding("symptoms", 0.6, {}, self._triage(text))
        return Understanding("other", 0.3 if text.strip() else 0.0)

    @staticmethod
    def _triage(text: str) -> Triage:
        if _URGENT.search(text):
            return Triage("urgent", None, (), ("symptoms that need same-day care",), 0.5)
        if _ROUTINE.search(text):
            return Triage("routine", None, (), ("lasting symptoms for an appointment",), 0.5)
        if _SELF_CARE.search(text):
            return Triage("self_care", None, (), ("mild symptoms",), 0.5)
        # Unsure: escalate rather than guess low.
        return Triage("urgent", None, (), ("unclear symptoms: a nurse should assess",), 0.3)
