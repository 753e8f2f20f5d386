"""A reason for calling that only names a medicine, which the model read as a symptom.

"I'm calling about my inhaler" must not send a refill caller to 911, and "my EpiPen" from a
caller whose child needs it now must not end in self-service. The dialogue asks whether the
call is for a refill; only a plain yes makes the turn a refill, and everything else acts on
the model's reading, as before the question.

Pure dialogue tests (no models): understandings are built by hand, as the model gave them.
The same calls over the real model and clinic are in tests/flows/test_medicine_check.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from agent.dialogue import ClinicInfo, ReceptionDialogue, Say, Transfer
from agent.nlu import Understanding
from agent.triage.protocols import INTRO
from tests.agent.test_triage_dialogue import notes, step, symptoms, transfer

ASKED = "are you calling for a refill of that medicine?"
EMERGENCY = Transfer("emergency", "nurse")
REFILL = Transfer("refill", "nurse")  # no clinic database: the switchboard's refill route


def read_as(level: str, complaint: str = "breathing", flags=(), intent: str | None = None):
    u = symptoms(level, complaint, flags)
    return Understanding(intent or u.intent, u.confidence, {}, u.triage)


def started() -> ReceptionDialogue:
    d = ReceptionDialogue(ClinicInfo())
    d.commit(d.greeting())
    return d


def asked(text: str = "I'm calling about my inhaler", u: Understanding | None = None):
    d = started()
    plan = step(d, text, u or read_as("emergency"))
    assert ASKED in plan.text
    return d, plan


def answer(d: ReceptionDialogue, text: str, intent: str = "other", dtmf: str | None = None):
    return step(d, text, Understanding(intent, 0.9, {"dtmf": dtmf} if dtmf else {}))


def test_a_medicine_read_as_an_emergency_is_asked_about_not_sent_to_911():
    d, plan = asked()
    assert "911" not in plan.text and transfer(plan) is None and not notes(plan)
    assert d.state.stage == "medicine_check" and d.state.level is None


@pytest.mark.parametrize(
    ("reply", "intent", "dtmf"),
    [("yes", "other", None), ("Yes please.", "other", None),
     ("yeah, just a refill", "refill", None), ("", "other", "1")],
)  # fmt: skip
def test_a_plain_yes_makes_it_a_refill(reply, intent, dtmf):
    d, _ = asked()
    plan = answer(d, reply, intent, dtmf)
    assert transfer(plan) == REFILL
    assert "prescription refill" in plan.text and "911" not in plan.text
    assert d.state.held is None and d.state.level is None


@pytest.mark.parametrize(
    ("reply", "intent", "dtmf"),
    [("no", "other", None), ("No, he's fine now", "other", None), ("not sure", "other", None),
     ("um", "other", None), ("", "other", "2"), ("No thank you", "other", None),
     # a refill reading of an answer that says more is no plain yes (found in review)
     ("I need a refill, he's wheezing", "refill", None),
     ("no, just the refill, his lips are puffy", "refill", None),
     # a request for a person does not throw the reading away (found in review)
     ("just get me someone", "speak_to_person", None), ("", "speak_to_person", "0"),
     ("yes", "speak_to_person", None)],
)  # fmt: skip
def test_anything_but_a_plain_yes_acts_on_the_models_reading(reply, intent, dtmf):
    d, _ = asked()
    plan = answer(d, reply, intent, dtmf)
    assert transfer(plan) == EMERGENCY and "call 911" in plan.text
    assert d.state.level == "emergency"
    assert notes(plan) and notes(plan)[0].triage.complaint == "breathing"


def test_silence_acts_on_the_models_reading():
    d, _ = asked()
    assert transfer(d.on_silence()) == EMERGENCY


def test_no_to_a_lower_reading_starts_its_questions():
    d, _ = asked("my metformin", read_as("urgent", "diabetes"))
    plan = answer(d, "no")
    assert Say(INTRO) in plan.actions and d.state.stage == "triage"
    assert d.state.level == "urgent"


def test_a_symptom_in_the_answer_is_triaged_and_never_lower_than_the_first_reading():
    d, _ = asked()
    plan = step(d, "yes, she's a bit wheezy", read_as("routine", "breathing"))
    assert transfer(plan) == EMERGENCY
    d, _ = asked("my metformin", read_as("routine", "diabetes"))
    plan = step(d, "yes, and I'm really dizzy", read_as("urgent", "dizziness"))
    assert d.state.stage == "triage" and d.state.level == "urgent"
    assert notes(plan)[0].triage.complaint == "dizziness"


def test_an_emergency_in_the_answer_hands_off_at_once():
    d, _ = asked()
    plan = step(d, "he's not breathing", read_as("emergency", flags=("not_breathing",)))
    assert transfer(plan) == EMERGENCY


def test_repeat_asks_once_more_then_acts_on_the_reading():
    d, _ = asked()
    plan = answer(d, "sorry, can you say that again?")
    assert ASKED in plan.text and d.state.stage == "medicine_check"
    plan = answer(d, "sorry, can you say that again?")
    assert transfer(plan) == EMERGENCY


@pytest.mark.parametrize(
    ("text", "u"),
    [
        # a red-flag rule fired: no question
        ("my EpiPen", read_as("emergency", "allergic_reaction", ("anaphylaxis",))),
        # the turn says more than the medicine
        ("I took all my pills", read_as("emergency", "poisoning")),
        ("my son my pills", read_as("emergency", "poisoning")),
        ("my inhaler isn't working and I can't breathe", read_as("emergency")),
    ],
)
def test_an_emergency_that_says_more_is_an_emergency_at_once(text, u):
    d = started()
    plan = step(d, text, u)
    assert ASKED not in plan.text and transfer(plan) == EMERGENCY


def test_a_key_pressed_with_the_turn_is_not_held():
    d = started()
    plan = step(
        d, "my inhaler", Understanding("emergency", 0.9, {"dtmf": "5"}, read_as("emergency").triage)
    )
    assert ASKED not in plan.text and transfer(plan) == EMERGENCY


def test_once_a_call_has_a_level_a_medicine_is_not_asked_about():
    d = started()
    d.state = replace(d.state, stage="anything_else", level="routine")
    plan = step(d, "my inhaler", read_as("emergency"))
    assert ASKED not in plan.text and transfer(plan) == EMERGENCY


def test_after_a_yes_a_person_asked_for_later_is_a_nurse():
    d, _ = asked()
    answer(d, "yes")
    assert d.state.stage == "transfer" and d.state.level is None
    d.state = replace(d.state, stage="anything_else")  # handed back, say
    plan = answer(d, "a person please", "speak_to_person")
    assert transfer(plan) == Transfer("caller_request", "nurse")
    d = started()
    plan = answer(d, "a person please", "speak_to_person")
    assert transfer(plan) == Transfer("caller_request", "general")


def test_only_a_reason_for_calling_is_asked_about():
    d = started()
    step(d, "billing", Understanding("billing", 0.95))  # routed: waiting for the transfer
    assert d.state.stage == "transfer" and d.state.level is None
    plan = step(d, "my inhaler", read_as("emergency"))
    assert ASKED not in plan.text and transfer(plan) == EMERGENCY


def test_a_model_reading_of_refill_needs_no_question():
    d = started()
    plan = step(d, "I need more of my sertraline", Understanding("refill", 0.9))
    assert ASKED not in plan.text and transfer(plan) == REFILL


@pytest.mark.parametrize(
    "text", ["I'm calling about my insulin", "hi, um, it's about my metformin", "my Eliquis"]
)
def test_a_medicine_alone_read_as_a_results_request_is_a_refill(text):
    plan = step(started(), text, Understanding("test_results", 0.8))
    assert ASKED not in plan.text and transfer(plan) == REFILL


@pytest.mark.parametrize(
    "text",
    [
        "my warfarin levels",
        "the results of my lithium level",
        "about my INR",
        "it's about my cholesterol",
    ],
)
def test_results_talk_that_names_a_medicine_stays_a_results_request(text):
    plan = step(started(), text, Understanding("test_results", 0.8))
    assert transfer(plan) == Transfer("test_results", "nurse")


def test_the_question_is_synthesised_ahead():
    assert any(ASKED in line for line in ReceptionDialogue(ClinicInfo()).prompts())


def test_the_held_turn_is_kept_only_while_asking():
    d, _ = asked()
    assert d.state.held == ("I'm calling about my inhaler", read_as("emergency").triage)
    answer(d, "yes")
    assert d.state.held is None
