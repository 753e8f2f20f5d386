"""The safety policy over the model's probabilities, with hand-made scores (no model)."""

from __future__ import annotations

import pytest

from agent.model_nlu import ModelNlu, Policy, clean_text, decide_level
from agent.nlu import INTENTS
from agent.triage.red_flags import RedFlagHit
from models.nlu import Scores

POLICY = Policy()


def scores(intent: dict[str, float], level: dict[str, float], complaint="fever", p=0.8) -> Scores:
    i = dict.fromkeys(INTENTS, 0.0) | intent
    lv = {"self_care": 0.0, "routine": 0.0, "urgent": 0.0, "emergency": 0.0} | level
    return Scores(i, lv, {complaint: p, "rash": 1 - p})


class _NoModel:
    card: dict = {}  # noqa: RUF012  (a stand-in with no model card)


def nlu() -> ModelNlu:
    return ModelNlu(_NoModel(), POLICY)  # type: ignore[arg-type]


SYMPTOMS = {"symptoms": 0.9, "other": 0.1}


def test_confident_level_is_kept():
    level, p, reasons = decide_level(
        {"self_care": 0.9, "routine": 0.05, "urgent": 0.03, "emergency": 0.02}, POLICY
    )
    assert (level, p) == ("self_care", 0.9)
    assert len(reasons) == 1


def test_a_small_chance_of_emergency_is_an_emergency():
    levels = {"self_care": 0.0, "routine": 0.6, "urgent": 0.2, "emergency": 0.2}
    level, _, reasons = decide_level(levels, POLICY)
    assert level == "emergency"
    assert any("not ruled out" in r for r in reasons)


def test_same_day_care_not_ruled_out_leans_up_to_urgent():
    levels = {"self_care": 0.6, "routine": 0.0, "urgent": 0.35, "emergency": 0.05}
    assert decide_level(levels, POLICY)[0] == "urgent"


def test_unsure_between_low_levels_means_a_nurse():
    levels = {"self_care": 0.45, "routine": 0.4, "urgent": 0.1, "emergency": 0.05}
    level, _, reasons = decide_level(levels, POLICY)
    assert level == "urgent" and "a nurse should assess" in reasons[-1]


def test_a_red_flag_overrides_a_calm_model():
    hit = RedFlagHit("stroke_signs", "neurological", "face drooping", "face droop")
    u = nlu().judge(scores(SYMPTOMS, {"self_care": 1.0}), [hit])
    assert u.intent == "emergency"
    assert u.triage.level == "emergency"
    assert u.triage.red_flags == ("stroke_signs",)
    assert u.triage.complaint == "neurological"
    assert u.triage.reasons[0].startswith("red flag")


def test_a_declared_emergency_is_one():
    u = nlu().judge(scores({"emergency": 0.7, "symptoms": 0.3}, {"urgent": 1.0}), [])
    assert u.intent == "emergency" and u.triage.level == "emergency"


def test_administrative_turns_carry_no_triage():
    u = nlu().judge(scores({"cancel": 0.95, "other": 0.05}, {"self_care": 1.0}), [])
    assert (u.intent, u.triage) == ("cancel", None)


def test_expected_symptoms_are_always_triaged():
    u = nlu().judge(scores({"other": 1.0}, {"routine": 0.9, "urgent": 0.1}), [], expect="symptoms")
    assert u.triage is not None and u.triage.level == "routine"


def test_unknown_complaint_is_reported_as_unknown():
    spread = {
        c: 0.125 for c in ("fever", "rash", "headache", "injury", "eye", "dental", "ear", "x")
    }
    s = scores(SYMPTOMS, {"routine": 1.0})
    u = nlu().judge(Scores(s.intent, s.level, spread), [])
    assert u.triage.complaint is None


@pytest.mark.parametrize(
    ("text", "dtmf", "intent"),
    [("", None, "other"), ("   ", None, "other"), ("", "0", "speak_to_person"), ("", "1", "other")],
)
def test_no_words_never_reach_the_model(text, dtmf, intent):
    u = nlu().understand(text, dtmf=dtmf)  # _NoModel has no scores(): it must not be called
    assert u.intent == intent
    if dtmf:
        assert u.entities["dtmf"] == dtmf


def test_nothing_to_assess_when_symptoms_were_expected_is_urgent():
    u = nlu().judge(None, [], expect="symptoms")
    assert u.triage.level == "urgent" and u.triage.confidence == 0.0


def test_clean_text_caps_and_strips_control_characters():
    assert clean_text("a\x00b\x1b  c\n") == "a b c"
    assert len(clean_text("word " * 10_000)) <= 1500
    assert clean_text(None) == ""


