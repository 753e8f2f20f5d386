"""Replay a call through the whole agent and get back what happened.

``replay_call`` is what ``careline replay`` and the pytest fixture both use: it opens the
call (a recording or a scripted caller), runs it through an :class:`~agent.engine.Engine`
on virtual time (deterministic, faster than real time) or paced like a live line
(``realtime=True``, for latency), and returns the record, the line's timeline, both audio
channels, and any expectations the call failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from agent.audio import load_audio, save_wav
from agent.clock import Clock, run_virtual
from agent.engine import Engine
from agent.errors import CarelineError, InputError
from agent.record import CallRecord, JournalFile, RecordSink
from agent.replay import expect as expectations
from agent.replay.leg import ReplayLeg, Timeline
from agent.replay.script import (
    CallerStep,
    CallScript,
    load_events,
    load_expectations,
    load_script,
)
from handoff.port import Handoff

AUDIO_SUFFIXES = {".wav", ".ul", ".ulaw", ".mulaw", ".pcmu", ".u8", ".al", ".alaw", ".pcma"}


@dataclass
class ReplayResult:
    record: CallRecord
    timeline: Timeline
    audio: np.ndarray  # (samples, 2): caller, bot
    failures: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def open_call(path: str | Path, events: str | Path | None = None) -> CallScript:
    """A call from a script (.json) or a recording (WAV or raw G.711).

    Every audio file the call needs is opened here, so a bad one is reported before any
    model loads, not halfway through a replay."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        script = load_script(path)
        if events is not None:
            script.events = load_events(events)
        for step in script.caller:
            if step.audio is not None:
                load_audio(step.audio, max_seconds=0.1)
        if script.recording is not None:
            load_audio(script.recording, max_seconds=0.1)
        return script
    if path.suffix.lower() not in AUDIO_SUFFIXES:
        raise InputError(
            f"{path}: expected a call script (.json) or a recording "
            f"({', '.join(sorted(AUDIO_SUFFIXES))})"
        )
    load_audio(path, max_seconds=0.1)
    script = CallScript(id=path.stem, recording=path)
    if events is not None:
        script.events = load_events(events)
    return script


def default_renderer(cache_dir: Path | None = None) -> Callable[[CallerStep], np.ndarray]:
    def render(step: CallerStep) -> np.ndarray:
        if step.audio is not None:
            return load_audio(step.audio)
        from agent.replay import voices

        assert step.say is not None
        return voices.render(step.say, step.voice, cache_dir=cache_dir)

    return render


async def replay(
    engine: Engine,
    script: CallScript,
    *,
    realtime: bool = False,
    handoff: Handoff | None = None,
    sinks: list[RecordSink] | None = None,
    render: Callable[[CallerStep], np.ndarray] | None = None,
    max_s: float | None = None,
    on_partial: Callable[[str], None] | None = None,
) -> tuple[CallRecord, ReplayLeg]:
    # The line stays up past the call limit long enough for the bot's polite goodbye.
    max_s = max_s or engine.config.call.max_call_s + 90.0
    recording = None
    if not script.scripted:
        assert script.recording is not None
        recording = load_audio(script.recording, max_seconds=max_s)
    leg = ReplayLeg(
        script, clock=Clock(), recording=recording, render=render or default_renderer(), max_s=max_s
    )
    call = engine.new_call(
        leg,
        call_id=script.id,
        sinks=sinks,
        handoff=handoff,
        leg_kind="replay",
        clock_kind="realtime" if realtime else "virtual",
        on_partial=on_partial,
    )
    try:
        async with asyncio.TaskGroup() as tg:
            media = tg.create_task(leg.run(), name=f"replay:{script.id}:media")
            record = await call.run()
            media.cancel()
    except* CarelineError as group:
        # e.g. a caller's audio file that turned out unreadable: one clear error, no group.
        raise group.exceptions[0] from None
    return record, leg


def replay_call(
    engine: Engine,
    call: str | Path | CallScript,
    *,
    realtime: bool = False,
    expect: dict[str, Any] | str | Path | None = None,
    events: str | Path | None = None,
    handoff: Handoff | None = None,
    journal: str | Path | None = None,
    render: Callable[[CallerStep], np.ndarray] | None = None,
) -> ReplayResult:
    import time

    script = call if isinstance(call, CallScript) else open_call(call, events)
    if isinstance(expect, str | Path):
        expect = load_expectations(expect)
    sinks: list[RecordSink] = [JournalFile(journal)] if journal else []
    started = time.perf_counter()
    coro = replay(engine, script, realtime=realtime, handoff=handoff, sinks=sinks, render=render)
    record, leg = asyncio.run(coro) if realtime else run_virtual(coro)
    result = ReplayResult(record, leg.timeline, leg.stereo(), wall_s=time.perf_counter() - started)
    if expect:
        result.failures = expectations.check(record.data, expect)
    return result


def save_result(result: ReplayResult, out: str | Path, audio_out: str | Path | None = None) -> None:
    data = result.record.data | {"replay": result.timeline.as_dict()}
    if result.failures:
        data["expectation_failures"] = result.failures
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    import json

    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if audio_out is not None:
        save_wav(audio_out, result.audio)
