"""The context card's one-line summary says why the call was handed over, in words."""

from __future__ import annotations

import pytest

from handoff.card import context_card


@pytest.mark.parametrize(
    ("reason", "words"),
    [("poison_help", "poison control"), ("another_language", "interpreter"),
     ("paperwork", "forms, letters or records"), ("caller_request", "asked for a person"),
     ("some_new_reason", "some new reason")],
)  # fmt: skip
def test_the_summary_says_why_the_call_was_handed_over(reason, words):
    card = context_card({"call_id": "c1", "turns": []}, reason, "nurse")
    assert card["reason"] == reason and card["skill"] == "nurse"
    assert "Handed over because of" in card["summary"] and words in card["summary"]
