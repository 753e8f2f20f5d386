"""An adaptive jitter buffer for one incoming RTP stream, pulled every 20 ms.

Packets are ordered by (extended) sequence number, so reordering, duplicates and the
16-bit wrap fall out of one dictionary. Timing is not scheduled from RTP timestamps:
playout is driven by the caller's own 20 ms pull (the call leg's media clock), and the
buffer steers its *depth* - how many frames sit between the playout point and the newest
packet - toward a target derived from measured jitter. That choice makes clock drift an
ordinary depth error: a sender slightly fast makes the depth creep up and a frame is
dropped, a sender slightly slow makes it creep down and a frame is stretched, preferably
while the listener hears silence (``quiet``), and regardless once the error is large.

Target: the 95th percentile of each packet's transit time above the fastest transit in a
sliding window, plus one frame for the phase between arrivals and pulls, clamped to
[min_delay, max_delay]. It rises at once (a late packet costs audio) and falls by at most
one frame a second (a short buffer costs nothing until the next spike).
"""

from __future__ import annotations

import enum
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from telephony.media.rtp import RtpPacket

__all__ = ["Gap", "JitterBuffer"]

_MAX_DROPOUT = 3000  # RFC 3550 A.1: jumps further ahead than this need confirming
_MAX_MISORDER = 100  # and so do packets further behind than this


class Gap(enum.Enum):
    """What :meth:`JitterBuffer.pop` returns instead of a payload."""

    LOST = "lost"  # the frame's turn came and it never arrived: conceal it
    STRETCH = "stretch"  # playout held one frame to deepen the buffer: conceal or repeat
    EMPTY = "empty"  # nothing to play (not started, talk pause, underrun): silence


@dataclass(slots=True)
class _Slot:
    payload: bytes | None  # None: a non-audio packet (RFC 4733) that holds a sequence number


