"""RTCP packets (RFC 3550 section 6): SR, RR, SDES and BYE, parsed and serialised exactly.

A datagram is a compound of packets, each with its own length word, so every truncation
inside a packet is detectable; a compound cut exactly at a packet boundary is a shorter,
valid compound. Types we do not interpret (APP, feedback, XR) are kept opaque in
:class:`RtcpUnknown` rather than rejected, because a peer's extra packets must not cost us
the SR that rides in the same datagram. The reception statistics that fill report blocks
live in :mod:`telephony.media.stats`.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass

from telephony.errors import RtpParseError

__all__ = [
    "RTCP_BYE",
    "RTCP_RR",
    "RTCP_SDES",
    "RTCP_SR",
    "SDES_CNAME",
    "Bye",
    "ReceiverReport",
    "ReportBlock",
    "RtcpPacket",
    "RtcpUnknown",
    "SdesChunk",
    "SdesItem",
    "SenderReport",
    "SourceDescription",
    "parse_rtcp",
    "serialize_rtcp",
]

RTCP_SR, RTCP_RR, RTCP_SDES, RTCP_BYE = 200, 201, 202, 203
SDES_CNAME = 1

_HEAD = struct.Struct("!BBH")
_BLOCK = struct.Struct("!IIIIII")
_SENDER_INFO = struct.Struct("!IQIII")


def _header(count: int, packet_type: int, body_len: int, padding: bytes) -> bytes:
    total = 4 + body_len + len(padding)
    if total % 4:
        raise ValueError(f"RTCP packet of {total} bytes is not whole 32-bit words")
    if not 0 <= count <= 31:
        raise ValueError(f"RTCP count {count} does not fit 5 bits")
    if padding and padding[-1] != len(padding):
        raise ValueError("the last padding octet must count the padding")
    return _HEAD.pack(0x80 | (0x20 if padding else 0) | count, packet_type, total // 4 - 1)


def _open(data: bytes, expected_type: int | None) -> tuple[int, int, bytes, bytes]:
    """Check one packet's header; return (count, type, body, padding)."""
    if len(data) < 4:
        raise RtpParseError(f"RTCP header truncated: {len(data)} bytes")
    first, packet_type, length = _HEAD.unpack_from(data)
    if first >> 6 != 2:
        raise RtpParseError(f"RTCP version {first >> 6}, expected 2")
    if not 192 <= packet_type <= 223:
        raise RtpParseError(f"RTCP packet type {packet_type} outside 192-223")
    if expected_type is not None and packet_type != expected_type:
        raise RtpParseError(f"RTCP packet type {packet_type}, expected {expected_type}")
    if len(data) != 4 * (length + 1):
        raise RtpParseError(f"RTCP length word says {4 * (length + 1)} bytes, got {len(data)}")
    end = len(data)
    if first & 0x20:
        pad = data[-1]
        if pad == 0 or pad > end - 4:
            raise RtpParseError(f"RTCP padding count {pad} invalid")
        end -= pad
    return first & 0x1F, packet_type, bytes(data[4:end]), bytes(data[end:])


@dataclass(frozen=True, slots=True)
class ReportBlock:
    """Reception report about one source (RFC 3550 section 6.4.1); ``packets_lost`` is
    the signed 24-bit cumulative count (negative when duplicates outnumber losses)."""

    ssrc: int
    fraction_lost: int = 0
    packets_lost: int = 0
    highest_sequence: int = 0
    jitter: int = 0
    lsr: int = 0
    dlsr: int = 0

    @classmethod
    def parse(cls, data: bytes, offset: int = 0) -> ReportBlock:
        ssrc, lost_word, highest, jitter, lsr, dlsr = _BLOCK.unpack_from(data, offset)
        lost = lost_word & 0xFFFFFF
        if lost & 0x800000:
            lost -= 1 << 24
        return cls(ssrc, lost_word >> 24, lost, highest, jitter, lsr, dlsr)

    def __bytes__(self) -> bytes:
        if not -(1 << 23) <= self.packets_lost < 1 << 23:
            raise ValueError(f"cumulative loss {self.packets_lost} does not fit 24 bits")
        lost_word = (self.fraction_lost << 24) | (self.packets_lost & 0xFFFFFF)
        return _BLOCK.pack(
            self.ssrc, lost_word, self.highest_sequence, self.jitter, self.lsr, self.dlsr
        )


