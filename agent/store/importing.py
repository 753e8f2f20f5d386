"""CSV imports a real clinic needs: its patient list and its providers' schedules.

Both imports check every row first and then write all good rows in one transaction; bad rows
are skipped and reported. An error names the line and the column and says what is wrong, but
never repeats the value: these files are patient data, and the report ends up in terminals,
tickets and logs.

Patients (``mrn, first_name, last_name, date_of_birth`` required; ``phone``,
``preferred_pharmacy`` optional): a known MRN updates that patient, a new one adds a patient.

Schedule (``provider, date, start, end, slot_minutes`` required; ``location``,
``appointment_type``, ``title``, ``department`` optional): each row is a block of a provider's
day, cut into slots; times are the clinic's wall-clock time (``tz``); a provider named for the
first time is added; slots that already exist are left as they are, so importing the same file
again changes nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent.errors import ConfigError
from agent.store.errors import ImportFormatError
from agent.store.keys import phone_key
from agent.store.rows import set_patient_fields
from agent.store.schema import PatientRow, ProviderRow, SlotRow
from agent.store.store import Store

PATIENT_COLUMNS = ("mrn", "first_name", "last_name", "date_of_birth")
PATIENT_OPTIONAL = ("phone", "preferred_pharmacy")
SCHEDULE_COLUMNS = ("provider", "date", "start", "end", "slot_minutes")
SCHEDULE_OPTIONAL = ("location", "appointment_type", "title", "department")
ALIASES = {
    "dob": "date_of_birth",
    "birth_date": "date_of_birth",
    "first": "first_name",
    "last": "last_name",
    "pharmacy": "preferred_pharmacy",
    "start_time": "start",
    "end_time": "end",
    "slot_length": "slot_minutes",
    "type": "appointment_type",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_CHUNK = 500  # ids per IN (...) query, well under every backend's bound-parameter limit
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str | None
    problem: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column!r}" if self.column else "")
        return f"{where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class ImportReport:
    kind: str  # "patients" or "schedule"
    rows: int  # data rows read (blank lines not counted)
    added: int  # patients or slots
    updated: int  # patients whose details changed
    unchanged: int  # patients identical to the file, slots already there
    errors: tuple[RowError, ...]
    providers_added: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        what = "slots" if self.kind == "schedule" else "patients"
        parts = [f"{self.rows} rows", f"{self.added} {what} added"]
        if self.kind == "patients":
            parts.append(f"{self.updated} updated")
        parts.append(f"{self.unchanged} unchanged")
        if self.providers_added:
            parts.append(f"{self.providers_added} providers added")
        parts.append(f"{len(self.errors)} rows with errors")
        return f"{self.kind}{' (dry run)' if self.dry_run else ''}: " + ", ".join(parts)


class _RowProblem(ValueError):
    def __init__(self, column: str | None, problem: str) -> None:
        super().__init__(problem)
        self.column = column
        self.problem = problem


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


# -- reading --------------------------------------------------------------------------------


def _read(
    path: str | Path, required: tuple[str, ...], optional: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str] | RowError]]:
    """(line, row) for every non-blank data row, or (line, RowError) for a malformed one."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header: list[str] | None = None
            line = 1
            for fields in reader:
                this_line, line = line, reader.line_num + 1
                if not any(cell.strip() for cell in fields):
                    continue
                if header is None:
                    header = _header(fields, required, this_line)
                    continue
                yield this_line, _row(header, fields, this_line)
            if header is None:
                raise ImportFormatError("the file is empty: expected a header line")
    except UnicodeDecodeError:
        raise ImportFormatError("the file is not UTF-8 text") from None
    except csv.Error as exc:
        raise ImportFormatError(f"not a readable CSV file ({exc})") from None


def _header(fields: list[str], required: tuple[str, ...], line: int) -> list[str]:
    names = [ALIASES.get(n, n) for n in (_column_name(f) for f in fields)]
    missing = [c for c in required if c not in names]
    if missing:
        raise ImportFormatError(f"line {line}: missing column(s): {', '.join(missing)}")
    repeated = sorted({n for n in names if n and names.count(n) > 1})
    if repeated:
        raise ImportFormatError(f"line {line}: repeated column(s): {', '.join(repeated)}")
    return names


def _column_name(field: str) -> str:
    return re.sub(r"[\s\-]+", "_", field.strip().lower())


