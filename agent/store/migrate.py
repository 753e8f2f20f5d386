"""Running the Alembic migrations from code: no ``alembic.ini``, no working-directory games.

The scripts are package data (``agent.store:migrations``), so an installed careline can
migrate the database it is pointed at; ``Store.open`` upgrades to head every time (a no-op
when already there) and ``python -m agent.store upgrade`` does the same from a shell.
"""

from __future__ import annotations

import io
import logging

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

log = logging.getLogger("careline.store")

SCRIPT_LOCATION = "agent.store:migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config(stdout=io.StringIO())
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if engine is not None:
        # "%" is Alembic's interpolation character; a password may contain one.
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        config.set_main_option("sqlalchemy.url", url)
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "careline ships at least one migration"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction (PostgreSQL and SQLite DDL is
    transactional, so a failed migration leaves the previous schema intact)."""
    before = current_revision(engine)
    config = alembic_config(engine)
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
    after = current_revision(engine)
    if after != before:
        log.info("store schema migrated from %s to %s", before or "empty", after)


def upgrade_sql(url: str, revision: str = "head") -> str:
    """The SQL an upgrade from empty would run, for applying by hand."""
    out = io.StringIO()
    config = Config(stdout=out, output_buffer=out)
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, revision, sql=True)
    return out.getvalue()
