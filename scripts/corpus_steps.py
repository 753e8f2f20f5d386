"""How a scripted call is written: the caller's steps and the Call that holds them.

Part of the scripted-call corpus; scripts/corpus_calls.py documents the steps and re-exports
everything here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# --- step helpers -----------------------------------------------------------------------------


def _opts(barge_in: float | None, pause: float | None, timeout: float | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if pause is not None:
        out["pause"] = pause
    if timeout is not None:
        out["timeout"] = timeout
    if barge_in is not None:
        out["barge_in"] = barge_in
    return out


def say(
    text: str,
    *,
    barge_in: float | None = None,
    pause: float | None = None,
    timeout: float | None = None,
    speed: float | None = None,
    voice: str | None = None,
) -> dict[str, Any]:
    """An utterance. ``voice``/``speed`` override the call's for this turn only."""
    step: dict[str, Any] = {"say": text, **_opts(barge_in, pause, timeout)}
    if speed is not None:
        step["speed"] = speed
    if voice is not None:
        step["voice"] = voice
    return step


def dtmf(
    digits: str,
    *,
    barge_in: float | None = None,
    pause: float | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    return {"dtmf": digits, **_opts(barge_in, pause, timeout)}


NO_ANSWERS = ("No, I don't think so.", "No, not at all.", "No, nothing like that.", "No, I'm not.")


def answers_no(n: int = 4) -> list[dict[str, Any]]:
    """A caller who answers "no" to each of the triage follow-up questions (a protocol asks
    two to four), and to "anything else?" if the call gets that far. Whole phrases, as people
    answer: a bare "No." on a phone line is often too short for the recogniser."""
    return [say(NO_ANSWERS[i % len(NO_ANSWERS)]) for i in range(n)]


def silence(seconds: float, *, timeout: float | None = None) -> dict[str, Any]:
    return {"silence": seconds, **_opts(None, None, timeout)}


def hangup(*, barge_in: float | None = None, pause: float | None = None) -> dict[str, Any]:
    return {"hangup": True, **_opts(barge_in, pause, None)}


@dataclass(frozen=True)
class Call:
    id: str
    description: str
    tags: tuple[str, ...]
    voice: str | None  # the caller's voice (None: the caller never speaks)
    steps: list[dict[str, Any]]
    expect: dict[str, Any]
    speed: float = 1.0  # speaking rate for every utterance (< 1: slower)
