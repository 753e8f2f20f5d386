"""The bot's voice: replies queue here and the leg pulls them out 20 ms at a time.

A reply is synthesised sentence by sentence (possibly before the caller's turn is even
confirmed over) but plays only once *released*. Because the leg pulls frame by frame,
``pause()`` silences the bot at the very next frame, which is what makes barge-in fast, and
``resume()`` picks up where it stopped when the caller only said "mm-hm".
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE


@dataclass(eq=False)
class Reply:
    id: int
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    released: bool = False
    cancelled: bool = False
    synthesis_done: bool = False
    t_first_audio: float | None = None
    t_last_audio: float | None = None
    played_samples: int = 0
    underruns: int = 0
    _buffer: deque[np.ndarray] = field(default_factory=deque)
    _offset: int = 0  # samples already taken from _buffer[0]

    @property
    def started(self) -> bool:
        return self.t_first_audio is not None

    def buffered_samples(self) -> int:
        return sum(len(c) for c in self._buffer) - self._offset


@dataclass(frozen=True, slots=True)
class ReplyStarted:
    reply: Reply
    t: float


@dataclass(frozen=True, slots=True)
class ReplyFinished:
    reply: Reply
    t: float


SpeakerEvent = ReplyStarted | ReplyFinished


class Speaker:
    """The leg's :class:`~telephony.leg.AudioSource` for bot speech."""

    def __init__(self, notify: Callable[[SpeakerEvent], None]) -> None:
        self._notify = notify
        self._queue: deque[Reply] = deque()
        self.paused = False
        self._energy: deque[float] = deque(maxlen=10)  # last 200 ms of output, for echo gating

    # -- the session's side ---------------------------------------------------------------
    def add(self, reply: Reply) -> None:
        self._queue.append(reply)

    def push_audio(self, reply: Reply, pcm: np.ndarray) -> None:
        if not reply.cancelled and pcm.size:
            reply._buffer.append(pcm.astype(np.int16, copy=False))

    def finish_synthesis(self, reply: Reply) -> None:
        reply.synthesis_done = True

    def release(self, reply: Reply) -> None:
        reply.released = True

    def discard(self, reply: Reply) -> None:
        """Drop a reply that was never heard (a speculation that lost)."""
        reply.cancelled = True
        if reply in self._queue:
            self._queue.remove(reply)

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def cancel_all(self, t: float) -> list[Reply]:
        """Barge-in confirmed: drop the current reply and everything queued behind it."""
        dropped = [r for r in self._queue if r.released]
        for r in dropped:
            r.cancelled = True
            self._queue.remove(r)
            if r.started:
                self._notify(ReplyFinished(r, t))
        self.paused = False
        return dropped

    @property
    def busy(self) -> bool:
        """A released reply is playing or waiting to play."""
        return any(r.released for r in self._queue)

    @property
    def audible(self) -> bool:
        """The bot's audio is going out right now (or was stopped only by a pause)."""
        head = self._head()
        return head is not None and head.started

    @property
    def current(self) -> Reply | None:
        """The reply playing now, or next in line to play."""
        return self._head()

    def recent_output_rms(self) -> float:
        return max(self._energy, default=0.0)

    # -- the leg's side -------------------------------------------------------------------
    def _head(self) -> Reply | None:
        for r in self._queue:
            if r.released:
                return r
        return None

    def read_frame(self, t: float) -> np.ndarray | None:
        frame = self._next_frame(t)
        self._energy.append(
            0.0 if frame is None else float(np.sqrt(np.mean(frame.astype(np.float32) ** 2)))
        )
        return frame

    def _next_frame(self, t: float) -> np.ndarray | None:
        if self.paused:
            return None
        while (head := self._head()) is not None:
            if head.buffered_samples() == 0:
                if head.synthesis_done:
                    self._queue.remove(head)
                    if head.started:
                        self._notify(ReplyFinished(head, t))
                    continue
                if head.started:
                    head.underruns += 1  # synthesis fell behind playout: a gap the caller hears
                return None
            if head._buffer and head.buffered_samples() < FRAME_SAMPLES and not head.synthesis_done:
                # Don't play a part-frame while more audio is still coming.
                if head.started:
                    head.underruns += 1
                return None
            frame = self._take(head)
            if not head.started:
                head.t_first_audio = t
                self._notify(ReplyStarted(head, t))
            head.played_samples += FRAME_SAMPLES
            head.t_last_audio = t + FRAME_SAMPLES / SAMPLE_RATE
            return frame
        return None

    @staticmethod
    def _take(reply: Reply) -> np.ndarray:
        out = np.zeros(FRAME_SAMPLES, dtype=np.int16)
        filled = 0
        while filled < FRAME_SAMPLES and reply._buffer:
            chunk = reply._buffer[0]
            n = min(FRAME_SAMPLES - filled, len(chunk) - reply._offset)
            out[filled : filled + n] = chunk[reply._offset : reply._offset + n]
            filled += n
            reply._offset += n
            if reply._offset >= len(chunk):
                reply._buffer.popleft()
                reply._offset = 0
        return out
