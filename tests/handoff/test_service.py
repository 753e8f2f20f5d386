"""The console service as ``careline serve`` runs it: a wrap-up written after the caller hung up."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.record import CallRecord, JournalFile
from agent.store import Store
from handoff.service import console_service
from tests.telephony.peers import free_port


def console_on_loopback(store: Store, **kwargs: Any) -> Any:
    """The console service on a free loopback port, as careline serve starts it."""
    return console_service(
        store,
        ("127.0.0.1", free_port("tcp")),
        media_host="127.0.0.1",
        demo=False,
        health=dict,
        **kwargs,
    )


async def test_a_late_disposition_reaches_the_saved_record_and_the_database(
    tmp_path: Path,
) -> None:
    store = Store.open(data_dir=tmp_path / "clinic")
    records = tmp_path / "records"
    # The call as the server leaves it: ended, saved as a file, logged in the database.
    store.start_call("call-7", datetime.now(UTC), None)
    rec = CallRecord("call-7", sinks=[JournalFile(records / "call-7.jsonl")])
    rec.start(started_at="2026-01-01T00:00:00+00:00", clock="realtime", leg="sip", caller={})
    rec.end("caller_hangup", 42.0)
    rec.save(records / "call-7.json")
    detail = {"disposition": "callback_scheduled", "notes": "Tomorrow 9am.", "agent_id": "nina"}
    try:
        async with console_on_loopback(store, records_dir=records) as hub:
            hub.record_disposition("call-7", detail)  # what the hub does on a late wrap-up
            for _ in range(100):
                log = store.call("call-7")
                if log is not None and log.events:
                    break
                await asyncio.sleep(0.05)
        saved = json.loads((records / "call-7.json").read_text())
        assert saved["disposition"] == detail and saved["end_reason"] == "caller_hangup"
        log = store.call("call-7")
        assert log is not None
        assert [(e.kind, e.data) for e in log.events] == [("disposition", detail)]
    finally:
        store.close()


async def test_the_web_call_limit_setting_reaches_the_web_calls(
    tmp_path: Path, monkeypatch
) -> None:
    import handoff.service

    made: list[int] = []

    class Recorded:
        def __init__(self, *args, per_address: int, **kwargs) -> None:
            made.append(per_address)

        async def close(self) -> None:
            pass

    monkeypatch.setattr(handoff.service, "WebCalls", Recorded)
    store = Store.open(data_dir=tmp_path / "clinic")
    try:
        async with console_on_loopback(store, engine=object(), web_calls_per_minute=40):
            pass
    finally:
        store.close()
    assert made == [40]
