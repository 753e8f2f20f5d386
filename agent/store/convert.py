"""Rows to records: the only place ORM objects become the dataclasses callers see.

Each function reads columns already loaded in the session, so nothing lazy-loads later.
"""

from __future__ import annotations

from collections.abc import Sequence

from agent.store.records import (
    Appointment,
    AppointmentStatus,
    AuditEntry,
    BillingSummary,
    CallEvent,
    CallLog,
    Medication,
    Patient,
    Provider,
    RefillRequest,
    RefillStatus,
    ResultState,
    ResultStatus,
    Slot,
)
from agent.store.schema import (
    AppointmentRow,
    AuditLogRow,
    BillingAccountRow,
    CallEventRow,
    CallRecordRow,
    MedicationRow,
    PatientRow,
    ProviderRow,
    RefillRequestRow,
    SlotRow,
    TestResultRow,
)


def patient(row: PatientRow) -> Patient:
    return Patient(
        id=row.id,
        mrn=row.mrn,
        first_name=row.first_name,
        last_name=row.last_name,
        date_of_birth=row.date_of_birth,
        phone=row.phone,
        preferred_pharmacy=row.preferred_pharmacy,
    )


def medication(row: MedicationRow) -> Medication:
    return Medication(
        id=row.id,
        patient_id=row.patient_id,
        name=row.name,
        dose=row.dose,
        controlled=row.controlled,
    )


def provider(row: ProviderRow) -> Provider:
    return Provider(id=row.id, name=row.name, title=row.title, department=row.department)


def slot(row: SlotRow, provider_row: ProviderRow) -> Slot:
    return Slot(
        id=row.id,
        provider=provider(provider_row),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        location=row.location,
        appointment_type=row.appointment_type,
    )


def appointment(row: AppointmentRow, slot_row: SlotRow, provider_row: ProviderRow) -> Appointment:
    return Appointment(
        id=row.id,
        patient_id=row.patient_id,
        slot=slot(slot_row, provider_row),
        appointment_type=row.appointment_type,
        status=AppointmentStatus(row.status),
        booked_at=row.booked_at,
        call_id=row.call_id,
        cancelled_at=row.cancelled_at,
    )


def refill(row: RefillRequestRow) -> RefillRequest:
    return RefillRequest(
        id=row.id,
        patient_id=row.patient_id,
        medication=row.medication,
        pharmacy=row.pharmacy,
        status=RefillStatus(row.status),
        reason=row.reason,
        created_at=row.created_at,
        call_id=row.call_id,
    )


def billing(row: BillingAccountRow) -> BillingSummary:
    return BillingSummary(
        patient_id=row.patient_id,
        balance_cents=row.balance_cents,
        last_payment_cents=row.last_payment_cents,
        last_payment_on=row.last_payment_on,
    )


def result(row: TestResultRow) -> ResultStatus:
    return ResultStatus(
        id=row.id,
        patient_id=row.patient_id,
        test_name=row.test_name,
        ordered_on=row.ordered_on,
        status=ResultState(row.status),
        resulted_on=row.resulted_on,
    )


def event(row: CallEventRow) -> CallEvent:
    return CallEvent(seq=row.seq, at=row.at, kind=row.kind, data=dict(row.data))


def call_log(row: CallRecordRow, events: Sequence[CallEvent]) -> CallLog:
    return CallLog(
        call_id=row.call_id,
        started_at=row.started_at,
        ended_at=row.ended_at,
        end_reason=row.end_reason,
        caller=row.caller,
        patient_id=row.patient_id,
        intent=row.intent,
        triage_level=row.triage_level,
        stage=row.stage,
        events=tuple(events),
    )


def audit_entry(row: AuditLogRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        call_id=row.call_id,
        patient_id=row.patient_id,
        detail=dict(row.detail) if isinstance(row.detail, dict) else row.detail,
    )