def _blocks(body: bytes, offset: int, count: int) -> tuple[ReportBlock, ...]:
    if len(body) < offset + 24 * count:
        raise RtpParseError(f"RTCP report blocks truncated: {count} need {24 * count} bytes")
    return tuple(ReportBlock.parse(body, offset + 24 * i) for i in range(count))


@dataclass(frozen=True, slots=True)
class SenderReport:
    """SR: what we sent (for the peer's loss and round-trip figures) plus our reports.
    ``extension`` holds profile-specific trailing bytes, kept for exact round trips."""

    ssrc: int
    ntp_timestamp: int = 0
    rtp_timestamp: int = 0
    packet_count: int = 0
    octet_count: int = 0
    reports: tuple[ReportBlock, ...] = ()
    extension: bytes = b""
    padding: bytes = b""

    @classmethod
    def parse(cls, data: bytes) -> SenderReport:
        count, _, body, padding = _open(data, RTCP_SR)
        if len(body) < 24:
            raise RtpParseError(f"RTCP SR sender info truncated: {len(body)} of 24 bytes")
        ssrc, ntp, rtp_ts, packets, octets = _SENDER_INFO.unpack_from(body)
        reports = _blocks(body, 24, count)
        extension = body[24 + 24 * count :]
        return cls(ssrc, ntp, rtp_ts, packets, octets, reports, extension, padding)

    def __bytes__(self) -> bytes:
        body = b"".join(
            [
                _SENDER_INFO.pack(
                    self.ssrc,
                    self.ntp_timestamp,
                    self.rtp_timestamp,
                    self.packet_count,
                    self.octet_count,
                ),
                *(bytes(r) for r in self.reports),
                self.extension,
            ]
        )
        return _header(len(self.reports), RTCP_SR, len(body), self.padding) + body + self.padding


@dataclass(frozen=True, slots=True)
class ReceiverReport:
    """RR: sent instead of an SR while we have sent no RTP since the last report."""

    ssrc: int
    reports: tuple[ReportBlock, ...] = ()
    extension: bytes = b""
    padding: bytes = b""

    @classmethod
    def parse(cls, data: bytes) -> ReceiverReport:
        count, _, body, padding = _open(data, RTCP_RR)
        if len(body) < 4:
            raise RtpParseError(f"RTCP RR truncated: {len(body)} bytes, SSRC needs 4")
        (ssrc,) = struct.unpack_from("!I", body)
        reports = _blocks(body, 4, count)
        return cls(ssrc, reports, body[4 + 24 * count :], padding)

    def __bytes__(self) -> bytes:
        body = b"".join(
            [struct.pack("!I", self.ssrc), *(bytes(r) for r in self.reports), self.extension]
        )
        return _header(len(self.reports), RTCP_RR, len(body), self.padding) + body + self.padding


@dataclass(frozen=True, slots=True)
class SdesItem:
    """One SDES item; ``value`` stays bytes because RFC 3550 only says "UTF-8 text"."""

    type: int
    value: bytes

    def __post_init__(self) -> None:
        if not 1 <= self.type <= 255 or len(self.value) > 255:
            raise ValueError("SDES item type must be 1-255 and its value at most 255 bytes")


@dataclass(frozen=True, slots=True)
class SdesChunk:
    ssrc: int
    items: tuple[SdesItem, ...] = ()

    def __bytes__(self) -> bytes:
        out = bytearray(struct.pack("!I", self.ssrc))
        for item in self.items:
            out += bytes((item.type, len(item.value))) + item.value
        out += b"\x00" * (4 - len(out) % 4)  # the null item, then zeros to a word boundary
        return bytes(out)


