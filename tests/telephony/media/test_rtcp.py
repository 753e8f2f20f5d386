from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telephony.errors import RtpParseError
from telephony.media.rtcp import (
    Bye,
    ReceiverReport,
    ReportBlock,
    RtcpUnknown,
    SdesChunk,
    SdesItem,
    SenderReport,
    SourceDescription,
    parse_rtcp,
    serialize_rtcp,
)
from tests.telephony.media.mutate import mutants

# Written out by hand from RFC 3550 figures, not produced by our serialiser.
SR_HEX = (
    "81c8000c"  # V=2 RC=1 PT=200 length 12
    "11223344"  # sender SSRC
    "e000000080000000"  # NTP timestamp
    "00001000"  # RTP timestamp
    "00000064"  # packet count 100
    "00003e80"  # octet count 16000
    "aabbccdd"  # report block: source
    "40000005"  # fraction 64/256, cumulative 5
    "00010005"  # extended highest sequence: one wrap, 5
    "00000020"  # jitter 32
    "12345678"  # LSR
    "00010000"  # DLSR: 1 s
)
SDES_HEX = "81ca0003112233440105616c69636500"  # CNAME "alice", end, aligned
BYE_HEX = "81cb00021122334403627965"  # reason "bye"
COMPOUND = bytes.fromhex(SR_HEX + SDES_HEX + BYE_HEX)


def test_hand_written_compound_fields():
    sr, sdes, bye = parse_rtcp(COMPOUND)
    assert isinstance(sr, SenderReport)
    assert sr.ssrc == 0x11223344
    assert sr.ntp_timestamp == 0xE0000000_80000000
    assert (sr.rtp_timestamp, sr.packet_count, sr.octet_count) == (0x1000, 100, 16000)
    assert sr.reports == (ReportBlock(0xAABBCCDD, 64, 5, 0x10005, 32, 0x12345678, 0x10000),)
    assert sdes == SourceDescription((SdesChunk(0x11223344, (SdesItem(1, b"alice"),)),))
    assert bye == Bye((0x11223344,), b"bye")
    assert serialize_rtcp([sr, sdes, bye]) == COMPOUND


def test_negative_cumulative_loss():
    block = ReportBlock(1, 0, -2)
    data = bytes(block)
    assert data[4:8] == b"\x00\xff\xff\xfe"
    assert ReportBlock.parse(data) == block
    with pytest.raises(ValueError):
        bytes(ReportBlock(1, 0, 1 << 23))


PACKETS = [
    SenderReport(1, 2, 3, 4, 5),
    SenderReport(1, reports=(ReportBlock(9, 1, 2, 3, 4, 5, 6),), extension=b"EXTN"),
    ReceiverReport(7),
    ReceiverReport(7, (ReportBlock(1), ReportBlock(2, packets_lost=-1))),
    ReceiverReport(7, padding=b"\x00\x00\x00\x04"),
    SourceDescription(),
    SourceDescription(
        (
            SdesChunk(1, (SdesItem(1, b"a@b"), SdesItem(2, b"name"))),
            SdesChunk(2, (SdesItem(1, b"1234"),)),
            SdesChunk(3),
        )
    ),
    Bye(),
    Bye((1, 2, 3)),
    Bye((1,), b""),
    Bye((1,), b"x" * 255),
    RtcpUnknown(204, 3, b"nameDATA"),  # APP
    RtcpUnknown(206, 15, b"\x00" * 12),  # PSFB
]


@pytest.mark.parametrize("packet", PACKETS, ids=lambda p: type(p).__name__)
def test_round_trip(packet):
    data = bytes(packet)
    assert len(data) % 4 == 0
    assert parse_rtcp(data) == [packet]
    assert bytes(type(packet).parse(data)) == data


@pytest.mark.parametrize("packet", PACKETS, ids=lambda p: type(p).__name__)
def test_error_at_every_truncation_of_one_packet(packet):
    data = bytes(packet)
    for size in range(len(data)):
        with pytest.raises(RtpParseError):
            parse_rtcp(data[:size])
        with pytest.raises(RtpParseError):
            type(packet).parse(data[:size])


