"""Session-level building blocks: what the Store methods, the CSV imports and the demo seeding
do inside their transactions. Nothing here commits; the caller's transaction decides.

The no-double-booking rule lives in ``insert_appointment``: it does not ask whether the slot
is free, it inserts, and the partial unique index ``uq_appointments_slot_booked`` (one row
with status 'booked' per slot) makes the database refuse the second of two bookings, however
they interleave; the refusal becomes ``SlotTaken``. On PostgreSQL the second INSERT waits on
the index entry until the first transaction ends, then fails if it committed; on SQLite the
second writer waits for the write lock (``BEGIN IMMEDIATE``), then fails the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agent.store import convert
from agent.store.errors import InvalidRequest, NotFound, SlotTaken
from agent.store.keys import name_key, phone_key
from agent.store.records import Appointment, AppointmentStatus
from agent.store.schema import (
    SLOT_BOOKED_INDEX,
    AppointmentRow,
    AuditLogRow,
    CallRecordRow,
    PatientRow,
    ProviderRow,
    SlotRow,
)

R = TypeVar("R")


def set_patient_fields(
    row: PatientRow,
    first_name: str,
    last_name: str,
    phone: str | None,
    preferred_pharmacy: str | None,
) -> None:
    """Set the name and phone columns together with the lookup keys derived from them."""
    row.first_name, row.last_name = first_name, last_name
    row.first_name_key, row.last_name_key = name_key(first_name), name_key(last_name)
    row.phone = phone
    # None rather than "" so that a missing number never matches another missing one.
    row.phone_key = (phone_key(phone) if phone else "") or None
    row.preferred_pharmacy = preferred_pharmacy


def require(s: Session, model: type[R], key: object, what: str) -> R:
    row = s.get(model, key)
    if row is None:
        raise NotFound(f"no such {what}")
    return row


def is_slot_taken(exc: IntegrityError) -> bool:
    diag = getattr(exc.orig, "diag", None)
    if diag is not None:  # psycopg names the violated index
        return getattr(diag, "constraint_name", None) == SLOT_BOOKED_INDEX
    return "appointments.slot_id" in str(exc.orig)  # SQLite names its columns


def insert_appointment(
    s: Session,
    slot_id: int,
    patient_id: int,
    appointment_type: str,
    call_id: str | None,
    now: datetime,
) -> AppointmentRow:
    slot = require(s, SlotRow, slot_id, "slot")
    if slot.appointment_type is not None and slot.appointment_type != appointment_type:
        raise InvalidRequest("that slot is kept for another type of appointment")
    row = AppointmentRow(
        patient_id=patient_id,
        slot_id=slot_id,
        appointment_type=appointment_type,
        status=AppointmentStatus.BOOKED.value,
        booked_at=now,
        call_id=call_id,
    )
    s.add(row)
    try:
        s.flush()
    except IntegrityError as exc:
        if is_slot_taken(exc):
            raise SlotTaken(slot_id) from None
        raise
    return row


def own_appointment(s: Session, appointment_id: int, patient_id: int) -> AppointmentRow:
    row = s.get(AppointmentRow, appointment_id)
    if row is None or row.patient_id != patient_id:
        raise NotFound("no such appointment for this patient")
    return row


def cancel_row(row: AppointmentRow, now: datetime) -> None:
    row.status = AppointmentStatus.CANCELLED.value
    row.cancelled_at = now


def audit(
    s: Session,
    at: datetime,
    actor: str,
    action: str,
    call_id: str | None,
    patient_id: int | None,
    detail: dict[str, Any] | str | None,
) -> None:
    s.add(
        AuditLogRow(
            at=at, actor=actor, action=action, call_id=call_id, patient_id=patient_id, detail=detail
        )
    )


def summarise(
    row: CallRecordRow,
    patient_id: int | None,
    intent: str | None,
    triage_level: str | None,
    stage: str | None,
) -> None:
    if patient_id is not None:
        row.patient_id = patient_id
    if intent is not None:
        row.intent = intent
    if triage_level is not None:
        row.triage_level = triage_level
    if stage is not None:
        row.stage = stage


def appointment_query() -> Select[AppointmentRow, SlotRow, ProviderRow]:
    return (
        select(AppointmentRow, SlotRow, ProviderRow)
        .join(SlotRow, AppointmentRow.slot_id == SlotRow.id)
        .join(ProviderRow, SlotRow.provider_id == ProviderRow.id)
    )


def appointment_by_id(s: Session, appointment_id: int) -> Appointment:
    s.flush()
    found = s.execute(appointment_query().where(AppointmentRow.id == appointment_id)).one()
    return convert.appointment(*found)
