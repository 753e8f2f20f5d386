"""scripts/check_medicine_turns.py over the committed model: no turn that only names a
medicine hears the emergency instruction first (52 of its 140 did before the question)."""

from __future__ import annotations

import pytest

from scripts import check_medicine_turns


def test_no_medicine_alone_hears_the_emergency_instruction_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert check_medicine_turns.main([]) == 0
    out = capsys.readouterr().out
    assert "140 turns that only name a medicine" in out
    assert "emergency instruction" not in out
    assert "asked whether it is for a refill" in out and "refill route" in out


def test_what_the_caller_heard_is_told_apart() -> None:
    heard = check_medicine_turns.heard
    assert heard("... Please hang up now and call 911. ...") == "emergency instruction"
    assert heard("Just to be sure: are you calling for a refill of that medicine?") == (
        "asked whether it is for a refill"
    )
    assert heard("I understand you need a prescription refill.") == "refill route"
    assert heard("Sorry, I didn't catch that.") == "other reply"
