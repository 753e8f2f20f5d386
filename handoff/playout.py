"""Adaptive playout of a browser's voice into a call leg: as little delay as the network allows.

A browser's audio arrives in bursts (Wi-Fi, a busy home line, a loaded machine) and the leg
pulls it on its own steady 20 ms clock. Whatever sits in between is delay the person at the
other end hears as a slower conversation, so it should hold just enough to ride out the
network's jitter and no more:

- playout starts once ``target`` is buffered (40 ms to begin with);
- running dry means the network was later than the target allowed: the caller hears a gap
  (counted as an underrun), the target grows by a frame and playout waits to re-prime;
- a buffer that never fell below target + two frames for a whole window holds standing
  delay nobody needs (after an early burst, say): all but a frame of margin is dropped, a
  frame at a time at quiet moments, so the delay shrinks back within seconds instead of
  staying for the whole call;
- a long calm stretch with no underrun lowers the target again, down to its floor.

aiortc's own jitter buffer in front of this one is made lean (:func:`lean_jitter_buffer`),
so this is the one place the delay is decided.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from aiortc.jitterbuffer import JitterBuffer

from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE

__all__ = ["AgentAudio", "lean_jitter_buffer"]

MIN_TARGET_FRAMES = 2  # 40 ms: loopback and a wired LAN need no more
MAX_TARGET_FRAMES = 10  # 200 ms: past this a conversation feels like a satellite call
TRIM_WINDOW_READS = 100  # 2 s of reads: how long a surplus must last before it is dropped
CALM_READS = 500  # 10 s without an underrun: lower the target by a frame
QUIET_PEAK = 1000  # a frame under this peak (about -30 dBFS) is dropped without being heard
FORCED_TRIM_FRAMES = 5  # a surplus this large (100 ms) is dropped even mid-word


class AgentAudio:
    """The browser's voice for the leg to pull: 16 kHz mono, 20 ms at a time."""

    def __init__(self, max_seconds: float = 0.5) -> None:
        self._buffer = np.zeros(0, dtype=np.int16)
        self._max = int(max_seconds * SAMPLE_RATE)
        self.target = MIN_TARGET_FRAMES * FRAME_SAMPLES
        self.muted = False
        self.started = False  # audio has played once: from now on silence is a gap
        self._playing = False
        self.underruns = 0
        self.overflowed = 0
        self.trimmed = 0  # samples dropped as standing delay
        self.received = 0
        self._lowest = self._max
        self._reads = 0
        self._calm = 0
        self._excess = 0  # standing delay found, still to drop

    @property
    def delay_ms(self) -> float:
        """What is buffered now, in ms: the delay this buffer adds at this moment."""
        return 1000 * self._buffer.size / SAMPLE_RATE

    def feed(self, pcm: np.ndarray) -> None:
        self.received += pcm.size
        self._buffer = np.concatenate([self._buffer, pcm.astype(np.int16)])
        if self._buffer.size > self._max:  # the browser is far ahead of the leg: catch up
            self.overflowed += self._buffer.size - self._max
            self._buffer = self._buffer[-self._max :]

    def read_frame(self, t: float) -> np.ndarray | None:
        if not self._playing:
            if self._buffer.size < self.target:
                if self.started:
                    self.underruns += 1
                return None
            self._playing = self.started = True
            self._restart_window()
        if self._buffer.size < FRAME_SAMPLES:
            # The network was later than the target allowed: wait longer from now on.
            self.underruns += 1
            self.target = min(self.target + FRAME_SAMPLES, MAX_TARGET_FRAMES * FRAME_SAMPLES)
            self._playing = False
            self._calm = 0
            return None
        self._adapt()
        frame, self._buffer = self._buffer[:FRAME_SAMPLES], self._buffer[FRAME_SAMPLES:]
        return None if self.muted else frame

    def _adapt(self) -> None:
        """Track the buffer's low point; drop standing delay, relax the target when calm."""
        self._lowest = min(self._lowest, self._buffer.size)
        self._reads += 1
        self._calm += 1
        if self._calm >= CALM_READS:
            self._calm = 0
            self.target = max(self.target - FRAME_SAMPLES, MIN_TARGET_FRAMES * FRAME_SAMPLES)
        if self._reads >= TRIM_WINDOW_READS:
            # The buffer never fell below this for a whole window: delay nobody needs. A frame
            # of it is kept as margin (the next window's jitter may dip deeper than this one's;
            # dropping all of it measured more underruns and a worse p95 at 10 calls).
            surplus = self._lowest - self.target - FRAME_SAMPLES
            self._excess = surplus - surplus % FRAME_SAMPLES if surplus > 0 else 0
            self._restart_window()
        if self._excess < FRAME_SAMPLES or self._buffer.size - FRAME_SAMPLES < self.target:
            return
        # One frame a read at most, at quiet moments (a pause between words), unless so much
        # has piled up that a 20 ms skip is better than the wait.
        head = self._buffer[:FRAME_SAMPLES]
        quiet = int(np.abs(head.astype(np.int32)).max(initial=0)) < QUIET_PEAK
        if quiet or self._excess >= FORCED_TRIM_FRAMES * FRAME_SAMPLES:
            self._buffer = self._buffer[FRAME_SAMPLES:]
            self.trimmed += FRAME_SAMPLES
            self._excess -= FRAME_SAMPLES

    def _restart_window(self) -> None:
        self._lowest, self._reads = self._buffer.size, 0


def lean_jitter_buffer(receiver: Any) -> None:
    """Make aiortc release each audio packet as soon as the one after it is in.

    aiortc holds four packets (80 ms of Opus) before it decodes the first, whatever the
    network does, and has no setting for it. Behind it :class:`AgentAudio` adapts to the
    jitter it actually sees, so the fixed hold is pure delay: on loopback it was most of the
    agent-to-caller latency. Replaced before the first packet arrives; private attribute,
    checked so an aiortc that renames it fails loudly here, not silently slow.
    """
    name = "_RTCRtpReceiver__jitter_buffer"
    current = getattr(receiver, name, None)
    if not isinstance(current, JitterBuffer):
        raise RuntimeError("this aiortc keeps its jitter buffer elsewhere; update handoff/playout")
    setattr(receiver, name, JitterBuffer(capacity=current.capacity, prefetch=1))
