"""The demo clinic: deterministic, re-runnable, and covering the cases the flows need."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from agent.store import DEMO_PATIENTS, DEMO_PROVIDERS, Store, seed_demo
from agent.store.engine import sqlite_url

TODAY = date(2031, 6, 4)  # a Wednesday
ZONE = "America/New_York"
START = datetime(2031, 6, 4, tzinfo=UTC)
END = START + timedelta(days=30)


def snapshot(store: Store) -> tuple[object, ...]:
    """What a caller could observe, by MRN and time (not by database id)."""
    slots = store.free_slots(START, END, limit=50)
    mrn = {p.id: p.mrn for p in (store.patients_by_dob(d.date_of_birth)[0] for d in DEMO_PATIENTS)}
    booked = [
        (mrn.get(a.patient_id), a.slot.starts_at, a.slot.provider.name, a.appointment_type)
        for a in store.appointments_between(START, END)
    ]
    return tuple((s.starts_at, s.provider.name, s.appointment_type) for s in slots), tuple(booked)


def test_seed_is_deterministic_and_the_same_on_both_backends(store: Store, tmp_path: Path) -> None:
    summary = seed_demo(store, TODAY, seed=7, tz=ZONE)
    assert (summary.providers_added, summary.patients_added) == (
        len(DEMO_PROVIDERS),
        len(DEMO_PATIENTS),
    )
    assert summary.appointments_added == sum(1 for p in DEMO_PATIENTS if p.booking)
    with Store.open(sqlite_url(tmp_path / "again.sqlite3")) as again:
        seed_demo(again, TODAY, seed=7, tz=ZONE)
        assert snapshot(again) == snapshot(store)
    with Store.open(sqlite_url(tmp_path / "other.sqlite3")) as other:
        seed_demo(other, TODAY, seed=8, tz=ZONE)
        assert snapshot(other) != snapshot(store)


def test_seeding_again_adds_nothing(store: Store) -> None:
    seed_demo(store, TODAY, tz=ZoneInfo(ZONE))
    before = snapshot(store)
    again = seed_demo(store, TODAY, tz=ZONE)
    assert (again.providers_added, again.patients_added, again.slots_added) == (0, 0, 0)
    assert snapshot(store) == before
    # A week later only the new days' slots are added.
    assert seed_demo(store, TODAY + timedelta(days=7), tz=ZONE).slots_added > 0


def test_demo_patients_cover_the_hard_cases(store: Store) -> None:
    seed_demo(store, TODAY, tz=ZONE)
    [obrien] = store.patients_by_name("o brien")
    assert (obrien.first_name, obrien.last_name) == ("Siobhán", "O'Brien")
    [zoe] = store.patients_by_name("Nunez", first_name="Zoe")
    assert (zoe.first_name, zoe.last_name) == ("Zoë", "Núñez")
    assert len(store.patients_by_name("nguyen")) == 1
    twins = store.patients_by_dob(date(1958, 1, 30))
    assert sorted(p.first_name for p in twins) == ["James", "Jamie"]
    assert len(store.patients_by_phone("+1 555 010 0107")) == 2
    controlled = {m.name for m in store.medications(obrien.id) if m.controlled}
    assert controlled == {"oxycodone"}
    assert {m.name for m in store.medications(zoe.id) if m.controlled} == {"alprazolam"}
    billing = store.billing(obrien.id)
    assert billing is not None and billing.last_payment_on == TODAY - timedelta(days=12)
    assert [r.status for r in store.results_status(obrien.id)] == ["resulted"]
    assert store.upcoming_appointments(zoe.id, START)
    assert len(store.providers(department="pediatrics")) == 1


def test_free_slots_are_weekdays_in_clinic_hours_for_three_weeks(store: Store) -> None:
    seed_demo(store, TODAY, tz=ZONE)
    zone = ZoneInfo(ZONE)
    slots = store.free_slots(START - timedelta(days=30), END + timedelta(days=30), limit=50)
    assert slots
    everything = []
    cursor = START - timedelta(days=1)
    while batch := store.free_slots(cursor, END + timedelta(days=30), limit=50):
        everything += batch
        cursor = batch[-1].starts_at
    assert len(everything) > 400
    for slot in everything:
        local = slot.starts_at.astimezone(zone)
        assert local.weekday() < 5
        assert TODAY < local.date() <= TODAY + timedelta(days=21)
        assert 9 <= local.hour < 12 or 13 <= local.hour < 17
        assert slot.ends_at.astimezone(zone).hour <= 17
