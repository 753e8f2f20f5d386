"""Every self-service flow, end to end over the real demo clinic, in typed turns.

Patients are the demo clinic's (agent/store/demo.py): Maria Garcia (born 1985-03-14, on
lisinopril and metformin, a follow-up in five days, a balance with a payment), Siobhán
O'Brien (oxycodone, a resulted MRI), Zoë Núñez (a follow-up in nine days), the Smith twins.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from agent.flows import identity
from agent.store.demo import DEMO_PATIENTS
from agent.store.records import AppointmentStatus, RefillStatus
from tests.flows.conftest import NOW, Conversation


def verify_maria(call: Conversation, request: str) -> str:
    call.say(request)
    call.say("Maria Garcia")
    return call.say("March 14th, 1985")


def patient_id(call: Conversation, first: str) -> int:
    demo = next(p for p in DEMO_PATIENTS if p.first_name == first)
    return call.services.store.patients_by_name(demo.last_name, first_name=first)[0].id


# -- identity --------------------------------------------------------------------------------
def test_identity_comes_first_and_names_nothing_before_it(call: Conversation) -> None:
    reply = call.say("Hi, I need to book an appointment")
    assert "name" in reply.lower()
    assert call.dialogue.state.patient_id is None
    reply = call.say("It's Maria Garcia")
    assert "date of birth" in reply
    reply = call.say("March fourteenth nineteen eighty five")
    assert "found the record" in reply
    assert call.dialogue.state.patient_id is not None


def test_date_of_birth_by_keypad(call: Conversation) -> None:
    call.say("I want to check my balance")
    call.say("Maria Garcia")
    reply = call.keypad("03141985")
    assert "found the record" in reply and "balance" in reply


def test_three_wrong_dates_of_birth_go_to_a_person_without_saying_which_was_wrong(
    call: Conversation,
) -> None:
    call.say("I'd like to cancel my appointment")
    for _attempt in range(3):
        call.say("Maria Garcia")
        reply = call.say("January 1st, 1990")
        assert "date of birth" not in reply.split("couldn't")[0]
    assert call.transfer is not None and call.transfer.skill == "general"
    assert identity.GIVE_UP in reply
    assert call.dialogue.state.identity_failed
    # Later patient requests on the same call go straight to a person.
    call.dialogue.state = type(call.dialogue.state)(stage="anything_else", identity_failed=True)
    call.say("what's my balance")
    assert call.transfer is not None
    failed = call.services.store.audit_entries(action="identity_failed")
    assert len(failed) == 3


def test_impossible_and_future_dates_are_asked_again(call: Conversation) -> None:
    call.say("I need a refill")
    call.say("Maria Garcia")
    reply = call.say("February 30th 1985")
    assert "no February 30th" in reply and "didn't catch" not in reply
    assert "future" in call.say("March 14th 2030")
    assert "found the record" in call.say("March 14th 1985")


def test_names_with_apostrophes_accents_and_recognition_errors_match(call: Conversation) -> None:
    call.say("I want to know if my test results are in")
    call.say("Siobhan O'Brien")
    assert "found the record" in call.say("November 2nd, 1972")


def test_twins_are_told_apart_by_first_name(call: Conversation) -> None:
    call.say("what's my balance")
    call.say("Jamie Smith")
    reply = call.say("January 30th 1958")
    assert "found the record" in reply
    assert call.dialogue.state.patient_id == patient_id(call, "Jamie")


def test_text_injection_in_a_name_matches_nobody(call: Conversation) -> None:
    call.say("I need to book an appointment")
    assert "name" in call.say("Robert'); DROP TABLE patients;--")  # not a name: asked again
    call.say("Robert Johnson'); DROP TABLE patients;--")
    reply = call.say("August 8th 1950")
    assert "couldn't find" in reply or "found the record" in reply
    assert call.services.store.has_patients()


# -- appointments ----------------------------------------------------------------------------
def test_book_next_tuesday_afternoon_read_back_and_confirmed(call: Conversation) -> None:
    verify_maria(call, "I'd like to book a physical")
    reply = call.say("next Tuesday afternoon")
    assert "Tuesday, December 1st" in reply and "p.m." in reply
    reply = call.say("the first one")
    assert reply.startswith("To confirm: a annual physical") or "annual physical" in reply
    reply = call.say("yes please")
    assert "You're booked" in reply and "anything else" in reply
    booked = call.services.store.upcoming_appointments(patient_id(call, "Maria"), NOW)
    assert any(a.appointment_type == "annual_physical" for a in booked)


def test_a_slot_taken_by_another_call_between_offer_and_yes(call: Conversation) -> None:
    verify_maria(call, "I need an appointment for a follow up")
    call.say("Thursday morning")
    state = call.dialogue.state.flow
    call.say("the first one")
    chosen = call.dialogue.state.flow.chosen
    other = patient_id(call, "Zoë")
    call.services.store.book(chosen.slot_id, other, "follow_up", "call-2")  # the other call wins
    reply = call.say("yes")
    assert call.failed_writes == ["slot_taken"]
    assert "just taken" in reply and "You're booked" not in reply
    assert call.dialogue.state.flow.step == "choose"
    assert all(o.slot_id != chosen.slot_id for o in call.dialogue.state.flow.offered)
    assert state is not None


def test_no_free_slots_goes_to_scheduling(call: Conversation) -> None:
    store = call.services.store
    verify_maria(call, "I need an appointment for a sick visit")
    # Every slot in the next two months is taken.
    for slot in store.free_slots(NOW, NOW + timedelta(days=70), limit=10_000):
        kind = slot.appointment_type or "sick_visit"
        store.book(slot.id, patient_id(call, "Zoë"), kind, "filler")
    reply = call.say("as soon as possible")
    assert "can't find a free appointment" in reply
    assert call.transfer is not None and call.transfer.skill == "scheduling"


def test_when_is_my_appointment(call: Conversation) -> None:
    reply = verify_maria(call, "when is my next appointment?")
    assert "follow-up visit" in reply and "with Doctor" in reply


def test_reschedule_moves_the_appointment_in_one_step(call: Conversation) -> None:
    verify_maria(call, "I need to reschedule my appointment")
    reply = call.dialogue.state.said
    assert "Is that the one" in reply
    assert "What day and time" in call.say("yes")
    call.say("the week after next")
    call.say("the second one")
    assert "Done" in call.say("yes")
    mine = call.services.store.upcoming_appointments(patient_id(call, "Maria"), NOW)
    assert len(mine) == 1 and mine[0].slot.starts_at > NOW + timedelta(days=7)


def test_cancel_with_confirmation(call: Conversation) -> None:
    call.say("I have to cancel my appointment")
    call.say("Zoe Nunez")
    reply = call.say("July 21st 1990")
    assert "Is that the one you'd like to cancel" in reply
    assert "cancel" in call.say("yes").lower()
    reply = call.dialogue.state.said
    assert "is cancelled" in reply
    pid = patient_id(call, "Zoë")
    assert call.services.store.upcoming_appointments(pid, NOW) == []


def test_saying_no_to_the_read_back_books_nothing(call: Conversation) -> None:
    verify_maria(call, "book me a physical")
    call.say("next Tuesday afternoon")
    call.say("the first one")
    assert "instead" in call.say("no")
    booked = call.services.store.upcoming_appointments(patient_id(call, "Maria"), NOW)
    assert all(a.appointment_type != "annual_physical" for a in booked)


# -- refills ---------------------------------------------------------------------------------
def test_refill_request_is_sent_never_promised(call: Conversation) -> None:
    verify_maria(call, "I need a refill on my lisinopril")
    reply = call.dialogue.state.said
    assert "Walgreens on Main Street" in reply
    call.say("yes")
    reply = call.say("yes")
    assert "can't promise" in reply
    [request] = call.services.store.refill_requests(patient_id(call, "Maria"))
    assert request.medication == "lisinopril" and request.status == RefillStatus.REQUESTED


def test_misheard_medicine_names_are_matched(call: Conversation) -> None:
    verify_maria(call, "I need a refill")
    reply = call.say("the met for men")
    assert "Walgreens" in reply


def test_controlled_medicine_goes_to_a_nurse(call: Conversation) -> None:
    call.say("I need my oxycodone refilled")
    call.say("Siobhan O'Brien")
    call.say("November 2nd 1972")
    assert call.transfer is not None and call.transfer.skill == "nurse"
    [request] = call.services.store.refill_requests(patient_id(call, "Siobhán"))
    assert request.status == RefillStatus.NEEDS_NURSE


def test_unknown_medicine_twice_goes_to_a_nurse(call: Conversation) -> None:
    verify_maria(call, "I need a prescription refilled")
    assert "couldn't find" in call.say("penicillin")
    call.say("warfarin")
    assert call.transfer is not None and call.transfer.skill == "nurse"


def test_a_medicine_not_on_the_list_is_an_answer_not_an_emergency(call: Conversation) -> None:
    # Heard with the recogniser's full stop, "Penicillin." alone leans the model towards an
    # allergy emergency; named in answer to "which medicine", it is a medicine.
    verify_maria(call, "I need a prescription refilled")
    reply = call.say("Penicillin.")
    assert "couldn't find" in reply and "911" not in reply
    call.say("Amoxicillin.")
    assert call.transfer is not None and call.transfer.skill == "nurse"


def test_a_health_concern_in_answer_to_which_medicine_still_comes_first(
    call: Conversation,
) -> None:
    verify_maria(call, "I need a refill")
    reply = call.say("my throat is closing up")
    assert "couldn't find" not in reply and "911" in reply


def test_ran_out_and_feel_sick_goes_to_a_nurse(call: Conversation) -> None:
    verify_maria(call, "I need a refill")
    reply = call.say("I ran out of metformin three days ago and I feel awful")
    # Feeling awful is triaged first: the red-flag questions, if any, come before the nurse.
    for _ in range(8):
        if call.transfer is not None or ("yes or no" not in reply.lower() and "?" not in reply):
            break
        reply = call.say("no")
    assert call.transfer is not None and call.transfer.skill == "nurse"


# -- billing and results ---------------------------------------------------------------------
def test_balance_and_last_payment_are_read_after_identity(call: Conversation) -> None:
    reply = verify_maria(call, "I have a question about my bill, what do I owe?")
    assert "125 dollars and 50 cents" in reply and "50 dollars" in reply
    assert call.services.store.audit_entries(action="read_billing")


def test_a_disputed_bill_goes_to_billing(call: Conversation) -> None:
    verify_maria(call, "I think I was charged twice on my bill")
    assert call.transfer is not None and call.transfer.skill == "billing"


def test_results_are_never_read_only_whether_they_are_in(call: Conversation) -> None:
    call.say("are my test results back?")
    call.say("Siobhan O'Brien")
    reply = call.say("11/02/1972")
    assert "results are in" in reply and "can't read results" in reply


def test_a_worried_caller_about_results_goes_to_a_nurse(call: Conversation) -> None:
    verify_maria(call, "I'm worried about my test results")
    assert call.transfer is not None and call.transfer.skill == "nurse"


# -- clinic information ----------------------------------------------------------------------
def test_hours_and_parking_come_from_the_configuration(call: Conversation) -> None:
    reply = call.say("what time are you open on saturday?")
    assert "We're open on Saturday from 9 a.m. to noon." in reply
    assert call.say("are you open until today?").startswith("We're open now, until 6 p.m. today.")
    assert "Monday" not in reply  # the day asked about, not the whole week
    assert "Sunday" in call.say("what are your opening hours?")
    assert "Oak Street" in call.say("where do I park?")


# -- what works at every prompt --------------------------------------------------------------
def test_repeat_that(call: Conversation) -> None:
    verify_maria(call, "I'd like to book a physical")
    asked = call.dialogue.state.said
    assert call.say("sorry, can you repeat that?") == asked


def test_hang_on_at_a_question_keeps_it(call: Conversation) -> None:
    call.say("I need a refill")
    call.say("Maria Garcia")
    asked = call.dialogue.state.said
    assert call.say("hang on, let me find her date of birth") == "Take your time."
    assert call.say("sorry, can you repeat that?") == asked
    assert "found the record" in call.say("March 14th, 1985")


def test_go_back(call: Conversation) -> None:
    verify_maria(call, "I'd like to book a physical")
    call.say("next Tuesday afternoon")
    reply = call.say("go back")
    assert "go back" in reply.lower() and "What day and time" in reply


def test_silence_reprompts_then_offers_a_person_then_ends(call: Conversation) -> None:
    call.say("I need a refill")
    assert "still there" in call.silence() and "name" in call.dialogue.state.said
    assert "press 0" in call.silence()
    call.silence()
    assert call.dialogue.state.stage == "goodbye"


def test_a_person_at_any_moment(call: Conversation) -> None:
    verify_maria(call, "I'd like to book a physical")
    call.say("can I just talk to a real person")
    assert call.transfer is not None
    assert call.dialogue.state.flow is None


def test_zero_on_the_keypad_reaches_a_person(call: Conversation) -> None:
    call.say("I need a refill")
    call.keypad("0")
    assert call.transfer is not None


def test_an_emergency_in_the_middle_of_a_flow_leaves_it(call: Conversation) -> None:
    verify_maria(call, "I'd like to book a physical")
    reply = call.say("actually I have crushing chest pain going down my left arm")
    assert "911" in reply
    assert call.transfer is not None and call.dialogue.state.level == "emergency"


def test_symptoms_in_the_middle_of_a_flow_are_triaged(call: Conversation) -> None:
    verify_maria(call, "I need a refill")
    call.say("I've had a fever and a bad cough for three days")
    assert call.dialogue.state.stage in ("triage", "transfer")
    assert call.dialogue.state.flow is None


def test_change_of_topic(call: Conversation) -> None:
    verify_maria(call, "I'd like to book a physical")
    reply = call.say("actually, never mind that, how much do I owe on my bill?")
    assert "balance" in reply


def test_the_same_thing_ten_times_ends_with_a_person_not_a_loop(call: Conversation) -> None:
    verify_maria(call, "I'd like to book a physical")
    for _ in range(10):
        call.say("banana")
        if call.transfer is not None:
            break
    assert call.transfer is not None


def test_cancelled_appointment_frees_its_slot(call: Conversation) -> None:
    pid = patient_id(call, "Zoë")
    [appt] = call.services.store.upcoming_appointments(pid, NOW)
    call.services.store.cancel(appt.id, pid, "test")
    assert call.services.store.appointment(appt.id).status == AppointmentStatus.CANCELLED
    assert any(
        s.id == appt.slot.id
        for s in call.services.store.free_slots(
            appt.slot.starts_at - timedelta(minutes=1), appt.slot.ends_at, limit=50
        )
    )


def test_okay_thanks_after_an_answer_is_not_misunderstood(call: Conversation) -> None:
    call.say("what are your hours?")
    reply = call.say("Okay, thanks.")
    assert reply.startswith("You're welcome.") and "didn't catch" not in reply
    assert "Goodbye" in call.say("no, that's all")


@pytest.mark.parametrize("said", ["No. So, thank you.", "No thanks.", "Nope, thank you so much!"])
def test_a_no_and_thanks_at_anything_else_is_goodbye(call: Conversation, said: str) -> None:
    call.say("what are your hours?")
    assert "Goodbye" in call.say(said)


def test_a_no_thanks_with_a_new_request_is_not_goodbye(call: Conversation) -> None:
    call.say("what are your hours?")
    assert "Goodbye" not in call.say("No thank you, but I need my prescription refilled")