def test_the_rules_hear_an_emergency_after_a_long_preamble():
    class _Flat:
        card: dict = {"thresholds": {}}  # noqa: RUF012

        def scores(self, texts):
            return [scores({"other": 1.0}, {"self_care": 1.0}) for _ in texts]

    text = "so anyway " * 300 + "and now he is not breathing and has gone blue"
    u = ModelNlu(_Flat(), POLICY).understand(text)  # type: ignore[arg-type]
    assert u.triage is not None and u.triage.level == "emergency"


def test_symptoms_as_the_intents_pick_are_triaged_even_below_half():
    u = nlu().judge(scores({"symptoms": 0.4, "other": 0.3, "billing": 0.3}, {"urgent": 1.0}), [])
    assert u.triage is not None and u.triage.level == "urgent"


def test_the_level_head_alone_never_turns_an_errand_into_an_emergency():
    u = nlu().judge(scores({"cancel": 0.9, "other": 0.1}, {"emergency": 0.9, "urgent": 0.1}), [])
    assert (u.intent, u.triage) == ("cancel", None)


def test_a_level_leaning_to_emergency_acts_without_relabelling_the_words():
    # "I don't feel good": thin, so the level leans up, but the caller described symptoms.
    u = nlu().judge(scores(SYMPTOMS, {"emergency": 0.6, "urgent": 0.4}), [])
    assert u.intent == "symptoms"
    assert u.triage is not None and u.triage.level == "emergency"


def test_the_intent_head_and_the_level_agreeing_make_it_an_emergency():
    both = {"emergency": 0.45, "symptoms": 0.4, "other": 0.15}
    u = nlu().judge(scores(both, {"emergency": 0.9, "urgent": 0.1}), [])
    assert u.intent == "emergency" and u.triage.level == "emergency"
    u = nlu().judge(scores(both, {"self_care": 0.9, "routine": 0.1}), [])
    assert u.intent == "symptoms" and u.triage.level != "emergency"


def test_a_model_card_without_thresholds_is_refused():
    from agent.errors import ModelError

    with pytest.raises(ModelError):
        ModelNlu(_NoModel())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["March 14th 2030", "it's March 14th 1985", "zero four one five nineteen eighty", "the 12th"],
)
def test_a_bare_date_or_number_is_an_answer_not_a_symptom(text):
    from agent.model_nlu import is_bare_answer

    assert is_bare_answer(text)


@pytest.mark.parametrize(
    "text",
    ["911", "nine one one", "2 days", "my baby is 3 weeks old", "March 14th, I can't breathe"],
)
def test_emergency_numbers_and_symptoms_are_not_bare_answers(text):
    from agent.model_nlu import is_bare_answer

    assert not is_bare_answer(text)


@pytest.mark.parametrize(
    ("blend", "head", "level", "answer"),
    [
        # The blend reads refill, the head alone symptoms: the turn is still triaged.
        ({"refill": 0.6, "symptoms": 0.4}, {"symptoms": 0.8, "refill": 0.2}, "urgent", "symptoms"),
        # The blend dilutes a declared emergency: the level stays emergency (the label is
        # the blend's reading of the words; the dialogue follows the level).
        (
            {"other": 0.7, "emergency": 0.3},
            {"emergency": 0.9, "other": 0.1},
            "emergency",
            "symptoms",
        ),
        # The head's pick is symptoms, under half its mass; the blend picks billing.
        (
            {"billing": 0.65, "symptoms": 0.2, "emergency": 0.01},
            {"symptoms": 0.40, "emergency": 0.02, "billing": 0.30},
            "urgent",
            "symptoms",
        ),
        # The head's pick is emergency, under half its mass; the blend picks refill.
        (
            {"refill": 0.7, "emergency": 0.225},
            {"emergency": 0.45, "refill": 0.40},
            "urgent",
            "symptoms",
        ),
        # Neither reading carries symptoms: the blend's intent stands, with no triage.
        (
            {"other": 0.6, "hours_location": 0.4},
            {"hours_location": 0.7, "other": 0.3},
            None,
            "other",
        ),
    ],
)
def test_the_intent_memory_changes_the_intent_never_the_safety(blend, head, level, answer):
    s = scores(blend, {"urgent": 0.9, "routine": 0.1})
    u = nlu().judge(Scores(s.intent, s.level, s.complaint, dict.fromkeys(INTENTS, 0.0) | head), [])
    assert u.intent == answer
    assert (u.triage.level if u.triage else None) == level
