"""Refills, billing, results status, call records and the audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from agent.store import (
    AGENT_ACTOR,
    InvalidRequest,
    NotFound,
    RefillStatus,
    ResultState,
    Store,
)
from tests.store.clinic import Clinic

T = datetime(2031, 6, 2, 14, 0, tzinfo=UTC)


def test_refill_requests_are_recorded_and_audited(clinic: Clinic) -> None:
    store, patient = clinic.store, clinic.patient
    ordinary = store.request_refill(patient.id, "sertraline", "CVS on Elm Avenue", "call-1")
    nurse = store.request_refill(
        patient.id,
        "alprazolam",
        None,
        "call-1",
        status=RefillStatus.NEEDS_NURSE,
        reason="controlled substance",
    )
    assert ordinary.status is RefillStatus.REQUESTED and ordinary.reason is None
    assert (nurse.status, nurse.reason, nurse.pharmacy) == (
        "needs_nurse",
        "controlled substance",
        None,
    )
    assert store.refill_requests(patient.id) == [ordinary, nurse]
    assert nurse.created_at.tzinfo is not None
    audited = store.audit_entries(call_id="call-1", action="refill.request")
    assert [e.detail for e in audited] == [
        {"refill_request_id": ordinary.id, "status": "requested"},
        {"refill_request_id": nurse.id, "status": "needs_nurse"},
    ]
    with pytest.raises(ValueError):
        store.request_refill(patient.id, "x", None, None, status="approved")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        store.request_refill(patient.id + 100, "x", None, None)


def test_billing_summary_in_integer_cents(clinic: Clinic) -> None:
    store, patient = clinic.store, clinic.patient
    assert store.billing(patient.id) is None
    store.set_billing(patient.id, 12550)
    summary = store.set_billing(
        patient.id, 2_000_000_000_00, last_payment_cents=5000, last_payment_on=date(2031, 5, 1)
    )
    assert store.billing(patient.id) == summary
    assert summary.balance_cents == 2_000_000_000_00  # beyond 32 bits: BIGINT
    assert (summary.last_payment_cents, summary.last_payment_on) == (5000, date(2031, 5, 1))


def test_results_status_says_only_whether_results_are_in(clinic: Clinic) -> None:
    store, patient = clinic.store, clinic.patient
    older = store.add_test_order(
        patient.id, "hemoglobin A1c", date(2031, 5, 1), resulted_on=date(2031, 5, 3)
    )
    newer = store.add_test_order(patient.id, "lipid panel", date(2031, 5, 20))
    results = store.results_status(patient.id)
    assert results == [newer, older]
    assert [(r.status, r.resulted_on) for r in results] == [
        (ResultState.PENDING, None),
        (ResultState.RESULTED, date(2031, 5, 3)),
    ]
    assert not {"value", "result", "values"} & set(type(results[0]).__dataclass_fields__)
    assert store.results_status(clinic.other.id) == []


def test_call_record_is_appended_as_the_call_happens(store: Store) -> None:
    store.start_call("call-7", T, "+1 555 010 0199")
    assert store.call_event("call-7", "turn.user", {"text": "I'd like to book"}) == 1
    store.update_call("call-7", intent="appointment", stage="identify")
    assert store.call_event("call-7", "identity.verified", {"patient_id": 3}) == 2
    store.update_call("call-7", patient_id=3, stage="booking")

    during = store.call("call-7")
    assert during is not None and during.ended_at is None
    assert (during.intent, during.stage, during.patient_id) == ("appointment", "booking", 3)
    assert [e.kind for e in during.events] == ["turn.user", "identity.verified"]
    assert during.events[0].data == {"text": "I'd like to book"}
    assert [c.call_id for c in store.unfinished_calls()] == ["call-7"]

    store.end_call(
        "call-7", T + timedelta(minutes=3), "hangup", triage_level="routine", stage="done"
    )
    ended = store.call("call-7")
    assert ended is not None and ended.end_reason == "hangup"
    assert ended.ended_at == T + timedelta(minutes=3)
    assert (ended.intent, ended.triage_level, ended.stage) == ("appointment", "routine", "done")
    assert store.unfinished_calls() == []
    assert store.call("nope") is None


def test_call_events_need_a_started_call(store: Store) -> None:
    with pytest.raises(NotFound):
        store.call_event("never-started", "x")
    with pytest.raises(NotFound):
        store.end_call("never-started", T, "hangup")


def test_times_come_back_aware_utc(store: Store) -> None:
    eastern = timezone(timedelta(hours=-5))
    store.start_call("c", datetime(2031, 6, 2, 9, 0, tzinfo=eastern), None)
    call = store.call("c")
    assert call is not None
    assert call.started_at == datetime(2031, 6, 2, 14, 0, tzinfo=UTC)
    assert call.started_at.utcoffset() == timedelta(0)


def test_the_store_clock_stamps_events_and_audit_entries(store_url: str) -> None:
    with Store.open(store_url, now=lambda: T) as store:
        store.start_call("c", T, None)
        store.call_event("c", "x")
        store.audit("user:nurse.kim", "record.view", call_id="c")
        call = store.call("c")
        assert call is not None and call.events[0].at == T
        assert store.audit_entries()[0].at == T


def test_audit_entries_filter_and_keep_order(store: Store) -> None:
    store.audit(AGENT_ACTOR, "identity.verified", call_id="c1", patient_id=1)
    store.audit("user:nurse.kim", "transcript.view", call_id="c1", detail={"reason": "qa"})
    store.audit(AGENT_ACTOR, "identity.failed", call_id="c2")
    entries = store.audit_entries()
    assert [e.action for e in entries] == [
        "identity.verified",
        "transcript.view",
        "identity.failed",
    ]
    assert [e.action for e in store.audit_entries(call_id="c1")] == [
        "identity.verified",
        "transcript.view",
    ]
    assert [e.action for e in store.audit_entries(actor="user:nurse.kim")] == ["transcript.view"]
    assert store.audit_entries(patient_id=1)[0].action == "identity.verified"
    assert store.audit_entries(actor="user:nurse.kim")[0].detail == {"reason": "qa"}
    assert store.audit_entries(since=entries[-1].at)[-1].action == "identity.failed"
    assert len(store.audit_entries(limit=2)) == 2
    store.audit(AGENT_ACTOR, "read_billing", call_id="c3", detail="balance only")
    assert store.audit_entries(call_id="c3")[0].detail == "balance only"
    with pytest.raises(InvalidRequest):
        store.audit("", "x")
