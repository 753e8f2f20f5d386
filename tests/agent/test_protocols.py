"""Follow-up protocols, yes/no reading and self-care advice (agent/triage)."""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pytest

from agent.nlu import TRIAGE_LEVELS
from agent.triage.advice import (
    ADVICE,
    GENERIC_ADVICE,
    NO_SELF_CARE_ADVICE,
    NOT_A_DIAGNOSIS,
    NURSE_OFFER,
    offers_nurse,
    self_care_advice,
)
from agent.triage.protocol_table import GENERIC, PROTOCOLS
from agent.triage.protocols import (
    INTRO,
    MAX_UNRESOLVED,
    FollowUp,
    adds_detail,
    parse_yes_no,
    prompts,
    protocol_for,
    start_follow_up,
)

README = Path(__file__).resolve().parents[2] / "models" / "data" / "README.md"

COMPLAINTS = (
    "abdominal_pain allergic_reaction back_pain bleeding breathing burn chest_pain dental "
    "diabetes dizziness ear_nose_throat eye fever genital headache injury mental_health "
    "musculoskeletal neurological palpitations poisoning pregnancy rash respiratory_infection "
    "skin_wound unresponsive urinary vomiting_diarrhea"
).split()
# "Yes" must be the worrying answer: no "Are you breathing normally?"
REASSURING = re.compile(
    r"\b(?:breathing|feeling|acting|talking|eating|drinking) (?:normally|okay|fine)", re.I
)
BELOW_EMERGENCY = TRIAGE_LEVELS[:-1]
ALL_PROTOCOLS = [(c, PROTOCOLS[c]) for c in COMPLAINTS] + [(None, GENERIC)]


def _rank(level: str) -> int:
    return TRIAGE_LEVELS.index(level)


