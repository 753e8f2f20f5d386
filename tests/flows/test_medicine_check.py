"""A reason for calling that only names a medicine, over the real model and demo clinic.

The committed model reads many of these as symptoms or emergencies (its medicine talk is
mostly about being unwell): "it's about my mum's insulin" was told to hang up and call 911.
Now the agent asks whether anyone is unwell first (agent/dialogue.py).
"""

from __future__ import annotations

import pytest

from agent.store.records import RefillStatus
from tests.flows.conftest import Conversation
from tests.flows.test_flows import patient_id

ASKED = "is anyone feeling unwell right now?"


@pytest.mark.parametrize(
    "text",
    ["my blood pressure pills", "my EpiPen", "it's about my mum's insulin",
     "hi, um, it's about my Ventolin", "my warfarin", "Oxycodone."],
)  # fmt: skip
def test_a_medicine_alone_is_never_sent_to_911_unasked(call: Conversation, text: str) -> None:
    reply = call.say(text)
    assert "911" not in reply and call.transfer is None
    assert ASKED in reply or call.dialogue.state.stage != "transfer"


def test_no_one_unwell_is_a_refill_sent_for_the_verified_patient(call: Conversation) -> None:
    reply = call.say("hi, um, it's about my metformin")
    if ASKED in reply:  # the model read it as a symptom
        reply = call.say("No.")
    call.say("Maria Garcia")
    reply = call.say("March 14th, 1985")
    assert "Walgreens" in reply  # metformin was taken from the first turn
    call.say("yes")
    assert "can't promise" in call.say("yes")
    [request] = call.services.store.refill_requests(patient_id(call, "Maria"))
    assert request.medication == "metformin" and request.status == RefillStatus.REQUESTED


def test_someone_unwell_gets_the_emergency_instruction(call: Conversation) -> None:
    assert ASKED in call.say("my EpiPen")
    reply = call.say("yes, my son's lips are swelling up")
    assert "911" in reply and call.transfer is not None and call.transfer.skill == "nurse"


def test_no_answer_gets_the_emergency_instruction(call: Conversation) -> None:
    assert ASKED in call.say("my EpiPen")
    assert "911" in call.silence()
