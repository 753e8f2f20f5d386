from __future__ import annotations

import json

from agent.record import CallRecord, JournalFile, amend_saved, recover


def test_journal_recovers_a_crashed_call_up_to_the_torn_line(tmp_path):
    path = tmp_path / "c.jsonl"
    journal = JournalFile(path)
    rec = CallRecord("c1", sinks=[journal])
    rec.start(
        started_at="2026-01-01T00:00:00+00:00",
        clock="virtual",
        leg="replay",
        caller={"number": None},
    )
    rec.add_turn("bot", "Hello.", 0.0, 1.0)
    rec.add_turn("caller", "I need a refill", 1.5, 3.0)
    rec.add("turn_latency_ms", 420)
    # The process dies while writing the next op.
    journal.close()
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"op": "turn", "turn": {"speaker": "bot", "te')
    got = recover(path)
    assert got.data["call_id"] == "c1"
    assert [t["text"] for t in got.data["turns"]] == ["Hello.", "I need a refill"]
    assert got.data["turn_latency_ms"] == [420]
    assert got.data["end_reason"] == "crashed"


def test_record_is_json_with_the_documented_fields(tmp_path):
    rec = CallRecord("c2")
    rec.start(started_at="x", clock="realtime", leg="memory", caller={})
    rec.end("caller_hangup", 12.3456)
    rec.save(tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    for key in ("call_id", "turns", "intent", "triage", "handoff", "turn_latency_ms", "end_reason"):
        assert key in data
    assert data["duration_s"] == 12.346


def test_a_wrap_up_after_the_call_amends_the_saved_record_and_its_journal(tmp_path):
    rec = CallRecord("c9", sinks=[JournalFile(tmp_path / "c9.jsonl")])
    rec.start(started_at="2026-01-01T00:00:00+00:00", clock="realtime", leg="sip", caller={})
    rec.add_turn("caller", "I feel dizzy", 0.5, 2.0)
    rec.end("caller_hangup", 30.0)
    rec.save(tmp_path / "c9.json")
    detail = {"disposition": "advised_care", "notes": "Call back if worse.", "agent_id": "nina"}
    assert amend_saved(tmp_path, "c9", "disposition", detail)
    saved = json.loads((tmp_path / "c9.json").read_text())
    assert saved["disposition"] == detail
    assert saved["turns"][0]["text"] == "I feel dizzy" and saved["end_reason"] == "caller_hangup"
    assert recover(tmp_path / "c9.jsonl").data["disposition"] == detail  # the journal agrees
    assert not list(tmp_path.glob("*.tmp"))
    # No saved record (another records directory, a call kept only in the database), or a
    # call id that would reach outside the directory: nothing is written.
    assert not amend_saved(tmp_path, "c10", "disposition", detail)
    for bad in ("../c9", "", ".c9", "a/b"):
        assert not amend_saved(tmp_path / "sub", bad, "disposition", detail)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c9.json", "c9.jsonl"]
