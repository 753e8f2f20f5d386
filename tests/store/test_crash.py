"""Crash safety: a worker killed (SIGKILL) in the middle of a booking leaves no half booking,
and the call record shows everything written before the kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from agent.store import AppointmentStatus
from agent.store.schema import AppointmentRow, AuditLogRow
from tests.store.clinic import MONDAY_9AM, Clinic

REPO = Path(__file__).resolve().parents[2]


def run_child_until_frozen(args: list[str], ready: Path) -> subprocess.Popen[bytes]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_child", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        if child.poll() is not None:
            _out, err = child.communicate()
            pytest.fail(f"child exited before freezing:\n{err.decode(errors='replace')}")
        if time.monotonic() > deadline:
            child.kill()
            child.communicate()
            pytest.fail("child did not reach the commit in time")
        time.sleep(0.02)
    return child


def kill(child: subprocess.Popen[bytes]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


def rows(clinic: Clinic) -> tuple[list[tuple[int, int, str]], list[str]]:
    with clinic.store.transaction(write=False) as s:
        appointments = [(a.slot_id, a.patient_id, a.status) for a in s.query(AppointmentRow)]
        audit = [a.action for a in s.query(AuditLogRow)]
    return sorted(appointments), audit


def test_killed_during_a_booking_leaves_the_slot_free(
    clinic: Clinic, store_url: str, tmp_path: Path
) -> None:
    slot = clinic.slots[2]
    ready = tmp_path / "ready"
    child = run_child_until_frozen(
        [store_url, str(ready), "book", "call-9", str(clinic.patient.id), str(slot.id)], ready
    )
    kill(child)

    assert rows(clinic) == ([], [])  # no appointment row and no audit row: nothing half-done
    window = (MONDAY_9AM - timedelta(days=1), MONDAY_9AM + timedelta(days=1))
    assert slot in clinic.store.free_slots(*window, limit=10)
    call = clinic.store.call("call-9")
    assert call is not None and call.ended_at is None
    assert (call.stage, call.patient_id) == ("booking", clinic.patient.id)
    assert [e.kind for e in call.events] == ["identity.verified", "booking.confirmed"]
    assert [c.call_id for c in clinic.store.unfinished_calls()] == ["call-9"]
    # Nothing is left locked: the slot can be booked at once.
    booked = clinic.store.book(slot.id, clinic.other.id, "follow_up", "call-10")
    assert booked.status is AppointmentStatus.BOOKED


def test_killed_during_a_reschedule_leaves_the_old_appointment(
    clinic: Clinic, store_url: str, tmp_path: Path
) -> None:
    old = clinic.store.book(clinic.slots[0].id, clinic.patient.id, "follow_up", "call-1")
    new_slot = clinic.slots[5]
    ready = tmp_path / "ready"
    args = [store_url, str(ready), "reschedule", "call-9", str(clinic.patient.id)]
    child = run_child_until_frozen([*args, str(new_slot.id), str(old.id)], ready)
    kill(child)

    assert rows(clinic) == ([(old.slot.id, clinic.patient.id, "booked")], ["appointment.book"])
    assert clinic.store.appointment(old.id) == old
    call = clinic.store.call("call-9")
    assert call is not None and [e.kind for e in call.events][-1] == "booking.confirmed"
    moved = clinic.store.reschedule(old.id, new_slot.id, clinic.patient.id, "call-10")
    assert moved.slot == new_slot
