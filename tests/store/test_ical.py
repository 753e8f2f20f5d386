"""iCalendar export: RFC 5545 structure, CRLF, folding at 75 octets, escaping, UTC times."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from agent.store import Store
from agent.store.ical import escape_text, fold
from tests.store.clinic import MONDAY_9AM, Clinic

STAMP = datetime(2031, 5, 1, 12, 0, tzinfo=UTC)
LONG_PLACE = "Clinique Saint-Étienne, aile pédiatrique; 2ᵉ étage, salle « Rosé » " * 2


def parse(data: bytes) -> list[tuple[str, str]]:
    """Unfold and split content lines into (name, value), checking the line rules on the way."""
    assert data.endswith(b"\r\n")
    physical = data.split(b"\r\n")[:-1]
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, "bare LF or CR"
        assert len(line) <= 75, f"unfolded line of {len(line)} octets"
        line.decode("utf-8")  # folding never splits a UTF-8 character
    logical: list[str] = []
    for line in (p.decode("utf-8") for p in physical):
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return [tuple(line.split(":", 1)) for line in logical]  # type: ignore[misc]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def events(lines: list[tuple[str, str]]) -> list[dict[str, str]]:
    assert lines[0] == ("BEGIN", "VCALENDAR") and lines[-1] == ("END", "VCALENDAR")
    header = dict(lines[1:5])
    assert header["VERSION"] == "2.0" and header["PRODID"].startswith("-//careline//")
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for name, value in lines[1:-1]:
        if (name, value) == ("BEGIN", "VEVENT"):
            assert current is None
            current = {}
        elif (name, value) == ("END", "VEVENT"):
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            current[name] = value
    assert current is None
    return found


def test_export_parses_back(clinic: Clinic, tmp_path: Path) -> None:
    store = clinic.store
    place = store.add_slot(
        clinic.provider.id,
        MONDAY_9AM + timedelta(hours=6),
        MONDAY_9AM + timedelta(hours=6, minutes=45),
        location=LONG_PLACE,
    )
    first = store.book(clinic.slots[1].id, clinic.patient.id, "follow_up", "call-1")
    second = store.book(place.id, clinic.other.id, "new_patient", "call-2")
    gone = store.book(clinic.slots[2].id, clinic.other.id, "follow_up", "call-3")
    store.cancel(gone.id, clinic.other.id, "call-3")

    path = tmp_path / "clinic.ics"
    count = store.export_ical(path, MONDAY_9AM, MONDAY_9AM + timedelta(days=1))
    assert count == 2
    found = events(parse(path.read_bytes()))
    assert [e["UID"] for e in found] == [
        f"careline-appointment-{first.id}@careline.invalid",
        f"careline-appointment-{second.id}@careline.invalid",
    ]
    one, two = found
    assert (one["DTSTART"], one["DTEND"]) == ("20310602T093000Z", "20310602T100000Z")
    assert two["DTSTART"] == "20310602T150000Z" and two["DTEND"] == "20310602T154500Z"
    assert all(re.fullmatch(r"\d{8}T\d{6}Z", e["DTSTAMP"]) for e in found)
    assert unescape(one["SUMMARY"]) == "follow up with Amara Okafor, MD"
    assert unescape(two["SUMMARY"]) == "new patient with Amara Okafor, MD"
    assert unescape(two["LOCATION"]) == LONG_PLACE
    assert one["STATUS"] == "CONFIRMED" and one["CATEGORIES"] == "family medicine"
    # No patient in the calendar.
    text = path.read_text("utf-8")
    for secret in ("Zoë", "Núñez", "Siobh", "O'Brien", "A-1", "A-2"):
        assert secret not in text


def test_export_to_streams_and_empty_ranges(clinic: Clinic) -> None:
    store = clinic.store
    store.book(clinic.slots[0].id, clinic.patient.id, "follow_up", None)
    binary = io.BytesIO()
    assert (
        store.export_ical(binary, MONDAY_9AM - timedelta(days=1), MONDAY_9AM + timedelta(days=1))
        == 1
    )
    textual = io.StringIO(newline="")
    store.export_ical(textual, MONDAY_9AM - timedelta(days=1), MONDAY_9AM + timedelta(days=1))
    assert textual.getvalue().encode("utf-8").count(b"\r\n") == binary.getvalue().count(b"\r\n")
    assert len(events(parse(binary.getvalue()))) == 1
    empty = io.BytesIO()
    assert (
        store.export_ical(empty, MONDAY_9AM + timedelta(days=1), MONDAY_9AM + timedelta(days=2))
        == 0
    )
    assert events(parse(empty.getvalue())) == []


def test_fold_counts_octets_not_characters() -> None:
    line = "SUMMARY:" + "é" * 100  # 208 octets
    folded = fold(line).encode("utf-8")
    parts = folded.split(b"\r\n")[:-1]
    assert all(len(p) <= 75 for p in parts) and len(parts) == 3
    assert b"".join(p[1:] if i else p for i, p in enumerate(parts)).decode() == line
    assert fold("SHORT:x") == "SHORT:x\r\n"


def test_escape_text() -> None:
    assert escape_text('a\\b;c,d\ne "q"') == 'a\\\\b\\;c\\,d\\ne "q"'


def test_export_uses_the_store_clock_for_dtstamp(store_url: str) -> None:
    with Store.open(store_url, now=lambda: STAMP) as store:
        data = io.BytesIO()
        store.export_ical(data, STAMP, STAMP + timedelta(days=1))
        assert b"VCALENDAR" in data.getvalue()
