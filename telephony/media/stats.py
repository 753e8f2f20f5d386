"""Reception statistics and report timing for RTCP (RFC 3550 appendix A.1, A.3, A.8, 6.2).

Sans-I/O like the rest of the package: arrival times and "now" are floats from whatever
clock the caller runs on, and randomness is injected, so every figure in a report block and
every report time can be asserted in a test by advancing a fake clock.
"""

from __future__ import annotations

from collections.abc import Callable

from telephony.media.rtcp import ReportBlock

__all__ = [
    "NTP_UNIX_OFFSET",
    "ReceiverStatistics",
    "RtcpScheduler",
    "ntp_middle32",
    "ntp_timestamp",
]

NTP_UNIX_OFFSET = 2_208_988_800  # seconds from 1900-01-01 (NTP era 0) to 1970-01-01

_SEQ_MOD = 1 << 16
_MAX_DROPOUT = 3000
_MAX_MISORDER = 100


def ntp_timestamp(unix_time: float) -> int:
    """64-bit NTP fixed point (32.32) for a Unix time."""
    return round((unix_time + NTP_UNIX_OFFSET) * (1 << 32)) & 0xFFFF_FFFF_FFFF_FFFF


def ntp_middle32(ntp: int) -> int:
    """The middle 32 bits (16.16) that LSR and round-trip arithmetic use (section 6.4.1)."""
    return (ntp >> 16) & 0xFFFF_FFFF


class ReceiverStatistics:
    """What we learn about one incoming source, ready to become a report block.

    The sequence logic is appendix A.1: a source is valid after ``min_sequential`` packets
    in order; jumps of more than MAX_DROPOUT are believed only when the next packet follows
    them (the sender restarted), so a single stray packet cannot reset the counts.
    """

    def __init__(self, ssrc: int, clock_rate: int, *, min_sequential: int = 2) -> None:
        self.ssrc = ssrc
        self.clock_rate = clock_rate
        self._min_sequential = min_sequential
        self._probation = min_sequential
        self._max_seq = -1
        self._base_seq = 0
        self._cycles = 0
        self._bad_seq = _SEQ_MOD + 1
        self.received = 0
        self._received_prior = 0
        self._expected_prior = 0
        self._jitter = 0.0
        self._last_arrival: float | None = None
        self._last_timestamp = 0
        self._lsr = 0
        self._sr_arrival: float | None = None

    def _init_seq(self, seq: int) -> None:
        self._base_seq = seq
        self._max_seq = seq
        self._bad_seq = _SEQ_MOD + 1
        self._cycles = 0
        self.received = 0
        self._received_prior = 0
        self._expected_prior = 0

    def update(self, seq: int, timestamp: int, arrival: float, *, timing: bool = True) -> bool:
        """Account one packet; False when A.1 says it does not count (probation, stray).

        ``timing=False`` keeps a packet out of the jitter estimate: RFC 4733 events repeat
        one RTP timestamp for their whole duration, which would read as huge jitter.
        """
        if self._max_seq < 0:
            self._init_seq(seq)
            self._max_seq = (seq - 1) % _SEQ_MOD
        udelta = (seq - self._max_seq) % _SEQ_MOD
        if self._probation:
            if seq == (self._max_seq + 1) % _SEQ_MOD:
                self._probation -= 1
                self._max_seq = seq
                if self._probation:
                    return False
                self._init_seq(seq)
            else:
                self._probation = self._min_sequential - 1
                self._max_seq = seq
                return False
        elif udelta < _MAX_DROPOUT:
            if seq < self._max_seq:
                self._cycles += _SEQ_MOD
            self._max_seq = seq
        elif udelta <= _SEQ_MOD - _MAX_MISORDER:
            if seq != self._bad_seq:
                self._bad_seq = (seq + 1) % _SEQ_MOD
                return False
            self._init_seq(seq)  # two packets in a row after a jump: the sender restarted
        self.received += 1
        if timing:
            self._update_jitter(timestamp, arrival)
        return True

    def _update_jitter(self, timestamp: int, arrival: float) -> None:
        # A.8: D(i-1, i) = (Rj - Ri) - (Sj - Si), both in timestamp units; the timestamp
        # difference is taken modulo 2**32 so a wrap does not look like four billion ticks.
        if self._last_arrival is not None:
            sent = (timestamp - self._last_timestamp + (1 << 31)) % (1 << 32) - (1 << 31)
            d = (arrival - self._last_arrival) * self.clock_rate - sent
            self._jitter += (abs(d) - self._jitter) / 16.0
        self._last_arrival = arrival
        self._last_timestamp = timestamp

    @property
    def extended_max_sequence(self) -> int:
        return self._cycles + max(self._max_seq, 0)

    @property
    def expected(self) -> int:
        return self.extended_max_sequence - self._base_seq + 1 if self.received else 0

    @property
    def cumulative_lost(self) -> int:
        """Expected minus received, clamped to the signed 24 bits a report block holds."""
        return max(-(1 << 23), min((1 << 23) - 1, self.expected - self.received))

    @property
    def jitter(self) -> float:
        """Interarrival jitter in RTP timestamp units (divide by ``clock_rate`` for s)."""
        return self._jitter

    def on_sender_report(self, ntp: int, now: float) -> None:
        """Remember the source's last SR so our next report can echo LSR and DLSR."""
        self._lsr = ntp_middle32(ntp)
        self._sr_arrival = now

    def report_block(self, now: float) -> ReportBlock:
        """The block for our next report; starts a new interval for ``fraction_lost``."""
        expected = self.expected
        expected_interval = expected - self._expected_prior
        received_interval = self.received - self._received_prior
        self._expected_prior = expected
        self._received_prior = self.received
        lost_interval = expected_interval - received_interval
        fraction = 0
        if expected_interval > 0 and lost_interval > 0:
            fraction = (lost_interval << 8) // expected_interval
        dlsr = 0
        if self._sr_arrival is not None:
            dlsr = min(0xFFFF_FFFF, max(0, int((now - self._sr_arrival) * 65536)))
        return ReportBlock(
            ssrc=self.ssrc,
            fraction_lost=min(fraction, 255),
            packets_lost=self.cumulative_lost,
            highest_sequence=self.extended_max_sequence & 0xFFFF_FFFF,
            jitter=min(int(self._jitter), 0xFFFF_FFFF),
            lsr=self._lsr,
            dlsr=dlsr,
        )


class RtcpScheduler:
    """When the next report is due: ``interval`` (5 s, section 6.2) times a random factor
    in [0.5, 1.5) so that endpoints started together do not report in lock step.

    The first report comes after half an interval, as section 6.2 allows for a new
    participant, so a short call still exchanges one report. ``random`` returns [0, 1).
    """

    def __init__(self, random: Callable[[], float], interval: float = 5.0) -> None:
        self._random = random
        self.interval = interval
        self.next_due: float | None = None

    def start(self, now: float) -> None:
        if self.next_due is None:
            self.next_due = now + self.interval / 2 * (0.5 + self._random())

    def due(self, now: float) -> bool:
        return self.next_due is not None and now >= self.next_due

    def sent(self, now: float) -> None:
        """A report went out at ``now``: draw the next time."""
        self.next_due = now + self.interval * (0.5 + self._random())
