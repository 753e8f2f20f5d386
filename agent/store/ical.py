"""Appointments as an iCalendar file (RFC 5545), for providers' calendars.

Written by hand, it is a small format: CRLF line ends, lines folded at 75 octets (never inside
a UTF-8 character), TEXT values escaped, times in UTC ("Z"). Events carry the visit type,
provider and place, but no patient name or number: calendar files get shared, synced to
phones and pasted into other tools, so careline keeps patients out of them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, cast

from agent.store.records import Appointment

PRODID = "-//careline//careline appointment export//EN"
UID_DOMAIN = "careline.invalid"  # RFC 6761 reserved: never collides with a real host
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold one content line into CRLF-terminated physical lines of at most 75 octets."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > MAX_OCTETS:
            out.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += ch
        size += width
    out.append(current)
    return "".join(part + "\r\n" for part in out)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def summary(appointment: Appointment) -> str:
    provider = appointment.slot.provider
    who = f"{provider.name}, {provider.title}" if provider.title else provider.name
    return f"{appointment.appointment_type.replace('_', ' ')} with {who}"


def ical_text(appointments: Iterable[Appointment], *, stamp: datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for appointment in appointments:
        slot = appointment.slot
        lines += [
            "BEGIN:VEVENT",
            f"UID:careline-appointment-{appointment.id}@{UID_DOMAIN}",
            f"DTSTAMP:{_utc(stamp)}",
            f"DTSTART:{_utc(slot.starts_at)}",
            f"DTEND:{_utc(slot.ends_at)}",
            f"SUMMARY:{escape_text(summary(appointment))}",
        ]
        if slot.location:
            lines.append(f"LOCATION:{escape_text(slot.location)}")
        if slot.provider.department:
            lines.append(f"CATEGORIES:{escape_text(slot.provider.department)}")
        status = "CONFIRMED" if appointment.status == "booked" else "CANCELLED"
        lines += [f"STATUS:{status}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)


def write_ical(
    target: str | Path | IO[bytes] | IO[str],
    appointments: Iterable[Appointment],
    *,
    stamp: datetime,
) -> int:
    """Write the calendar to a path or an open stream; returns the number of events."""
    appointments = list(appointments)
    data = ical_text(appointments, stamp=stamp)
    if isinstance(target, str | Path):
        # newline="" keeps CRLF exactly as written on every platform.
        with open(target, "w", encoding="utf-8", newline="") as f:
            f.write(data)
    elif isinstance(target, io.TextIOBase):
        cast(IO[str], target).write(data)
    else:
        cast(IO[bytes], target).write(data.encode("utf-8"))
    return len(appointments)
