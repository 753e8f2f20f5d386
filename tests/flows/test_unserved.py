"""Turns no reason for calling fits, over the real model and demo clinic: paperwork, wrong
numbers and other businesses (agent/stray_turns.py, ``_unserved``). The model reads all of
these as ``other``; what matters is that none that mentions a health problem is let go or
sent to the front desk."""

from __future__ import annotations

import pytest

from tests.flows.conftest import Conversation


def test_a_plain_records_request_goes_to_the_front_desk(call: Conversation) -> None:
    reply = call.say("could you send my daughter's immunization records to her school")
    assert "front desk" in reply
    assert call.transfer is not None and call.transfer.skill == "general"


@pytest.mark.parametrize(
    "text",
    ["I need a letter for school, my daughter fainted in class today",
     "I need my son's records, he's having an allergic reaction at school"],
)  # fmt: skip
def test_paperwork_with_a_health_problem_goes_to_a_nurse(call: Conversation, text: str) -> None:
    call.say(text)
    assert call.transfer is not None and call.transfer.skill == "nurse"


def test_a_plain_wrong_number_is_let_go(call: Conversation) -> None:
    assert "Goodbye" in call.say("Oh sorry, I think I have the wrong number.")
    assert call.dialogue.state.stage == "goodbye"


@pytest.mark.parametrize(
    "text",
    ["Oh sorry, wrong number. 911.",
     "Is this Pizza Hut?"],
)  # fmt: skip
def test_anything_more_keeps_the_caller_on_the_line(call: Conversation, text: str) -> None:
    reply = call.say(text)
    assert "automated assistant" in reply and call.dialogue.state.stage == "reason"


@pytest.mark.parametrize(
    "text",
    ["I think I have the wrong number, I'm looking for poison control",
     "what's the number for poison control"],
)  # fmt: skip
def test_a_caller_looking_for_poison_control_gets_a_nurse(call: Conversation, text: str) -> None:
    reply = call.say(text)
    assert "call 911 now" in reply
    assert call.transfer is not None and call.transfer.skill == "nurse"
