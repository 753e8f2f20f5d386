"""Patients: lookups by date of birth, name key and phone; names kept exactly as given."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from agent.store import Conflict, NotFound, Store, name_key, phone_key


def add(store: Store, mrn: str, first: str, last: str, dob: date, phone: str | None = None):
    return store.add_patient(
        mrn=mrn, first_name=first, last_name=last, date_of_birth=dob, phone=phone
    )


@pytest.mark.parametrize(
    ("spoken", "key"),
    [
        ("O'Brien", "obrien"),
        ("OBrien", "obrien"),
        ("o brien", "obrien"),
        ("O\u2019Brien", "obrien"),  # typographic apostrophe
        ("García-López", "garcialopez"),
        ("Núñez", "nunez"),
        ("Zoë", "zoe"),
        ("Nguyễn", "nguyen"),
        ("Søren Ødegaard", "sorenodegaard"),
        ("STRAßE", "strasse"),
        ("St. John", "stjohn"),
    ],
)
def test_name_key_meets_spoken_and_typed_forms(spoken: str, key: str) -> None:
    assert name_key(spoken) == key


def test_phone_key_ignores_formatting_and_country_code() -> None:
    assert phone_key("+1 (555) 010-0101") == phone_key("555.010.0101") == "550100101"
    assert phone_key("+33 1 23 45 67 89") == phone_key("01 23 45 67 89")
    assert phone_key("no digits") == ""


def test_patient_round_trips_non_ascii_names_intact(store: Store) -> None:
    assert not store.has_patients()
    added = add(store, "M-1", "Zoë", "Núñez", date(1990, 7, 21), "+1 555 010 0103")
    got = store.patient(added.id)
    assert got == added and store.has_patients()
    assert (got.first_name, got.last_name) == ("Zoë", "Núñez")
    assert got.date_of_birth == date(1990, 7, 21)
    assert store.patient(added.id + 1000) is None


def test_lookup_by_name_ignores_accents_apostrophes_and_spacing(store: Store) -> None:
    obrien = add(store, "M-1", "Siobhán", "O'Brien", date(1972, 11, 2))
    add(store, "M-2", "Zoë", "Núñez", date(1990, 7, 21))
    for spoken in ("O'Brien", "OBrien", "o brien", "O BRIEN"):
        assert store.patients_by_name(spoken) == [obrien]
    assert store.patients_by_name("obrien", first_name="siobhan") == [obrien]
    assert store.patients_by_name("obrien", first_name="Zoe") == []
    assert store.patients_by_name("obrien", dob=date(1972, 11, 2)) == [obrien]
    assert store.patients_by_name("obrien", dob=date(1972, 11, 3)) == []
    assert store.patients_by_name("Nunez")[0].last_name == "Núñez"


def test_lookup_by_date_of_birth_returns_everyone_born_that_day(store: Store) -> None:
    james = add(store, "M-1", "James", "Smith", date(1958, 1, 30))
    jamie = add(store, "M-2", "Jamie", "Smith", date(1958, 1, 30))
    add(store, "M-3", "Other", "Person", date(1958, 1, 31))
    assert store.patients_by_dob(date(1958, 1, 30)) == [james, jamie]
    assert store.patients_by_dob(date(2000, 1, 1)) == []


def test_lookup_by_phone_matches_however_the_number_is_written(store: Store) -> None:
    liam = add(store, "M-1", "Liam", "O'Connor-Hughes", date(2016, 9, 12), "(555) 010-0107")
    aoife = add(store, "M-2", "Aoife", "O'Connor-Hughes", date(2019, 2, 27), "555 010 0107")
    add(store, "M-3", "No", "Phone", date(2000, 1, 1))
    assert store.patients_by_phone("+15550100107") == [liam, aoife]
    assert store.patients_by_phone("+1 555 010 9999") == []
    assert store.patients_by_phone("anonymous") == []


def test_medications_list_with_controlled_flag(store: Store) -> None:
    patient = add(store, "M-1", "Siobhán", "O'Brien", date(1972, 11, 2))
    store.add_medication(patient.id, "oxycodone", "5 mg", controlled=True)
    store.add_medication(patient.id, "ibuprofen", "400 mg")
    meds = store.medications(patient.id)
    assert [(m.name, m.dose, m.controlled) for m in meds] == [
        ("oxycodone", "5 mg", True),
        ("ibuprofen", "400 mg", False),
    ]
    assert store.medications(patient.id + 1) == []
    with pytest.raises(NotFound):
        store.add_medication(patient.id + 1, "aspirin")


def test_sql_injection_looking_text_is_stored_literally(store: Store) -> None:
    nasty = "Robert'); DROP TABLE patients;--"
    patient = add(store, "x' OR '1'='1", nasty, "O'Brien\"; DELETE FROM patients", date(2000, 1, 1))
    store.add_medication(patient.id, "'; UPDATE medications SET controlled = 1; --")
    assert store.patient(patient.id).first_name == nasty
    assert store.patients_by_name("x' OR '1'='1") == []
    assert store.patients_by_dob(date(2000, 1, 1)) == [patient]
    assert store.medications(patient.id)[0].controlled is False
    assert store.patient(patient.id).mrn == "x' OR '1'='1"


def test_mrn_is_unique(store: Store) -> None:
    add(store, "M-1", "A", "B", date(2000, 1, 1))
    with pytest.raises(Conflict) as caught:
        add(store, "M-1", "C", "D", date(2001, 1, 1))
    assert "C" not in str(caught.value).split() and "2001" not in str(caught.value)


def test_patient_repr_carries_no_patient_data(store: Store) -> None:
    patient = add(store, "M-77", "Zoë", "Núñez", date(1990, 7, 21), "+1 555 010 0103")
    text = repr(patient) + repr([patient])
    for secret in ("Zoë", "Núñez", "1990", "555", "M-77"):
        assert secret not in text


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.start_call("c1", datetime(2031, 1, 1, 9), None)
    store.start_call("c1", datetime(2031, 1, 1, 9, tzinfo=UTC), None)
