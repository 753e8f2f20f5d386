"""DTMF as RFC 4733 telephone events: the payload, a receiver that yields each key press once,
and a sender that plans the packets for one press.

The receiver keys an event on (SSRC, RTP timestamp, event code), never on the marker bit:
the first packet (the one with the marker) is as likely to be lost as any other, end packets
come three times, and some gateways repeat them with the same sequence number. A press is
reported when it ends - its end packet, the start of another event, or ``end_timeout``
seconds of silence seen through :meth:`DtmfReceiver.poll` - and every key it was reported
under is remembered, so late updates and repeated ends are recognised and ignored.
"""

from __future__ import annotations

import struct
from collections import deque
from dataclasses import dataclass

from telephony.errors import RtpParseError
from telephony.leg import DtmfDigit
from telephony.media.rtp import RtpPacket

__all__ = ["DTMF_EVENTS", "DtmfReceiver", "DtmfSender", "PlannedEvent", "TelephoneEvent"]

DTMF_EVENTS = "0123456789*#ABCD"  # event codes 0-15 (RFC 4733 section 3.2)

_EVENT = struct.Struct("!BBH")


@dataclass(frozen=True, slots=True)
class TelephoneEvent:
    """One event report. ``volume`` is attenuation in dBm0 below 0 (0-63); ``duration`` is
    in RTP timestamp units since the event's timestamp. ``reserved`` is the R bit, which
    receivers ignore but a round trip keeps."""

    event: int
    end: bool = False
    volume: int = 10
    duration: int = 0
    reserved: bool = False

    @classmethod
    def parse(cls, data: bytes) -> TelephoneEvent:
        """Read the first report. Bytes after it are ignored rather than refused: RFC 2198
        redundancy is negotiated apart, and a digit is worth more than strictness here."""
        if len(data) < 4:
            raise RtpParseError(f"telephone-event payload truncated: {len(data)} of 4 bytes")
        event, flags, duration = _EVENT.unpack_from(data)
        return cls(event, bool(flags & 0x80), flags & 0x3F, duration, bool(flags & 0x40))

    def __bytes__(self) -> bytes:
        if not 0 <= self.volume <= 63:
            raise ValueError(f"volume {self.volume} outside 0-63")
        flags = self.volume | (0x80 if self.end else 0) | (0x40 if self.reserved else 0)
        return _EVENT.pack(self.event, flags, self.duration)

    @property
    def digit(self) -> str | None:
        return DTMF_EVENTS[self.event] if self.event < len(DTMF_EVENTS) else None


_Key = tuple[int, int, int]  # (ssrc, rtp timestamp, event code)


class _Press:
    __slots__ = ("digit", "key", "last_seen", "longest", "started")

    def __init__(self, key: _Key, digit: str, now: float) -> None:
        self.key = key
        self.digit = digit
        self.started = now
        self.last_seen = now
        self.longest = 0