def _readme_red_flags() -> set[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("### `red_flags`", 1)[1].split("\n### ", 1)[0]
    return {m.group(1) for m in re.finditer(r"^\| `([a-z_]+)` \|", section, re.MULTILINE)}


# --- the table ------------------------------------------------------------------------------


def test_readme_vocabulary_parses():
    flags = _readme_red_flags()
    assert len(flags) >= 40
    assert {"chest_pain_cardiac", "suicidal_intent", "severe_skin_reaction"} <= flags


def test_every_complaint_has_a_protocol_and_unknown_gets_the_generic_one():
    assert set(PROTOCOLS) == set(COMPLAINTS)
    assert protocol_for(None) is GENERIC
    assert protocol_for("not_a_complaint") is GENERIC
    assert protocol_for("chest_pain") is PROTOCOLS["chest_pain"]


@pytest.mark.parametrize(("complaint", "questions"), ALL_PROTOCOLS)
def test_protocol_shape(complaint, questions):
    vocabulary = _readme_red_flags()
    assert 2 <= len(questions) <= 4
    ids = [q.id for q in questions]
    assert len(set(ids)) == len(ids)
    for i, q in enumerate(questions):
        assert q.id.startswith(f"{complaint or 'generic'}.")
        assert q.if_yes.level in ("urgent", "emergency")
        if q.if_yes.level == "emergency":
            assert q.if_yes.red_flag in vocabulary, q.id
        else:
            assert q.if_yes.red_flag is None, q.id
        assert q.if_yes.reason.strip()
        if q.only_if is not None:
            assert q.only_if in ids[:i], "only_if must name an earlier question"


@pytest.mark.parametrize(("complaint", "questions"), ALL_PROTOCOLS)
def test_questions_are_short_spoken_yes_no_questions(complaint, questions):
    for q in questions:
        assert q.text.endswith("?"), q.id
        assert q.text.count("?") == 1, q.id
        assert len(q.text.split()) <= 20, q.id
        assert not re.search(r"\d|\bpress (?:one|two)\b|keypad", q.text, re.IGNORECASE), q.id
        assert not REASSURING.search(q.text), q.id
        assert q.text in q.reprompt
        assert "press 1 for yes, 2 for no" in q.reprompt.lower()


def test_question_ids_are_unique_across_protocols():
    ids = [q.id for _, qs in ALL_PROTOCOLS for q in qs]
    assert len(set(ids)) == len(ids)


def test_mental_health_asks_plainly_about_suicide_first():
    first = PROTOCOLS["mental_health"][0]
    assert "suicide" in first.text.lower()
    flags = {q.if_yes.red_flag for q in PROTOCOLS["mental_health"]}
    assert "suicidal_intent" in flags


def test_prompts_cover_every_question_once():
    spoken = prompts()
    assert spoken[0] == INTRO
    assert len(spoken) == len(set(spoken))
    for _, qs in ALL_PROTOCOLS:
        for q in qs:
            assert q.text in spoken and q.reprompt in spoken


# --- the state machine ----------------------------------------------------------------------


def _run(state: FollowUp, replies: list[str]) -> FollowUp:
    for reply in replies:
        state = state.answer(reply)
    return state


def _answer_all_no(state: FollowUp) -> FollowUp:
    for _ in range(20):
        if state.done:
            return state
        state = state.answer("no")
    raise AssertionError("protocol did not finish")


@pytest.mark.parametrize(("complaint", "questions"), ALL_PROTOCOLS)
def test_yes_to_an_emergency_question_escalates_and_stops(complaint, questions):
    for target in (q for q in questions if q.if_yes.level == "emergency"):
        state = start_follow_up(complaint, "self_care")
        while state.question() != target:
            assert state.question() is not None, f"{target.id} never asked"
            state = state.answer("yes" if state.question().id == target.only_if else "no")
        state = state.answer("yes")
        assert state.escalated and state.done
        assert state.level == "emergency"
        assert state.question() is None and state.prompt() is None
        assert target.if_yes.red_flag in state.red_flags
        assert target.if_yes.reason in state.reasons
        assert state.answer("no") is state  # a settled run ignores further answers
        assert state.no_answer() is state


@pytest.mark.parametrize("level", BELOW_EMERGENCY)
@pytest.mark.parametrize(("complaint", "questions"), ALL_PROTOCOLS)
def test_all_no_keeps_the_starting_level(complaint, questions, level):
    start = start_follow_up(complaint, level, ("x_flag",), ("model said so",))
    end = _answer_all_no(start)
    assert end.done and not end.escalated
    assert end.level == level
    assert end.red_flags == ("x_flag",)
    assert end.reasons == ("model said so",)
    assert all(a.answer == "no" for a in end.answers)


def test_starting_at_emergency_asks_nothing():
    state = start_follow_up("chest_pain", "emergency", ("chest_pain_cardiac",))
    assert state.done and state.escalated
    assert state.question() is None and state.prompt() is None
    assert state.answer("yes") is state
    assert state.answers == ()


def test_yes_to_an_urgent_question_raises_to_urgent():
    state = start_follow_up("palpitations", "routine")
    state = _run(state, ["no", "no", "no"])
    assert state.question().id == "palpitations.ongoing"
    state = state.answer("yeah, it's still going")
    assert state.level == "urgent" and state.done and not state.escalated
    assert state.red_flags == ()

    state = start_follow_up("bleeding", "self_care")
    state = _run(state, ["no", "no", "no", "yes"])
    assert state.level == "urgent" and state.done


def test_questions_that_cannot_raise_the_level_are_skipped():
    state = start_follow_up("skin_wound", "self_care")
    state = _run(state, ["no", "no", "yes"])
    assert state.level == "urgent"
    assert state.done, "the bite question cannot raise urgent any higher"
    state = start_follow_up("palpitations", "urgent")
    assert state.question().id == "palpitations.fainted"
    state = _run(state, ["no", "no", "no"])
    assert state.done and [a.question_id for a in state.answers] == [
        "palpitations.fainted",
        "palpitations.chest_pain",
        "palpitations.breathless",
    ]


def test_mental_health_plan_question_only_after_a_yes_or_an_unclear_answer():
    asked = _answer_all_no(start_follow_up("mental_health", "routine"))
    assert [a.question_id for a in asked.answers] == [
        "mental_health.thoughts",
        "mental_health.others",
    ]

    state = start_follow_up("mental_health", "routine").answer("yes")
    assert state.level == "urgent"
    assert state.question().id == "mental_health.plan"
    state = state.answer("yes")
    assert state.escalated and state.red_flags == ("suicidal_intent",)

    # Starting at urgent, the thoughts question cannot raise the level, but the plan question
    # depends on it, so it is still asked first.
    state = start_follow_up("mental_health", "urgent")
    assert state.question().id == "mental_health.thoughts"

    state = start_follow_up("mental_health", "routine")
    state = _run(state, ["I don't know", "I'm not sure"])
    assert state.question().id == "mental_health.plan"


def test_dtmf_answers():
    state = start_follow_up("chest_pain", "routine")
    state = state.answer("", dtmf="2")
    assert state.index == 1 and state.answers[-1].via == "dtmf"
    assert state.answers[-1].answer == "no"
    state = state.answer("", dtmf="1")
    assert state.escalated and state.red_flags == ("chest_pain_cardiac",)
    assert state.answers[-1].heard == "1"


def test_unclear_is_reprompted_once_then_escalates_to_urgent():
    state = start_follow_up("chest_pain", "self_care")
    q = state.question()
    assert state.prompt() == q.text
    state = state.answer("I'm not sure")
    assert state.question() == q and state.unclear == 1
    assert state.prompt() == q.reprompt
    assert state.level == "self_care"
    state = state.answer("maybe")
    assert state.level == "urgent"
    assert not state.escalated and state.red_flags == ()
    assert state.unresolved == (q.id,)
    assert any(r.startswith("could not rule out chest_pain_cardiac") for r in state.reasons)
    assert state.question() != q and state.unclear == 0
    assert [a.answer for a in state.answers] == ["unsure", "unsure"]


def test_a_clear_answer_after_a_reprompt_counts():
    state = start_follow_up("chest_pain", "self_care").answer("[BLANK_AUDIO]")
    state = state.answer("no")
    assert state.level == "self_care" and state.index == 1 and state.unresolved == ()
    state = start_follow_up("chest_pain", "self_care").answer("hmm")
    assert state.answer("", dtmf="1").escalated


def test_silence_counts_as_unclear():
    state = start_follow_up("back_pain", "self_care")
    q = state.question()
    state = state.no_answer()
    assert state.question() == q and state.prompt() == q.reprompt
    assert state.answers[-1].via == "timeout" and state.answers[-1].answer == "no_answer"
    state = state.no_answer()
    assert state.level == "urgent" and state.unresolved == (q.id,)
    assert "could not rule out cauda_equina (back_pain.numb)" in state.reasons


def test_unclear_urgent_question_gives_urgent_with_its_reason():
    state = start_follow_up("bleeding", "self_care")
    state = _run(state, ["no", "no", "no", "what?", "um"])
    assert state.done and state.level == "urgent"
    assert state.reasons[-1].startswith("could not rule out bleeding on an anticoagulant")


def test_run_stops_after_too_many_unresolved_questions():
    state = start_follow_up("fever", "self_care")
    for _ in range(MAX_UNRESOLVED * 2):
        state = state.no_answer()
    assert state.done and state.level == "urgent" and not state.escalated
    assert len(state.unresolved) == MAX_UNRESOLVED


def test_unclear_never_lowers_an_emergency_start_or_a_higher_level():
    state = start_follow_up("rash", "urgent")
    state = _run(state, ["not sure", "not sure"])
    assert state.level == "urgent"


def test_raise_to_only_raises_and_can_end_the_run():
    state = start_follow_up("eye", "urgent")
    assert state.raise_to("self_care", (), ("ignored?",)).level == "urgent"
    raised = state.raise_to("emergency", ("sudden_vision_loss",), ("NLU: sudden blindness",))
    assert raised.escalated and raised.done
    assert raised.red_flags == ("sudden_vision_loss",)
    with pytest.raises(ValueError):
        state.raise_to("critical")
    with pytest.raises(ValueError):
        start_follow_up("eye", "Urgent")


def test_states_are_frozen_and_steps_are_pure():
    start = start_follow_up("headache", "routine")
    before = start.as_dict()
    planned = start.answer("yes")  # a plan the dialogue may throw away
    assert start.as_dict() == before
    assert planned.escalated and not start.escalated
    assert start.answer("yes") == planned  # deterministic
    with pytest.raises(dataclasses.FrozenInstanceError):
        start.level = "emergency"  # type: ignore[misc]


def test_level_never_falls_under_random_answers():
    rng = random.Random(7)
    replies = ["yes", "no", "maybe", "", "[BLANK_AUDIO]", "uh huh", "nope", "my leg hurts"]
    for _ in range(400):
        complaint = rng.choice([*COMPLAINTS, None, "unknown"])
        state = start_follow_up(complaint, rng.choice(BELOW_EMERGENCY))
        low = _rank(state.level)
        for _ in range(12):
            step = rng.random()
            if step < 0.15:
                state = state.no_answer()
            elif step < 0.25:
                state = state.answer("", dtmf=rng.choice("0123456789*#"))
            elif step < 0.3:
                state = state.raise_to(rng.choice(TRIAGE_LEVELS))
            else:
                state = state.answer(rng.choice(replies))
            assert _rank(state.level) >= low
            low = _rank(state.level)
            assert state.escalated == (state.level == "emergency")
            if state.escalated:
                assert state.done


def test_record_and_triage():
    state = start_follow_up("urinary", "self_care", ["x"], ["y"]).answer("no").answer("yes")
    record = state.as_dict()
    assert record["complaint"] == "urinary" and record["level"] == "emergency"
    assert record["red_flags"] == ["x", "sepsis_signs"]
    assert [a["answer"] for a in record["answers"]] == ["no", "yes"]
    assert record["answers"][1]["question"].endswith("?")
    assert record["escalated"] and record["done"]
    triage = state.as_triage(0.8)
    assert triage.level == "emergency" and triage.complaint == "urinary"
    assert triage.red_flags == ("x", "sepsis_signs") and triage.confidence == 0.8


def test_unknown_complaint_runs_the_generic_protocol():
    state = start_follow_up(None, "routine")
    assert state.question() == GENERIC[0]
    state = start_follow_up("hiccups", "routine").answer("yes")
    assert state.escalated and state.red_flags == ("severe_breathing",)


# --- reading yes and no ---------------------------------------------------------------------

YES_NO = [
    # plain and transcribed forms
    ("yes", "yes"),
    ("Yes.", "yes"),
    ("YES!", "yes"),
    ("Yeah, yeah.", "yes"),
    ("yep", "yes"),
    ("yup", "yes"),
    ("uh-huh", "yes"),
    ("Mm-hmm.", "yes"),
    ("mm-hm", "yes"),
    ("correct", "yes"),
    ("That's right.", "yes"),
    ("right", "yes"),
    ("yeah I think so", "yes"),
    ("I think so", "yes"),
    ("I do", "yes"),
    ("he does", "yes"),
    ("She is.", "yes"),
    ("it is", "yes"),
    ("I think he does", "yes"),
    ("sort of", "yes"),
    ("a little", "yes"),
    ("kind of, yeah", "yes"),
    ("just a little bit", "yes"),
    ("probably", "yes"),
    ("one", "yes"),
    ("No.", "no"),
    ("no", "no"),
    ("nope, not really", "no"),
    ("nah", "no"),
    ("not really", "no"),
    ("no he hasn't", "no"),
    ("No, she hasn't.", "no"),
    ("I don't think so", "no"),
    ("I don\u2019t think so", "no"),  # curly apostrophe
    ("none", "no"),
    ("never", "no"),
    ("not that I know of", "no"),
    ("no, she's fine", "no"),
    ("no, he's been fine all day", "no"),
    ("absolutely not", "no"),
    ("I do not", "no"),
    ("two", "no"),
    # unsure
    ("I don't know", "unsure"),
    ("I'm not sure", "unsure"),
    ("not sure", "unsure"),
    ("maybe", "unsure"),
    ("he's not sure", "unsure"),
    ("no idea", "unsure"),
    ("no, I don't know", "unsure"),
    ("pardon?", "unsure"),
    ("uh-uh", "unsure"),  # too close to "uh-huh" for a recogniser to be trusted
    # safety: any clear yes wins
    ("no... well actually yes", "yes"),
    ("no, wait, yes", "yes"),
    ("I'm not sure, maybe yes", "yes"),
    ("yes and now he's being sick as well", "yes"),
    # a "no" with more in it goes back through the NLU
    ("no, but his lips are blue", "unsure"),
    ("No, he's not well at all", "unsure"),
    ("He's also got a really bad headache now", "unsure"),
    ("my chest hurts a little", "unsure"),
    ("she's absolutely fine", "unsure"),
    ("I can't breathe", "unsure"),
    # recogniser artefacts and bad input
    ("[BLANK_AUDIO]", "unsure"),
    ("(coughs)", "unsure"),
    ("Thank you.", "unsure"),
    ("Thanks for watching!", "unsure"),
    ("hmm", "unsure"),
    ("okay", "unsure"),
    ("", "unsure"),
    ("   ", "unsure"),
    (None, "unsure"),
    ("sí", "unsure"),
    ("是的", "unsure"),
    ("\x00\ufffd", "unsure"),
    ("[BLANK_AUDIO] yes", "yes"),
]


@pytest.mark.parametrize(("text", "expected"), YES_NO)
def test_parse_yes_no(text, expected):
    assert parse_yes_no(text) == expected


@pytest.mark.parametrize(
    ("text", "dtmf", "expected"),
    [
        ("", "1", "yes"),
        (None, "2", "no"),
        ("", " 2 ", "no"),
        ("", "3", "unsure"),
        ("", "0", "unsure"),
        ("", "*", "unsure"),
        ("", "12", "unsure"),
        ("yes", "2", "yes"),  # any clear yes wins
        ("[BLANK_AUDIO]", "2", "no"),
        ("no", "5", "unsure"),
        ("no", "", "no"),
        ("no", None, "no"),
    ],
)
def test_parse_yes_no_with_keypad(text, dtmf, expected):
    assert parse_yes_no(text, dtmf) == expected


def test_parse_yes_no_never_raises():
    huge = " ".join(["word"] * 10_000)
    assert parse_yes_no(huge) == "unsure"
    assert parse_yes_no("yes " + huge) == "yes"
    assert parse_yes_no("[" * 5000 + "no") in ("no", "unsure")
    assert parse_yes_no("é" * 50_000) == "unsure"
    assert parse_yes_no(b"yes") == "unsure"  # type: ignore[arg-type]
    assert parse_yes_no(42, dtmf=1) == "unsure"  # type: ignore[arg-type]
    rng = random.Random(3)
    for _ in range(300):
        junk = "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(80)))
        assert parse_yes_no(junk, rng.choice([None, "", junk[:1]])) in ("yes", "no", "unsure")


def test_adds_detail():
    assert not adds_detail("yes")
    assert not adds_detail("no, he's fine")
    assert adds_detail("yes, and now she's vomiting")
    assert not adds_detail(None)


# --- self-care advice -----------------------------------------------------------------------


def test_every_complaint_has_advice_or_is_deliberately_excluded():
    assert set(ADVICE) | NO_SELF_CARE_ADVICE == set(COMPLAINTS)
    assert not set(ADVICE) & NO_SELF_CARE_ADVICE
    for advice in (*ADVICE.values(), GENERIC_ADVICE):
        assert advice.source.strip()
        assert "{emergency_number}" in advice.safety_net
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", advice.text)) <= 3


@pytest.mark.parametrize("complaint", [*COMPLAINTS, None, "unknown"])
@pytest.mark.parametrize("number", ["911", "999", "112"])
def test_self_care_advice_text(complaint, number):
    text = self_care_advice(complaint, number)
    assert text.startswith(NOT_A_DIAGNOSIS)
    assert re.search(rf"\b{number}\b", text)
    assert not re.search(r"\d", text.replace(number, ""))
    assert "{" not in text and "}" not in text
    assert not re.search(r"\b(?:mg|milligram|tablets?|ml)\b", text, re.IGNORECASE)
    assert (NURSE_OFFER in text) == offers_nurse(complaint)
    if complaint in NO_SELF_CARE_ADVICE or complaint not in ADVICE:
        assert offers_nurse(complaint)


def test_pain_reliever_name_is_configurable():
    us = self_care_advice("fever", pain_reliever="acetaminophen")
    assert "Acetaminophen, taken as the packet says" in us
    assert "paracetamol" not in us.lower()
