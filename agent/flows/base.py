"""What every flow shares: its context, the step it returns, and the words for common moments.

A flow function takes the context, its frozen state, the caller's words and the NLU's
understanding, and returns a :class:`Step`: the actions to take (speech, writes, a
transfer) and the flow's next state, or ``None`` when it is over. The dialogue adds what
follows the end of a flow ("Is there anything else?").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from agent.actions import Action, Say, Transfer

if TYPE_CHECKING:
    from agent.config import OrgConfig
    from agent.store import Store


@dataclass(frozen=True, slots=True)
class FlowContext:
    config: OrgConfig
    store: Store
    now: datetime  # the clinic's local time, timezone-aware
    patient_id: int | None  # the verified patient, once identity is confirmed

    @property
    def today(self) -> date:
        return self.now.date()


@dataclass(frozen=True, slots=True)
class Step:
    actions: tuple[Action, ...]
    flow: Any | None  # the flow's next state; None when the flow is over
    verified: int | None = None  # a patient id identity has just confirmed
    identity_failed: bool = False  # no more identity attempts on this call
    finished: bool = False  # over and done: the dialogue asks "anything else?"
    understood: bool = True  # False: the answer did not fit, and the question is asked again


def say(*texts: str) -> tuple[Say, ...]:
    return tuple(Say(t) for t in texts if t)


def ask(state: Any, *texts: str) -> Step:
    """Say something and wait for the answer in ``state``."""
    return Step(say(*texts), state)


def done(*texts: str, verified: int | None = None) -> Step:
    return Step(say(*texts), None, verified=verified, finished=True)


def hand_to(skill: str, reason: str, *texts: str) -> Step:
    """Leave self-service for a person with ``skill``; what was done so far stays done."""
    return Step((*say(*texts, CONNECT), Transfer(reason, skill)), None)


CONNECT = "Please stay on the line while I connect you with a member of our team."
NOT_CAUGHT = "Sorry, I didn't catch that."
TOO_MANY_TRIES = "I'm sorry, I'm having trouble with that."
