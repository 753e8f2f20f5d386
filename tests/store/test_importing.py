"""CSV imports: good rows in, bad rows reported by line and column without their values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from agent.errors import ConfigError
from agent.store import ImportFormatError, RowError, Store

PATIENTS = """\
mrn,first_name,last_name,date_of_birth,phone,preferred_pharmacy
P-1,Siobhán,O'Brien,1972-11-02,(555) 010-0102,CVS on Elm Avenue
P-2,Zoë,Núñez,1990-07-21,,
P-3,Ann,Lee,2031-02-30,555 010 0103,
P-4,Bob,Ray,2999-01-01,555 010 0104,
P-5,Cy,,1980-01-01,555 010 0105,
P-6,Di,Fox,03/14/1985,555 010 0106,
P-1,Ed,Dup,1970-01-01,555 010 0107,
P-8,Flo,Gray,1981-05-05,call me,

P-9,Gus
""" + (
    '"P-10","Robert\'); DROP TABLE patients;--","Tables",1999-09-09,'
    '"+1 555 010 0110","Pharmacy, ""the big one"""\n'
)

SCHEDULE = """\
provider,date,start,end,slot_minutes,location,appointment_type,title,department
Amara Okafor,2031-06-02,09:00,12:00,30,Room 2,,MD,family medicine
Amara Okafor,2031-06-02,13:00,14:00,20,Room 2,sick_visit,,
Priya Raman,2031-06-03,9:00,10:00,15,"Children's wing, room 1",well_child,MD,pediatrics
Amara Okafor,2031-02-30,09:00,12:00,30,Room 2,,,
Amara Okafor,2031-06-04,9am,12:00,30,Room 2,,,
Amara Okafor,2031-06-04,09:00,25:00,30,Room 2,,,
Amara Okafor,2031-06-04,12:00,09:00,30,Room 2,,,
Amara Okafor,2031-06-04,09:00,12:00,abc,Room 2,,,
Amara Okafor,2031-06-04,09:00,09:20,30,Room 2,,,
,2031-06-04,09:00,12:00,30,Room 2,,,
Amara Okafor,2031-06-04,09:00
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def errors_by_line(errors: tuple[RowError, ...]) -> dict[int, tuple[str | None, str]]:
    return {e.line: (e.column, e.problem) for e in errors}


def test_patient_import_adds_good_rows_and_reports_bad_ones(store: Store, tmp_path: Path) -> None:
    report = store.import_patients_csv(write(tmp_path, "p.csv", PATIENTS))
    assert (report.rows, report.added, report.updated, report.unchanged) == (10, 3, 0, 0)
    assert errors_by_line(report.errors) == {
        4: ("date_of_birth", "no such day in the calendar"),
        5: ("date_of_birth", "in the future"),
        6: ("last_name", "empty"),
        7: ("date_of_birth", "not a date in the form YYYY-MM-DD"),
        8: ("mrn", "repeats line 2"),
        9: ("phone", "not a phone number (too few digits)"),
        11: ("last_name", "missing column (too few fields)"),
    }
    assert not report.ok
    assert report.summary() == (
        "patients: 10 rows, 3 patients added, 0 updated, 0 unchanged, 7 rows with errors"
    )
    [obrien] = store.patients_by_name("obrien")
    assert (obrien.first_name, obrien.phone, obrien.preferred_pharmacy) == (
        "Siobhán",
        "(555) 010-0102",
        "CVS on Elm Avenue",
    )
    assert store.patients_by_phone("5550100102") == [obrien]
    [zoe] = store.patients_by_dob(date(1990, 7, 21))
    assert (zoe.first_name, zoe.last_name, zoe.phone) == ("Zoë", "Núñez", None)
    [bobby] = store.patients_by_dob(date(1999, 9, 9))
    assert bobby.first_name == "Robert'); DROP TABLE patients;--"
    assert bobby.preferred_pharmacy == 'Pharmacy, "the big one"'


def test_import_errors_never_repeat_patient_data(store: Store, tmp_path: Path) -> None:
    report = store.import_patients_csv(write(tmp_path, "p.csv", PATIENTS))
    text = "\n".join(str(e) for e in report.errors) + report.summary()
    for value in ("2031-02-30", "2999", "03/14/1985", "call me", "Ann", "Lee", "Gus", "P-9", "Ed"):
        assert value not in text
    assert str(report.errors[0]) == "line 4, column 'date_of_birth': no such day in the calendar"


def test_patient_reimport_updates_changed_rows_only(store: Store, tmp_path: Path) -> None:
    store.import_patients_csv(write(tmp_path, "p.csv", PATIENTS))
    changed = PATIENTS.replace(
        "P-2,Zoë,Núñez,1990-07-21,,", "P-2,Zoë,Núñez-Ruiz,1990-07-21,555 010 0122,"
    )
    report = store.import_patients_csv(write(tmp_path, "p2.csv", changed))
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    [zoe] = store.patients_by_dob(date(1990, 7, 21))
    assert zoe.last_name == "Núñez-Ruiz"
    assert store.patients_by_name("nunezruiz") == [zoe]
    assert store.patients_by_name("nunez") == []
    assert store.patients_by_phone("+1 555 010 0122") == [zoe]


def test_patient_import_dry_run_writes_nothing(store: Store, tmp_path: Path) -> None:
    report = store.import_patients_csv(write(tmp_path, "p.csv", PATIENTS), dry_run=True)
    assert report.added == 3 and report.dry_run and "(dry run)" in report.summary()
    assert store.patients_by_name("obrien") == []


def test_patient_file_level_problems(store: Store, tmp_path: Path) -> None:
    no_dob = "mrn,first_name,last_name,phone\nP-1,A,B,555 010 0101\n"
    with pytest.raises(ImportFormatError, match=r"line 1: missing column.*date_of_birth"):
        store.import_patients_csv(write(tmp_path, "a.csv", no_dob))
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        store.import_patients_csv(write(tmp_path, "b.csv", PATIENTS, "latin-1"))
    with pytest.raises(ImportFormatError, match="empty"):
        store.import_patients_csv(write(tmp_path, "c.csv", "\n\n"))
    with pytest.raises(ImportFormatError, match="repeated column"):
        store.import_patients_csv(write(tmp_path, "d.csv", "mrn,mrn,first_name,last_name,dob\n"))
    # Excel's byte-order mark and header spelling variants are accepted.
    excel = "\ufeffMRN,First Name,Last Name,DOB\r\nP-1,A,B,2000-01-01\r\n"
    assert store.import_patients_csv(write(tmp_path, "e.csv", excel)).added == 1


def test_schedule_import_cuts_blocks_into_slots(store: Store, tmp_path: Path) -> None:
    report = store.import_schedule_csv(write(tmp_path, "s.csv", SCHEDULE))
    assert (report.rows, report.added, report.unchanged, report.providers_added) == (11, 13, 0, 2)
    assert errors_by_line(report.errors) == {
        5: ("date", "no such day in the calendar"),
        6: ("start", "not a time in the form HH:MM (24-hour clock)"),
        7: ("end", "not a time in the form HH:MM (24-hour clock)"),
        8: ("end", "not after start"),
        9: ("slot_minutes", "not a whole number of minutes from 5 to 480"),
        10: ("slot_minutes", "longer than the block from start to end"),
        11: ("provider", "empty"),
        12: ("end", "missing column (too few fields)"),
    }
    okafor, raman = store.providers()
    assert (okafor.name, okafor.title, okafor.department) == (
        "Amara Okafor",
        "MD",
        "family medicine",
    )
    assert raman.department == "pediatrics"
    day = datetime(2031, 6, 2, tzinfo=UTC)
    slots = store.free_slots(day, day + timedelta(days=1), provider_id=okafor.id, limit=50)
    assert [s.starts_at.strftime("%H:%M") for s in slots] == [
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:00", "13:20", "13:40",
    ]  # fmt: skip
    assert {s.appointment_type for s in slots[6:]} == {"sick_visit"}
    assert slots[0].appointment_type is None and slots[0].location == "Room 2"
    pediatric = store.free_slots(day, day + timedelta(days=2), department="pediatrics", limit=50)
    assert len(pediatric) == 4 and pediatric[0].location == "Children's wing, room 1"


def test_schedule_reimport_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", SCHEDULE)
    store.import_schedule_csv(path)
    again = store.import_schedule_csv(path)
    assert (again.added, again.unchanged, again.providers_added) == (0, 13, 0)
    assert len(store.providers()) == 2


def test_schedule_times_are_clinic_wall_clock(store: Store, tmp_path: Path) -> None:
    csv = (
        "provider,date,start,end,slot_minutes\n"
        "Dr X,2031-01-06,09:00,09:30,30\n"
        "Dr X,2031-07-07,09:00,09:30,30\n"
    )
    report = store.import_schedule_csv(write(tmp_path, "s.csv", csv), tz="America/New_York")
    assert report.added == 2
    slots = store.free_slots(datetime(2031, 1, 1, tzinfo=UTC), datetime(2032, 1, 1, tzinfo=UTC))
    assert [s.starts_at.hour for s in slots] == [14, 13]  # EST is UTC-5, EDT is UTC-4
    with pytest.raises(ConfigError):
        store.import_schedule_csv(write(tmp_path, "s.csv", csv), tz="Mars/Olympus_Mons")


def test_schedule_dry_run_writes_nothing(store: Store, tmp_path: Path) -> None:
    report = store.import_schedule_csv(write(tmp_path, "s.csv", SCHEDULE), dry_run=True)
    assert (report.added, report.providers_added) == (13, 2)
    assert store.providers() == []
