"""Checking a replayed call against its expectations file (format in ``script.py``)."""

from __future__ import annotations

from typing import Any


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("-", " ").split())


def check(record: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Every way ``record`` falls short of ``expect``, in words a developer can act on."""
    failures: list[str] = []
    turns = record.get("turns", [])
    bot_text = _norm(" ".join(t["text"] for t in turns if t["speaker"] == "bot"))
    caller_text = _norm(" ".join(t["text"] for t in turns if t["speaker"] == "caller"))

    if "intent" in expect:
        want = expect["intent"] if isinstance(expect["intent"], list) else [expect["intent"]]
        got = (record.get("intent") or {}).get("name")
        if got not in want:
            failures.append(f"intent: expected {' or '.join(want)}, got {got}")
    if "handoff" in expect:
        got = bool((record.get("handoff") or {}).get("requested"))
        if got != bool(expect["handoff"]):
            failures.append(f"handoff requested: expected {expect['handoff']}, got {got}")
    if "triage" in expect:
        triage = record.get("triage") or {}
        want_level = expect["triage"].get("level")
        if want_level and triage.get("level") != want_level:
            failures.append(f"triage level: expected {want_level}, got {triage.get('level')}")
        missing = set(expect["triage"].get("red_flags", [])) - set(triage.get("red_flags", []))
        if missing:
            failures.append(f"triage red flags missing: {sorted(missing)}")
    for phrase in expect.get("bot_says", []):
        if _norm(phrase) not in bot_text:
            failures.append(f"the bot never said {phrase!r}")
    for phrase in expect.get("bot_never_says", []):
        if _norm(phrase) in bot_text:
            failures.append(f"the bot said {phrase!r}, which it must not")
    for phrase in expect.get("caller_says", []):
        if _norm(phrase) not in caller_text:
            failures.append(f"the caller's transcript lacks {phrase!r}")
    if "end_reason" in expect:
        want = (
            expect["end_reason"]
            if isinstance(expect["end_reason"], list)
            else [expect["end_reason"]]
        )
        if record.get("end_reason") not in want:
            failures.append(
                f"end reason: expected {' or '.join(want)}, got {record.get('end_reason')}"
            )
    if expect.get("barge_in") and not record.get("barge_ins"):
        failures.append("expected a barge-in, none happened")
    if "min_bot_turns" in expect:
        n = sum(1 for t in turns if t["speaker"] == "bot")
        if n < expect["min_bot_turns"]:
            failures.append(f"expected at least {expect['min_bot_turns']} bot turns, got {n}")
    return failures
