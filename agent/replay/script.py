"""Call scripts and expectations: the two files that describe a replayed call.

A **call script** (JSON) is either a recording or a scripted caller::

    {"id": "refill-01", "description": "...",
     "recording": "call.wav",               # kind 1: the caller's channel on a fixed timeline
     "events": [{"t": 3.2, "dtmf": "1"}, {"t": 40.0, "hangup": true}]}

    {"id": "refill-01", "description": "...",
     "caller": [                             # kind 2: a scripted caller, step by step
        {"audio": "refill-01/01.wav"},       # an utterance from a file (relative to the script)
        {"say": "I need a refill", "voice": "flite:awb"},   # text spoken by a test voice
        {"dtmf": "12"},                      # keypad digits, 150 ms apart
        {"silence": 8.0},                    # say nothing for 8 s (after the bot stops)
        {"hangup": true}]}                   # hang up (after the bot stops, plus pause)

Each caller step waits until the bot has spoken and then been quiet for ``pause`` seconds
(default 0.8), or ``timeout`` seconds (default 12) pass with the bot silent, like a person
waiting for their turn. ``"barge_in": 1.5`` instead starts the step 1.5 s after the bot's
next reply begins, talking over it. The first step waits for the greeting like any other.

An **expectations** file (JSON) says what the call must show; every key is optional::

    {"intent": "refill" | ["refill", "other"], "handoff": true,
     "triage": {"level": "emergency", "red_flags": ["chest_pain"]},
     "bot_says": ["refill"], "bot_never_says": ["diagnos"],
     "caller_says": ["blood pressure"], "end_reason": "bot_hangup" | [...],
     "barge_in": true, "min_bot_turns": 2}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.errors import InputError

DEFAULT_PAUSE = 0.8
EXPECTATION_KEYS = frozenset(
    {
        "intent",
        "handoff",
        "triage",
        "bot_says",
        "bot_never_says",
        "caller_says",
        "end_reason",
        "barge_in",
        "min_bot_turns",
    }
)
DEFAULT_TIMEOUT = 12.0


@dataclass(frozen=True, slots=True)
class CallerStep:
    audio: Path | None = None
    say: str | None = None
    voice: str = "flite:awb"
    dtmf: str | None = None
    silence: float | None = None
    hangup: bool = False
    pause: float = DEFAULT_PAUSE
    timeout: float = DEFAULT_TIMEOUT
    barge_in: float | None = None


@dataclass(frozen=True, slots=True)
class TimedEvent:
    t: float
    dtmf: str | None = None
    hangup: bool = False


@dataclass(slots=True)
class CallScript:
    id: str
    description: str = ""
    recording: Path | None = None
    events: list[TimedEvent] = field(default_factory=list)
    caller: list[CallerStep] = field(default_factory=list)

    @property
    def scripted(self) -> bool:
        return self.recording is None


def _bad(path: Path, msg: str) -> InputError:
    return InputError(f"{path}: {msg}")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from exc


def parse_events(raw: Any, path: Path) -> list[TimedEvent]:
    if not isinstance(raw, list):
        raise _bad(path, "'events' must be a list of {t, dtmf|hangup}")
    events = []
    for i, ev in enumerate(raw):
        if not isinstance(ev, dict) or not isinstance(ev.get("t"), int | float) or ev["t"] < 0:
            raise _bad(path, f"event {i} needs a time 't' in seconds >= 0")
        dtmf = ev.get("dtmf")
        if dtmf is not None and (not isinstance(dtmf, str) or not _valid_dtmf(dtmf)):
            raise _bad(path, f"event {i}: dtmf must be digits from 0-9 * # A-D")
        if dtmf is None and not ev.get("hangup"):
            raise _bad(path, f"event {i} must have 'dtmf' or 'hangup'")
        events.append(TimedEvent(t=float(ev["t"]), dtmf=dtmf, hangup=bool(ev.get("hangup"))))
    return sorted(events, key=lambda e: e.t)


def load_events(path: str | Path) -> list[TimedEvent]:
    path = Path(path)
    raw = _read_json(path)
    if isinstance(raw, dict):
        raw = raw.get("events", [])
    return parse_events(raw, path)


def _valid_dtmf(s: str) -> bool:
    return bool(s) and all(c in "0123456789*#ABCD" for c in s)


def _step(raw: Any, i: int, path: Path) -> CallerStep:
    if not isinstance(raw, dict):
        raise _bad(path, f"caller step {i} must be an object")
    kinds = [k for k in ("audio", "say", "dtmf", "silence", "hangup") if raw.get(k) is not None]
    if len(kinds) != 1:
        raise _bad(path, f"caller step {i} needs exactly one of audio/say/dtmf/silence/hangup")
    audio = raw.get("audio")
    dtmf = raw.get("dtmf")
    if dtmf is not None and (not isinstance(dtmf, str) or not _valid_dtmf(dtmf)):
        raise _bad(path, f"caller step {i}: dtmf must be digits from 0-9 * # A-D")
    try:
        return CallerStep(
            audio=(path.parent / audio) if audio else None,
            say=raw.get("say"),
            voice=str(raw.get("voice", "flite:awb")),
            dtmf=dtmf,
            silence=float(raw["silence"]) if raw.get("silence") is not None else None,
            hangup=bool(raw.get("hangup", False)),
            pause=float(raw.get("pause", DEFAULT_PAUSE)),
            timeout=float(raw.get("timeout", DEFAULT_TIMEOUT)),
            barge_in=float(raw["barge_in"]) if raw.get("barge_in") is not None else None,
        )
    except (TypeError, ValueError) as exc:
        raise _bad(path, f"caller step {i}: {exc}") from exc


def load_script(path: str | Path) -> CallScript:
    path = Path(path)
    raw = _read_json(path)
    if not isinstance(raw, dict):
        raise _bad(path, "a call script is a JSON object")
    script = CallScript(
        id=str(raw.get("id") or path.stem), description=str(raw.get("description", ""))
    )
    if raw.get("recording"):
        script.recording = path.parent / raw["recording"]
        script.events = parse_events(raw.get("events", []), path)
    elif isinstance(raw.get("caller"), list):
        script.caller = [_step(s, i, path) for i, s in enumerate(raw["caller"])]
    else:
        raise _bad(path, "a call script needs 'recording' or a 'caller' list")
    return script


def load_expectations(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    raw = _read_json(path)
    if not isinstance(raw, dict):
        raise _bad(path, "an expectations file is a JSON object")
    known = EXPECTATION_KEYS
    unknown = set(raw) - known
    if unknown:
        raise _bad(path, f"unknown expectation keys {sorted(unknown)}; known: {sorted(known)}")
    return raw
