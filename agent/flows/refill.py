"""Prescription refill requests: which medicine (from the patient's own list), which pharmacy.

careline only *requests*: the care team decides, and the caller is told so plainly.
Controlled medicines, and callers who ran out and feel unwell, go to a nurse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from agent.actions import Say, Write
from agent.flows.base import NOT_CAUGHT, FlowContext, Step, ask, hand_to
from agent.nlu import Understanding
from agent.slots.commands import parse_confirmation
from agent.slots.medications import match_medication, names_a_medicine
from agent.slots.speak import say_list

ASK_MED = "Which medicine do you need refilled?"
NOT_ON_LIST = "I couldn't find that medicine on the patient's list."
WHICH_OF = "Did you mean {options}?"
ASK_PHARMACY = "Which pharmacy should we send it to?"
SAME_PHARMACY = "Should we send it to {pharmacy}, as before?"
CONFIRM = "To confirm: a refill request for {med}, to be sent to {pharmacy}. Shall I send it?"
SENT = (
    "Done. I've sent the request to the care team. They'll review it, usually within two "
    "business days, and the pharmacy will let you know when it's ready. I can't promise it "
    "will be approved."
)
CONTROLLED = (
    "Refills of {med} have to be handled by a nurse, so I've noted your request and I'll "
    "put you through."
)
UNWELL = "Since you're not feeling well without your medicine, I'll put you through to a nurse."
UNKNOWN = "I'll put you through to a nurse, who can help with that medicine."
NOT_SENT = "Okay, I haven't sent anything."

# "I ran out two days ago and I feel awful": a person should hear that, not a form.
_UNWELL = re.compile(
    r"\b(?:feel(?:ing)? (?:sick|ill|awful|terrible|bad|unwell|dizzy|shaky|funny)|unwell|"
    r"withdrawal|shaking|sweats|palpitations|racing)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class RefillState:
    goal: str = "refill"
    step: str = "medicine"  # "medicine" -> "pharmacy" -> "confirm"
    medicine: Any = None  # the matched entry of the patient's list
    choices: tuple[Any, ...] = ()  # two close matches, asked between
    pharmacy: str | None = None
    tries: int = 0


def start(ctx: FlowContext, text: str) -> Step:
    if _UNWELL.search(text):
        return hand_to("nurse", "refill_unwell", UNWELL)
    return _medicine(ctx, RefillState(), text, first=True)


def respond(ctx: FlowContext, state: RefillState, text: str, u: Understanding) -> Step:
    dtmf = u.entities.get("dtmf")
    if _UNWELL.search(text):
        return hand_to("nurse", "refill_unwell", UNWELL)
    if state.step == "medicine":
        return _medicine(ctx, state, text)
    if state.step == "pharmacy":
        return _pharmacy(ctx, state, text, dtmf)
    answer = parse_confirmation(text, dtmf).answer
    if answer == "yes":
        return _send(ctx, state, "requested", "caller request")
    if answer == "no":
        return Step((Say(NOT_SENT),), None, finished=True)
    return _unclear(state, _confirm_line(state))


def _medicine(ctx: FlowContext, state: RefillState, text: str, first: bool = False) -> Step:
    assert ctx.patient_id is not None
    meds = list(ctx.store.medications(ctx.patient_id))
    names = [m.name for m in meds]
    options = [m for m in meds if m.name in {c.name for c in state.choices}] or meds
    match = match_medication(text, [m.name for m in options]) if text else None
    if match is None or not match.confident:
        if match is not None and match.alternatives:  # two close: ask which
            close = [m for m in meds if m.name in (match.name, *match.alternatives)]
            return ask(
                replace(state, choices=tuple(close)),
                WHICH_OF.format(options=say_list([m.name for m in close], "or")),
            )
        if first:
            return ask(state, ASK_MED)
        if state.tries >= 1:
            return hand_to("nurse", "refill_unknown_medicine", NOT_ON_LIST, UNKNOWN)
        # A medicine the list lacks is still an answer to the question (the model, reading
        # "Penicillin." alone, can lean it towards an allergy emergency); anything else did
        # not fit, so a health concern in it comes first (Dialogue._flow_turn).
        return replace(
            ask(replace(state, tries=state.tries + 1), NOT_ON_LIST, ASK_MED),
            understood=names_a_medicine(text),
        )
    med = next(m for m in meds if m.name == match.name)
    assert names
    state = replace(state, medicine=med, choices=(), tries=0)
    if med.controlled:
        return _send(ctx, state, "needs_nurse", "controlled medicine", to_nurse=True)
    patient = ctx.store.patient(ctx.patient_id)
    usual = getattr(patient, "preferred_pharmacy", None)
    if usual:
        return ask(
            replace(state, step="pharmacy", pharmacy=usual), SAME_PHARMACY.format(pharmacy=usual)
        )
    return ask(replace(state, step="pharmacy"), ASK_PHARMACY)


def _pharmacy(ctx: FlowContext, state: RefillState, text: str, dtmf: str | None) -> Step:
    answer = parse_confirmation(text, dtmf)
    named = _pharmacy_named(text)
    if state.pharmacy and answer.answer == "yes" and not named:
        return ask(replace(state, step="confirm"), _confirm_line(state))
    if named:
        state = replace(state, step="confirm", pharmacy=named, tries=0)
        return ask(state, _confirm_line(state))
    if state.pharmacy and answer.answer == "no":
        return ask(replace(state, pharmacy=None), ASK_PHARMACY)
    return _unclear(state, ASK_PHARMACY)


_FILLER = re.compile(
    r"^(?:(?:um+|uh+|yeah|yes|no|so|well|please|it's|its|the|to|at|send it to)\W+)+", re.I
)


def _pharmacy_named(text: str) -> str | None:
    """The pharmacy as the caller said it ("the CVS on Main Street"), without fillers."""
    cleaned = _FILLER.sub("", text.strip()).strip(" .,!?")
    if len(cleaned) < 3 or len(cleaned) > 80 or not re.search(r"[a-zA-Z]{2}", cleaned):
        return None
    if parse_confirmation(cleaned, None).answer in ("yes", "no") and len(cleaned.split()) <= 2:
        return None
    return cleaned


def _confirm_line(state: RefillState) -> str:
    return CONFIRM.format(med=state.medicine.name, pharmacy=state.pharmacy)


def _send(
    ctx: FlowContext, state: RefillState, status: str, reason: str, to_nurse: bool = False
) -> Step:
    args = (
        ("patient_id", ctx.patient_id),
        ("medication", state.medicine.name),
        ("pharmacy", state.pharmacy or ""),
        ("status", status),
        ("reason", reason),
    )
    write = Write("refill", args)
    if to_nurse:
        step = hand_to("nurse", "refill_controlled", CONTROLLED.format(med=state.medicine.name))
        return Step((write, *step.actions), None)
    return Step((write, Say(SENT)), None, finished=True)


def _unclear(state: RefillState, *prompt: str) -> Step:
    if state.tries >= 2:
        return hand_to("nurse", "refill_unclear", "I'm sorry, I'm having trouble with that.")
    return replace(
        ask(replace(state, tries=state.tries + 1), NOT_CAUGHT, *prompt), understood=False
    )
