"""A reason for calling that only names a medicine, over the real model and demo clinic.

The committed model reads some of these as symptoms or emergencies (its medicine talk is
mostly about being unwell): "it's about my mum's insulin" was told to hang up and call 911.
Now the agent asks whether the call is for a refill first (agent/dialogue.py). It reads
others as requests for test results, which are refills too.
"""

from __future__ import annotations

import pytest

from agent.store.records import RefillStatus
from tests.flows.conftest import Conversation
from tests.flows.test_flows import patient_id

ASKED = "are you calling for a refill of that medicine?"


@pytest.mark.parametrize(
    "text",
    ["it's about my mum's blood pressure pills", "it's about my mum's insulin", "my Ventolin",
     "my warfarin", "Oxycodone.", "my mum's metformin", "it's about my mum's sertraline"],
)  # fmt: skip
def test_a_medicine_alone_is_never_sent_to_911_unasked(call: Conversation, text: str) -> None:
    # Each of these read as a symptom or an emergency with the committed model (a retrained
    # one that reads one as a refill makes this fail loudly, not pass quietly).
    u = call.nlu.understand(text)
    assert u.intent in ("symptoms", "emergency") and u.triage is not None
    reply = call.say(text)
    assert "911" not in reply and ASKED in reply and call.transfer is None


def test_a_yes_is_a_refill_sent_for_the_verified_patient(call: Conversation) -> None:
    assert ASKED in call.say("my mum's metformin")
    call.say("Yes please.")
    call.say("Maria Garcia")
    reply = call.say("March 14th, 1985")
    assert "Walgreens" in reply  # metformin was taken from the first turn
    call.say("yes")
    assert "can't promise" in call.say("yes")
    [request] = call.services.store.refill_requests(patient_id(call, "Maria"))
    assert request.medication == "metformin" and request.status == RefillStatus.REQUESTED


@pytest.mark.parametrize(
    "reply", ["no, my son's lips are swelling up", "No.", "No, he's fine now", "I'm not sure"]
)
def test_anything_but_a_yes_gets_the_emergency_instruction(call: Conversation, reply: str) -> None:
    assert ASKED in call.say("it's about my mum's insulin")
    assert "911" in call.say(reply)
    assert call.transfer is not None and call.transfer.skill == "nurse"


def test_no_answer_gets_the_emergency_instruction(call: Conversation) -> None:
    assert ASKED in call.say("my Ventolin")
    assert "911" in call.silence()


def test_an_epipen_named_alone_is_not_asked_about(call: Conversation) -> None:
    assert "911" in call.say("my EpiPen")


def test_a_medicine_alone_read_as_a_results_request_is_a_refill(call: Conversation) -> None:
    # The committed model reads this as test_results (a retrained one that reads it as a
    # refill makes the first assert fail loudly, not pass quietly).
    text = "hi, um, it's about my lisinopril"
    assert call.nlu.understand(text).intent == "test_results"
    call.say(text)
    call.say("Maria Garcia")
    assert "Walgreens" in call.say("March 14th, 1985")  # the refill flow, lisinopril taken
