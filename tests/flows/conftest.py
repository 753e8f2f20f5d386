"""A conversation with the receptionist over the real demo clinic, one typed turn at a time.

The dialogue, the flows, the trained NLU and the database are all real; only speech is
skipped (:class:`agent.replay.typed.TypedCall`). Every test runs twice: on SQLite and on a
real PostgreSQL server (``store_url`` from ``agent.store.testing``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from agent.config import demo_config
from agent.flows.services import ClinicServices
from agent.model_nlu import ModelNlu
from agent.replay.typed import TypedCall
from agent.store import Store
from agent.store.demo import seed_demo

# A Monday morning: "next Tuesday" is 2026-12-01, "Thursday" is 2026-11-26.
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("America/New_York"))


@pytest.fixture(scope="session")
def nlu() -> ModelNlu:
    return ModelNlu.load(None)


def open_demo(url: str) -> ClinicServices:
    config = demo_config()
    store = Store.open(url)
    seed_demo(store, NOW.date(), tz=config.timezone)
    return ClinicServices(config, store, clock=lambda: NOW)


@pytest.fixture
def clinic(store_url: str) -> Iterator[ClinicServices]:
    """The demo clinic on SQLite and on PostgreSQL (``store_url`` runs each test on both)."""
    services = open_demo(store_url)
    yield services
    services.store.close()


Conversation = TypedCall


@pytest.fixture
def call(clinic: ClinicServices, nlu: ModelNlu) -> Conversation:
    return Conversation(clinic, nlu)