def _row(header: list[str], fields: list[str], line: int) -> dict[str, str] | RowError:
    if len(fields) < len(header):
        return RowError(line, header[len(fields)], "missing column (too few fields)")
    if len(fields) > len(header) and any(cell.strip() for cell in fields[len(header) :]):
        return RowError(line, None, f"{len(fields)} fields but the header has {len(header)}")
    return {name: cell.strip() for name, cell in zip(header, fields, strict=False) if name}


# -- checking -------------------------------------------------------------------------------


def _required(row: dict[str, str], column: str, max_len: int = 200) -> str:
    value = row.get(column, "")
    if not value:
        raise _RowProblem(column, "empty")
    if len(value) > max_len:
        raise _RowProblem(column, f"longer than {max_len} characters")
    return value


def _optional(row: dict[str, str], column: str, max_len: int = 200) -> str | None:
    value = row.get(column, "")
    if len(value) > max_len:
        raise _RowProblem(column, f"longer than {max_len} characters")
    return value or None


def _date(row: dict[str, str], column: str) -> date:
    value = _required(row, column)
    if not _ISO_DATE.match(value):
        raise _RowProblem(column, "not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _RowProblem(column, "no such day in the calendar") from None


def _time(row: dict[str, str], column: str) -> time:
    match = _TIME.match(_required(row, column))
    if not match:
        raise _RowProblem(column, "not a time in the form HH:MM (24-hour clock)")
    return time(int(match[1]), int(match[2]))


def _check_all(
    rows: Iterator[tuple[int, dict[str, str] | RowError]],
    check: Callable[[dict[str, str]], _T],
) -> tuple[list[tuple[int, _T]], list[RowError], int]:
    good: list[tuple[int, _T]] = []
    errors: list[RowError] = []
    count = 0
    for line, row in rows:
        count += 1
        if isinstance(row, RowError):
            errors.append(row)
            continue
        try:
            good.append((line, check(row)))
        except _RowProblem as problem:
            errors.append(RowError(line, problem.column, problem.problem))
    return good, errors, count


# -- patients -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PatientIn:
    mrn: str
    first_name: str
    last_name: str
    date_of_birth: date
    phone: str | None
    preferred_pharmacy: str | None


def import_patients_csv(store: Store, path: str | Path, *, dry_run: bool = False) -> ImportReport:
    # A day of slack: a newborn registered just after midnight east of UTC is not "future".
    latest_dob = store.now().date() + timedelta(days=1)

    def check(row: dict[str, str]) -> _PatientIn:
        dob = _date(row, "date_of_birth")
        if dob > latest_dob:
            raise _RowProblem("date_of_birth", "in the future")
        if dob.year < 1900:
            raise _RowProblem("date_of_birth", "before 1900")
        phone = _optional(row, "phone", 64)
        if phone and len(phone_key(phone)) < 7:
            raise _RowProblem("phone", "not a phone number (too few digits)")
        return _PatientIn(
            mrn=_required(row, "mrn", 64),
            first_name=_required(row, "first_name"),
            last_name=_required(row, "last_name"),
            date_of_birth=dob,
            phone=phone,
            preferred_pharmacy=_optional(row, "preferred_pharmacy"),
        )

    rows = _read(path, PATIENT_COLUMNS, PATIENT_OPTIONAL)
    checked, errors, count = _check_all(rows, check)
    good: dict[str, _PatientIn] = {}
    first_line: dict[str, int] = {}
    for line, patient in checked:
        if patient.mrn in good:
            errors.append(RowError(line, "mrn", f"repeats line {first_line[patient.mrn]}"))
            continue
        good[patient.mrn], first_line[patient.mrn] = patient, line

    def write(s: Session) -> tuple[int, int, int]:
        existing: dict[str, PatientRow] = {}
        mrns = list(good)
        for i in range(0, len(mrns), _CHUNK):
            query = select(PatientRow).where(PatientRow.mrn.in_(mrns[i : i + _CHUNK]))
            existing.update((row.mrn, row) for row in s.scalars(query))
        added = updated = unchanged = 0
        for mrn, p in good.items():
            row = existing.get(mrn)
            if row is None:
                row = PatientRow(mrn=mrn, date_of_birth=p.date_of_birth)
                s.add(row)
                added += 1
            elif _same(row, p):
                unchanged += 1
                continue
            else:
                updated += 1
            row.date_of_birth = p.date_of_birth
            set_patient_fields(row, p.first_name, p.last_name, p.phone, p.preferred_pharmacy)
        return added, updated, unchanged

    added, updated, unchanged = _write(store, write, dry_run)
    errors.sort(key=lambda e: e.line)
    return ImportReport(
        "patients", count, added, updated, unchanged, tuple(errors), dry_run=dry_run
    )


def _same(row: PatientRow, p: _PatientIn) -> bool:
    on_file = (row.first_name, row.last_name, row.date_of_birth, row.phone, row.preferred_pharmacy)
    return on_file == (
        p.first_name,
        p.last_name,
        p.date_of_birth,
        p.phone,
        p.preferred_pharmacy,
    )


# -- schedule -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _BlockIn:
    provider: str
    title: str
    department: str
    starts: tuple[datetime, ...]  # UTC start of each slot in the block
    length: timedelta
    location: str
    appointment_type: str | None


def import_schedule_csv(
    store: Store, path: str | Path, *, tz: str | ZoneInfo = "UTC", dry_run: bool = False
) -> ImportReport:
    zone = clinic_zone(tz)

    def check(row: dict[str, str]) -> _BlockIn:
        day = _date(row, "date")
        start, end = _time(row, "start"), _time(row, "end")
        if end <= start:
            raise _RowProblem("end", "not after start")
        minutes = _required(row, "slot_minutes", 4)
        if not minutes.isdigit() or not 5 <= int(minutes) <= 480:
            raise _RowProblem("slot_minutes", "not a whole number of minutes from 5 to 480")
        length = timedelta(minutes=int(minutes))
        first, last = datetime.combine(day, start), datetime.combine(day, end)
        if first + length > last:
            raise _RowProblem("slot_minutes", "longer than the block from start to end")
        starts: list[datetime] = []
        while first + length <= last:
            starts.append(first.replace(tzinfo=zone).astimezone(UTC))
            first += length
        return _BlockIn(
            provider=_required(row, "provider"),
            title=_optional(row, "title", 64) or "",
            department=_optional(row, "department") or "",
            starts=tuple(starts),
            length=length,
            location=_optional(row, "location") or "",
            appointment_type=_optional(row, "appointment_type", 64),
        )

    rows = _read(path, SCHEDULE_COLUMNS, SCHEDULE_OPTIONAL)
    blocks, errors, count = _check_all(rows, check)
    providers_added = 0

    def write(s: Session) -> tuple[int, int, int]:
        nonlocal providers_added
        providers = {row.name: row for row in s.scalars(select(ProviderRow))}
        seen: set[tuple[int, datetime]] = set()
        added = unchanged = 0
        for _line, block in blocks:
            provider = providers.get(block.provider)
            if provider is None:
                provider = ProviderRow(
                    name=block.provider, title=block.title, department=block.department
                )
                s.add(provider)
                s.flush()
                providers[block.provider] = provider
                providers_added += 1
            existing = set(
                s.scalars(
                    select(SlotRow.starts_at).where(
                        SlotRow.provider_id == provider.id,
                        SlotRow.starts_at >= block.starts[0],
                        SlotRow.starts_at <= block.starts[-1],
                    )
                )
            )
            for start in block.starts:
                if start in existing or (provider.id, start) in seen:
                    unchanged += 1
                    continue
                seen.add((provider.id, start))
                s.add(
                    SlotRow(
                        provider_id=provider.id,
                        starts_at=start,
                        ends_at=start + block.length,
                        location=block.location,
                        appointment_type=block.appointment_type,
                    )
                )
                added += 1
        return added, 0, unchanged

    added, _updated, unchanged = _write(store, write, dry_run)
    return ImportReport(
        "schedule",
        count,
        added,
        0,
        unchanged,
        tuple(errors),
        providers_added=providers_added,
        dry_run=dry_run,
    )


def clinic_zone(tz: str | ZoneInfo) -> ZoneInfo:
    if isinstance(tz, ZoneInfo):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown time zone {tz!r}") from None


def _write(
    store: Store, write: Callable[[Session], tuple[int, int, int]], dry_run: bool
) -> tuple[int, int, int]:
    counts = (0, 0, 0)
    try:
        with store.transaction(write=True) as s:
            counts = write(s)
            s.flush()  # a constraint that fails should fail in a dry run too
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return counts