class JitterBuffer:
    """Put packets in as they arrive, pop one frame per 20 ms of playout.

    ``capacity`` bounds the frames held (a sender racing ahead loses its oldest frames,
    counted as ``overflow``); every other drop has its own counter in ``counters``.
    """

    def __init__(
        self,
        *,
        clock_rate: int = 8000,
        frame_duration: float = 0.02,
        min_delay: float = 0.02,
        max_delay: float = 0.2,
        capacity: int = 64,
        window: int = 100,
        quantile: float = 0.95,
        resync_threshold: float = 1.0,
        quiet: Callable[[], bool] | None = None,
    ) -> None:
        self.clock_rate = clock_rate
        self.frame_duration = frame_duration
        self.min_delay = min_delay
        self.max_delay = max_delay
        self.capacity = capacity
        self.quantile = quantile
        self.resync_threshold = resync_threshold
        self._quiet = quiet
        self.target = min_delay
        self._transits: deque[float] = deque(maxlen=window)
        self._since_estimate = 0
        self._slots: dict[int, _Slot] = {}
        self._ssrc: int | None = None
        self._next = 0
        self._highest = -1
        self._ts_ref = 0
        self._ts_ext = 0
        self._stray: int | None = None
        self._playing = False
        self._played_any = False
        self._fill_started = 0.0
        self._avg_depth = 0.0
        self._cooldown = 0
        self._owed = 0
        self.counters: dict[str, int] = dict.fromkeys(
            (
                "received",
                "played",
                "lost",
                "late",
                "duplicates",
                "overflow",
                "stray",
                "resyncs",
                "underruns",
                "drift_dropped",
                "drift_inserted",
                "non_audio",
            ),
            0,
        )

    @property
    def depth(self) -> float:
        """Seconds of audio between the playout point and the newest packet (holes count)."""
        return max(0, self._highest - self._next + 1) * self.frame_duration

    def _target_frames(self) -> int:
        return max(1, math.ceil(self.target / self.frame_duration - 1e-9))

    def put(self, packet: RtpPacket, arrival: float, *, audio: bool = True) -> None:
        """Store a packet. ``audio=False`` (telephone events) only reserves its sequence
        number so that the audio it replaced is not counted and concealed as lost."""
        self.counters["received"] += 1
        seq = packet.sequence_number
        if packet.ssrc != self._ssrc:
            if self._ssrc is not None:
                self._resync()
            self._begin(packet)
        delta = ((seq - self._highest + 0x8000) & 0xFFFF) - 0x8000
        if delta > _MAX_DROPOUT or delta < -_MAX_MISORDER:
            if seq != self._stray:  # believe a jump only when the next packet follows it
                self._stray = (seq + 1) & 0xFFFF
                self.counters["stray"] += 1
                return
            self._resync()
            self._begin(packet)
            delta = 1
        ext = self._highest + delta
        if ext < self._next:
            if self._played_any or self._next - ext >= self.capacity:
                self.counters["late"] += 1
                return
            self._next = ext  # an earlier packet, reordered before playout began
        if ext in self._slots:
            self.counters["duplicates"] += 1
            return
        if ext - self._next >= self.capacity:
            self._skip_to(ext - self.capacity + 1)
        if not self._slots and not self._playing:
            self._fill_started = arrival
        if audio:
            self._slots[ext] = _Slot(packet.payload)
            self._measure(packet.timestamp, arrival)
        else:
            self._slots[ext] = _Slot(None)
            self.counters["non_audio"] += 1
        self._highest = max(self._highest, ext)

    def pop(self, now: float) -> bytes | Gap:
        """The next frame's payload, or why there is none; call once per frame time."""
        self._skip_non_audio()
        self._settle_owed()
        depth = self._highest - self._next + 1
        target = self._target_frames()
        if depth <= 0:
            if self._playing:
                self._playing = False
                self.counters["underruns"] += 1
            if self._played_any:
                self._owed = min(self._owed + 1, self.capacity)
            return Gap.EMPTY
        if not self._playing:
            if depth < target and now - self._fill_started < self.target:
                return Gap.EMPTY
            self._playing = True
            self._avg_depth = float(depth)
            self._cooldown = 10  # a fresh start is on target by construction
        self._avg_depth += (depth - self._avg_depth) / 16.0
        if self._cooldown:
            self._cooldown -= 1
        else:
            excess = self._avg_depth - target
            quiet = self._quiet is None or self._quiet()
            if excess >= 1.5 and depth >= 2 and (quiet or excess >= 4):
                dropped = self._slots.pop(self._next, None)
                self._next += 1
                self.counters["drift_dropped" if dropped else "lost"] += 1
                self._after_adjust(-1.0)
                self._skip_non_audio()
            elif excess <= -1.5 and quiet:
                self.counters["drift_inserted"] += 1
                self._after_adjust(1.0)
                return Gap.STRETCH
        slot = self._slots.pop(self._next, None)
        self._next += 1
        self._played_any = True
        if slot is None or slot.payload is None:
            self.counters["lost"] += 1
            return Gap.LOST
        self.counters["played"] += 1
        return slot.payload

    def _settle_owed(self) -> None:
        """After an underrun, frames that turn out to be lost were already "played" as
        EMPTY: skip them instead of playing LOST again, which would add their time to the
        delay. A frame that turns out to be merely late ends the debt: it is played, and
        the delay it brought is shed later like any other excess depth."""
        while self._owed and self._next <= self._highest and self._next not in self._slots:
            self._next += 1
            self._owed -= 1
            self.counters["lost"] += 1
            self._skip_non_audio()
        if self._next in self._slots:
            self._owed = 0

    def _after_adjust(self, change: float) -> None:
        self._avg_depth += change
        self._cooldown = 10  # let the average see the change before judging again

    def _skip_non_audio(self) -> None:
        slots = self._slots
        while (slot := slots.get(self._next)) is not None and slot.payload is None:
            del slots[self._next]
            self._next += 1

    def _skip_to(self, new_next: int) -> None:
        dropped = [e for e in self._slots if e < new_next]
        for ext in dropped:
            del self._slots[ext]
        self.counters["overflow"] += len(dropped)
        self.counters["lost"] += new_next - self._next - len(dropped)
        self._next = new_next

    def _begin(self, packet: RtpPacket) -> None:
        """Take ``packet`` as the start of a stream (first packet, new SSRC, restart)."""
        self._ssrc = packet.ssrc
        self._highest = packet.sequence_number - 1
        self._next = packet.sequence_number
        self._stray = None
        self._ts_ref = packet.timestamp
        self._ts_ext = packet.timestamp
        self._transits.clear()

    def _resync(self) -> None:
        self.counters["resyncs"] += 1
        self._slots.clear()
        self._playing = False
        self._played_any = False
        self._owed = 0

    def _measure(self, timestamp: int, arrival: float) -> None:
        step = ((timestamp - self._ts_ref + (1 << 31)) & 0xFFFF_FFFF) - (1 << 31)
        self._ts_ext += step
        self._ts_ref = timestamp
        transit = arrival - self._ts_ext / self.clock_rate
        if self._transits and abs(transit - min(self._transits)) > self.resync_threshold:
            # The timestamp jumped against the wall clock (a new source behind the same
            # SSRC): the old transit times say nothing about the new ones.
            self.counters["resyncs"] += 1
            self._transits.clear()
        self._transits.append(transit)
        self._since_estimate += 1
        if self._since_estimate >= 10:
            self._since_estimate = 0
            self._estimate()

    def _estimate(self) -> None:
        base = min(self._transits)
        spread = sorted(t - base for t in self._transits)
        measured = spread[int(self.quantile * (len(spread) - 1))] + self.frame_duration
        measured = min(self.max_delay, max(self.min_delay, measured))
        if measured >= self.target:
            self.target = measured
        else:  # estimates come every 10 packets: one frame a second at most
            self.target = max(measured, self.target - self.frame_duration / 5)
