"""RTP packets (RFC 3550 section 5.1) and the RTP/RTCP demultiplexing test of RFC 5761.

A packet is parsed into every header field the wire carries (padding and header extension
included) so that ``bytes(RtpPacket.parse(x)) == x`` for any packet we accept: captures,
fixtures and fuzz tests can then compare bytes, not interpretations. The payload is opaque
here; codecs and RFC 4733 give it meaning. Anything malformed raises
:class:`~telephony.errors.RtpParseError`, which the session counts and drops.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from telephony.errors import RtpParseError

__all__ = ["RTP_HEADER_SIZE", "RtpHeaderExtension", "RtpPacket", "is_rtcp"]

RTP_HEADER_SIZE = 12
_FIXED = struct.Struct("!BBHII")
_EXT_HEAD = struct.Struct("!HH")


def is_rtcp(data: bytes) -> bool:
    """Whether a datagram on a shared port is RTCP rather than RTP (RFC 5761 section 4).

    RTCP packet types 192-223 sit where an RTP header has its marker bit and payload type;
    RFC 5761 reserves RTP payload types 64-95 so the two never collide.
    """
    return len(data) >= 2 and 64 <= (data[1] & 0x7F) <= 95


@dataclass(frozen=True, slots=True)
class RtpHeaderExtension:
    """The one header extension a packet may carry (RFC 3550 section 5.3.1).

    ``profile`` is the 16-bit "defined by profile" word (0xBEDE for RFC 8285 one-byte
    headers); ``data`` is kept raw, a whole number of 32-bit words, because we act on none
    of the extensions and must forward them byte for byte.
    """

    profile: int
    data: bytes = b""


@dataclass(slots=True)
class RtpPacket:
    """One RTP packet; field names follow RFC 3550.

    ``padding`` is the raw padding including its final count octet (empty when the P bit is
    clear) so that a packet re-serialises exactly as it came.
    """

    payload_type: int = 0
    sequence_number: int = 0
    timestamp: int = 0
    ssrc: int = 0
    payload: bytes = b""
    marker: bool = False
    csrc: tuple[int, ...] = ()
    extension: RtpHeaderExtension | None = None
    padding: bytes = b""
    version: int = field(default=2, init=False)

    @classmethod
    def parse(cls, data: bytes) -> RtpPacket:
        """Read one packet; raise RtpParseError naming what is wrong and where."""
        size = len(data)
        if size < RTP_HEADER_SIZE:
            raise RtpParseError(f"RTP packet truncated: {size} bytes, the header needs 12")
        first, second, seq, ts, ssrc = _FIXED.unpack_from(data)
        version = first >> 6
        if version != 2:
            raise RtpParseError(f"RTP version {version}, expected 2")
        cc = first & 0x0F
        pos = RTP_HEADER_SIZE + 4 * cc
        if size < pos:
            raise RtpParseError(f"RTP packet truncated: {cc} CSRCs need {pos} bytes, got {size}")
        csrc = struct.unpack_from(f"!{cc}I", data, RTP_HEADER_SIZE) if cc else ()
        extension = None
        if first & 0x10:
            if size < pos + 4:
                raise RtpParseError(f"RTP extension header truncated at byte {size}")
            profile, words = _EXT_HEAD.unpack_from(data, pos)
            end = pos + 4 + 4 * words
            if size < end:
                raise RtpParseError(f"RTP extension truncated: needs {end} bytes, got {size}")
            extension = RtpHeaderExtension(profile, bytes(data[pos + 4 : end]))
            pos = end
        end = size
        padding = b""
        if first & 0x20:
            count = data[-1] if size > pos else 0
            if count == 0 or count > size - pos:
                raise RtpParseError(f"RTP padding count {count} invalid for {size - pos} bytes")
            end = size - count
            padding = bytes(data[end:])
        return cls(
            payload_type=second & 0x7F,
            sequence_number=seq,
            timestamp=ts,
            ssrc=ssrc,
            payload=bytes(data[pos:end]),
            marker=bool(second & 0x80),
            csrc=tuple(csrc),
            extension=extension,
            padding=padding,
        )

    def __bytes__(self) -> bytes:
        """Serialise; raise ValueError for a field that cannot go on the wire (our bug)."""
        if not 0 <= self.payload_type <= 127:
            raise ValueError(f"payload type {self.payload_type} out of range")
        if len(self.csrc) > 15:
            raise ValueError("an RTP packet carries at most 15 CSRCs")
        if self.padding and self.padding[-1] != len(self.padding):
            raise ValueError("the last padding octet must count the padding")
        first = 0x80 | len(self.csrc)
        if self.padding:
            first |= 0x20
        if self.extension is not None:
            first |= 0x10
        second = self.payload_type | (0x80 if self.marker else 0)
        parts = [_FIXED.pack(first, second, self.sequence_number, self.timestamp, self.ssrc)]
        if self.csrc:
            parts.append(struct.pack(f"!{len(self.csrc)}I", *self.csrc))
        if self.extension is not None:
            data = self.extension.data
            if len(data) % 4:
                raise ValueError("RTP extension data must be whole 32-bit words")
            parts.append(_EXT_HEAD.pack(self.extension.profile, len(data) // 4))
            parts.append(data)
        parts.append(self.payload)
        parts.append(self.padding)
        return b"".join(parts)
