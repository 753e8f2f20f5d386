"""What a protocol is made of: the spoken lines, ``Question`` and its ``IfYes``, and the
``emergency``/``urgent``/``protocol`` helpers every section module writes its table with."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

__all__ = [
    "INTRO",
    "KEYPAD_HINT",
    "REPROMPT_LEAD",
    "IfYes",
    "Question",
    "emergency",
    "protocol",
    "urgent",
]

# Spoken before the first question, so a relative calling about someone else answers for them.
INTRO = (
    "I'd like to ask you a few quick questions. Please answer yes or no. "
    "If you're calling about someone else, please answer for them."
)
# The keypad is offered only after an unclear answer: hearing it before every question makes
# the call longer for the many callers who answer clearly the first time.
KEYPAD_HINT = "Please say yes or no, or press 1 for yes, 2 for no."
REPROMPT_LEAD = "Sorry, let me ask that again."


class IfYes(NamedTuple):
    """What a "yes" means: the level it raises to, the red flag it confirms, and why."""

    level: str
    red_flag: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    if_yes: IfYes
    only_if: str | None = None  # asked only if the caller did not say "no" to this question

    @property
    def reprompt(self) -> str:
        return f"{REPROMPT_LEAD} {self.text} {KEYPAD_HINT}"


def emergency(
    qid: str, text: str, red_flag: str, reason: str, *, only_if: str | None = None
) -> Question:
    return Question(qid, text, IfYes("emergency", red_flag, reason), only_if)


def urgent(qid: str, text: str, reason: str, *, only_if: str | None = None) -> Question:
    return Question(qid, text, IfYes("urgent", None, reason), only_if)


def protocol(name: str, *questions: Question) -> tuple[Question, ...]:
    # Ids are written short in the table and stored as "<complaint>.<id>" so an answer in the
    # call record names its question unambiguously.
    return tuple(
        replace(q, id=f"{name}.{q.id}", only_if=q.only_if and f"{name}.{q.only_if}")
        for q in questions
    )
