"""The tables, as SQLAlchemy 2 typed ORM classes.

This is the *current* shape of the schema; the migrations in ``migrations/versions`` are how a
database gets there, and a test checks that the two agree on both backends.

Portability choices (SQLite file by default, PostgreSQL by URL):

- Timestamps are ``UtcDateTime``: aware UTC in and out. PostgreSQL keeps them as
  ``timestamptz``; SQLite has no time zone type, so they are stored as naive UTC text (which
  also sorts correctly) and made aware again on the way out.
- Enumerations are short strings with CHECK constraints, not native enum types, which are
  painful to change in PostgreSQL migrations.
- JSON is ``JSONB`` on PostgreSQL and JSON text on SQLite.
- Money is integer cents (``BigInteger``), never floats.
- "At most one booked appointment per slot" is a partial unique index: the database itself
  refuses a double booking, whatever the code around it does (see ``Store.book``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

# Deterministic constraint names, identical on both backends, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SLOT_BOOKED_INDEX = "uq_appointments_slot_booked"


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend; a naive datetime is a bug and is refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given to the store; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def json_type() -> TypeEngine[Any]:
    return JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PatientRow(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mrn: Mapped[str] = mapped_column(String(64), unique=True)
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date, index=True)
    phone: Mapped[str | None] = mapped_column(String(64))
    preferred_pharmacy: Mapped[str | None] = mapped_column(String(200))
    # keys.name_key / keys.phone_key of the columns above, kept in step by the store.
    first_name_key: Mapped[str] = mapped_column(String(200))
    last_name_key: Mapped[str] = mapped_column(String(200), index=True)
    phone_key: Mapped[str | None] = mapped_column(String(16), index=True)


class MedicationRow(Base):
    __tablename__ = "medications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    dose: Mapped[str] = mapped_column(String(200), default="")
    controlled: Mapped[bool] = mapped_column(Boolean, default=False)


class ProviderRow(Base):
    __tablename__ = "providers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(64), default="")
    department: Mapped[str] = mapped_column(String(200), default="")


class SlotRow(Base):
    __tablename__ = "appointment_slots"
    __table_args__ = (
        UniqueConstraint("provider_id", "starts_at"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    location: Mapped[str] = mapped_column(String(200), default="")
    appointment_type: Mapped[str | None] = mapped_column(String(64))


class AppointmentRow(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        CheckConstraint("status IN ('booked', 'cancelled')", name="status"),
        Index(
            SLOT_BOOKED_INDEX,
            "slot_id",
            unique=True,
            sqlite_where=text("status = 'booked'"),
            postgresql_where=text("status = 'booked'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("appointment_slots.id"))
    appointment_type: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    booked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    call_id: Mapped[str | None] = mapped_column(String(128))
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RefillRequestRow(Base):
    __tablename__ = "refill_requests"
    __table_args__ = (CheckConstraint("status IN ('requested', 'needs_nurse')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    medication: Mapped[str] = mapped_column(String(200))
    pharmacy: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    call_id: Mapped[str | None] = mapped_column(String(128))


class BillingAccountRow(Base):
    __tablename__ = "billing_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), unique=True)
    balance_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    last_payment_cents: Mapped[int | None] = mapped_column(BigInteger)
    last_payment_on: Mapped[date | None] = mapped_column(Date)


class TestResultRow(Base):
    """A test order and whether it has resulted. There is deliberately no column for values."""

    __tablename__ = "test_results"
    __test__ = False  # not a pytest test class, whatever its name says
    __table_args__ = (CheckConstraint("status IN ('pending', 'resulted')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    test_name: Mapped[str] = mapped_column(String(200))
    ordered_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    resulted_on: Mapped[date | None] = mapped_column(Date)


class CallRecordRow(Base):
    __tablename__ = "call_records"

    call_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_reason: Mapped[str | None] = mapped_column(String(64))
    caller: Mapped[str | None] = mapped_column(String(64))
    # No foreign key: a call record must be writable even if the patient row is later merged
    # or removed by an import, and must never block the call.
    patient_id: Mapped[int | None] = mapped_column(Integer)
    intent: Mapped[str | None] = mapped_column(String(64))
    triage_level: Mapped[str | None] = mapped_column(String(32))
    stage: Mapped[str | None] = mapped_column(String(64))


class CallEventRow(Base):
    __tablename__ = "call_events"
    __table_args__ = (UniqueConstraint("call_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("call_records.call_id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(json_type())


class AuditLogRow(Base):
    """Append-only: triggers created by the migration refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    call_id: Mapped[str | None] = mapped_column(String(128), index=True)
    patient_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[dict[str, Any] | str | None] = mapped_column(json_type())


class StaffAccountRow(Base):
    """People who sign in to the console: agents and supervisors. Only an argon2 hash of the
    password is kept; ``skills`` are the queues an agent takes (nurse, scheduling, ...)."""

    __tablename__ = "staff_accounts"
    __table_args__ = (CheckConstraint("role IN ('agent', 'supervisor')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    skills: Mapped[list[str]] = mapped_column(json_type())
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
