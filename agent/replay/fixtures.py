"""The replay harness as pytest fixtures, for careline's tests and integrators' own.

Enable with ``pytest_plugins = ["agent.replay.fixtures"]`` in a conftest, then::

    def test_refill_call(replay_call):
        result = replay_call("calls/refill.json", expect={"intent": "refill"})
        assert result.ok, result.failures

Models load once per test session (``careline_engine``); every replay runs on virtual time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.engine import Engine, EngineConfig
from agent.replay.harness import ReplayResult
from agent.replay.harness import replay_call as _replay_call

# Replays see the demo clinic as of this moment (a Monday morning), so the times offered and
# the dates spoken are the same on every run.
CLINIC_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("America/New_York"))


@pytest.fixture(scope="session")
def careline_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    clinic = tmp_path_factory.mktemp("clinic")
    engine = Engine.load(EngineConfig(data_dir=str(clinic), clinic_now=CLINIC_NOW))
    engine.warm()
    yield engine
    engine.close()


@pytest.fixture
def replay_call(careline_engine: Engine) -> Callable[..., ReplayResult]:
    def run(call: str | Path, **kwargs: Any) -> ReplayResult:
        return _replay_call(careline_engine, call, **kwargs)

    return run
