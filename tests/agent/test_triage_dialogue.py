"""What the receptionist dialogue does with a triage: questions, then act on the level.

Pure dialogue tests (no models): understandings are built by hand. The session test at the
end runs a whole call on fakes and checks that the answers reach the call record.
"""

from __future__ import annotations

import pytest

from agent.dialogue import Assess, ClinicInfo, Plan, ReceptionDialogue, Say, Transfer
from agent.nlu import TRIAGE_LEVELS, Triage, Understanding
from agent.replay.harness import replay_call
from agent.replay.script import CallerStep, CallScript
from agent.triage.advice import NOT_A_DIAGNOSIS
from agent.triage.protocols import INTRO, KEYPAD_HINT, protocol_for
from tests.fakes import tone_renderer

OTHER = Understanding("other", 0.9)


def symptoms(level: str, complaint: str | None = "fever", flags=()) -> Understanding:
    intent = "emergency" if level == "emergency" else "symptoms"
    return Understanding(intent, 0.9, {}, Triage(level, complaint, tuple(flags), ("test",), 0.7))


def step(d: ReceptionDialogue, text: str, u: Understanding = OTHER) -> Plan:
    plan = d.respond(text, u)
    d.commit(plan)
    return plan


def transfer(plan: Plan) -> Transfer | None:
    return next((a for a in plan.actions if isinstance(a, Transfer)), None)


def notes(plan: Plan) -> list[Assess]:
    return [a for a in plan.actions if isinstance(a, Assess)]


def started(level: str, **clinic) -> ReceptionDialogue:
    """A dialogue past its greeting (``level`` only names what the test is about)."""
    d = ReceptionDialogue(ClinicInfo(**clinic))
    d.commit(d.greeting())
    return d


def answer_all(d: ReceptionDialogue, text: str, dtmf: str | None = None) -> Plan:
    plan = d.respond(text, Understanding("other", 1.0, {"dtmf": dtmf} if dtmf else {}))
    d.commit(plan)
    for _ in range(10):
        if d.state.stage != "triage":
            break
        plan = d.respond(text, Understanding("other", 1.0, {"dtmf": dtmf} if dtmf else {}))
        d.commit(plan)
    return plan


def test_symptoms_start_the_complaints_questions_with_the_intro():
    d = started("urgent")
    plan = step(d, "my son has a fever", symptoms("routine", "fever"))
    assert plan.actions[1] == Say(INTRO)
    first = protocol_for("fever")[0]
    assert d.state.stage == "triage" and d.state.follow_up is not None
    assert d.state.follow_up.question() is not None
    assert first.text in plan.text or d.state.follow_up.question().text in plan.text
    assert notes(plan) and notes(plan)[0].triage.level == "routine"


def test_a_yes_to_a_red_flag_question_is_an_emergency_at_once():
    d = started("urgent")
    step(d, "fever", symptoms("urgent", "fever"))
    for _ in range(6):
        q = d.state.follow_up.question()
        if q.if_yes.level == "emergency":
            break
        step(d, "no")
    plan = step(d, "yes")
    assert transfer(plan) == Transfer("emergency", "nurse")
    assert "call 911" in plan.text
    assert d.state.level == "emergency"
    assert notes(plan)[0].triage.level == "emergency"
    answers = notes(plan)[0].protocol["answers"]
    assert answers[-1]["answer"] == "yes" and answers[-1]["via"] == "speech"


def test_keypad_one_is_yes_and_two_is_no():
    d = started("urgent")
    step(d, "fever", symptoms("routine", "fever"))
    plan = d.respond("", Understanding("other", 1.0, {"dtmf": "2"}))
    d.commit(plan)
    first = notes(plan)[0].protocol["answers"][0]
    assert (first["answer"], first["via"], first["heard"]) == ("no", "dtmf", "2")
    answer_all(d, "", dtmf="1")
    assert d.state.level in ("urgent", "emergency")  # a keypad yes raised it


@pytest.mark.parametrize(
    ("level", "skill", "words"),
    [("urgent", "nurse", "a nurse should speak with you today"), ("routine", "scheduling", "book")],
)
def test_all_no_settles_at_the_models_level(level, skill, words):
    d = started(level)
    step(d, "fever", symptoms(level, "fever"))
    plan = answer_all(d, "no")
    assert transfer(plan).skill == skill
    assert words in plan.text
    assert NOT_A_DIAGNOSIS in plan.text
    assert d.state.level == level


def test_self_care_gives_advice_that_is_not_a_diagnosis_then_offers_a_choice():
    d = started("self_care", emergency_number="112")
    plan = step(d, "I have a cold", symptoms("self_care", "respiratory_infection"))
    if d.state.stage == "triage":
        plan = answer_all(d, "no")
    assert d.state.stage == "self_care_offer"
    assert NOT_A_DIAGNOSIS in plan.text and "112" in plan.text and "911" not in plan.text
    assert "appointment" in plan.text and "nurse" in plan.text
    assert transfer(plan) is None  # the caller chooses


@pytest.mark.parametrize(
    ("reply", "skill"),
    [("a nurse please", "nurse"), ("yes please", "scheduling"), ("no thanks", None)],
)
def test_after_self_care_advice_the_caller_chooses(reply, skill):
    d = started("self_care")
    step(d, "cold", symptoms("self_care", "respiratory_infection"))
    if d.state.stage == "triage":
        answer_all(d, "no")
    plan = step(d, reply)
    t = transfer(plan)
    assert (t.skill if t else None) == skill
    if skill is None:
        assert d.state.stage == "anything_else"


