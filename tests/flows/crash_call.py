"""Run by test_crash_call.py as a separate process: a whole call through the call owner
(fake speech, real NLU, dialogue, flows and database) that freezes inside the booking's
transaction, just before it commits, and waits to be killed.

    python -m tests.flows.crash_call DATABASE_URL JOURNAL READY_FILE

The freeze is a SQLAlchemy listener added here, in the child only.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

from agent.engine import Engine
from agent.model_nlu import ModelNlu
from agent.replay.harness import replay_call
from agent.replay.script import CallerStep, CallScript
from tests.fakes import FakeStt, FakeTts, FakeVad, ToneBook, tone_renderer
from tests.flows.conftest import open_demo

CALLER = [
    CallerStep(say="I'd like to book a physical"),
    CallerStep(say="Maria Garcia"),
    CallerStep(dtmf="03141985"),
    CallerStep(say="next Tuesday afternoon"),
    CallerStep(say="the first one"),
    CallerStep(say="yes please"),
]


def main(argv: list[str]) -> None:
    url, journal, ready = argv
    services = open_demo(url)
    booking = {"on": False}

    def watch(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO APPOINTMENTS"):
            booking["on"] = True

    def freeze(_conn: Any) -> None:
        if booking["on"]:
            Path(ready).write_text("frozen")
            time.sleep(300)

    event.listen(services.store.engine, "before_cursor_execute", watch)
    event.listen(services.store.engine, "commit", freeze)
    book = ToneBook()
    engine = Engine(
        stt=FakeStt(book),
        tts=FakeTts(),
        vad_factory=FakeVad,
        nlu=ModelNlu.load(None),
        services=services,
    )
    script = CallScript(id="crash-call", caller=CALLER)
    replay_call(engine, script, journal=journal, render=tone_renderer(book))
    raise SystemExit("the call ended without reaching the booking's commit")


if __name__ == "__main__":
    main(sys.argv[1:])
