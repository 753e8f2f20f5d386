"""A small clinic for the store tests: two patients, one provider, one morning of slots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from agent.store import Patient, Provider, Slot, Store

# A Monday, far enough ahead that no slot is ever "in the past" for the system clock.
MONDAY_9AM = datetime(2031, 6, 2, 9, 0, tzinfo=UTC)


@dataclass
class Clinic:
    store: Store
    patient: Patient
    other: Patient
    provider: Provider
    slots: list[Slot]  # 8 half-hour slots from MONDAY_9AM; slots[7] is kept for "well_child"


def make_clinic(store: Store) -> Clinic:
    patient = store.add_patient(
        mrn="A-1", first_name="Zoë", last_name="Núñez", date_of_birth=date(1990, 7, 21)
    )
    other = store.add_patient(
        mrn="A-2", first_name="Siobhán", last_name="O'Brien", date_of_birth=date(1972, 11, 2)
    )
    provider = store.add_provider("Amara Okafor", title="MD", department="family medicine")
    slots = [
        store.add_slot(
            provider.id,
            MONDAY_9AM + timedelta(minutes=30 * n),
            MONDAY_9AM + timedelta(minutes=30 * (n + 1)),
            location="Room 2",
            appointment_type="well_child" if n == 7 else None,
        )
        for n in range(8)
    ]
    return Clinic(store, patient, other, provider, slots)
