"""Turns no reason for calling fits: another business, a wrong number, the agent itself.

"Sorry, I didn't catch that" is the answer to words not caught, not to "Is this Pizza Hut?":
a turn that was heard is told who the caller reached and what the assistant can do. Pure
dialogue tests; understandings are built by hand.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from agent.dialogue import ClinicInfo, EndCall, ReceptionDialogue, Transfer
from agent.nlu import Triage, Understanding
from tests.agent.test_triage_dialogue import notes, step, symptoms, transfer

OTHER = Understanding("other", 0.97)
NOT_CAUGHT = "didn't catch that"


def started(name: str = "Riverside Health") -> ReceptionDialogue:
    d = ReceptionDialogue(ClinicInfo(name=name))
    d.commit(d.greeting())
    return d


@pytest.mark.parametrize(
    "text",
    ["Is this Pizza Hut?", "I'm trying to reach the DMV.", "Are you a robot?",
     "Is this the dentist office? Dr. Gomez dental?", "do I have the wrong number?",
     "um, I'm calling about the job posting"],
)  # fmt: skip
def test_a_turn_that_was_heard_is_told_who_it_reached_and_what_can_be_done(text):
    d = started()
    plan = step(d, text, OTHER)
    assert "This is Riverside Health's automated assistant" in plan.text
    assert "appointments" in plan.text and NOT_CAUGHT not in plan.text
    assert d.state.stage == "reason" and d.state.misunderstood == 1


@pytest.mark.parametrize("text", ["um", "[BLANK_AUDIO]", "asdf qwer", "uh, hmm, the", ""])
def test_words_not_caught_are_said_so(text):
    plan = step(started(), text, Understanding("other", 0.5))
    assert NOT_CAUGHT in plan.text


@pytest.mark.parametrize(
    "text", ["Wrong number, sorry.", "Oh sorry, I think I have the wrong number.", "I misdialed"]
)
def test_a_wrong_number_is_let_go_politely(text):
    d = started()
    plan = step(d, text, OTHER)
    assert plan.text == "No problem. You've reached Riverside Health. Goodbye."
    assert EndCall("wrong_number") in plan.actions and d.state.stage == "goodbye"


@pytest.mark.parametrize(
    "text",
    ["wrong number, but can I ask you something",
     "wrong number, I need the hospital my wife is in labour"],
)  # fmt: skip
def test_a_wrong_number_with_more_to_say_is_not_let_go(text):
    plan = step(started(), text, OTHER)
    assert not any(isinstance(a, EndCall) for a in plan.actions)
    assert "automated assistant" in plan.text


@pytest.mark.parametrize(
    ("text", "understanding"),
    [("I think I have the wrong number, I'm looking for poison control", OTHER),
     ("what's the number for poison control", Understanding("hours_location", 0.8)),
     ("can you put me through to the poison center", Understanding("speak_to_person", 0.9)),
     ("um is this the poison help line", OTHER),
     ("I need the number for poison-control", OTHER),
     ("I need the poisoning hotline", Understanding("refill", 0.6)),
     ("the poison info line please", Understanding("test_results", 0.6)),
     ("can I have the poison number", OTHER),
     ("the national poisons information line please", OTHER),
     ("poison control please", Understanding("symptoms", 0.6))],
)  # fmt: skip
def test_a_caller_looking_for_poison_control_hears_when_to_call_911_and_gets_a_nurse(
    text, understanding
):
    d = started()
    plan = step(d, text, understanding)
    assert "hang up and call 911 now" in plan.text and "nurse" in plan.text
    assert transfer(plan) == Transfer("poison_help", "nurse") and d.state.stage == "transfer"
    # Ranked as same-day in the nurse queue: a possible poisoning, nothing assessed.
    [note] = notes(plan)
    assert (note.triage.level, note.triage.complaint) == ("urgent", "poisoning")
    assert d.state.level == "urgent"


def test_mid_triage_an_answer_that_asks_for_poison_control_is_read_as_an_answer_first():
    d = started()
    step(d, "my daughter swallowed some toothpaste", symptoms("self_care", "poisoning"))
    assert d.state.stage == "triage"
    plan = step(d, "yes it might be a cleaning chemical, what's the poison control number", OTHER)
    assert "could be a medical emergency" in plan.text and d.state.level == "emergency"


def test_at_the_refill_question_poison_control_keeps_the_held_emergency_reading():
    d = started()
    plan = step(d, "it's about my mom's pills", symptoms("emergency", "poisoning"))
    assert "refill of that medicine" in plan.text
    plan = step(d, "no, I need poison control", OTHER)
    assert "could be a medical emergency" in plan.text and d.state.level == "emergency"


def test_poison_control_in_a_nurse_first_organisation_stays_on_the_line():
    d = ReceptionDialogue(ClinicInfo(emergency_mode="nurse", emergency_number="999"))
    d.commit(d.greeting())
    plan = step(d, "I need poison control", OTHER)
    assert plan.text.startswith("Please stay on the line") and "also call 999" in plan.text
    assert transfer(plan) == Transfer("poison_help", "nurse")


@pytest.mark.parametrize(
    "understanding",
    [Understanding("emergency", 0.9),
     Understanding("symptoms", 0.9, {}, Triage("emergency", "poisoning", ("toxic_ingestion",),
                                               (), 0.95))],
)  # fmt: skip
def test_an_emergency_reading_beside_poison_control_gets_the_emergency_instruction(
    understanding,
):
    d = started()
    plan = step(d, "poison control, my son swallowed a battery", understanding)
    assert "could be a medical emergency" in plan.text and "poison" not in plan.text


@pytest.mark.parametrize(
    "text",
    ["I think I have poison ivy", "is the poison in the cupboard", "food poisoning help please"],
)  # fmt: skip
def test_poison_without_asking_for_a_poison_centre_is_read_as_usual(text):
    plan = step(started(), text, OTHER)
    assert "automated assistant" in plan.text and transfer(plan) is None


def test_three_turns_not_served_go_to_a_person():
    d = started()
    for text in ("Is this Pizza Hut?", "I want a large pepperoni", "with extra cheese please"):
        plan = step(d, text, OTHER)
    assert transfer(plan) == Transfer("not_understood", "general")


@pytest.mark.parametrize(
    "text",
    ["I need the doctor to fill out my disability paperwork",
     "can I get a copy of my records from my treatment last year",
     "I need FMLA paperwork so I can look after my mother",
     "could you send my daughter's immunization records to her school",
     "I need a doctor's note for work", "a handicap parking form signed"],
)  # fmt: skip
def test_forms_letters_and_records_go_to_the_front_desk(text):
    d = started()
    plan = step(d, text, OTHER)
    assert transfer(plan) == Transfer("paperwork", "general")
    assert "front desk" in plan.text and d.state.stage == "transfer"


@pytest.mark.parametrize(
    "text",
    ["I need paperwork for my wife, she's suicidal and I have to stay home with her",
     "I need a letter for school, my daughter fainted in class today",
     "I want my records, I think I'm being poisoned",
     "I need a form, my son got shot", "a letter for work, my husband got shot",
     # conservative: a condition named beside paperwork, past or not, is for a nurse to judge
     "can I get a copy of my records from my cancer treatment"],
)  # fmt: skip
def test_paperwork_with_anything_more_goes_to_a_nurse(text):
    plan = step(started(), text, OTHER)
    assert transfer(plan) == Transfer("paperwork", "nurse") and "front desk" not in plan.text


def test_paperwork_once_a_call_has_a_level_goes_to_a_nurse():
    d = started()
    d.state = replace(d.state, stage="anything_else", level="self_care")
    plan = step(d, "my records please", OTHER)
    assert transfer(plan) == Transfer("paperwork", "nurse")


@pytest.mark.parametrize(
    "state",
    [{"stage": "anything_else", "level": "urgent"}, {"stage": "self_care_offer"},
     {"stage": "reason", "medicine_concern": True}],
)  # fmt: skip
def test_a_wrong_number_is_not_let_go_once_a_health_concern_was_heard(state):
    d = started()
    d.state = replace(d.state, **state)
    plan = step(d, "sorry I think I got the wrong number", OTHER)
    assert not any(isinstance(a, EndCall) for a in plan.actions)


@pytest.mark.parametrize(
    "text", ["Oh sorry, wrong number. 911.", "wrong number, 999", "wrong number?"]
)
def test_a_wrong_number_with_a_number_or_a_question_is_not_let_go(text):
    plan = step(started(), text, OTHER)
    assert not any(isinstance(a, EndCall) for a in plan.actions)


def test_on_hold_for_a_person_a_stray_turn_is_told_to_stay_on_the_line():
    d = started()
    step(d, "billing", Understanding("billing", 0.95))
    assert d.state.stage == "transfer"
    for text in ("hello? is anyone there?", "sorry I think I got the wrong number", "hmm"):
        plan = step(d, text, OTHER)
        assert plan.text.startswith("Please stay on the line") and transfer(plan) is None


def test_paperwork_words_do_not_override_a_reason_careline_serves():
    plan = step(started(), "a letter about my bill", Understanding("billing", 0.9))
    assert transfer(plan) == Transfer("billing", "billing")


@pytest.mark.parametrize("text", ["you", "Okay.", "okay thanks"])
def test_an_acknowledgement_before_anything_was_asked_thanks_for_nothing(text):
    # Whisper hears "you" on a quiet line; "okay" answers the greeting, it asks nothing.
    d = started()
    plan = step(d, text, OTHER)
    assert plan.text == "How can I help you today?" and d.state.stage == "reason"


def test_a_caller_who_only_gasps_reaches_a_person():
    d = started()
    for text in ("oh", "ah ah", "oh"):
        plan = step(d, text, OTHER)
    assert transfer(plan) == Transfer("not_understood", "general")


def test_an_acknowledgement_after_an_answer_is_welcomed():
    d = started()
    step(d, "what are your hours?", Understanding("hours_location", 0.95))
    assert d.state.stage == "anything_else"
    plan = step(d, "okay thanks", OTHER)
    assert plan.text.startswith("You're welcome.")


def test_a_caller_who_needs_a_moment_is_given_it():
    d = started()
    asked = d.state.said
    plan = step(d, "Oh, um, hang on, let me find my card.", OTHER)
    assert plan.text == "Take your time."
    assert d.state.stage == "reason" and d.state.misunderstood == 0 and d.state.said == asked


def test_a_moment_during_triage_questions_keeps_the_question():
    from tests.agent.test_triage_dialogue import symptoms

    d = started()
    step(d, "my son has a fever", symptoms("urgent", "fever"))
    fu, said = d.state.follow_up, d.state.said
    plan = step(d, "hold on, let me check his temperature", OTHER)
    assert plan.text == "Take your time." and d.state.follow_up == fu and d.state.said == said


def test_a_wait_the_model_reads_something_into_is_not_a_wait():
    from tests.agent.test_triage_dialogue import symptoms

    plan = step(started(), "hold on let me get his inhaler", Understanding("refill", 0.9))
    assert transfer(plan) == Transfer("refill", "nurse")
    d = started()
    step(d, "hold on let me look at the rash", symptoms("routine", "rash"))
    assert d.state.stage == "triage"


def test_waits_are_limited_then_a_person_takes_over():
    d = started()
    for _ in range(3):
        assert step(d, "hang on", OTHER).text == "Take your time."
    assert transfer(step(d, "hang on", OTHER)) == Transfer("caller_request", "general")


def test_a_second_wait_during_triage_counts_as_no_answer():
    from tests.agent.test_triage_dialogue import symptoms

    d = started()
    step(d, "my son has a fever", symptoms("urgent", "fever"))
    fu = d.state.follow_up
    assert step(d, "hang on", OTHER).text == "Take your time."
    plan = step(d, "hang on", OTHER)
    assert plan.text != "Take your time." and d.state.follow_up != fu


def test_a_second_wait_at_the_medicine_question_acts_on_the_reading():
    from tests.agent.test_medicine_check import read_as

    d = started()
    step(d, "it's about my mum's insulin", read_as("emergency"))
    assert step(d, "hang on", OTHER).text == "Take your time."
    assert transfer(step(d, "hang on", OTHER)) == Transfer("emergency", "nurse")


def test_on_hold_a_caller_may_wait_as_long_as_they_like():
    d = started()
    step(d, "billing", Understanding("billing", 0.95))
    for _ in range(6):
        plan = step(d, "hang on", OTHER)
        assert plan.text == "Take your time." and transfer(plan) is None


def test_an_emergency_is_never_put_on_hold():
    from tests.agent.test_triage_dialogue import symptoms

    plan = step(
        started(), "hang on, let me get his EpiPen", symptoms("emergency", "allergic_reaction")
    )
    assert transfer(plan) == Transfer("emergency", "nurse")
    plan = step(started(), "hang on, he's turning blue", symptoms("emergency", "breathing"))
    assert transfer(plan) == Transfer("emergency", "nurse")


@pytest.mark.parametrize(
    "text",
    ["me duele el pecho", "mi esposo está muy enfermo", "necesito una cita",
     "j'ai mal à la tête", "ich habe Schmerzen", "eu tenho dor no peito", "wo bu shufu"],
)  # fmt: skip
def test_a_turn_in_another_language_goes_to_a_person_at_once(text):
    # The model reads these as `other` (the data conventions say so); the English menu is no
    # answer to "my chest hurts" in Spanish.
    d = started()
    plan = step(d, text, OTHER)
    assert transfer(plan) == Transfer("another_language", "general") and d.state.stage == "transfer"


@pytest.mark.parametrize("text", ["my name is Maria de la Cruz", "Is this Pizza Hut?"])
def test_a_foreign_name_in_an_english_turn_is_not_another_language(text):
    assert transfer(step(started(), text, OTHER)) is None
