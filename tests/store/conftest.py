"""Every store test runs on SQLite and on a real PostgreSQL server started for the session.

The fixtures live in ``agent.store.testing`` so that flow tests elsewhere can use the same
databases; the root conftest lists it in ``pytest_plugins``, so one server serves every folder.
"""

from __future__ import annotations

import pytest

from agent.store import Store
from tests.store.clinic import Clinic, make_clinic


@pytest.fixture
def clinic(store: Store) -> Clinic:
    return make_clinic(store)
