"""Which flow serves which reason for calling, and how a turn reaches the flow in charge.

Patient-specific flows start with identity; once a patient is verified on a call, later
flows on the same call skip it. Information flows (hours, directions, what to bring) need no
identity at all.
"""

from __future__ import annotations

import re
from typing import Any

from agent.flows import account, appointments, identity, info, refill
from agent.flows.base import FlowContext, Step, hand_to
from agent.nlu import Understanding

# The reasons for calling careline serves itself, and the flow each starts.
SELF_SERVICE = {
    "schedule": "book",
    "reschedule": "reschedule",
    "cancel": "cancel",
    "refill": "refill",
    "billing": "billing",
    "test_results": "results",
}

_WHEN_IS = re.compile(
    r"\b(?:when(?:'s| is| was)|what (?:time|day) is|do i (?:still )?have|confirm|check on)\b"
    r".{0,30}\bappointment",
    re.IGNORECASE,
)


# "When is my appointment?" reads to the model as booking, moving, or even opening hours.
_WHEN_INTENTS = ("schedule", "reschedule", "cancel", "hours_location", "other")


def goal_for(intent: str, text: str) -> str | None:
    """The flow for a turn's intent; "when is my appointment?" is its own small flow."""
    goal = SELF_SERVICE.get(intent)
    if intent in _WHEN_INTENTS and _WHEN_IS.search(text):
        return "when"
    return goal


def start(goal: str, ctx: FlowContext, text: str, u: Understanding, identity_failed: bool) -> Step:
    if ctx.patient_id is None:
        if identity_failed:
            return hand_to("general", "identity_not_verified", identity.GIVE_UP)
        return identity.start(goal, text)
    return begin(goal, ctx, text, u)


def begin(goal: str, ctx: FlowContext, text: str, u: Understanding) -> Step:
    """Start ``goal`` for the verified patient."""
    assert ctx.patient_id is not None
    if goal in ("book", "reschedule", "cancel", "when"):
        return appointments.start(goal, ctx, text)
    if goal == "refill":
        return refill.start(ctx, text)
    if goal == "billing":
        return account.billing(ctx, text)
    if goal == "results":
        return account.results(ctx, text)
    raise ValueError(f"no flow for {goal!r}")


def respond(ctx: FlowContext, state: Any, text: str, u: Understanding) -> Step:
    if isinstance(state, identity.IdentityState):
        step = identity.respond(ctx, state, text, u)
        if step.verified is not None:  # carry on with what the caller called about
            verified = FlowContext(ctx.config, ctx.store, ctx.now, step.verified)
            then = begin(state.then, verified, state.then_text, u)
            return Step(
                step.actions + then.actions,
                then.flow,
                verified=step.verified,
                finished=then.finished,
            )
        return step
    if isinstance(state, appointments.BookingState | appointments.ManageState):
        return appointments.respond(ctx, state, text, u)
    if isinstance(state, refill.RefillState):
        return refill.respond(ctx, state, text, u)
    raise TypeError(f"no flow for state {type(state).__name__}")


# Sentences the flows say word for word, synthesised once at start-up.
FIXED_LINES = (
    identity.ASK_NAME,
    identity.ASK_NAME_AGAIN,
    identity.ASK_DOB,
    identity.DOB_HELP,
    identity.FOUND,
    identity.NO_MATCH,
    appointments.ASK_WHEN,
    appointments.ASK_WHEN_INSTEAD,
    appointments.WHICH_SLOT,
    appointments.TAKE_IT,
    refill.ASK_MED,
    refill.SENT,
    account.PAY_HOW,
)


def goal_of(state: Any) -> str | None:
    """The goal a flow state serves, so a change of topic can be told from a new answer."""
    if isinstance(state, identity.IdentityState):
        return state.then
    return getattr(state, "goal", None)


def write_failed(ctx: FlowContext, retry: Any, why: str) -> Step:
    """A write the flow planned did not happen; ``retry`` is the state it said to resume."""
    if why == "slot_taken" and isinstance(retry, appointments.BookingState):
        return appointments.slot_taken(ctx, retry)
    return hand_to("general", f"write_failed:{why}", info.SORRY_PROBLEM)
