"""The CallLeg: what every way of reaching a caller (SIP, headset, recording, test) offers.

A leg moves 20 ms frames of 16 kHz mono int16 PCM. Inbound, it yields events (audio frames,
DTMF digits, hang-up) from ``recv()``. Outbound it is *pull-based*: every 20 ms of its own
media clock it asks the attached :class:`AudioSource` for the next frame. Pulling instead of
pushing means nothing is queued inside a leg beyond a device's own buffer, so a barge-in
stops the bot's audio at the very next frame; ``flush_output()`` empties that device buffer.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

SAMPLE_RATE = 16_000
FRAME_MS = 20
FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000  # 320


@dataclass(frozen=True, slots=True)
class AudioFrame:
    """One 20 ms inbound frame; ``t`` is its start on the leg's media timeline (s)."""

    pcm: np.ndarray
    t: float


@dataclass(frozen=True, slots=True)
class DtmfDigit:
    digit: str
    t: float


@dataclass(frozen=True, slots=True)
class LegHangup:
    """The far end went away. ``reason`` is a termination reason for the call record."""

    reason: str = "caller_hangup"
    t: float = 0.0
    sip_status: int | None = None


@dataclass(frozen=True, slots=True)
class CallerInfo:
    """What the leg knows about the caller. PHI: never log these fields."""

    number: str | None = None
    display_name: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


LegEvent = AudioFrame | DtmfDigit | LegHangup


@runtime_checkable
class AudioSource(Protocol):
    def read_frame(self, t: float) -> np.ndarray | None:
        """The next 20 ms outbound frame for media time ``t``; None means silence."""


@runtime_checkable
class CallLeg(Protocol):
    caller: CallerInfo

    async def recv(self) -> LegEvent:
        """Next inbound event. After a LegHangup it keeps returning that hang-up."""

    def set_audio_source(self, source: AudioSource | None) -> None: ...

    def flush_output(self) -> None:
        """Drop outbound audio the leg has taken but not yet played."""

    async def hangup(self, reason: str) -> None:
        """End the call from our side; idempotent."""


def silence() -> np.ndarray:
    return np.zeros(FRAME_SAMPLES, dtype=np.int16)


def fit_frame(pcm: np.ndarray | None) -> np.ndarray:
    """Exactly one frame: None is silence, a short frame is padded, a long one cut."""
    if pcm is None:
        return silence()
    pcm = np.asarray(pcm, dtype=np.int16).reshape(-1)
    if len(pcm) < FRAME_SAMPLES:
        return np.pad(pcm, (0, FRAME_SAMPLES - len(pcm)))
    return pcm[:FRAME_SAMPLES]


class InboundQueue:
    """A leg's bounded inbound events. When full, a new audio frame pushes out the OLDEST
    queued audio frame (as a live line does when the call falls behind), counted in
    ``dropped_frames``. DTMF digits and the hang-up are control and never displace anything;
    a digit that finds the queue full of digits is refused (``put`` returns False)."""

    def __init__(self, max_events: int) -> None:
        if max_events < 1:
            raise ValueError("the inbound queue needs room for at least one event")
        self.max_events = max_events
        self.dropped_frames = 0
        self._events: deque[AudioFrame | DtmfDigit] = deque()
        self._hangup: LegHangup | None = None
        self._ready = asyncio.Event()

    def __len__(self) -> int:
        return len(self._events)

    @property
    def hung_up(self) -> LegHangup | None:
        return self._hangup

    def put(self, event: AudioFrame | DtmfDigit) -> bool:
        if len(self._events) >= self.max_events:
            oldest = next(
                (i for i, e in enumerate(self._events) if isinstance(e, AudioFrame)), None
            )
            if oldest is None:
                return False
            del self._events[oldest]
            self.dropped_frames += 1
        self._events.append(event)
        self._ready.set()
        return True

    def hang_up(self, hangup: LegHangup) -> None:
        """The first hang-up wins; events queued before it are still delivered."""
        if self._hangup is None:
            self._hangup = hangup
        self._ready.set()

    async def get(self) -> LegEvent:
        while True:
            if self._events:
                return self._events.popleft()
            if self._hangup is not None:
                return self._hangup
            self._ready.clear()
            await self._ready.wait()
