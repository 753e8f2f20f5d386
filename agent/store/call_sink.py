"""The call record into the database, as it happens: a sink for ``agent.record.CallRecord``.

Every record op becomes a ``call_events`` row, and the ``call_records`` row follows the
call's start, progress (intent, triage level, verified patient) and end. Writes happen on
one background thread, so the call's event loop never waits on the database; ``close``
waits until everything queued is written. A crash loses at most the ops still queued (the
journal file beside it keeps those), and a call that never ended shows in
``Store.unfinished_calls``.
"""

from __future__ import annotations

import logging
import queue
import threading
from datetime import UTC, datetime
from typing import Any

from agent.store.store import Store

log = logging.getLogger("careline.store")
_STOP = object()


class CallRecordSink:
    def __init__(self, store: Store, call_id: str, *, caller: str | None = None) -> None:
        self.store, self.call_id, self.caller = store, call_id, caller
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=10_000)
        self._summary: dict[str, Any] = {}
        self._started = False
        self._thread = threading.Thread(target=self._run, name=f"record-{call_id}", daemon=True)
        self._thread.start()

    def append(self, op: dict[str, Any]) -> None:
        try:
            self._queue.put_nowait(dict(op))
        except queue.Full:  # the database is far behind: the journal file still has it
            log.warning("call %s: record op dropped from the database sink", self.call_id)

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while (op := self._queue.get()) is not _STOP:
            try:
                self._write(op)
            except Exception as e:  # never take the call down with the record
                log.warning("call %s: record op not stored (%s)", self.call_id, type(e).__name__)

    def _write(self, op: dict[str, Any]) -> None:
        kind = op.get("op")
        if not self._started:
            started = op.get("started_at") if kind == "start" else None
            at = datetime.fromisoformat(started) if started else datetime.now(UTC)
            self.store.start_call(self.call_id, at, self.caller)
            self._started = True
        self.store.call_event(self.call_id, str(kind), op)
        if kind == "set" and op.get("key") in ("intent", "triage", "patient_id"):
            value = op.get("value")
            if op["key"] == "intent":
                self._summary["intent"] = (value or {}).get("name")
            elif op["key"] == "triage":
                self._summary["triage_level"] = (value or {}).get("level")
            else:
                self._summary["patient_id"] = value
            self.store.update_call(self.call_id, **self._summary)
        elif kind == "end":
            self.store.end_call(
                self.call_id, datetime.now(UTC), str(op.get("end_reason")), **self._summary
            )