def test_silence_to_a_question_asks_again_then_escalates_to_a_nurse():
    d = started("routine")
    step(d, "fever", symptoms("routine", "fever"))
    plan = None
    for _ in range(12):
        if d.state.stage != "triage":
            break
        plan = d.on_silence()
        d.commit(plan)
    assert plan is not None
    assert d.state.level == "urgent"
    assert transfer(plan) == Transfer("triage_urgent", "nurse")
    assert any("could not rule out" in r for r in notes(plan)[0].triage.reasons)


def test_an_emergency_said_mid_protocol_leaves_it_at_once():
    d = started("routine")
    step(d, "fever", symptoms("routine", "fever"))
    plan = step(d, "no but now he won't wake up", symptoms("emergency", "unresponsive", ["x"]))
    assert transfer(plan) == Transfer("emergency", "nurse")


def test_zero_or_a_person_mid_protocol_goes_to_a_nurse():
    d = started("routine")
    step(d, "fever", symptoms("routine", "fever"))
    plan = step(d, "", Understanding("speak_to_person", 1.0, {"dtmf": "0"}))
    assert transfer(plan) == Transfer("caller_request", "nurse")


def test_the_level_never_falls_during_a_call():
    d = started("urgent")
    step(d, "fever", symptoms("urgent", "fever"))
    answer_all(d, "no")
    d.commit(Plan((), d.state.__class__(stage="reason", level=d.state.level)))
    plan = step(d, "and a little rash", symptoms("self_care", "rash"))
    levels = [n.triage.level for n in notes(plan)]
    assert levels and all(TRIAGE_LEVELS.index(lv) >= TRIAGE_LEVELS.index("urgent") for lv in levels)


@pytest.mark.parametrize("mode", ["call_emergency_number", "nurse"])
def test_emergency_message_follows_the_organisations_choice(mode):
    d = started("emergency", emergency_mode=mode, emergency_number="999")
    plan = step(
        d, "crushing chest pain", symptoms("emergency", "chest_pain", ["chest_pain_cardiac"])
    )
    assert transfer(plan) == Transfer("emergency", "nurse")
    assert "999" in plan.text
    assert ("hang up" in plan.text) == (mode != "nurse")
    assert d.state.stage == "transfer"  # never kept in self-service


def test_the_fixed_triage_sentences_are_synthesised_ahead():
    prompts = ReceptionDialogue().prompts()
    assert INTRO in prompts and KEYPAD_HINT in prompts


def test_a_call_keeps_the_triage_answers_in_its_record(fake_engine, book):
    """Keyword NLU (the fake engine's) reads a fever as urgent; keypad 2 answers each question."""
    script = CallScript(
        id="triage-dtmf",
        caller=[
            CallerStep(say="I have a fever and I feel sick"),
            *[CallerStep(dtmf="2#") for _ in range(4)],
        ],
    )
    rec = replay_call(fake_engine, script, render=tone_renderer(book)).record.data
    proto = rec["triage_protocol"]
    assert proto is not None and proto["answers"]
    assert {a["via"] for a in proto["answers"]} == {"dtmf"}
    assert {a["answer"] for a in proto["answers"]} == {"no"}
    assert rec["triage"]["level"] == "urgent"
    assert rec["handoff"]["skill"] == "nurse"


def test_a_clear_first_answer_stands_when_the_rest_says_no_symptom():
    d = started("routine")
    step(d, "fever", symptoms("routine", "fever"))
    plan = step(d, "Nope. Anything like that?")  # "No, nothing like that", misheard
    assert notes(plan)[0].protocol["answers"][-1]["answer"] == "no"


def test_a_no_followed_by_a_symptom_is_not_a_plain_no():
    d = started("routine")
    step(d, "fever", symptoms("routine", "fever"))
    plan = step(d, "No. But now she has a rash", symptoms("routine", "rash"))
    assert notes(plan)[0].protocol["answers"][-1]["answer"] != "no"


@pytest.mark.parametrize(
    "reply", ["No. Hard to say.", "No... I'm not sure.", "No, I don't know", "No. Maybe."]
)
def test_a_hedged_no_is_not_recorded_as_no(reply):
    d = started("routine")
    step(d, "fever", symptoms("routine", "fever"))
    plan = step(d, reply)
    assert notes(plan)[0].protocol["answers"][-1]["answer"] != "no"


def test_once_an_emergency_every_turn_hands_off_again():
    """The caller talked over the instruction (cutting the hand-off short) and asks for
    something else: they hear the instruction again and are handed off again."""
    d = started("emergency")
    step(d, "crushing chest pain", symptoms("emergency", "chest_pain", ["chest_pain_cardiac"]))
    for text, u in [
        ("what do I do", OTHER),
        ("can I just book an appointment", Understanding("schedule", 0.9)),
        ("it's only a little rash", symptoms("self_care", "rash")),
    ]:
        plan = step(d, text, u)
        assert transfer(plan) == Transfer("emergency", "nurse")
        assert d.state.level == "emergency"


def test_no_text_at_all_is_a_defined_answer():
    d = started("any")
    plan = d.respond(None, OTHER)  # type: ignore[arg-type]
    assert plan.text


def test_declining_both_offers_after_advice_is_not_a_transfer():
    d = started("self_care")
    step(d, "cold", symptoms("self_care", "respiratory_infection"))
    if d.state.stage == "triage":
        answer_all(d, "no")
    plan = step(d, "I don't need a nurse or an appointment, thanks")
    assert transfer(plan) is None and d.state.stage == "anything_else"
