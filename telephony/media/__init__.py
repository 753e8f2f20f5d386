"""RTP media for SIP calls: packets, RTCP, DTMF, jitter buffer, codecs and the per-call session.

Everything here is sans-I/O (no asyncio, no sockets, no clock reads): bytes and ``now`` go
in, bytes, frames and events come out. The asyncio adapter that moves datagrams lives with
the SIP transport.
"""

from __future__ import annotations

from telephony.media.codecs import Codec, G711Codec, G722Codec, codec_for
from telephony.media.dtmf import DtmfReceiver, DtmfSender, PlannedEvent, TelephoneEvent
from telephony.media.jitter import Gap, JitterBuffer
from telephony.media.rtcp import (
    Bye,
    ReceiverReport,
    ReportBlock,
    RtcpPacket,
    RtcpUnknown,
    SdesChunk,
    SdesItem,
    SenderReport,
    SourceDescription,
    parse_rtcp,
    serialize_rtcp,
)
from telephony.media.rtp import RtpHeaderExtension, RtpPacket, is_rtcp
from telephony.media.session import Address, Datagram, RtpSession
from telephony.media.stats import ReceiverStatistics, RtcpScheduler

__all__ = [
    "Address",
    "Bye",
    "Codec",
    "Datagram",
    "DtmfReceiver",
    "DtmfSender",
    "G711Codec",
    "G722Codec",
    "Gap",
    "JitterBuffer",
    "PlannedEvent",
    "ReceiverReport",
    "ReceiverStatistics",
    "ReportBlock",
    "RtcpPacket",
    "RtcpScheduler",
    "RtcpUnknown",
    "RtpHeaderExtension",
    "RtpPacket",
    "RtpSession",
    "SdesChunk",
    "SdesItem",
    "SenderReport",
    "SourceDescription",
    "TelephoneEvent",
    "codec_for",
    "is_rtcp",
    "parse_rtcp",
    "serialize_rtcp",
]
