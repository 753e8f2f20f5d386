"""A reason for calling that only names a medicine, which the model read as a symptom.

"I'm calling about my inhaler" must not send a refill caller to 911, and "my EpiPen" from a
caller whose child needs it now must not end in self-service. The dialogue asks whether
anyone is unwell; only a clear no (or a plain refill request) makes the turn a refill.

Pure dialogue tests (no models): understandings are built by hand, as the model gave them.
The same calls over the real model and clinic are in tests/flows/test_medicine_check.py.
"""

from __future__ import annotations

import pytest

from agent.dialogue import ClinicInfo, ReceptionDialogue, Say, Transfer
from agent.nlu import Triage, Understanding
from agent.triage.protocols import INTRO
from tests.agent.test_triage_dialogue import notes, step, symptoms, transfer

ASKED = "is anyone feeling unwell right now?"


def read_as(level: str, complaint: str = "breathing", flags=(), intent: str | None = None):
    u = symptoms(level, complaint, flags)
    return Understanding(intent or u.intent, u.confidence, {}, u.triage)


def asked(text: str = "I'm calling about my inhaler", u: Understanding | None = None):
    d = ReceptionDialogue(ClinicInfo())
    d.commit(d.greeting())
    plan = step(d, text, u or read_as("emergency"))
    assert ASKED in plan.text
    return d, plan


def test_a_medicine_read_as_an_emergency_is_asked_about_not_sent_to_911():
    d, plan = asked()
    assert "911" not in plan.text and transfer(plan) is None and not notes(plan)
    assert d.state.stage == "medicine_check" and d.state.level is None


@pytest.mark.parametrize("reply", ["no", "No, I'm fine", "nope", "not really"])
def test_a_clear_no_makes_it_a_refill(reply):
    d, _ = asked()
    plan = step(d, reply, Understanding("other", 0.9))
    assert transfer(plan) == Transfer("refill", "nurse")  # no clinic database: the refill team
    assert "prescription refill" in plan.text and "911" not in plan.text
    assert d.state.held is None and d.state.level is None


def test_no_thank_you_is_an_answer_not_a_goodbye():
    d, _ = asked()
    plan = step(d, "No thank you", Understanding("other", 0.9))
    assert transfer(plan) == Transfer("refill", "nurse")


def test_a_plain_refill_request_is_a_no():
    d, _ = asked()
    plan = step(d, "I just need a refill", Understanding("refill", 0.95))
    assert transfer(plan) == Transfer("refill", "nurse")


def test_a_hedged_refill_answer_is_not_a_no():
    d, _ = asked()
    plan = step(d, "I'm not sure, maybe a refill", Understanding("refill", 0.6))
    assert transfer(plan) == Transfer("emergency", "nurse")


@pytest.mark.parametrize(("reply", "dtmf"), [("yes", None), ("", "1"), ("um", None)])
def test_a_yes_or_anything_unclear_acts_on_the_models_reading(reply, dtmf):
    d, _ = asked()
    plan = step(d, reply, Understanding("other", 0.9, {"dtmf": dtmf} if dtmf else {}))
    assert transfer(plan) == Transfer("emergency", "nurse") and "call 911" in plan.text
    assert d.state.level == "emergency"
    assert notes(plan) and notes(plan)[0].triage.complaint == "breathing"


def test_keypad_two_is_no():
    d, _ = asked()
    plan = step(d, "", Understanding("other", 1.0, {"dtmf": "2"}))
    assert transfer(plan) == Transfer("refill", "nurse")


def test_silence_acts_on_the_models_reading():
    d, _ = asked()
    plan = d.on_silence()
    assert transfer(plan) == Transfer("emergency", "nurse")


def test_a_yes_to_a_lower_reading_starts_its_questions():
    d, _ = asked("my metformin", read_as("urgent", "diabetes"))
    plan = step(d, "yes", Understanding("other", 0.9))
    assert Say(INTRO) in plan.actions and d.state.stage == "triage"
    assert d.state.level == "urgent"


def test_a_symptom_in_the_answer_is_triaged_and_never_lower_than_the_first_reading():
    d, _ = asked()
    plan = step(d, "yes, she's a bit wheezy", read_as("routine", "breathing"))
    assert transfer(plan) == Transfer("emergency", "nurse")
    d, _ = asked("my metformin", read_as("routine", "diabetes"))
    plan = step(d, "yes, I'm really dizzy", read_as("urgent", "dizziness"))
    assert d.state.stage == "triage" and d.state.level == "urgent"
    assert notes(plan)[0].triage.complaint == "dizziness"


def test_an_emergency_in_the_answer_hands_off_at_once():
    d, _ = asked()
    plan = step(d, "yes he's not breathing", read_as("emergency", flags=("not_breathing",)))
    assert transfer(plan) == Transfer("emergency", "nurse")


def test_a_person_can_be_asked_for_instead():
    d, _ = asked()
    plan = step(d, "a person please", Understanding("speak_to_person", 0.95))
    assert transfer(plan) == Transfer("caller_request", "general")


def test_repeat_asks_again():
    d, _ = asked()
    plan = step(d, "sorry, can you say that again?", Understanding("other", 0.9))
    assert ASKED in plan.text and d.state.stage == "medicine_check"


@pytest.mark.parametrize(
    ("text", "u"),
    [
        # a red-flag rule fired: no question
        ("my EpiPen", read_as("emergency", "allergic_reaction", ("anaphylaxis",))),
        # the turn says more than the medicine
        ("I took all my pills", read_as("emergency", "poisoning")),
        ("my inhaler isn't working and I can't breathe", read_as("emergency")),
    ],
)
def test_an_emergency_that_says_more_is_an_emergency_at_once(text, u):
    d = ReceptionDialogue(ClinicInfo())
    d.commit(d.greeting())
    plan = step(d, text, u)
    assert ASKED not in plan.text and transfer(plan) == Transfer("emergency", "nurse")


def test_once_a_call_has_a_level_a_medicine_is_not_asked_about():
    d = ReceptionDialogue(ClinicInfo())
    d.commit(d.greeting())
    d.commit(d.respond("fever", symptoms("self_care", "fever")))
    d.commit(d.respond("", Understanding("other", 1.0, {"dtmf": "2"})))
    assert d.state.level is not None
    plan = step(d, "my inhaler", read_as("emergency"))
    assert ASKED not in plan.text


def test_a_model_reading_of_refill_needs_no_question():
    d = ReceptionDialogue(ClinicInfo())
    d.commit(d.greeting())
    plan = step(d, "I need more of my sertraline", Understanding("refill", 0.9))
    assert ASKED not in plan.text and transfer(plan) == Transfer("refill", "nurse")


def test_the_question_is_synthesised_ahead():
    d = ReceptionDialogue(ClinicInfo())
    assert any(ASKED in line for line in d.prompts())


def test_the_held_turn_is_kept_only_while_asking():
    d, _ = asked()
    assert d.state.held == ("I'm calling about my inhaler", read_as("emergency").triage)
    assert isinstance(d.state.held[1], Triage)
    step(d, "no", Understanding("other", 0.9))
    assert d.state.held is None