def test_compound_truncation_errors_except_at_packet_boundaries():
    boundaries = {52, 68}
    for size in range(1, len(COMPOUND)):
        if size in boundaries:
            assert len(parse_rtcp(COMPOUND[:size])) == (1 if size == 52 else 2)
        else:
            with pytest.raises(RtpParseError):
                parse_rtcp(COMPOUND[:size])


@pytest.mark.parametrize(
    ("hex_data", "message"),
    [
        ("41c80000", "version 1"),
        ("80000000", "packet type 0"),
        ("80c80000", "SR sender info truncated"),
        ("81c9000100000001", "report blocks truncated"),
        ("a0c9000100000000", "padding count 0"),
        ("a0c9000100000009", "padding count 9"),
        ("81ca000100000001", "no end item"),
        ("81ca0002000000010000ff00", "not null-padded"),
        ("81ca0002000000010109ffff", "item truncated"),
        ("80ca000100000000", "after its chunks"),
        ("81cb0000", "BYE truncated"),
        ("81cb0002000000010162ff00", "null padding"),
        ("81cb00020000000109620000", "null padding"),
        ("80c80001", "needs 8 bytes, got 4"),
    ],
)
def test_invalid(hex_data, message):
    with pytest.raises(RtpParseError, match=message):
        parse_rtcp(bytes.fromhex(hex_data))


def test_empty_datagram():
    with pytest.raises(RtpParseError, match="empty"):
        parse_rtcp(b"")


def test_single_packet_parse_checks_the_length_word():
    with pytest.raises(RtpParseError, match="length word says 8 bytes, got 12"):
        ReceiverReport.parse(bytes.fromhex("80c900010000000100000000"))


def test_parse_refuses_the_wrong_type():
    with pytest.raises(RtpParseError, match="expected 200"):
        SenderReport.parse(bytes(ReceiverReport(1)))


def test_unknown_types_kept_among_known_ones():
    app = RtcpUnknown(204, 1, b"\x00\x00\x00\x01TEST")
    data = serialize_rtcp([ReceiverReport(5), app, Bye((5,))])
    assert parse_rtcp(data) == [ReceiverReport(5), app, Bye((5,))]


def test_fuzz_rtcp_parser():
    seeds = [COMPOUND, *(bytes(p) for p in PACKETS)]
    started = time.process_time()
    accepted = 0
    for data in mutants(seeds, 100_000, seed=5761):
        try:
            packets = parse_rtcp(data)
        except RtpParseError:
            continue
        accepted += 1
        assert serialize_rtcp(packets) == data
    assert accepted > 5_000
    assert time.process_time() - started < 15


u32 = st.integers(0, 0xFFFF_FFFF)
blocks = st.builds(
    ReportBlock,
    u32,
    st.integers(0, 255),
    st.integers(-(1 << 23), (1 << 23) - 1),
    u32,
    u32,
    u32,
    u32,
)
words = st.binary(max_size=16).map(lambda b: b + bytes(-len(b) % 4))


@settings(max_examples=100, database=None)
@given(
    sr=st.builds(
        SenderReport,
        u32,
        st.integers(0, (1 << 64) - 1),
        u32,
        u32,
        u32,
        st.lists(blocks, max_size=31).map(tuple),
        words,
    ),
    chunks=st.lists(
        st.builds(
            SdesChunk,
            u32,
            st.lists(
                st.builds(SdesItem, st.integers(1, 255), st.binary(max_size=40)), max_size=4
            ).map(tuple),
        ),
        max_size=5,
    ),
    bye=st.builds(Bye, st.lists(u32, max_size=31).map(tuple), st.none() | st.binary(max_size=255)),
)
def test_property_compound_round_trip(sr, chunks, bye):
    packets = [sr, SourceDescription(tuple(chunks)), bye]
    data = serialize_rtcp(packets)
    assert parse_rtcp(data) == packets
