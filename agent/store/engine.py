"""Turning a database URL into a configured SQLAlchemy engine.

- ``postgresql://`` and ``postgres://`` URLs are sent to psycopg 3 (SQLAlchemy 2.0 would pick
  psycopg2, which careline does not install).
- SQLite gets WAL (readers never wait for the writer), foreign keys, a busy timeout, and --
  for write transactions only -- ``BEGIN IMMEDIATE``. Python's sqlite3 starts transactions
  lazily (a deferred ``BEGIN``), so two writers that both read first can deadlock on the lock
  upgrade and one fails at once with "database is locked" instead of waiting its turn. Taking
  the write lock up front makes concurrent bookings queue instead.
- Exception messages never include bound parameters (``hide_parameters``): those are names,
  dates of birth and phone numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import ConnectionPoolEntry

from agent.errors import ConfigError

DEFAULT_SQLITE_NAME = "careline.sqlite3"

# Set on the engine a Store uses for transactions that write.
WRITE_OPTION = "careline_write"

SQLITE_BUSY_TIMEOUT_S = 30.0


def sqlite_url(path: str | Path) -> str:
    return URL.create("sqlite", database=str(Path(path).resolve())).render_as_string()


def normalise_url(url: str) -> URL:
    parsed = make_url(url)
    # "postgres" is the Heroku-style spelling SQLAlchemy no longer accepts; psycopg2 is not
    # installed. Naming the driver also keeps the choice independent of SQLAlchemy's default.
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.drivername.split("+")[0]
    if backend not in ("postgresql", "sqlite"):
        raise ConfigError(
            f"unsupported database {backend!r}: use a sqlite:/// or postgresql:// URL"
        )
    return parsed


def redacted(url: str | URL) -> str:
    """The URL with its password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_engine(parsed, hide_parameters=True, pool_pre_ping=True)


def _sqlite_engine(url: URL) -> Engine:
    if url.database in (None, "", ":memory:"):
        # Every pooled connection would get its own empty in-memory database.
        raise ConfigError("the store needs a SQLite file, not an in-memory database")
    Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        hide_parameters=True,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
    )
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (see _sqlite_on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