class DtmfReceiver:
    """Telephone-event packets in, digits out, each press exactly once.

    Flood protection: at most ``max_per_second`` digits in any one-second window; the rest
    are dropped and counted, because a stuck or hostile sender must not be able to drive a
    menu. Ten per second is above what RFC 4733's 40 ms minimum tone and gap allows a human.
    """

    def __init__(
        self,
        *,
        end_timeout: float = 0.25,
        max_per_second: int = 10,
        history: int = 32,
    ) -> None:
        self.end_timeout = end_timeout
        self.max_per_second = max_per_second
        self._current: _Press | None = None
        self._finished: deque[_Key] = deque(maxlen=history)
        self._emitted: deque[float] = deque()
        self.counters: dict[str, int] = {
            "dtmf_packets": 0,
            "dtmf_digits": 0,
            "dtmf_repeats": 0,
            "dtmf_flood_dropped": 0,
            "dtmf_other_events": 0,
            "dtmf_ended_by_timeout": 0,
        }

    @property
    def deadline(self) -> float | None:
        """When :meth:`poll` would end the current press for lack of packets."""
        return None if self._current is None else self._current.last_seen + self.end_timeout

    def receive(self, packet: RtpPacket, now: float) -> list[DtmfDigit]:
        """Digits this packet completes; raises RtpParseError for a bad payload."""
        report = TelephoneEvent.parse(packet.payload)
        self.counters["dtmf_packets"] += 1
        digit = report.digit
        if digit is None:  # flash and tones: not keypad input
            self.counters["dtmf_other_events"] += 1
            return []
        key = (packet.ssrc, packet.timestamp, report.event)
        if key in self._finished:
            self.counters["dtmf_repeats"] += 1
            return []
        out: list[DtmfDigit] = []
        current = self._current
        if current is not None and current.key != key:
            if self._continues(current, key):
                current.key = key
            elif key[0] == current.key[0] and _before(key[1], current.key[1]):
                # A press older than the one in progress, all of whose packets came late.
                self._finished.append(key)
                return self._emit(digit, now, now)
            else:
                out += self._finish(now)  # a new press began, so the last one's end was lost
        if self._current is None:
            self._current = _Press(key, digit, now)
        press = self._current
        press.last_seen = now
        press.longest = max(press.longest, report.duration)
        if report.end:
            out += self._finish(now)
        return out

    def poll(self, now: float) -> list[DtmfDigit]:
        """End a press whose packets stopped coming (all its end packets were lost)."""
        current = self._current
        if current is None or now - current.last_seen < self.end_timeout:
            return []
        self.counters["dtmf_ended_by_timeout"] += 1
        return self._finish(now)

    @staticmethod
    def _continues(current: _Press, key: _Key) -> bool:
        # RFC 4733 2.5.1.3: a press longer than the 16-bit duration goes on as a new segment
        # with a later timestamp; that is the same key press, not a second one.
        return (
            key[0] == current.key[0]
            and key[2] == current.key[2]
            and current.longest >= 0xF000
            and 0 < (key[1] - current.key[1]) % (1 << 32) <= 0x10000
        )

    def _finish(self, now: float) -> list[DtmfDigit]:
        press = self._current
        if press is None:
            return []
        self._current = None
        self._finished.append(press.key)
        return self._emit(press.digit, press.started, now)

    def _emit(self, digit: str, started: float, now: float) -> list[DtmfDigit]:
        while self._emitted and now - self._emitted[0] >= 1.0:
            self._emitted.popleft()
        if len(self._emitted) >= self.max_per_second:
            self.counters["dtmf_flood_dropped"] += 1
            return []
        self._emitted.append(now)
        self.counters["dtmf_digits"] += 1
        return [DtmfDigit(digit, started)]


def _before(a: int, b: int) -> bool:
    """Whether RTP timestamp ``a`` precedes ``b``, modulo 2**32."""
    return a != b and (b - a) % (1 << 32) < (1 << 31)


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """One packet of a press: send ``offset`` seconds after the press starts."""

    offset: float
    report: TelephoneEvent
    marker: bool


class DtmfSender:
    """The packets for one key press (RFC 4733 section 2.5.1): the first with the marker
    bit, an update every ``update_interval``, then the end report ``end_repeats`` times,
    ``repeat_interval`` apart so that one burst of loss cannot take all of them. All share
    one RTP timestamp; the session gives each its own sequence number."""

    def __init__(
        self,
        *,
        clock_rate: int = 8000,
        volume: int = 10,
        update_interval: float = 0.05,
        end_repeats: int = 3,
        repeat_interval: float = 0.02,
    ) -> None:
        self.clock_rate = clock_rate
        self.volume = volume
        self.update_interval = update_interval
        self.end_repeats = end_repeats
        self.repeat_interval = repeat_interval

    def plan(self, digit: str, duration: float = 0.1) -> list[PlannedEvent]:
        if len(digit) != 1 or digit.upper() not in DTMF_EVENTS:
            raise ValueError(f"not a DTMF digit: {digit!r}")
        if not 0.04 <= duration <= 5.0:
            raise ValueError("a DTMF press lasts 40 ms to 5 s")
        event = DTMF_EVENTS.index(digit.upper())
        units = round(duration * self.clock_rate)
        step = round(self.update_interval * self.clock_rate)
        planned: list[PlannedEvent] = []
        elapsed = 0
        while elapsed < units:
            report = TelephoneEvent(event, False, self.volume, elapsed)
            planned.append(PlannedEvent(elapsed / self.clock_rate, report, not planned))
            elapsed += step
        end = TelephoneEvent(event, True, self.volume, units)
        for i in range(self.end_repeats):
            planned.append(PlannedEvent(duration + i * self.repeat_interval, end, False))
        return planned
