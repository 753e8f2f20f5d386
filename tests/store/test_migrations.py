"""The schema: created from empty by the migrations, re-run as a no-op, equal to schema.py."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from agent.store import Store, migrate
from agent.store.schema import Base

TABLES = {
    "patients",
    "medications",
    "providers",
    "appointment_slots",
    "appointments",
    "refill_requests",
    "billing_accounts",
    "test_results",
    "call_records",
    "call_events",
    "audit_log",
    "staff_accounts",
}


def test_migrations_create_the_schema_from_empty(empty_store_url: str) -> None:
    with Store.open(empty_store_url, upgrade=False) as store:
        assert migrate.current_revision(store.engine) is None
        assert not set(inspect(store.engine).get_table_names()) & TABLES
    with Store.open(empty_store_url) as store:
        assert set(inspect(store.engine).get_table_names()) == TABLES | {"alembic_version"}
        assert migrate.current_revision(store.engine) == migrate.head_revision()


def test_running_the_migrations_again_changes_nothing(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add_patient(mrn="1", first_name="A", last_name="B", date_of_birth=date(2000, 1, 1))
        migrate.upgrade(store.engine)
    with Store.open(store_url) as store:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert len(store.patients_by_dob(date(2000, 1, 1))) == 1


def test_migrated_schema_matches_the_orm_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_double_booking_is_refused_by_the_database_itself(store: Store) -> None:
    """Even SQL that bypasses Store.book cannot put two booked appointments in one slot."""
    store.add_patient(mrn="1", first_name="A", last_name="B", date_of_birth=date(2000, 1, 1))
    with store.engine.begin() as c:
        c.execute(text("INSERT INTO providers (name, title, department) VALUES ('P', '', '')"))
        c.execute(
            text(
                "INSERT INTO appointment_slots (provider_id, starts_at, ends_at, location)"
                " VALUES (1, '2031-01-01 09:00:00', '2031-01-01 09:30:00', '')"
            )
        )
    insert = text(
        "INSERT INTO appointments (patient_id, slot_id, appointment_type, status, booked_at)"
        " VALUES (1, 1, 'x', :status, '2031-01-01 08:00:00')"
    )
    with store.engine.begin() as c:
        c.execute(insert, {"status": "booked"})
        c.execute(insert, {"status": "cancelled"})  # cancelled ones may pile up
    with pytest.raises(DBAPIError), store.engine.begin() as c:
        c.execute(insert, {"status": "booked"})


def test_the_audit_log_is_append_only(store: Store) -> None:
    store.audit("user:admin", "login")
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as c:
            c.execute(text(statement))
    assert [e.actor for e in store.audit_entries()] == ["user:admin"]


@pytest.mark.parametrize("url", ["sqlite:///x.sqlite3", "postgresql://u@db.invalid/careline"])
def test_upgrade_sql_can_be_printed_for_a_dba(url: str) -> None:
    sql = migrate.upgrade_sql(url)
    assert "CREATE TABLE patients" in sql
    assert "uq_appointments_slot_booked" in sql
    assert "append-only" in sql
