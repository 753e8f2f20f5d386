"""The call record: everything a call did, appended as it happens.

The record is built from a stream of small operations ("ops"). The same ``apply`` turns ops
into the record live and when a crashed call's journal is read back, so what was written is
exactly what is recovered: a crash loses at most the turn in progress. Records hold PHI
(transcripts, caller numbers): they go to the journal file or database, never into logs.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from telephony.leg import CallerInfo

SCHEMA = "careline.call-record/1"


class RecordSink(Protocol):
    def append(self, op: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class MemorySink:
    def __init__(self) -> None:
        self.ops: list[dict[str, Any]] = []

    def append(self, op: dict[str, Any]) -> None:
        self.ops.append(op)

    def close(self) -> None:
        pass


class JournalFile:
    """JSON lines, flushed and fsynced per op so a killed process keeps every finished turn."""

    def __init__(self, path: str | Path, *, append: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._f = open(self.path, "a" if append else "w", encoding="utf-8")

    def append(self, op: dict[str, Any]) -> None:
        self._f.write(json.dumps(op, ensure_ascii=False) + "\n")
        self._f.flush()
        os.fsync(self._f.fileno())

    def close(self) -> None:
        if not self._f.closed:
            self._f.close()


@dataclass
class CallRecord:
    call_id: str
    sinks: list[RecordSink] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.data:
            self.data = {
                "schema": SCHEMA,
                "call_id": self.call_id,
                "started_at": None,
                "clock": None,
                "leg": None,
                "turns": [],
                "intent": None,
                "triage": None,
                "triage_protocol": None,  # follow-up questions asked, with the answers
                # Changes to the clinic's data, each written "started" then "done"/"failed",
                # so a crash mid-booking shows where it stopped.
                "self_service": [],
                "patient_id": None,  # the patient identity was verified for, if any
                "handoff": {"requested": False, "reason": None},
                "turn_latency_ms": [],
                "barge_ins": [],
                "events": [],
                "end_reason": None,
                "duration_s": None,
            }

    # -- writing -------------------------------------------------------------------------
    def _emit(self, op: dict[str, Any]) -> None:
        apply(self.data, op)
        for sink in self.sinks:
            sink.append(op)

    def start(self, *, started_at: str, clock: str, leg: str, caller: dict[str, Any]) -> None:
        self._emit(
            {
                "op": "start",
                "call_id": self.call_id,
                "started_at": started_at,
                "clock": clock,
                "leg": leg,
                "caller": caller,
            }
        )

    def add_turn(self, speaker: str, text: str, t_start: float, t_end: float, **extra: Any) -> int:
        turn = {
            "speaker": speaker,
            "text": text,
            "t_start": round(t_start, 3),
            "t_end": round(t_end, 3),
            **extra,
        }
        self._emit({"op": "turn", "turn": turn})
        return len(self.data["turns"]) - 1

    def update_turn(self, index: int, **fields: Any) -> None:
        self._emit({"op": "turn_update", "index": index, "fields": fields})

    def set(self, key: str, value: Any) -> None:
        self._emit({"op": "set", "key": key, "value": value})

    def add(self, key: str, value: Any) -> None:
        """Append to one of the list fields (turn_latency_ms, barge_ins, events)."""
        self._emit({"op": "add", "key": key, "value": value})

    def end(self, reason: str, duration_s: float, **extra: Any) -> None:
        self._emit({"op": "end", "end_reason": reason, "duration_s": round(duration_s, 3), **extra})
        for sink in self.sinks:
            sink.close()

    # -- reading -------------------------------------------------------------------------
    @property
    def ended(self) -> bool:
        return self.data["end_reason"] is not None

    def caller_turns(self) -> list[dict[str, Any]]:
        return [t for t in self.data["turns"] if t["speaker"] == "caller"]

    def bot_turns(self) -> list[dict[str, Any]]:
        return [t for t in self.data["turns"] if t["speaker"] == "bot"]

    def to_json(self) -> str:
        return json.dumps(self.data, indent=2, ensure_ascii=False)

    def save(self, path: str | Path) -> None:
        """Written whole and renamed into place: a reader never sees half a record."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(self.to_json() + "\n", encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: str | Path) -> CallRecord:
        """A saved record, to read or amend (its sinks are not reopened)."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(call_id=str(data.get("call_id") or Path(path).stem), data=data)


def apply(data: dict[str, Any], op: dict[str, Any]) -> None:
    kind = op["op"]
    if kind == "start":
        data.update({k: op[k] for k in ("call_id", "started_at", "clock", "leg", "caller")})
    elif kind == "turn":
        data["turns"].append(dict(op["turn"]))
    elif kind == "turn_update":
        data["turns"][op["index"]].update(op["fields"])
    elif kind == "set":
        data[op["key"]] = op["value"]
    elif kind == "add":
        data[op["key"]].append(op["value"])
    elif kind == "end":
        data.update({k: v for k, v in op.items() if k != "op"})
    else:
        raise ValueError(f"unknown record op {kind!r}")


def recover(journal: str | Path) -> CallRecord:
    """Rebuild a record from its journal; a torn last line (crash mid-write) is skipped."""
    lines = Path(journal).read_text(encoding="utf-8").splitlines()
    record: CallRecord | None = None
    for line in lines:
        try:
            op = json.loads(line)
        except json.JSONDecodeError:
            continue
        if record is None:
            record = CallRecord(call_id=str(op.get("call_id", Path(journal).stem)))
        apply(record.data, op)
    if record is None:
        record = CallRecord(call_id=Path(journal).stem)
    if record.data["end_reason"] is None:
        record.data["end_reason"] = "crashed"
    return record


def amend_saved(records_dir: str | Path, call_id: str, key: str, value: Any) -> bool:
    """Set ``key`` in a call's saved record after the call ended (an agent's wrap-up written
    once the caller had hung up). The journal gets the op too, so :func:`recover` agrees.

    Returns False when there is no saved record to amend (no records directory for this call,
    or a call id that is not a plain file name): the caller keeps it elsewhere (the database).
    """
    if not call_id or Path(call_id).name != call_id or call_id.startswith("."):
        return False
    base = Path(records_dir)
    saved, journal = base / f"{call_id}.json", base / f"{call_id}.jsonl"
    if not saved.exists():
        return False
    record = CallRecord.load(saved)
    if journal.exists():
        record.sinks.append(JournalFile(journal, append=True))
    record.set(key, value)  # applied to the record and appended to its journal
    for sink in record.sinks:
        sink.close()
    record.save(saved)
    return True


def caller_fields(caller: CallerInfo) -> dict[str, Any]:
    """The record's ``caller`` entry. PHI: it goes into the record, never into a log."""
    fields: dict[str, Any] = {"number": caller.number}
    if caller.display_name:
        fields["display_name"] = caller.display_name
    if caller.extra:
        fields["headers"] = dict(caller.extra)
    return fields
