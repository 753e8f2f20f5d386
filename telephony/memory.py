"""The in-memory leg: a test plays the caller and turns the media clock by hand.

A test pushes what the caller does (``push_audio``, ``push_dtmf``, ``push_hangup``) and
calls ``tick()`` to pull the bot's next 20 ms frame, exactly when it wants to; everything the
bot said is kept (``outbound_audio()``). Nothing runs in the background, so there are no
tasks to leak and no time to wait for.

The inbound queue holds at most ``max_inbound`` events. When it is full, a new audio frame
drops the OLDEST queued audio frame (as a live line does when the call falls behind),
counted in ``dropped_frames``. DTMF digits and the hang-up are control and never dropped;
a digit pushed into a queue holding nothing but digits raises :class:`OverflowError`,
because a test that does that has forgotten to receive.
"""

from __future__ import annotations

import numpy as np

from telephony.leg import (
    FRAME_MS,
    FRAME_SAMPLES,
    AudioFrame,
    AudioSource,
    CallerInfo,
    DtmfDigit,
    InboundQueue,
    LegEvent,
    LegHangup,
    fit_frame,
)

__all__ = ["DTMF_DIGITS", "MemoryLeg"]

FRAME_S = FRAME_MS / 1000
DTMF_DIGITS = frozenset("0123456789*#ABCD")


class MemoryLeg:
    def __init__(self, caller: CallerInfo | None = None, *, max_inbound: int = 250) -> None:
        self.caller = caller or CallerInfo()
        self.max_inbound = max_inbound
        self.flushes = 0
        self.hangup_reason: str | None = None  # set when the bot hung up
        self.outbound: list[np.ndarray] = []  # one frame per tick, silence included
        self._inbound = InboundQueue(max_inbound)
        self._source: AudioSource | None = None
        self._in_frames = 0  # inbound media clock, in frames
        self._out_frames = 0  # outbound media clock, in frames

    # -- the test's side: the caller ----------------------------------------------------
    @property
    def inbound_t(self) -> float:
        """Media time of the next inbound frame."""
        return self._in_frames * FRAME_S

    def push_audio(self, pcm: np.ndarray) -> int:
        """Queue caller audio as 20 ms frames (the last one padded); returns how many."""
        samples = np.asarray(pcm, dtype=np.int16).reshape(-1)
        count = 0
        for start in range(0, len(samples), FRAME_SAMPLES):
            self._put(AudioFrame(fit_frame(samples[start : start + FRAME_SAMPLES]), self.inbound_t))
            self._in_frames += 1
            count += 1
        return count

    def push_dtmf(self, digit: str) -> None:
        if digit not in DTMF_DIGITS or len(digit) != 1:
            raise ValueError("a DTMF event is one of 0-9, *, #, A-D")
        self._put(DtmfDigit(digit, self.inbound_t))

    def push_hangup(self, reason: str = "caller_hangup", sip_status: int | None = None) -> None:
        self._inbound.hang_up(LegHangup(reason, self.inbound_t, sip_status))

    def tick(self) -> np.ndarray:
        """One tick of the outbound clock: pull the source's next frame and keep it."""
        t = self._out_frames * FRAME_S
        source = self._source
        frame = fit_frame(source.read_frame(t) if source is not None else None)
        self.outbound.append(frame)
        self._out_frames += 1
        return frame

    def outbound_audio(self) -> np.ndarray:
        """Everything the bot said, one frame per tick."""
        if not self.outbound:
            return np.zeros(0, dtype=np.int16)
        return np.concatenate(self.outbound)

    @property
    def pending(self) -> int:
        """Inbound events queued and not yet received."""
        return len(self._inbound)

    @property
    def dropped_frames(self) -> int:
        return self._inbound.dropped_frames

    def _put(self, event: AudioFrame | DtmfDigit) -> None:
        if not self._inbound.put(event):
            raise OverflowError(
                f"{self.max_inbound} DTMF digits queued and none received: call recv()"
            )

    # -- CallLeg ------------------------------------------------------------------------
    async def recv(self) -> LegEvent:
        return await self._inbound.get()

    def set_audio_source(self, source: AudioSource | None) -> None:
        self._source = source

    def flush_output(self) -> None:
        self.flushes += 1  # nothing buffered: tick() pulls straight from the source

    async def hangup(self, reason: str) -> None:
        if self.hangup_reason is not None or self._inbound.hung_up is not None:
            return
        self.hangup_reason = reason
        self._inbound.hang_up(LegHangup(reason, self._out_frames * FRAME_S))
