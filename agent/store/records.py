"""What the store hands out: frozen dataclasses, never ORM objects.

Callers run the store in a worker thread and use the results on the event loop; an ORM object
there could lazy-load (a hidden query, on the wrong thread, after its session closed). These
are plain values: safe to share, compare and log the ids of.

Times are timezone-aware UTC ``datetime``; calendar days (date of birth, test ordered on) are
``date``; money is integer cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

AGENT_ACTOR = "agent:careline"


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"


class RefillStatus(StrEnum):
    REQUESTED = "requested"  # queued for the pharmacy/prescriber as usual
    NEEDS_NURSE = "needs_nurse"  # controlled substance, dose change, ...: a nurse calls back


class ResultState(StrEnum):
    PENDING = "pending"
    RESULTED = "resulted"


@dataclass(frozen=True, slots=True)
class Patient:
    id: int
    mrn: str
    first_name: str
    last_name: str
    date_of_birth: date
    phone: str | None
    preferred_pharmacy: str | None

    def __repr__(self) -> str:
        # Reprs end up in tracebacks and logs: the id and MRN only, never name or birthday.
        return f"Patient(id={self.id}, mrn=<redacted>)"


@dataclass(frozen=True, slots=True)
class Medication:
    id: int
    patient_id: int
    name: str
    dose: str
    controlled: bool


@dataclass(frozen=True, slots=True)
class Provider:
    id: int
    name: str
    title: str  # "MD", "NP", ... as the clinic writes it
    department: str  # the skill a caller asks for: "family medicine", "pediatrics", ...


@dataclass(frozen=True, slots=True)
class Slot:
    id: int
    provider: Provider
    starts_at: datetime
    ends_at: datetime
    location: str
    appointment_type: str | None  # None: any type of visit fits


@dataclass(frozen=True, slots=True)
class Appointment:
    id: int
    patient_id: int
    slot: Slot
    appointment_type: str
    status: AppointmentStatus
    booked_at: datetime
    call_id: str | None
    cancelled_at: datetime | None


@dataclass(frozen=True, slots=True)
class RefillRequest:
    id: int
    patient_id: int
    medication: str  # the name as matched against the patient's list
    pharmacy: str | None
    status: RefillStatus
    reason: str | None
    created_at: datetime
    call_id: str | None


@dataclass(frozen=True, slots=True)
class BillingSummary:
    patient_id: int
    balance_cents: int
    last_payment_cents: int | None
    last_payment_on: date | None


@dataclass(frozen=True, slots=True)
class ResultStatus:
    """Whether a test's results are in. careline never holds or says the values."""

    id: int
    patient_id: int
    test_name: str
    ordered_on: date
    status: ResultState
    resulted_on: date | None


@dataclass(frozen=True, slots=True)
class CallEvent:
    seq: int
    at: datetime
    kind: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CallLog:
    """The stored record of one call; ``ended_at`` is None while it runs (or if it crashed)."""

    call_id: str
    started_at: datetime
    ended_at: datetime | None
    end_reason: str | None
    caller: str | None
    patient_id: int | None
    intent: str | None
    triage_level: str | None
    stage: str | None
    events: tuple[CallEvent, ...] = ()

    def __repr__(self) -> str:
        return f"CallLog(call_id={self.call_id!r}, events={len(self.events)})"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    call_id: str | None
    patient_id: int | None
    detail: dict[str, Any] | str | None
