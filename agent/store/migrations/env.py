"""Alembic environment for careline's store.

Migrations are run by ``agent.store.migrate`` (``Store.open`` and ``python -m agent.store
upgrade``), which hands over an open connection in ``config.attributes["connection"]``, so the
store's own engine settings (SQLite locking, psycopg 3 for PostgreSQL) apply to migrations too.
Offline mode (``sql=True``) prints the SQL instead, for a DBA who applies it by hand.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from agent.store.schema import Base

# Any fixed 64-bit number; workers starting together on one PostgreSQL database queue on it, so
# exactly one of them migrates and the rest find the schema already at head.
MIGRATION_LOCK_KEY = 0x6361_7265_6C69_6E65 & 0x7FFF_FFFF_FFFF_FFFF


def run_online(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        context.run_migrations()


def run_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=Base.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("run careline's migrations through agent.store.migrate")
    run_online(connection)
