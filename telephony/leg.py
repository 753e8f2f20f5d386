"""The CallLeg: what every way of reaching a caller (SIP, headset, recording, test) offers.

A leg moves 20 ms frames of 16 kHz mono int16 PCM. Inbound, it yields events (audio frames,
DTMF digits, hang-up) from ``recv()``. Outbound it is *pull-based*: every 20 ms of its own
media clock it asks the attached :class:`AudioSource` for the next frame. Pulling instead of
pushing means nothing is queued inside a leg beyond a device's own buffer, so a barge-in
stops the bot's audio at the very next frame; ``flush_output()`` empties that device buffer.
"""

from __future__ import annotations

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
