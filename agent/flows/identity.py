"""Identity: the patient's name and date of birth, matched against the directory.

Nothing patient-specific is said or changed before this succeeds. A failed match never says
which of the two was wrong (that would help someone guess), and after the configured number
of attempts the caller goes to a person. The caller's phone number is not used here: it can
suggest a patient but never proves one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from agent.actions import Say, Write
from agent.flows.base import NOT_CAUGHT, FlowContext, Step, ask, hand_to
from agent.nlu import Understanding
from agent.slots.commands import classify_command
from agent.slots.dates import parse_date_of_birth, parse_dob_keypad
from agent.slots.names import name_similarity, parse_spoken_name

# A heard name this close to the name on file (with the right date of birth) is a match.
# Recognition garbles names; the date of birth is the stronger half of the check.
MATCH_AT = 0.8
# Two patients with that date of birth whose names both score within this of each other:
# the match is ambiguous, and it counts as no match.
AMBIGUOUS_WITHIN = 0.05

ASK_NAME = (
    "First, I need to confirm who I'm speaking about. What is the patient's first and last name?"
)
ASK_NAME_AGAIN = "What is the patient's first and last name?"
ASK_DOB = (
    "Thank you. And the patient's date of birth? You can also type it on your keypad: "
    "two digits for the month, two for the day, and four for the year."
)
DOB_HELP = (
    "Please say the date of birth like March 3rd, 1950, or type eight digits on your "
    "keypad: month, day, and year."
)
FOUND = "Thank you, I've found the record."
NO_MATCH = "I'm sorry, I couldn't find a record that matches those details. Let's try again."
GIVE_UP = (
    "I'm sorry, I wasn't able to confirm the patient's details, so I can't help with that myself."
)
DOB_PROBLEMS = {
    "impossible": "That date doesn't exist on the calendar.",
    "future": "That date is in the future.",
    "too_old": "That date is too long ago.",
}


# Words that make a "name" an answer to some other question ("Tuesday morning", "the first
# one", "next week"): asked again rather than looked up.
_NOT_A_NAME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|morning|"
    r"afternoon|evening|week|month|next|first|second|third|one|two|appointment|refill|"
    r"prescription|bill|balance|results?|yes|no|okay|please|thanks?|all|that|that's|nothing|"
    r"done|bye|goodbye|sure|correct|right|sorry|what|hello)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class IdentityState:
    then: str  # the flow to start once the patient is verified
    then_text: str  # what the caller asked for, for that flow to use
    step: str = "name"  # "name", then "dob"
    name: str | None = None  # the name heard (kept in memory only, never logged)
    attempts: int = 0  # failed matches so far
    tries: int = 0  # unclear answers to the current question


def start(goal: str, text: str) -> Step:
    return ask(IdentityState(goal, text), ASK_NAME)


def respond(ctx: FlowContext, state: IdentityState, text: str, u: Understanding) -> Step:
    dtmf = u.entities.get("dtmf")
    command = classify_command(text, dtmf)
    if command is not None and command.kind == "dont_know":
        return hand_to("general", "identity_unknown", GIVE_UP)
    if state.step == "name":
        return _heard_name(ctx, state, text)
    return _heard_dob(ctx, state, text, dtmf)


def _heard_name(ctx: FlowContext, state: IdentityState, text: str) -> Step:
    spoken = parse_spoken_name(text)
    # First and last name, as asked: one word ("All", from "that's all") is not a name.
    if spoken is None or not (spoken.given and spoken.family) or _NOT_A_NAME.search(spoken.full):
        return _unclear(state, ASK_NAME_AGAIN)
    name = spoken.full
    # "It's John Smith, March 3rd 1950": both at once.
    dob = parse_date_of_birth(text, ctx.today)
    if dob.date is not None:
        return _verify(ctx, replace(state, name=name), dob.date)
    return ask(replace(state, step="dob", name=name, tries=0), ASK_DOB)


def _heard_dob(ctx: FlowContext, state: IdentityState, text: str, dtmf: str | None) -> Step:
    dob = parse_dob_keypad(dtmf, ctx.today) if dtmf else parse_date_of_birth(text, ctx.today)
    if dob.date is None:
        if dob.problem in DOB_PROBLEMS:  # heard, but not a date of birth: say why
            return _unclear(state, dob.message or DOB_PROBLEMS[dob.problem], DOB_HELP, heard=True)
        return _unclear(state, DOB_HELP)
    return _verify(ctx, state, dob.date)


def _verify(ctx: FlowContext, state: IdentityState, dob: object) -> Step:
    assert state.name is not None
    scored = sorted(
        (
            (name_similarity(state.name, f"{p.first_name} {p.last_name}"), p.id)
            for p in ctx.store.patients_by_dob(dob)  # type: ignore[arg-type]
        ),
        reverse=True,
    )
    exact = [pid for score, pid in scored if score >= 1.0]
    if len(exact) == 1:  # "Jamie Smith" is Jamie, not her twin James, though one could be
        scored = [(1.0, exact[0])]  # the other's nickname
    if scored and scored[0][0] >= MATCH_AT:
        if len(scored) == 1 or scored[0][0] - scored[1][0] > AMBIGUOUS_WITHIN:
            patient_id = scored[0][1]
            audit = Write("audit", (("action", "identity_verified"), ("patient_id", patient_id)))
            return Step((audit, Say(FOUND)), None, verified=patient_id)
    attempts = state.attempts + 1
    failed = Write("audit", (("action", "identity_failed"),))
    if attempts >= ctx.config.identity_attempts:
        step = hand_to("general", "identity_not_verified", GIVE_UP)
        return Step((failed, *step.actions), None, identity_failed=True)
    again = IdentityState(state.then, state.then_text, attempts=attempts)
    return Step((failed, *ask(again, NO_MATCH, ASK_NAME_AGAIN).actions), again)


def _unclear(state: IdentityState, *prompt: str, heard: bool = False) -> Step:
    if state.tries >= 2:
        return hand_to("general", "identity_unclear", GIVE_UP)
    step = ask(replace(state, tries=state.tries + 1), "" if heard else NOT_CAUGHT, *prompt)
    return replace(step, understood=False)
