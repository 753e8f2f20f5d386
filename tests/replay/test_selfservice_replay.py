"""Every self-service flow, replayed as a phone call through the whole agent (real models).

The callers are scripts/selfservice_calls.py: synthetic voices over a simulated phone line,
playing demo patients. Each call runs on a fresh copy of the demo clinic, so calls do not
see each other's bookings, and the checks cover both what the agent said (the call's
expectations) and what it changed in the clinic's database.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from agent.actions import Write
from agent.config import demo_config
from agent.engine import Engine
from agent.flows.services import ClinicServices
from agent.replay import expect as expectations
from agent.replay.fixtures import CLINIC_NOW
from agent.replay.harness import replay_call
from agent.store import Store
from agent.store.demo import seed_demo
from agent.store.records import RefillStatus

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import selfservice_calls  # noqa: E402

pytestmark = [pytest.mark.models, pytest.mark.slow]

CALLS = {c.id: c for c in selfservice_calls.SELF_SERVICE_CALLS}


def _patient(store: Store, last: str, first: str) -> int:
    return store.patients_by_name(last, first_name=first)[0].id


def _upcoming(store: Store, last: str, first: str) -> list:
    return store.upcoming_appointments(_patient(store, last, first), CLINIC_NOW)


# What each call must have changed (or left alone) in the clinic's database.
DB_CHECKS: dict[str, Callable[[Store], bool]] = {
    "ss-book-01": lambda s: any(
        a.appointment_type == "annual_physical" for a in _upcoming(s, "Garcia", "Maria")
    ),
    "ss-book-02": lambda s: any(
        a.appointment_type == "follow_up" for a in _upcoming(s, "Johnson", "Robert")
    ),
    "ss-reschedule-01": lambda s: (
        [  # from Monday the 30th to this Friday, the 27th
            a.slot.starts_at.astimezone(CLINIC_NOW.tzinfo).date().isoformat()
            for a in _upcoming(s, "Garcia", "Maria")
        ]
        == ["2026-11-27"]
    ),
    "ss-cancel-01": lambda s: _upcoming(s, "Garcia", "Maria") == [],
    "ss-refill-01": lambda s: (
        [(r.medication, r.status) for r in s.refill_requests(_patient(s, "Garcia", "Maria"))]
        == [("metformin", RefillStatus.REQUESTED)]
    ),
    "ss-refill-controlled-01": lambda s: (
        [r.status for r in s.refill_requests(_patient(s, "Johnson", "Robert"))]
        == [RefillStatus.NEEDS_NURSE]
    ),
    "ss-results-01": lambda s: bool(s.audit_entries(action="read_results_status")),
    "ss-identity-fail-01": lambda s: (
        len(s.audit_entries(action="identity_failed")) == 3
        and not s.audit_entries(action="read_billing")
    ),
    "ss-emergency-01": lambda s: len(_upcoming(s, "Garcia", "Maria")) == 1,  # nothing booked
    "ss-slot-taken-01": lambda s: (
        [a.appointment_type for a in _upcoming(s, "Johnson", "Robert")] == ["annual_physical"]
    ),  # booked once, in the slot offered after the lost race
    "ss-no-slots-01": lambda s: _upcoming(s, "Johnson", "Robert") == [],
}


class RivalCall(ClinicServices):
    """The clinic as another, simultaneous call sees it: that call books the very slot this
    caller is about to say yes to, just before this caller's booking reaches the database."""

    def apply(self, write: Write, call_id: str) -> Any:
        if write.op == "book" and not getattr(self, "raced", False):
            self.raced = True
            rival = _patient(self.store, "Cohen", "David")
            self.store.book(write.kwargs()["slot_id"], rival, "annual_physical", "rival-call")
        return super().apply(write, call_id)


def _fill_the_schedule(store: Store) -> None:
    rival = _patient(store, "Cohen", "David")
    for slot in store.free_slots(CLINIC_NOW, CLINIC_NOW + timedelta(days=90), limit=100_000):
        store.book(slot.id, rival, slot.appointment_type or "sick_visit", "filler")


@pytest.fixture
def fresh_clinic(
    careline_engine: Engine, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[ClinicServices]:
    """A fresh demo clinic for one call, swapped into the session's engine."""
    call_id = request.node.callspec.params["call_id"]
    config = demo_config()
    store = Store.open(f"sqlite:///{tmp_path / 'clinic.db'}")
    seed_demo(store, CLINIC_NOW.date(), tz=config.timezone)
    kind = RivalCall if call_id == "ss-slot-taken-01" else ClinicServices
    services = kind(config, store, clock=lambda: CLINIC_NOW)
    if call_id == "ss-no-slots-01":
        _fill_the_schedule(store)
    saved, careline_engine.services = careline_engine.services, services
    yield services
    careline_engine.services = saved
    store.close()


@pytest.fixture(scope="module")
def corpus() -> Path:
    corpus = ROOT / "build" / "corpus"
    missing = [i for i in CALLS if not (corpus / i / "script.json").exists()]
    if missing:
        import subprocess

        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "make_corpus.py"),
                "--out",
                str(corpus),
                "--force",
            ],
            check=True,
        )
    return corpus


@pytest.mark.parametrize("call_id", list(CALLS))
def test_self_service_call(
    call_id: str, careline_engine: Engine, fresh_clinic: ClinicServices, corpus: Path
) -> None:
    result = replay_call(
        careline_engine, corpus / call_id / "script.json", expect=corpus / call_id / "expect.json"
    )
    rec = result.record.data
    transcript = "\n".join(f"{t['speaker']}: {t['text']}" for t in rec["turns"])
    assert expectations.check(rec, CALLS[call_id].expect) == [], transcript
    check = DB_CHECKS.get(call_id)
    if check is not None:
        assert check(fresh_clinic.store), transcript
    log = fresh_clinic.store.call(call_id)  # the record is in the database too
    assert log is not None and log.end_reason == rec["end_reason"] and log.events
    done = [e for e in rec["self_service"] if e["state"] == "done"]
    started = [e for e in rec["self_service"] if e["state"] == "started"]
    assert len(done) + len([e for e in rec["self_service"] if e["state"] == "failed"]) == len(
        started
    ), "every change the call started is recorded as done or failed"
