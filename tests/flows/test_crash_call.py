"""A careline process killed in the middle of a booking: no half booking, and the call
record (journal and database) shows where the call stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from agent.record import recover
from agent.store import Store
from tests.flows.conftest import NOW

ROOT = Path(__file__).resolve().parents[2]


def test_killed_while_booking(store_url: str, tmp_path: Path) -> None:
    journal, ready = tmp_path / "call.jsonl", tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.flows.crash_call", store_url, str(journal), str(ready)],
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 90
        while not ready.exists():
            assert child.poll() is None, "the call ended before it reached the booking"
            assert time.monotonic() < deadline, "the call never reached the booking"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)

    record = recover(journal).data
    assert record["end_reason"] == "crashed"
    assert record["self_service"][-1]["op"] == "book"
    assert record["self_service"][-1]["state"] == "started"  # started, never done
    assert any("Shall I book it?" in t["text"] for t in record["turns"])
    assert not any("You're booked" in t["text"] for t in record["turns"])

    store = Store.open(store_url)
    try:
        maria = store.patients_by_name("Garcia", first_name="Maria")[0]
        kinds = [a.appointment_type for a in store.upcoming_appointments(maria.id, NOW)]
        assert "annual_physical" not in kinds  # no half booking
        log = store.call("crash-call")
        assert log is not None and log.ended_at is None
        assert log.patient_id == maria.id  # how far it got: the patient was verified
        assert "crash-call" in [c.call_id for c in store.unfinished_calls()]
        assert not store.audit_entries(action="appointment.book")
    finally:
        store.close()
