"""agent/slots/medicine_turn.py: a reason for calling that only names a medicine, and the
plain yes that makes it a refill. Both readings must stay narrow: a mistake delays an
emergency instruction or ends in self-service."""

from __future__ import annotations

import pytest

from agent.slots.medicine_turn import about_a_medicine, affirms_refill


@pytest.mark.parametrize(
    "text",
    ["Penicillin.", "my inhaler", "I'm calling about my inhaler", "my pills", "lisinopril",
     "it's about my mum's blood pressure pills", "Yeah hi, it's about my prescription",
     "I've run out of my insulin", "hi, um, my Ventolin", "calling for my dad's water pills",
     "my pain meds", "my dad's oxycodone", "it's about the metformin"],
)  # fmt: skip
def test_a_turn_only_about_a_medicine_is_one(text: str) -> None:
    assert about_a_medicine(text)


@pytest.mark.parametrize(
    "text",
    ["", "hello?", "my appointment", "pain", "blood pressure", "chest pain",
     # anything besides asking about it leaves the turn to the model: a dose, an intake,
     # a symptom, a "can't"
     "my lisinopril 10", "Oxycodone 911", "I took all my pills", "my son swallowed my pills",
     "he can't find his inhaler", "my inhaler isn't helping", "my blood is too thin",
     "my insulin and I feel shaky", "the pharmacy said to call about my amlodipine",
     # a child who may have got into them, or a medicine needed now (found in review)
     "my son my pills", "my son's on my pills", "my son getting my pills", "the pills, my son",
     "my daughter, my sleeping pills", "my son is on my sleeping pills", "my son oxycodone",
     "my daughter xanax", "my son needs his EpiPen", "my daughter needs the EpiPen",
     "my son my EpiPen", "EpiPen EpiPen", "my wife's on warfarin",
     # a relative's "'s" may be "is" or "has" (found in the second review)
     "my son's my pills", "My son's... um, my sleeping pills.", "my son's some of my oxycodone",
     "my daughter's uh grandma's pills",
     # a medicine needed now, a rescue medicine, or no owner and no name
     "I need my EpiPen", "my EpiPen", "the EpiPen please", "hello? her EpiPen", "my Narcan",
     "some of my pills", "uh some of her pills", "oh the pills", "it's the pills",
     "oh the tablets", "I need more of my sertraline", "my pills and my inhaler",
     "my inhaler " * 8, "insulin " + "please " * 60],
)  # fmt: skip
def test_a_turn_that_says_more_is_not_only_about_a_medicine(text: str) -> None:
    assert not about_a_medicine(text)


@pytest.mark.parametrize(
    ("text", "dtmf"),
    [("yes", None), ("Yes please.", None), ("yeah, a refill please", None),
     ("that's right", None), ("yes, a refill", None), ("refill", None), ("mm-hmm", None),
     ("uh huh", None), ("Yes, my refill.", None), ("yes I'm calling for a refill", None),
     ("that's it", None), ("yes for my mum", None), ("sure", None), ("yes ma'am", None),
     ("yeah, I'd like a refill", None), ("", "1")],
)  # fmt: skip
def test_a_plain_yes_affirms_a_refill(text: str, dtmf: str | None) -> None:
    assert affirms_refill(text, dtmf)


@pytest.mark.parametrize(
    ("text", "dtmf"),
    [("no", None), ("not sure", None), ("yes and no", None), ("", None),
     ("yes, he used it and he's still wheezy", None),
     # no plain yes (found in the second review): filler, an echo, a need
     ("right", None), ("uh right", None), ("right right", None), ("refill?", None),
     ("yes I need it", None), ("yes I need another one", None), ("yeah I want it", None),
     ("yeah I need a new one", None),
     ("I need a refill, he's wheezing", None), ("no, just the refill, his lips are puffy", None),
     ("No, he's fine now", None), ("", "2"), ("", "0"), ("", "#"), ("no", "1"),
     ("yes " * 20, None)],
)  # fmt: skip
def test_anything_but_a_plain_yes_does_not(text: str, dtmf: str | None) -> None:
    assert not affirms_refill(text, dtmf)


def test_the_readings_never_raise() -> None:
    for bad in (None, b"my inhaler", 3, "x" * 10_000):
        assert not about_a_medicine(bad)
        assert not affirms_refill(bad)
