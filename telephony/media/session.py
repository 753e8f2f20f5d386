"""One call's RTP and RTCP, sans-I/O: datagrams and times in, frames, datagrams and digits out.

The asyncio adapter owns the sockets and the 20 ms clock. Each tick it calls
:meth:`RtpSession.pull_frame` for the caller's audio and :meth:`RtpSession.send_frame` with
ours; whatever arrives goes to :meth:`RtpSession.receive`; at :meth:`RtpSession.get_timer`
it calls :meth:`RtpSession.handle_timer` and sends :meth:`RtpSession.datagrams_to_send`.
Nothing here sleeps, reads a clock or touches a socket, so a whole call - loss, reordering,
DTMF, RTCP - runs in a test by passing ``now``.

A bad packet never ends the call: it is dropped and counted (``counters``), and logged at
debug level without its content, since DTMF digits in particular are patient data.
"""

from __future__ import annotations

import logging
import random
from collections import deque
from collections.abc import Iterator

import numpy as np

from telephony.errors import RtpParseError
from telephony.leg import FRAME_MS, FRAME_SAMPLES, DtmfDigit
from telephony.media.codecs import Codec
from telephony.media.dtmf import DTMF_EVENTS, DtmfReceiver, DtmfSender, PlannedEvent
from telephony.media.jitter import Gap, JitterBuffer
from telephony.media.rtcp import (
    SDES_CNAME,
    Bye,
    ReceiverReport,
    ReportBlock,
    RtcpPacket,
    SdesChunk,
    SdesItem,
    SenderReport,
    SourceDescription,
    parse_rtcp,
    serialize_rtcp,
)
from telephony.media.rtp import RtpPacket, is_rtcp
from telephony.media.stats import ReceiverStatistics, RtcpScheduler, ntp_middle32, ntp_timestamp

__all__ = ["Address", "Datagram", "RtpSession"]

logger = logging.getLogger(__name__)

Address = tuple[str, int]
Datagram = tuple[bytes, Address]

_QUIET = 300  # peak below about -40 dBFS: a dropped or repeated frame here is inaudible
_MAX_EVENTS = 64  # digits waiting for events(); more are dropped and counted
_MAX_DTMF_QUEUE = 32  # digits waiting to be sent
_INTER_DIGIT = 0.06  # silence between two digits we send (RFC 4733 asks for >= 40 ms)


_COUNTERS = """
rtp_received rtp_malformed rtcp_received rtcp_malformed unknown_source relatched
wrong_payload_type dtmf_malformed events_dropped rtp_sent rtcp_sent unsent_no_remote
""".split()


