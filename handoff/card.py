"""The context card an agent's console shows when a call is offered: who, why, how urgent,
what the assistant already did, and the transcript so far.

Built only from the call record's structured fields, so an agent never has to ask the patient
to repeat themselves and the summary never says more than the record knows. PHI: the card goes
only to a signed-in agent the call is offered to (or a supervisor), and every opening is
audited by the console.
"""

from __future__ import annotations

from typing import Any

__all__ = ["context_card", "summary"]

_LEVEL_WORDS = {
    "emergency": "EMERGENCY",
    "urgent": "urgent (same day)",
    "routine": "routine",
    "self_care": "self-care",
}
_REASON_WORDS = {  # the dialogue's Transfer reasons, as a person would say them
    "emergency": "a possible emergency",
    "triage_urgent": "an urgent triage result",
    "triage_routine": "a routine triage result (to book care)",
    "self_care_nurse": "the caller asked for a nurse after home-care advice",
    "self_care_appointment": "the caller asked for an appointment after home-care advice",
    "caller_request": "the caller asked for a person",
    "not_understood": "the assistant could not understand the caller",
    "poison_help": "the caller asked for poison control (a possible poisoning)",
    "another_language": "the caller spoke another language (an interpreter may be needed)",
    "paperwork": "forms, letters or records",
    "agent_disconnected": "the previous agent's connection dropped",
    "transfer": "another agent transferred the call",
}


def context_card(record: dict[str, Any], reason: str, skill: str) -> dict[str, Any]:
    caller = record.get("caller") or {}
    intent = record.get("intent") or {}
    triage = record.get("triage") or {}
    protocol = record.get("triage_protocol") or []
    answers = [
        {"question": a.get("question"), "answer": a.get("answer"), "via": a.get("via")}
        for a in (protocol if isinstance(protocol, list) else protocol.get("answers", []))
        if isinstance(a, dict)
    ]
    done = [
        {"op": s.get("op"), "state": s.get("state"), "why": s.get("why")}
        for s in record.get("self_service", [])
        if s.get("state") in ("done", "failed")
    ]
    return {
        "call_id": record.get("call_id"),
        "skill": skill,
        "reason": reason,
        "caller": {
            "number": caller.get("number"),
            "name": caller.get("display_name"),
            "identity_verified": record.get("patient_id") is not None,
            "patient_id": record.get("patient_id"),
        },
        "intent": intent.get("name"),
        "triage": {
            "level": triage.get("level"),
            "complaint": triage.get("complaint"),
            "red_flags": list(triage.get("red_flags") or []),
            "reasons": list(triage.get("reasons") or []),
            "answers": answers,
        }
        if triage
        else None,
        "self_service": done,
        "summary": summary(record, reason),
        "transcript": [
            {"speaker": t.get("speaker"), "text": t.get("text") or _dtmf(t), "t": t.get("t_start")}
            for t in record.get("turns", [])
        ],
    }


def summary(record: dict[str, Any], reason: str) -> str:
    """Two or three plain sentences from the structured state, for a glance."""
    parts: list[str] = []
    verified = record.get("patient_id") is not None
    parts.append("Identity verified." if verified else "Identity not verified.")
    intent = (record.get("intent") or {}).get("name")
    if intent:
        parts.append(f"Called about: {intent.replace('_', ' ')}.")
    triage = record.get("triage") or {}
    if triage.get("level"):
        text = f"Triage: {_LEVEL_WORDS.get(triage['level'], triage['level'])}"
        if triage.get("complaint"):
            text += f", {str(triage['complaint']).replace('_', ' ')}"
        flags = triage.get("red_flags") or []
        if flags:
            text += f"; red flags: {', '.join(str(f).replace('_', ' ') for f in flags)}"
        parts.append(text + ".")
    parts.append(f"Handed over because of {_REASON_WORDS.get(reason, reason.replace('_', ' '))}.")
    return " ".join(parts)


def _dtmf(turn: dict[str, Any]) -> str:
    digits = turn.get("dtmf")
    return f"[keypad: {digits}]" if digits else ""
