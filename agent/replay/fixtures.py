"""The replay harness as pytest fixtures, for careline's tests and integrators' own.

Enable with ``pytest_plugins = ["agent.replay.fixtures"]`` in a conftest, then::

    def test_refill_call(replay_call):
        result = replay_call("calls/refill.json", expect={"intent": "refill"})
        assert result.ok, result.failures

Models load once per test session (``careline_engine``); every replay runs on virtual time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from agent.engine import Engine, EngineConfig
from agent.replay.harness import ReplayResult
from agent.replay.harness import replay_call as _replay_call


@pytest.fixture(scope="session")
def careline_engine() -> Iterator[Engine]:
    engine = Engine.load(EngineConfig())
    engine.warm()
    yield engine
    engine.close()


@pytest.fixture
def replay_call(careline_engine: Engine) -> Callable[..., ReplayResult]:
    def run(call: str | Path, **kwargs: Any) -> ReplayResult:
        return _replay_call(careline_engine, call, **kwargs)

    return run