class RtpSession:
    """The media of one call: one local codec, one remote source, RFC 4733 both ways.

    ``remote`` is where the SDP says to send; when it is None and ``latch`` is set the
    session adopts the address of the first acceptable RTP packet (symmetric RTP, for
    callers behind NAT). Packets from any other address are dropped and counted.
    ``wallclock_offset`` converts ``now`` to Unix time for RTCP's NTP timestamps.
    """

    def __init__(
        self,
        codec: Codec,
        *,
        telephone_event_pt: int | None = 101,
        remote: Address | None = None,
        remote_rtcp: Address | None = None,
        rtcp_mux: bool = False,
        latch: bool = True,
        rng: random.Random | None = None,
        cname: str = "careline",
        wallclock_offset: float = 0.0,
        rtcp_interval: float = 5.0,
        jitter_buffer: JitterBuffer | None = None,
        dtmf_receiver: DtmfReceiver | None = None,
    ) -> None:
        self.codec = codec
        self.telephone_event_pt = telephone_event_pt
        self.latch = latch
        self.rtcp_mux = rtcp_mux
        self.wallclock_offset = wallclock_offset
        self._rng = rng or random.Random()
        self.ssrc = self._rng.getrandbits(32)
        self._cname = cname.encode()
        self._remote: Address | None = None
        self._remote_rtcp: Address | None = None
        self.set_remote(remote, remote_rtcp)
        self._quiet = True
        self.jitter_buffer = jitter_buffer or JitterBuffer(
            clock_rate=codec.clock_rate, quiet=lambda: self._quiet
        )
        self.dtmf_receiver = dtmf_receiver or DtmfReceiver()
        self._dtmf_sender = DtmfSender(clock_rate=codec.clock_rate)
        self._scheduler = RtcpScheduler(self._rng.random, rtcp_interval)
        self._ts_step = codec.clock_rate * FRAME_MS // 1000
        self._tx_seq = self._rng.getrandbits(16)
        self._tx_ts = self._rng.getrandbits(32)
        self._tx_started = False
        self._tx_packets = 0
        self._tx_octets = 0
        self._tx_since_report = False
        self._rx_stats: ReceiverStatistics | None = None
        self._since_audio = 99
        self._pending_pcm = np.zeros(0, dtype=np.int16)
        self._events: deque[DtmfDigit] = deque()
        self._dtmf_queue: deque[tuple[str, float]] = deque()
        self._dtmf_plan: deque[PlannedEvent] = deque()
        self._dtmf_start = 0.0
        self._dtmf_ts = 0
        self._dtmf_next_start = 0.0
        self.last_received: float | None = None
        self.round_trip_time: float | None = None
        self.remote_bye = False
        self._counters: dict[str, int] = dict.fromkeys(_COUNTERS, 0)

    # -- addresses ---------------------------------------------------------------------

    @property
    def remote(self) -> Address | None:
        return self._remote

    def set_remote(self, remote: Address | None, remote_rtcp: Address | None = None) -> None:
        """Where to send (from the SDP answer or a re-INVITE); RTCP defaults to port + 1.
        Any port of the remote host is accepted; the first RTP packet fixes where we send."""
        self._remote = remote
        self._latched = False
        if remote_rtcp is None and remote is not None:
            remote_rtcp = remote if self.rtcp_mux else (remote[0], remote[1] + 1)
        self._remote_rtcp = remote_rtcp

    def _accept(self, addr: Address, rtcp: bool) -> bool:
        if self._remote is None:
            return self.latch and not rtcp  # latch on RTP only; RTCP has no payload to check
        if addr[0] != self._remote[0]:
            return False  # another host: never media for this call
        if not rtcp and not self._latched:
            # Symmetric RTP (RFC 4961): a NAT or a PBX may send from another port than its SDP
            # names; answer where the first packet really came from, once.
            if (addr[0], addr[1]) != self._remote:
                self._counters["relatched"] += 1
                self.set_remote((addr[0], addr[1]), self._remote_rtcp)
            self._latched = True
        return True

    # -- receiving ---------------------------------------------------------------------

    def receive(self, data: bytes, addr: Address, now: float) -> None:
        """One datagram from the network; never raises for anything the peer sends."""
        self._scheduler.start(now)
        if is_rtcp(data):
            self._receive_rtcp(data, addr, now)
        else:
            self._receive_rtp(data, addr, now)
        self._take_digits(self.dtmf_receiver.poll(now))

    def _receive_rtp(self, data: bytes, addr: Address, now: float) -> None:
        try:
            packet = RtpPacket.parse(data)
        except RtpParseError as exc:
            self._counters["rtp_malformed"] += 1
            logger.debug("dropped malformed RTP: %s", exc)
            return
        if self._remote is not None and addr[0] != self._remote[0]:
            self._counters["unknown_source"] += 1
            return
        pt = packet.payload_type
        audio = pt == self.codec.payload_type
        if not audio and (self.telephone_event_pt is None or pt != self.telephone_event_pt):
            self._counters["wrong_payload_type"] += 1
            return  # before latching: a packet we drop must not steer where we send
        if not self._accept(addr, rtcp=False):
            self._counters["unknown_source"] += 1
            return
        if self._remote is None:
            self.set_remote((addr[0], addr[1]))
        self._counters["rtp_received"] += 1
        self.last_received = now
        stats = self._rx_stats
        if stats is None or stats.ssrc != packet.ssrc:
            stats = self._rx_stats = ReceiverStatistics(packet.ssrc, self.codec.clock_rate)
        stats.update(packet.sequence_number, packet.timestamp, now, timing=audio)
        self.jitter_buffer.put(packet, now, audio=audio)
        if not audio:
            try:
                self._take_digits(self.dtmf_receiver.receive(packet, now))
            except RtpParseError as exc:
                self._counters["dtmf_malformed"] += 1
                logger.debug("dropped malformed telephone-event: %s", exc)

    def _receive_rtcp(self, data: bytes, addr: Address, now: float) -> None:
        if not self._accept(addr, rtcp=True):
            self._counters["unknown_source"] += 1
            return
        try:
            packets = parse_rtcp(data)
        except RtpParseError as exc:
            self._counters["rtcp_malformed"] += 1
            logger.debug("dropped malformed RTCP: %s", exc)
            return
        self._counters["rtcp_received"] += 1
        self.last_received = now
        for packet in packets:
            if isinstance(packet, SenderReport):
                if self._rx_stats is not None and self._rx_stats.ssrc == packet.ssrc:
                    self._rx_stats.on_sender_report(packet.ntp_timestamp, now)
                self._round_trip(packet.reports, now)
            elif isinstance(packet, ReceiverReport):
                self._round_trip(packet.reports, now)
            elif isinstance(packet, Bye):
                self.remote_bye = True

    def _round_trip(self, reports: tuple[ReportBlock, ...], now: float) -> None:
        # Section 6.4.1: RTT = A - LSR - DLSR, all in 1/65536 s, where A is when the
        # report about our SR came back. LSR 0 means the peer has had no SR from us.
        arrived = ntp_middle32(ntp_timestamp(now + self.wallclock_offset))
        for block in reports:
            if block.ssrc == self.ssrc and block.lsr:
                rtt = (arrived - block.lsr - block.dlsr) % (1 << 32)
                if rtt < 1 << 31:
                    self.round_trip_time = rtt / 65536

    def _take_digits(self, digits: list[DtmfDigit]) -> None:
        for digit in digits:
            if len(self._events) >= _MAX_EVENTS:
                self._counters["events_dropped"] += 1
            else:
                self._events.append(digit)

    def events(self) -> Iterator[DtmfDigit]:
        """Digits received since the last call, oldest first."""
        while self._events:
            yield self._events.popleft()

    def pull_frame(self, now: float) -> np.ndarray:
        """The caller's next 20 ms at 16 kHz: decoded, concealed or silence; never blocks."""
        self._take_digits(self.dtmf_receiver.poll(now))
        pending = self._pending_pcm
        for _ in range(4):  # more than one pop only for peers whose packets are under 20 ms
            if len(pending) >= FRAME_SAMPLES:
                break
            item = self.jitter_buffer.pop(now)
            if isinstance(item, bytes):
                pcm = self.codec.decode(item)
                self._since_audio = 0
            elif item is not Gap.EMPTY or self._since_audio < 3:
                pcm = self.codec.conceal()  # fades out, so an underrun does not click
                self._since_audio += 1
            else:
                break
            pending = pcm if not len(pending) else np.concatenate((pending, pcm))
        if len(pending) < FRAME_SAMPLES:
            pad = np.zeros(FRAME_SAMPLES - len(pending), dtype=np.int16)
            pending = np.concatenate((pending, pad))
        frame = pending[:FRAME_SAMPLES]
        self._pending_pcm = pending[FRAME_SAMPLES : 3 * FRAME_SAMPLES]  # bounded: 40 ms
        self._quiet = bool(frame.max() < _QUIET and frame.min() > -_QUIET)
        return frame

    # -- sending -----------------------------------------------------------------------

    def send_frame(self, pcm: np.ndarray, now: float) -> list[Datagram]:
        """RTP for our next 20 ms; while a digit is being sent, its packets replace audio."""
        self._scheduler.start(now)
        out = self._due_dtmf(now)
        timestamp = self._tx_ts
        self._tx_ts = (timestamp + self._ts_step) & 0xFFFF_FFFF
        if self._dtmf_plan or out:
            return out
        packet = RtpPacket(
            payload_type=self.codec.payload_type,
            sequence_number=self._tx_seq,
            timestamp=timestamp,
            ssrc=self.ssrc,
            payload=self.codec.encode(pcm),
            marker=not self._tx_started,
        )
        self._tx_started = True
        return self._send_rtp(packet)

    def send_dtmf(self, digit: str, now: float, duration: float = 0.1) -> list[Datagram]:
        """Queue a key press; returns its first packet if nothing else is being sent."""
        if self.telephone_event_pt is None:
            raise ValueError("the peer did not negotiate telephone-event")
        if len(digit) != 1 or digit.upper() not in DTMF_EVENTS:
            raise ValueError("not a DTMF digit")
        if len(self._dtmf_queue) >= _MAX_DTMF_QUEUE:
            raise OverflowError(f"more than {_MAX_DTMF_QUEUE} DTMF digits waiting to be sent")
        self._dtmf_queue.append((digit, duration))
        return self._due_dtmf(now)

    def _due_dtmf(self, now: float) -> list[Datagram]:
        out: list[Datagram] = []
        while True:
            if not self._dtmf_plan:
                if not self._dtmf_queue or now < self._dtmf_next_start:
                    return out
                digit, duration = self._dtmf_queue.popleft()
                self._dtmf_plan.extend(self._dtmf_sender.plan(digit, duration))
                self._dtmf_start = now
                self._dtmf_ts = self._tx_ts  # the event starts where our audio is now
            plan = self._dtmf_plan
            while plan and self._dtmf_start + plan[0].offset <= now + 1e-9:
                step = plan.popleft()
                packet = RtpPacket(
                    payload_type=self.telephone_event_pt or 0,
                    sequence_number=self._tx_seq,
                    timestamp=self._dtmf_ts,
                    ssrc=self.ssrc,
                    payload=bytes(step.report),
                    marker=step.marker,
                )
                out += self._send_rtp(packet)
            if plan:
                return out
            self._dtmf_next_start = now + _INTER_DIGIT

    def _send_rtp(self, packet: RtpPacket) -> list[Datagram]:
        self._tx_seq = (self._tx_seq + 1) & 0xFFFF
        self._tx_packets += 1
        self._tx_octets += len(packet.payload)
        self._tx_since_report = True
        if self._remote is None:
            self._counters["unsent_no_remote"] += 1
            return []
        self._counters["rtp_sent"] += 1
        return [(bytes(packet), self._remote)]

    # -- timers and RTCP ---------------------------------------------------------------

    def get_timer(self) -> float | None:
        """The next time :meth:`handle_timer` and :meth:`datagrams_to_send` have work."""
        times = [self._scheduler.next_due, self.dtmf_receiver.deadline]
        if self._dtmf_plan:
            times.append(self._dtmf_start + self._dtmf_plan[0].offset)
        elif self._dtmf_queue:
            times.append(self._dtmf_next_start)
        return min((t for t in times if t is not None), default=None)

    def handle_timer(self, now: float) -> None:
        self._take_digits(self.dtmf_receiver.poll(now))

    def datagrams_to_send(self, now: float) -> list[Datagram]:
        """Due DTMF packets and, every ~5 s, an RTCP report."""
        self._scheduler.start(now)
        out = self._due_dtmf(now)
        if self._scheduler.due(now):
            self._scheduler.sent(now)
            out += self._send_rtcp(self._report(now))
        return out

    def close(self, now: float) -> list[Datagram]:
        """A final report with BYE (section 6.6), to send as the call ends."""
        return self._send_rtcp([*self._report(now), Bye((self.ssrc,))])

    def _report(self, now: float) -> list[RtcpPacket]:
        blocks: tuple[ReportBlock, ...] = ()
        if self._rx_stats is not None and self._rx_stats.received:
            blocks = (self._rx_stats.report_block(now),)
        first: RtcpPacket
        if self._tx_since_report:
            first = SenderReport(
                ssrc=self.ssrc,
                ntp_timestamp=ntp_timestamp(now + self.wallclock_offset),
                rtp_timestamp=self._tx_ts,
                packet_count=self._tx_packets & 0xFFFF_FFFF,
                octet_count=self._tx_octets & 0xFFFF_FFFF,
                reports=blocks,
            )
        else:
            first = ReceiverReport(self.ssrc, blocks)
        self._tx_since_report = False
        cname = SdesChunk(self.ssrc, (SdesItem(SDES_CNAME, self._cname),))
        return [first, SourceDescription((cname,))]

    def _send_rtcp(self, packets: list[RtcpPacket]) -> list[Datagram]:
        if self._remote_rtcp is None:
            self._counters["unsent_no_remote"] += 1
            return []
        self._counters["rtcp_sent"] += 1
        return [(serialize_rtcp(packets), self._remote_rtcp)]

    @property
    def counters(self) -> dict[str, int]:
        """A snapshot of every drop and event count: session, jitter buffer, DTMF."""
        merged = dict(self._counters)
        merged.update({f"jitter_{k}": v for k, v in self.jitter_buffer.counters.items()})
        merged.update(self.dtmf_receiver.counters)
        return merged
