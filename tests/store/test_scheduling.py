"""Free slots, booking, cancelling and rescheduling."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agent.store import AppointmentStatus, InvalidRequest, NotFound, SlotTaken
from tests.store.clinic import MONDAY_9AM, Clinic

DAY = timedelta(days=1)


def test_free_slots_are_nearest_first_and_after_start(clinic: Clinic) -> None:
    store, slots = clinic.store, clinic.slots
    assert store.free_slots(MONDAY_9AM - DAY, MONDAY_9AM + DAY) == slots[:3]
    # "after start": a slot starting exactly at start is not offered.
    assert store.free_slots(MONDAY_9AM, MONDAY_9AM + DAY, limit=2) == slots[1:3]
    assert (
        store.free_slots(MONDAY_9AM - DAY, MONDAY_9AM + timedelta(minutes=60), limit=10)
        == slots[:2]
    )
    assert len(store.free_slots(MONDAY_9AM - DAY, MONDAY_9AM + DAY, limit=100)) == 8
    for n in range(60):  # no hidden cap on limit
        start = MONDAY_9AM + 2 * DAY + timedelta(minutes=10 * n)
        store.add_slot(clinic.provider.id, start, start + timedelta(minutes=10))
    assert len(store.free_slots(MONDAY_9AM - DAY, MONDAY_9AM + 3 * DAY, limit=10_000)) == 68


def test_free_slots_filters(clinic: Clinic) -> None:
    store, slots = clinic.store, clinic.slots
    window = (MONDAY_9AM - DAY, MONDAY_9AM + DAY)
    other = store.add_provider("Priya Raman", title="MD", department="pediatrics")
    theirs = store.add_slot(other.id, MONDAY_9AM - timedelta(hours=1), MONDAY_9AM)
    assert store.free_slots(*window, limit=1) == [theirs]
    assert store.free_slots(*window, provider_id=clinic.provider.id, limit=1) == [slots[0]]
    assert store.free_slots(*window, department="pediatrics", limit=5) == [theirs]
    # A typed slot is only offered for its type; untyped slots fit every type.
    well_child = store.free_slots(
        *window, provider_id=clinic.provider.id, appointment_type="well_child", limit=10
    )
    assert well_child == slots
    follow_up = store.free_slots(
        *window, provider_id=clinic.provider.id, appointment_type="follow_up", limit=10
    )
    assert follow_up == slots[:7]


def test_booking_takes_the_slot_and_is_audited(clinic: Clinic) -> None:
    store, slot, patient = clinic.store, clinic.slots[0], clinic.patient
    appointment = store.book(slot.id, patient.id, "follow_up", "call-1")
    assert appointment.slot == slot
    assert (appointment.patient_id, appointment.status, appointment.call_id) == (
        patient.id,
        AppointmentStatus.BOOKED,
        "call-1",
    )
    assert appointment.cancelled_at is None and appointment.booked_at.tzinfo is not None
    assert store.appointment(appointment.id) == appointment
    assert store.appointment(appointment.id + 100) is None
    assert slot not in store.free_slots(MONDAY_9AM - DAY, MONDAY_9AM + DAY, limit=10)
    [entry] = store.audit_entries(call_id="call-1")
    assert (entry.action, entry.patient_id) == ("appointment.book", patient.id)
    assert entry.detail == {"appointment_id": appointment.id, "slot_id": slot.id}


def test_a_booked_slot_cannot_be_booked_again(clinic: Clinic) -> None:
    store, slot = clinic.store, clinic.slots[0]
    store.book(slot.id, clinic.patient.id, "follow_up", "call-1")
    with pytest.raises(SlotTaken) as caught:
        store.book(slot.id, clinic.other.id, "follow_up", "call-2")
    assert caught.value.slot_id == slot.id
    assert store.audit_entries(call_id="call-2") == []


def test_booking_checks_slot_patient_and_type(clinic: Clinic) -> None:
    store = clinic.store
    with pytest.raises(NotFound):
        store.book(9999, clinic.patient.id, "follow_up", None)
    with pytest.raises(NotFound):
        store.book(clinic.slots[0].id, 9999, "follow_up", None)
    with pytest.raises(InvalidRequest):
        store.book(clinic.slots[7].id, clinic.patient.id, "follow_up", None)
    assert (
        store.book(clinic.slots[7].id, clinic.patient.id, "well_child", None).slot
        == clinic.slots[7]
    )


def test_upcoming_appointments_soonest_first_and_booked_only(clinic: Clinic) -> None:
    store, patient, slots = clinic.store, clinic.patient, clinic.slots
    later = store.book(slots[3].id, patient.id, "follow_up", None)
    sooner = store.book(slots[1].id, patient.id, "follow_up", None)
    cancelled = store.book(slots[2].id, patient.id, "follow_up", None)
    store.cancel(cancelled.id, patient.id, None)
    store.book(slots[0].id, clinic.other.id, "follow_up", None)
    assert store.upcoming_appointments(patient.id, MONDAY_9AM - DAY) == [sooner, later]
    assert store.upcoming_appointments(patient.id, slots[2].starts_at) == [later]
    assert store.upcoming_appointments(patient.id, MONDAY_9AM + DAY) == []


def test_cancel_frees_the_slot(clinic: Clinic) -> None:
    store, slot, patient = clinic.store, clinic.slots[0], clinic.patient
    booked = store.book(slot.id, patient.id, "follow_up", "call-1")
    cancelled = store.cancel(booked.id, patient.id, "call-2")
    assert cancelled.status is AppointmentStatus.CANCELLED and cancelled.cancelled_at is not None
    assert store.free_slots(MONDAY_9AM - DAY, MONDAY_9AM + DAY, limit=1) == [slot]
    # Cancelling again changes nothing and is not audited twice.
    assert store.cancel(booked.id, patient.id, "call-3") == cancelled
    assert [e.action for e in store.audit_entries(patient_id=patient.id)] == [
        "appointment.book",
        "appointment.cancel",
    ]
    # The freed slot can be booked by someone else.
    assert store.book(slot.id, clinic.other.id, "follow_up", "call-4").patient_id == clinic.other.id


def test_only_the_patients_own_appointment_can_be_cancelled(clinic: Clinic) -> None:
    store = clinic.store
    theirs = store.book(clinic.slots[0].id, clinic.other.id, "follow_up", "call-1")
    with pytest.raises(NotFound):
        store.cancel(theirs.id, clinic.patient.id, "call-2")
    with pytest.raises(NotFound):
        store.reschedule(theirs.id, clinic.slots[1].id, clinic.patient.id, "call-2")
    with pytest.raises(NotFound):
        store.cancel(theirs.id + 100, clinic.patient.id, "call-2")
    assert store.appointment(theirs.id) == theirs


def test_reschedule_moves_the_appointment(clinic: Clinic) -> None:
    store, patient, slots = clinic.store, clinic.patient, clinic.slots
    old = store.book(slots[0].id, patient.id, "follow_up", "call-1")
    new = store.reschedule(old.id, slots[4].id, patient.id, "call-2")
    assert (new.slot, new.appointment_type, new.call_id) == (slots[4], "follow_up", "call-2")
    assert store.appointment(old.id).status is AppointmentStatus.CANCELLED
    assert store.upcoming_appointments(patient.id, MONDAY_9AM - DAY) == [new]
    assert slots[0] in store.free_slots(MONDAY_9AM - DAY, MONDAY_9AM + DAY)
    [entry] = store.audit_entries(action="appointment.reschedule")
    assert entry.detail == {
        "from_appointment_id": old.id,
        "appointment_id": new.id,
        "slot_id": slots[4].id,
    }


def test_reschedule_into_a_taken_slot_keeps_the_old_appointment(clinic: Clinic) -> None:
    store, patient, slots = clinic.store, clinic.patient, clinic.slots
    old = store.book(slots[0].id, patient.id, "follow_up", "call-1")
    store.book(slots[4].id, clinic.other.id, "follow_up", "call-2")
    with pytest.raises(SlotTaken):
        store.reschedule(old.id, slots[4].id, patient.id, "call-3")
    assert store.appointment(old.id) == old  # still booked, not cancelled
    assert store.upcoming_appointments(patient.id, MONDAY_9AM - DAY) == [old]
    assert store.audit_entries(call_id="call-3") == []


def test_reschedule_refusals_leave_everything_as_it_was(clinic: Clinic) -> None:
    store, patient, slots = clinic.store, clinic.patient, clinic.slots
    old = store.book(slots[0].id, patient.id, "follow_up", None)
    for new_slot, error in (
        (slots[0].id, InvalidRequest),
        (slots[7].id, InvalidRequest),
        (9999, NotFound),
    ):
        with pytest.raises(error):
            store.reschedule(old.id, new_slot, patient.id, None)
        assert store.appointment(old.id) == old
    store.cancel(old.id, patient.id, None)
    with pytest.raises(InvalidRequest):
        store.reschedule(old.id, slots[1].id, patient.id, None)


def test_appointments_between_for_export(clinic: Clinic) -> None:
    store, slots = clinic.store, clinic.slots
    a = store.book(slots[0].id, clinic.patient.id, "follow_up", None)
    b = store.book(slots[5].id, clinic.other.id, "new_patient", None)
    store.cancel(b.id, clinic.other.id, None)
    assert store.appointments_between(MONDAY_9AM, MONDAY_9AM + DAY) == [a]
    both = store.appointments_between(MONDAY_9AM, MONDAY_9AM + DAY, include_cancelled=True)
    assert [x.id for x in both] == [a.id, b.id]
    assert store.appointments_between(MONDAY_9AM + DAY, MONDAY_9AM + 2 * DAY) == []