@dataclass(frozen=True, slots=True)
class SourceDescription:
    """SDES: mainly the CNAME that ties an SSRC to an endpoint across SSRC changes."""

    chunks: tuple[SdesChunk, ...] = ()
    padding: bytes = b""

    @classmethod
    def parse(cls, data: bytes) -> SourceDescription:
        count, _, body, padding = _open(data, RTCP_SDES)
        chunks = []
        pos = 0
        for _ in range(count):
            if len(body) < pos + 4:
                raise RtpParseError(f"RTCP SDES chunk truncated at byte {pos + 4}")
            (ssrc,) = struct.unpack_from("!I", body, pos)
            pos += 4
            items = []
            while True:
                if pos >= len(body):
                    raise RtpParseError("RTCP SDES chunk has no end item")
                item_type = body[pos]
                if item_type == 0:
                    end = (pos & ~3) + 4
                    if end > len(body) or any(body[pos:end]):
                        raise RtpParseError("RTCP SDES chunk end is not null-padded to 32 bits")
                    pos = end
                    break
                if pos + 2 > len(body) or pos + 2 + body[pos + 1] > len(body):
                    raise RtpParseError(f"RTCP SDES item truncated at byte {pos}")
                length = body[pos + 1]
                items.append(SdesItem(item_type, body[pos + 2 : pos + 2 + length]))
                pos += 2 + length
            chunks.append(SdesChunk(ssrc, tuple(items)))
        if pos != len(body):
            raise RtpParseError(f"RTCP SDES has {len(body) - pos} bytes after its chunks")
        return cls(tuple(chunks), padding)

    def __bytes__(self) -> bytes:
        body = b"".join(bytes(c) for c in self.chunks)
        head = _header(len(self.chunks), RTCP_SDES, len(body), self.padding)
        return head + body + self.padding


@dataclass(frozen=True, slots=True)
class Bye:
    """BYE: the listed sources are leaving; ``reason`` is None when the packet has none."""

    sources: tuple[int, ...] = ()
    reason: bytes | None = None
    padding: bytes = b""

    @classmethod
    def parse(cls, data: bytes) -> Bye:
        count, _, body, padding = _open(data, RTCP_BYE)
        pos = 4 * count
        if len(body) < pos:
            raise RtpParseError(f"RTCP BYE truncated: {count} sources need {pos} bytes")
        sources = struct.unpack_from(f"!{count}I", body)
        reason = None
        if pos < len(body):
            length = body[pos]
            end = (pos + 1 + length + 3) & ~3
            if end != len(body) or any(body[pos + 1 + length :]):
                raise RtpParseError("RTCP BYE reason does not fill the packet with null padding")
            reason = body[pos + 1 : pos + 1 + length]
        return cls(tuple(sources), reason, padding)

    def __bytes__(self) -> bytes:
        body = struct.pack(f"!{len(self.sources)}I", *self.sources)
        if self.reason is not None:
            if len(self.reason) > 255:
                raise ValueError("a BYE reason is at most 255 bytes")
            text = bytes((len(self.reason),)) + self.reason
            body += text + b"\x00" * (-len(text) % 4)
        head = _header(len(self.sources), RTCP_BYE, len(body), self.padding)
        return head + body + self.padding


@dataclass(frozen=True, slots=True)
class RtcpUnknown:
    """Any other RTCP packet (APP, RTPFB, PSFB, XR...), carried byte for byte."""

    packet_type: int
    count: int = 0
    body: bytes = b""
    padding: bytes = b""

    @classmethod
    def parse(cls, data: bytes) -> RtcpUnknown:
        count, packet_type, body, padding = _open(data, None)
        return cls(packet_type, count, body, padding)

    def __bytes__(self) -> bytes:
        head = _header(self.count, self.packet_type, len(self.body), self.padding)
        return head + self.body + self.padding


RtcpPacket = SenderReport | ReceiverReport | SourceDescription | Bye | RtcpUnknown

_PARSERS: dict[int, Callable[[bytes], RtcpPacket]] = {
    RTCP_SR: SenderReport.parse,
    RTCP_RR: ReceiverReport.parse,
    RTCP_SDES: SourceDescription.parse,
    RTCP_BYE: Bye.parse,
}


def parse_rtcp(data: bytes) -> list[RtcpPacket]:
    """Split a compound RTCP datagram into its packets; any bad packet fails the whole."""
    if not data:
        raise RtpParseError("empty RTCP datagram")
    packets: list[RtcpPacket] = []
    pos = 0
    while pos < len(data):
        if len(data) - pos < 4:
            raise RtpParseError(f"RTCP header truncated at byte {len(data)}")
        _, packet_type, length = _HEAD.unpack_from(data, pos)
        end = pos + 4 * (length + 1)
        if end > len(data):
            raise RtpParseError(f"RTCP packet truncated: needs {end} bytes, got {len(data)}")
        parser = _PARSERS.get(packet_type, RtcpUnknown.parse)
        packets.append(parser(data[pos:end]))
        pos = end
    return packets


def serialize_rtcp(packets: list[RtcpPacket]) -> bytes:
    """A compound datagram: the packets back to back (RFC 3550 section 6.1)."""
    return b"".join(bytes(p) for p in packets)
