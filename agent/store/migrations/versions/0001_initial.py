"""The first schema: patients, scheduling, refills, billing, results, call records, audit log.

Written out table by table rather than from ``schema.Base.metadata``: a migration is a frozen
snapshot, and must create the same tables after ``schema.py`` has moved on.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from agent.store.schema import UtcDateTime

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(JSONB(), "postgresql")


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _patient_fk() -> sa.Column[int]:
    return sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "patients",
        _id(),
        sa.Column("mrn", sa.String(64), nullable=False),
        sa.Column("first_name", sa.String(200), nullable=False),
        sa.Column("last_name", sa.String(200), nullable=False),
        sa.Column("date_of_birth", sa.Date, nullable=False),
        sa.Column("phone", sa.String(64)),
        sa.Column("preferred_pharmacy", sa.String(200)),
        sa.Column("first_name_key", sa.String(200), nullable=False),
        sa.Column("last_name_key", sa.String(200), nullable=False),
        sa.Column("phone_key", sa.String(16)),
        sa.UniqueConstraint("mrn", name="uq_patients_mrn"),
    )
    op.create_index("ix_patients_date_of_birth", "patients", ["date_of_birth"])
    op.create_index("ix_patients_last_name_key", "patients", ["last_name_key"])
    op.create_index("ix_patients_phone_key", "patients", ["phone_key"])

    op.create_table(
        "medications",
        _id(),
        _patient_fk(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("dose", sa.String(200), nullable=False),
        sa.Column("controlled", sa.Boolean, nullable=False),
    )
    op.create_index("ix_medications_patient_id", "medications", ["patient_id"])

    op.create_table(
        "providers",
        _id(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(64), nullable=False),
        sa.Column("department", sa.String(200), nullable=False),
        sa.UniqueConstraint("name", name="uq_providers_name"),
    )

    op.create_table(
        "appointment_slots",
        _id(),
        sa.Column("provider_id", sa.Integer, sa.ForeignKey("providers.id"), nullable=False),
        sa.Column("starts_at", UtcDateTime, nullable=False),
        sa.Column("ends_at", UtcDateTime, nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("appointment_type", sa.String(64)),
        sa.UniqueConstraint(
            "provider_id", "starts_at", name="uq_appointment_slots_provider_id_starts_at"
        ),
        sa.CheckConstraint("ends_at > starts_at", name="ck_appointment_slots_ends_after_start"),
    )
    op.create_index("ix_appointment_slots_starts_at", "appointment_slots", ["starts_at"])

    op.create_table(
        "appointments",
        _id(),
        _patient_fk(),
        sa.Column("slot_id", sa.Integer, sa.ForeignKey("appointment_slots.id"), nullable=False),
        sa.Column("appointment_type", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("booked_at", UtcDateTime, nullable=False),
        sa.Column("call_id", sa.String(128)),
        sa.Column("cancelled_at", UtcDateTime),
        sa.CheckConstraint("status IN ('booked', 'cancelled')", name="ck_appointments_status"),
    )
    op.create_index("ix_appointments_patient_id", "appointments", ["patient_id"])
    # The no-double-booking rule, enforced by the database on both backends.
    op.create_index(
        "uq_appointments_slot_booked",
        "appointments",
        ["slot_id"],
        unique=True,
        sqlite_where=sa.text("status = 'booked'"),
        postgresql_where=sa.text("status = 'booked'"),
    )

    op.create_table(
        "refill_requests",
        _id(),
        _patient_fk(),
        sa.Column("medication", sa.String(200), nullable=False),
        sa.Column("pharmacy", sa.String(200)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("call_id", sa.String(128)),
        sa.CheckConstraint(
            "status IN ('requested', 'needs_nurse')", name="ck_refill_requests_status"
        ),
    )
    op.create_index("ix_refill_requests_patient_id", "refill_requests", ["patient_id"])

    op.create_table(
        "billing_accounts",
        _id(),
        _patient_fk(),
        sa.Column("balance_cents", sa.BigInteger, nullable=False),
        sa.Column("last_payment_cents", sa.BigInteger),
        sa.Column("last_payment_on", sa.Date),
        sa.UniqueConstraint("patient_id", name="uq_billing_accounts_patient_id"),
    )

    op.create_table(
        "test_results",
        _id(),
        _patient_fk(),
        sa.Column("test_name", sa.String(200), nullable=False),
        sa.Column("ordered_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("resulted_on", sa.Date),
        sa.CheckConstraint("status IN ('pending', 'resulted')", name="ck_test_results_status"),
    )
    op.create_index("ix_test_results_patient_id", "test_results", ["patient_id"])

    op.create_table(
        "call_records",
        sa.Column("call_id", sa.String(128), primary_key=True),
        sa.Column("started_at", UtcDateTime, nullable=False),
        sa.Column("ended_at", UtcDateTime),
        sa.Column("end_reason", sa.String(64)),
        sa.Column("caller", sa.String(64)),
        sa.Column("patient_id", sa.Integer),
        sa.Column("intent", sa.String(64)),
        sa.Column("triage_level", sa.String(32)),
        sa.Column("stage", sa.String(64)),
    )
    op.create_index("ix_call_records_started_at", "call_records", ["started_at"])

    op.create_table(
        "call_events",
        _id(),
        sa.Column("call_id", sa.String(128), sa.ForeignKey("call_records.call_id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.UniqueConstraint("call_id", "seq", name="uq_call_events_call_id_seq"),
    )

    op.create_table(
        "audit_log",
        _id(),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("call_id", sa.String(128)),
        sa.Column("patient_id", sa.Integer),
        sa.Column("detail", _json()),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_call_id", "audit_log", ["call_id"])
    op.create_index("ix_audit_log_patient_id", "audit_log", ["patient_id"])
    _make_audit_log_append_only()


def _make_audit_log_append_only() -> None:
    """The audit log must not be editable by the application that it audits."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION careline_audit_log_append_only() RETURNS trigger"
            " LANGUAGE plpgsql AS $$ BEGIN"
            " RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log"
            " FOR EACH ROW EXECUTE FUNCTION careline_audit_log_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log"
                " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION careline_audit_log_append_only()")
    for table in (
        "audit_log",
        "call_events",
        "call_records",
        "test_results",
        "billing_accounts",
        "refill_requests",
        "appointments",
        "appointment_slots",
        "providers",
        "medications",
        "patients",
    ):
        op.drop_table(table)
