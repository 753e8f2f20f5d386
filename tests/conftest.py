from __future__ import annotations

import asyncio

import pytest

from agent.engine import Engine, EngineConfig
from tests.fakes import FakeStt, FakeTts, FakeVad, ToneBook

pytest_plugins = ["agent.replay.fixtures", "agent.store.testing"]


@pytest.fixture
def book() -> ToneBook:
    return ToneBook()


@pytest.fixture
def fake_engine(book: ToneBook):
    engine = Engine(
        stt=FakeStt(book),
        tts=FakeTts(),
        vad_factory=FakeVad,
        config=EngineConfig(inference_threads=2),
    )
    yield engine
    engine.close()


@pytest.fixture(autouse=True)
def fail_on_leaked_tasks():
    """A test that leaves tasks running on its loop has a bug: fail it."""
    yield
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    leaked = [
        t for t in asyncio.all_tasks(loop) if t is not asyncio.current_task() and not t.done()
    ]
    assert not leaked, f"leaked tasks: {[t.get_name() for t in leaked]}"
