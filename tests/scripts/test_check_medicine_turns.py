"""scripts/check_medicine_turns.py over the committed model: a turn that only names a
medicine hears the emergency instruction first only when the agent may not hold it (an
EpiPen, or no owner and no name: "water pills"); 52 of its 140 did before the question.
Whatever the model reads, the routing below holds; the counts depend on the model."""

from __future__ import annotations

import ast

import pytest

from agent.slots.medicine_turn import about_a_medicine
from scripts import check_medicine_turns

ASKED = "asked whether it is for a refill"


def test_only_a_turn_the_agent_may_not_hold_hears_the_instruction_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert check_medicine_turns.main(["--verbose"]) == 0
    out = capsys.readouterr().out
    assert "140 turns that only name a medicine" in out
    read: dict[str, str] = {}
    heard: dict[str, str] = {}
    for line in out.splitlines():
        if line.startswith(("'", '"')):
            quoted, rest = line.split(": ", 1)
            read[ast.literal_eval(quoted)], heard[ast.literal_eval(quoted)] = rest.rsplit("; ", 1)
    assert len(heard) == 140
    told = [t for t, h in heard.items() if h == "emergency instruction"]
    assert all(not about_a_medicine(t) for t in told), told
    # Every symptom or emergency reading the agent may hold is asked about, and only those.
    held = [
        t for t in heard if read[t].startswith(("symptoms", "emergency")) and about_a_medicine(t)
    ]
    assert held and all(heard[t] == ASKED for t in held), held
    assert all(t in held for t, h in heard.items() if h == ASKED)
    # "I'm calling about my insulin" read as a results request asks about the medicine.
    as_results = [t for t in heard if read[t] == "test_results" and about_a_medicine(t)]
    assert all(heard[t] == "refill route" for t in as_results), as_results


def test_what_the_caller_heard_is_told_apart() -> None:
    heard = check_medicine_turns.heard
    assert heard("... Please hang up now and call 911. ...") == "emergency instruction"
    assert heard("Just to be sure: are you calling for a refill of that medicine?") == (
        "asked whether it is for a refill"
    )
    assert heard("I understand you need a prescription refill.") == "refill route"
    assert heard("Sorry, I didn't catch that.") == "other reply"
