"""The leg over the sound card: a live caller at this machine's microphone and speaker.

:class:`DeviceLeg` moves frames between one duplex PortAudio stream (opened through
:mod:`telephony.device.sound_card`) and the call; the threading rules it keeps are told in
:mod:`telephony.device`. It is its own module because of the PortAudio thread: everything
that runs there is in this class.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from typing import Any

import numpy as np

from telephony.device.media_leg import FRAME_S, _OwnedMediaLeg
from telephony.device.sound_card import DeviceSpec, Stream, StreamFactory, sounddevice_streams
from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE, AudioFrame, CallerInfo, LegHangup, fit_frame

log = logging.getLogger("careline.leg")

FRAME_BYTES = FRAME_SAMPLES * 2


class DeviceLeg(_OwnedMediaLeg):
    """A live caller at this machine's microphone and speaker."""

    kind = "device"

    def __init__(
        self,
        device: DeviceSpec = None,
        *,
        stream_factory: StreamFactory | None = None,
        latency: float | str = "low",
        caller: CallerInfo | None = None,
        inbound_frames: int = 50,
        ring_frames: int = 4,
        handle_sigint: bool = True,
    ) -> None:
        super().__init__(caller=caller, inbound_frames=inbound_frames, handle_sigint=handle_sigint)
        if ring_frames < 1:
            raise ValueError("the outbound ring needs room for at least one frame")
        # Resolving the device here makes a wrong --device fail before the call starts.
        self._factory = stream_factory or sounddevice_streams(device, latency)
        self.ring_frames = ring_frames
        self._ring: deque[bytes] = deque()
        self._stream: Stream | None = None
        self._tick = asyncio.Event()
        self._wake_pending = False
        self._next_out_t = 0.0
        # Written only by the PortAudio thread:
        self._in_rest = b""
        self._out_rest = b""
        self._in_frames = 0
        self._out_samples = 0
        self.underruns = 0  # blocks the ring could not fill: the caller heard a gap
        self.xruns = 0  # blocks PortAudio flagged (input overflow, output underflow)
        self.callback_errors = 0
        self.flushes = 0
        self._playing = True  # False once the call ended: silence is then no underrun
        self._flushed = False

    def stats(self) -> dict[str, int]:
        return {
            "dropped_frames": self.dropped_frames,
            "underruns": self.underruns,
            "xruns": self.xruns,
            "callback_errors": self.callback_errors,
        }

    def flush_output(self) -> None:
        self._ring.clear()
        self._flushed = True  # until refilled, an empty ring is the point, not an underrun
        self._next_out_t = 0.0
        self.flushes += 1
        self._tick.set()  # refill with fresh (by now paused, silent) frames at once

    def _media_time(self) -> float:
        return self._in_frames * FRAME_S

    def _end(self, event: LegHangup, *, by: str) -> None:
        self._playing = False
        super()._end(event, by=by)

    async def _open(self) -> None:
        stream = self._factory(self._callback, self._stream_finished)
        try:
            self._top_up()  # so the first block already has audio
            stream.start()
        except BaseException:
            stream.close()
            raise
        self._stream = stream

    async def _media(self) -> None:
        while True:
            await self._tick.wait()
            self._tick.clear()
            self._top_up()

    def _top_up(self) -> None:
        if self._ended is not None:
            return  # let the ring run dry: the call is over
        while len(self._ring) < self.ring_frames:
            # When this frame will be heard, on the same timeline as the inbound frames.
            t = round(
                max(self._out_samples / SAMPLE_RATE + len(self._ring) * FRAME_S, self._next_out_t),
                6,
            )
            source = self._source
            pcm = source.read_frame(t) if source is not None else None
            self._ring.append(fit_frame(pcm).tobytes())
            self._next_out_t = t + FRAME_S
        self._flushed = False

    async def _close_media(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        if self.ended_by == "bot":
            # Let the last words (a goodbye) play out of the ring before stopping.
            for _ in range(self.ring_frames + 2):
                if not self._ring:
                    break
                await asyncio.sleep(FRAME_S)
        await asyncio.to_thread(self._stop_stream, stream)
        if any(self.stats().values()):
            log.info("device leg: %s", self.stats())

    @staticmethod
    def _stop_stream(stream: Stream) -> None:
        try:
            stream.stop()  # waits for buffered output: off the loop
        finally:
            stream.close()

    # -- PortAudio's thread: never block, never touch asyncio but call_soon_threadsafe ---
    def _callback(self, indata: Any, outdata: Any, frames: int, time: Any, status: Any) -> None:
        try:
            if status:
                self.xruns += 1
            self._take_input(indata)
            self._fill_output(outdata, frames * 2)
            self._out_samples += frames
        except Exception:  # a bug here must not kill PortAudio's thread 50 times a second
            self.callback_errors += 1
            outdata[:] = bytes(len(outdata))
        self._wake_loop()

    def _take_input(self, indata: Any) -> None:
        data = self._in_rest + bytes(indata) if self._in_rest else bytes(indata)
        whole = len(data) // FRAME_BYTES
        for i in range(whole):
            pcm = np.frombuffer(data, dtype="<i2", count=FRAME_SAMPLES, offset=i * FRAME_BYTES)
            self._inbox.put_nowait(AudioFrame(pcm.astype(np.int16), self._in_frames * FRAME_S))
            self._in_frames += 1
        self._in_rest = data[whole * FRAME_BYTES :]

    def _fill_output(self, outdata: Any, nbytes: int) -> None:
        pos, rest = 0, self._out_rest
        while pos < nbytes:
            if not rest:
                try:
                    rest = self._ring.popleft()
                except IndexError:
                    outdata[pos:nbytes] = bytes(nbytes - pos)
                    if self._playing and not self._flushed:
                        self.underruns += 1
                    break
            n = min(len(rest), nbytes - pos)
            outdata[pos : pos + n] = rest[:n]
            rest, pos = rest[n:], pos + n
        self._out_rest = rest

    def _wake_loop(self) -> None:
        # At most one wake-up pending: a stalled loop is not flooded with callbacks.
        loop = self._loop
        if self._wake_pending or loop is None:
            return
        self._wake_pending = True
        try:
            loop.call_soon_threadsafe(self._on_wake)
        except RuntimeError:  # the loop is closed: the leg is being torn down
            self._wake_pending = False

    def _stream_finished(self) -> None:
        loop = self._loop
        if loop is None or self._closed:
            return
        try:
            loop.call_soon_threadsafe(self._on_stream_finished)
        except RuntimeError:  # the loop is closed: nobody is listening any more
            return

    # -- back on the loop -----------------------------------------------------------------
    def _on_wake(self) -> None:
        self._wake_pending = False
        self._inbox.wake()
        self._tick.set()

    def _on_stream_finished(self) -> None:
        if not self._closed:
            log.error("device leg: the sound device stopped (unplugged?)")
            self._end(LegHangup("device_error", self._media_time()), by="caller")
