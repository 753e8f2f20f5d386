"""``Store``: careline's one way into the database.

Every public method is one short transaction and returns frozen dataclasses
(``agent.store.records``), never ORM objects. The API is synchronous: the call owner runs it in
a worker thread (``asyncio.to_thread``), and one ``Store`` is shared by all threads (each method
takes its own pooled connection).

Changes made on a caller's behalf (book, cancel, reschedule, refill) write their audit-log row
in the same transaction as the change, so the log cannot miss a change nor record one that was
rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Select, exists, func, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from agent.errors import ConfigError
from agent.store import convert, migrate, rows
from agent.store.engine import (
    DEFAULT_SQLITE_NAME,
    WRITE_OPTION,
    make_engine,
    redacted,
    sqlite_url,
)
from agent.store.errors import (
    Conflict,
    InvalidRequest,
    StoreError,
    StoreUnavailable,
)
from agent.store.keys import name_key, phone_key
from agent.store.records import (
    AGENT_ACTOR,
    Appointment,
    AppointmentStatus,
    AuditEntry,
    BillingSummary,
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

if TYPE_CHECKING:
    from agent.store.importing import ImportReport


def utc(value: datetime, what: str = "time") -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")
    return value.astimezone(UTC)


def _system_now() -> datetime:
    return datetime.now(UTC)


class Store:
    def __init__(self, engine: Engine, *, now: Callable[[], datetime] = _system_now) -> None:
        self._engine = engine
        # Same pool; transactions started from it take SQLite's write lock up front.
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._now = now

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        data_dir: str | Path | None = None,
        now: Callable[[], datetime] | None = None,
        upgrade: bool = True,
    ) -> Store:
        """Open ``url``, or the SQLite file ``careline.sqlite3`` in ``data_dir`` when ``url``
        is None, and migrate it to the current schema unless ``upgrade`` is false.

        ``now`` is the clock stamped on bookings, events and audit entries (replays pass
        their virtual clock); it must return aware datetimes.
        """
        if url is None:
            if data_dir is None:
                raise ConfigError("Store.open needs a database URL or a data directory")
            url = sqlite_url(Path(data_dir) / DEFAULT_SQLITE_NAME)
        engine = make_engine(url)
        store = cls(engine, now=now or _system_now)
        if upgrade:
            try:
                migrate.upgrade(store._writer)
            except (OperationalError, InterfaceError) as exc:
                engine.dispose()
                raise StoreUnavailable(f"cannot reach the database at {redacted(url)}") from exc
            except BaseException:
                engine.dispose()
                raise
        return store

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def backend(self) -> str:
        """The kind of database: "sqlite" or "postgresql"."""
        return self._engine.dialect.name

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return redacted(self._engine.url)

    @property
    def engine(self) -> Engine:
        return self._engine

    def now(self) -> datetime:
        return utc(self._now(), "the store's clock")

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[Session]:
        """One session in one transaction: committed on success, rolled back on any error.
        For this package's modules; callers outside use the methods."""
        session = Session(self._writer if write else self._engine, expire_on_commit=False)
        try:
            with session.begin():
                yield session
        except (OperationalError, InterfaceError) as exc:
            raise StoreUnavailable(f"database error ({type(exc.orig).__name__})") from exc
        except IntegrityError as exc:
            raise Conflict(
                f"the database refused a duplicate or dangling row in {_table(exc)}"
            ) from exc
        except DBAPIError as exc:
            raise StoreError(f"database error ({type(exc.orig).__name__})") from exc
        finally:
            session.close()

    # -- patients ---------------------------------------------------------------------------

    def add_patient(
        self,
        *,
        mrn: str,
        first_name: str,
        last_name: str,
        date_of_birth: date,
        phone: str | None = None,
        preferred_pharmacy: str | None = None,
    ) -> Patient:
        with self.transaction(write=True) as s:
            row = PatientRow(mrn=mrn, date_of_birth=date_of_birth)
            rows.set_patient_fields(row, first_name, last_name, phone, preferred_pharmacy)
            s.add(row)
            s.flush()
            return convert.patient(row)

    def has_patients(self) -> bool:
        """Whether any patient is on file (a new database is seeded with the demo clinic)."""
        with self.transaction(write=False) as s:
            return s.scalar(select(PatientRow.id).limit(1)) is not None

    def patient(self, patient_id: int) -> Patient | None:
        with self.transaction(write=False) as s:
            row = s.get(PatientRow, patient_id)
            return None if row is None else convert.patient(row)

    def patients_by_dob(self, dob: date) -> list[Patient]:
        return self._patients(select(PatientRow).where(PatientRow.date_of_birth == dob))

    def patients_by_name(
        self, last_name: str, *, first_name: str | None = None, dob: date | None = None
    ) -> list[Patient]:
        """Patients whose names match after ``keys.name_key`` ("O'Brien" == "o brien")."""
        query = select(PatientRow).where(PatientRow.last_name_key == name_key(last_name))
        if first_name is not None:
            query = query.where(PatientRow.first_name_key == name_key(first_name))
        if dob is not None:
            query = query.where(PatientRow.date_of_birth == dob)
        return self._patients(query)

    def patients_by_phone(self, phone: str) -> list[Patient]:
        """Patients registered with this number, however either side wrote it."""
        key = phone_key(phone)
        if not key:
            return []
        return self._patients(select(PatientRow).where(PatientRow.phone_key == key))

    def _patients(self, query: Select[PatientRow]) -> list[Patient]:
        with self.transaction(write=False) as s:
            return [convert.patient(row) for row in s.scalars(query.order_by(PatientRow.id))]

    def add_medication(
        self, patient_id: int, name: str, dose: str = "", *, controlled: bool = False
    ) -> Medication:
        with self.transaction(write=True) as s:
            rows.require(s, PatientRow, patient_id, "patient")
            row = MedicationRow(patient_id=patient_id, name=name, dose=dose, controlled=controlled)
            s.add(row)
            s.flush()
            return convert.medication(row)

    def medications(self, patient_id: int) -> list[Medication]:
        with self.transaction(write=False) as s:
            rows = s.scalars(
                select(MedicationRow)
                .where(MedicationRow.patient_id == patient_id)
                .order_by(MedicationRow.id)
            )
            return [convert.medication(row) for row in rows]

    # -- providers and slots ----------------------------------------------------------------

    def add_provider(self, name: str, *, title: str = "", department: str = "") -> Provider:
        with self.transaction(write=True) as s:
            row = ProviderRow(name=name, title=title, department=department)
            s.add(row)
            s.flush()
            return convert.provider(row)

    def providers(self, *, department: str | None = None) -> list[Provider]:
        query = select(ProviderRow).order_by(ProviderRow.id)
        if department is not None:
            query = query.where(ProviderRow.department == department)
        with self.transaction(write=False) as s:
            return [convert.provider(row) for row in s.scalars(query)]

    def add_slot(
        self,
        provider_id: int,
        starts_at: datetime,
        ends_at: datetime,
        *,
        location: str = "",
        appointment_type: str | None = None,
    ) -> Slot:
        starts_at, ends_at = utc(starts_at, "starts_at"), utc(ends_at, "ends_at")
        if ends_at <= starts_at:
            raise InvalidRequest("a slot must end after it starts")
        with self.transaction(write=True) as s:
            provider = rows.require(s, ProviderRow, provider_id, "provider")
            row = SlotRow(
                provider_id=provider_id,
                starts_at=starts_at,
                ends_at=ends_at,
                location=location,
                appointment_type=appointment_type,
            )
            s.add(row)
            s.flush()
            return convert.slot(row, provider)

    def slot(self, slot_id: int) -> Slot | None:
        with self.transaction(write=False) as s:
            found = s.execute(
                select(SlotRow, ProviderRow).join(ProviderRow).where(SlotRow.id == slot_id)
            ).first()
            return None if found is None else convert.slot(*found)

    def free_slots(
        self,
        start: datetime,
        end: datetime,
        *,
        provider_id: int | None = None,
        department: str | None = None,
        appointment_type: str | None = None,
        limit: int = 3,
    ) -> list[Slot]:
        """Unbooked slots starting after ``start`` and before ``end``, nearest first.

        ``appointment_type`` keeps slots open to that type (typed for it, or untyped);
        None does not filter. A slot offered here can still be taken by another call before
        the caller says yes: ``book`` is what decides (``SlotTaken``).
        """
        booked = select(AppointmentRow.id).where(
            AppointmentRow.slot_id == SlotRow.id,
            AppointmentRow.status == AppointmentStatus.BOOKED.value,
        )
        query = (
            select(SlotRow, ProviderRow)
            .join(ProviderRow)
            .where(
                SlotRow.starts_at > utc(start, "start"),
                SlotRow.starts_at < utc(end, "end"),
                ~exists(booked),
            )
        )
        if provider_id is not None:
            query = query.where(SlotRow.provider_id == provider_id)
        if department is not None:
            query = query.where(ProviderRow.department == department)
        if appointment_type is not None:
            query = query.where(
                or_(
                    SlotRow.appointment_type.is_(None), SlotRow.appointment_type == appointment_type
                )
            )
        query = query.order_by(SlotRow.starts_at, SlotRow.provider_id, SlotRow.id)
        query = query.limit(max(1, limit))
        with self.transaction(write=False) as s:
            return [convert.slot(slot, provider) for slot, provider in s.execute(query)]

    # -- appointments -----------------------------------------------------------------------

    def book(
        self,
        slot_id: int,
        patient_id: int,
        appointment_type: str,
        call_id: str | None,
        *,
        actor: str = AGENT_ACTOR,
    ) -> Appointment:
        """Book ``slot_id`` for the patient, or raise ``SlotTaken`` if another booking holds it.

        There is no "is it free?" read before the write: the INSERT itself is refused by the
        partial unique index ``uq_appointments_slot_booked`` (one booked appointment per slot)
        when another transaction got there first, on SQLite and PostgreSQL alike.
        """
        with self.transaction(write=True) as s:
            rows.require(s, PatientRow, patient_id, "patient")
            now = self.now()
            row = rows.insert_appointment(s, slot_id, patient_id, appointment_type, call_id, now)
            detail = {"appointment_id": row.id, "slot_id": slot_id}
            rows.audit(s, now, actor, "appointment.book", call_id, patient_id, detail)
            return rows.appointment_by_id(s, row.id)

    def appointment(self, appointment_id: int) -> Appointment | None:
        with self.transaction(write=False) as s:
            if s.get(AppointmentRow, appointment_id) is None:
                return None
            return rows.appointment_by_id(s, appointment_id)

    def upcoming_appointments(self, patient_id: int, now: datetime) -> list[Appointment]:
        """The patient's booked appointments that start at or after ``now``, soonest first."""
        query = (
            rows.appointment_query()
            .where(
                AppointmentRow.patient_id == patient_id,
                AppointmentRow.status == AppointmentStatus.BOOKED.value,
                SlotRow.starts_at >= utc(now, "now"),
            )
            .order_by(SlotRow.starts_at, AppointmentRow.id)
        )
        with self.transaction(write=False) as s:
            return [convert.appointment(*found) for found in s.execute(query)]

    def appointments_between(
        self, start: datetime, end: datetime, *, include_cancelled: bool = False
    ) -> list[Appointment]:
        query = rows.appointment_query().where(
            SlotRow.starts_at >= utc(start, "start"), SlotRow.starts_at < utc(end, "end")
        )
        if not include_cancelled:
            query = query.where(AppointmentRow.status == AppointmentStatus.BOOKED.value)
        query = query.order_by(SlotRow.starts_at, AppointmentRow.id)
        with self.transaction(write=False) as s:
            return [convert.appointment(*found) for found in s.execute(query)]

    def cancel(
        self, appointment_id: int, patient_id: int, call_id: str | None, *, actor: str = AGENT_ACTOR
    ) -> Appointment:
        """Cancel the patient's own appointment (``NotFound`` for anyone else's). Cancelling
        an already cancelled appointment changes nothing and returns it."""
        with self.transaction(write=True) as s:
            row = rows.own_appointment(s, appointment_id, patient_id)
            if row.status == AppointmentStatus.BOOKED:
                now = self.now()
                rows.cancel_row(row, now)
                detail = {"appointment_id": row.id, "slot_id": row.slot_id}
                rows.audit(s, now, actor, "appointment.cancel", call_id, patient_id, detail)
            return rows.appointment_by_id(s, row.id)

    def reschedule(
        self,
        appointment_id: int,
        new_slot_id: int,
        patient_id: int,
        call_id: str | None,
        *,
        actor: str = AGENT_ACTOR,
    ) -> Appointment:
        """Move the patient's booked appointment to ``new_slot_id``: the new booking and the
        old cancellation commit together or not at all (``SlotTaken`` leaves the old one)."""
        with self.transaction(write=True) as s:
            old = rows.own_appointment(s, appointment_id, patient_id)
            if old.status != AppointmentStatus.BOOKED:
                raise InvalidRequest("only a booked appointment can be rescheduled")
            if old.slot_id == new_slot_id:
                raise InvalidRequest("the appointment is already in that slot")
            now = self.now()
            rows.cancel_row(old, now)
            s.flush()
            new = rows.insert_appointment(
                s, new_slot_id, patient_id, old.appointment_type, call_id, now
            )
            detail = {
                "from_appointment_id": old.id,
                "appointment_id": new.id,
                "slot_id": new_slot_id,
            }
            rows.audit(s, now, actor, "appointment.reschedule", call_id, patient_id, detail)
            return rows.appointment_by_id(s, new.id)

    # -- refills, billing, results ----------------------------------------------------------

    def request_refill(
        self,
        patient_id: int,
        medication: str,
        pharmacy: str | None,
        call_id: str | None,
        status: RefillStatus = RefillStatus.REQUESTED,
        reason: str | None = None,
        *,
        actor: str = AGENT_ACTOR,
    ) -> RefillRequest:
        status = RefillStatus(status)
        with self.transaction(write=True) as s:
            rows.require(s, PatientRow, patient_id, "patient")
            row = RefillRequestRow(
                patient_id=patient_id,
                medication=medication,
                pharmacy=pharmacy,
                status=status.value,
                reason=reason,
                created_at=self.now(),
                call_id=call_id,
            )
            s.add(row)
            s.flush()
            detail = {"refill_request_id": row.id, "status": status.value}
            rows.audit(s, row.created_at, actor, "refill.request", call_id, patient_id, detail)
            return convert.refill(row)

    def refill_requests(self, patient_id: int) -> list[RefillRequest]:
        with self.transaction(write=False) as s:
            rows = s.scalars(
                select(RefillRequestRow)
                .where(RefillRequestRow.patient_id == patient_id)
                .order_by(RefillRequestRow.id)
            )
            return [convert.refill(row) for row in rows]

    def set_billing(
        self,
        patient_id: int,
        balance_cents: int,
        *,
        last_payment_cents: int | None = None,
        last_payment_on: date | None = None,
    ) -> BillingSummary:
        with self.transaction(write=True) as s:
            rows.require(s, PatientRow, patient_id, "patient")
            row = s.scalars(
                select(BillingAccountRow).where(BillingAccountRow.patient_id == patient_id)
            ).first()
            if row is None:
                row = BillingAccountRow(patient_id=patient_id)
                s.add(row)
            row.balance_cents = balance_cents
            row.last_payment_cents = last_payment_cents
            row.last_payment_on = last_payment_on
            s.flush()
            return convert.billing(row)

    def billing(self, patient_id: int) -> BillingSummary | None:
        with self.transaction(write=False) as s:
            row = s.scalars(
                select(BillingAccountRow).where(BillingAccountRow.patient_id == patient_id)
            ).first()
            return None if row is None else convert.billing(row)

    def add_test_order(
        self, patient_id: int, test_name: str, ordered_on: date, *, resulted_on: date | None = None
    ) -> ResultStatus:
        status = ResultState.PENDING if resulted_on is None else ResultState.RESULTED
        with self.transaction(write=True) as s:
            rows.require(s, PatientRow, patient_id, "patient")
            row = TestResultRow(
                patient_id=patient_id,
                test_name=test_name,
                ordered_on=ordered_on,
                status=status.value,
                resulted_on=resulted_on,
            )
            s.add(row)
            s.flush()
            return convert.result(row)

    def results_status(self, patient_id: int) -> list[ResultStatus]:
        """Whether each of the patient's tests has resulted, most recently ordered first."""
        with self.transaction(write=False) as s:
            rows = s.scalars(
                select(TestResultRow)
                .where(TestResultRow.patient_id == patient_id)
                .order_by(TestResultRow.ordered_on.desc(), TestResultRow.id)
            )
            return [convert.result(row) for row in rows]

    # -- call records -----------------------------------------------------------------------

    def start_call(self, call_id: str, started_at: datetime, caller: str | None) -> None:
        with self.transaction(write=True) as s:
            s.add(
                CallRecordRow(
                    call_id=call_id, started_at=utc(started_at, "started_at"), caller=caller
                )
            )

    def call_event(self, call_id: str, kind: str, data: dict[str, Any] | None = None) -> int:
        """Append one event to the call's record, committed before returning (a crash later
        keeps it). Returns its sequence number, 1 for the first."""
        with self.transaction(write=True) as s:
            rows.require(s, CallRecordRow, call_id, "call")
            last = s.scalar(
                select(func.max(CallEventRow.seq)).where(CallEventRow.call_id == call_id)
            )
            seq = (last or 0) + 1
            s.add(CallEventRow(call_id=call_id, seq=seq, at=self.now(), kind=kind, data=data or {}))
            return seq

    def update_call(
        self,
        call_id: str,
        *,
        patient_id: int | None = None,
        intent: str | None = None,
        triage_level: str | None = None,
        stage: str | None = None,
    ) -> None:
        """Record progress as it happens; None leaves a field as it was."""
        with self.transaction(write=True) as s:
            row = rows.require(s, CallRecordRow, call_id, "call")
            rows.summarise(row, patient_id, intent, triage_level, stage)

    def end_call(
        self,
        call_id: str,
        ended_at: datetime,
        end_reason: str,
        *,
        patient_id: int | None = None,
        intent: str | None = None,
        triage_level: str | None = None,
        stage: str | None = None,
    ) -> None:
        with self.transaction(write=True) as s:
            row = rows.require(s, CallRecordRow, call_id, "call")
            row.ended_at = utc(ended_at, "ended_at")
            row.end_reason = end_reason
            rows.summarise(row, patient_id, intent, triage_level, stage)

    def call(self, call_id: str) -> CallLog | None:
        with self.transaction(write=False) as s:
            row = s.get(CallRecordRow, call_id)
            if row is None:
                return None
            events = s.scalars(
                select(CallEventRow)
                .where(CallEventRow.call_id == call_id)
                .order_by(CallEventRow.seq)
            )
            return convert.call_log(row, tuple(convert.event(e) for e in events))

    def unfinished_calls(self) -> list[CallLog]:
        """Calls with no end: still running, or cut off by a crash (events not included)."""
        with self.transaction(write=False) as s:
            rows = s.scalars(
                select(CallRecordRow)
                .where(CallRecordRow.ended_at.is_(None))
                .order_by(CallRecordRow.started_at)
            )
            return [convert.call_log(row, ()) for row in rows]

    # -- audit log --------------------------------------------------------------------------

    def audit(
        self,
        actor: str,
        action: str,
        call_id: str | None = None,
        patient_id: int | None = None,
        detail: dict[str, Any] | str | None = None,
    ) -> None:
        """Append to the audit log. ``detail`` (a JSON object or a short text) is for ids and
        outcomes, not patient data."""
        if not actor or not action:
            raise InvalidRequest("an audit entry needs an actor and an action")
        with self.transaction(write=True) as s:
            rows.audit(s, self.now(), actor, action, call_id, patient_id, detail)

    def audit_entries(
        self,
        *,
        call_id: str | None = None,
        patient_id: int | None = None,
        actor: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        limit: int = 1000,
    ) -> list[AuditEntry]:
        """Matching entries, oldest first."""
        query = select(AuditLogRow)
        if call_id is not None:
            query = query.where(AuditLogRow.call_id == call_id)
        if patient_id is not None:
            query = query.where(AuditLogRow.patient_id == patient_id)
        if actor is not None:
            query = query.where(AuditLogRow.actor == actor)
        if action is not None:
            query = query.where(AuditLogRow.action == action)
        if since is not None:
            query = query.where(AuditLogRow.at >= utc(since, "since"))
        query = query.order_by(AuditLogRow.id).limit(max(1, limit))
        with self.transaction(write=False) as s:
            return [convert.audit_entry(row) for row in s.scalars(query)]

    # -- files in and out -------------------------------------------------------------------

    def import_patients_csv(self, path: str | Path, *, dry_run: bool = False) -> ImportReport:
        from agent.store.importing import import_patients_csv

        return import_patients_csv(self, path, dry_run=dry_run)

    def import_schedule_csv(
        self, path: str | Path, *, tz: str | ZoneInfo = "UTC", dry_run: bool = False
    ) -> ImportReport:
        from agent.store.importing import import_schedule_csv

        return import_schedule_csv(self, path, tz=tz, dry_run=dry_run)

    def export_ical(
        self, target: str | Path | IO[bytes] | IO[str], start: datetime, end: datetime
    ) -> int:
        """Write booked appointments starting in [start, end) as iCalendar; returns the count."""
        from agent.store.ical import write_ical

        return write_ical(target, self.appointments_between(start, end), stamp=self.now())


def _table(exc: IntegrityError) -> str:
    statement = (exc.statement or "").split()
    for word in ("INTO", "UPDATE"):
        if word in statement and statement.index(word) + 1 < len(statement):
            return statement[statement.index(word) + 1]
    return "a table"
