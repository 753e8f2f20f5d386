from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telephony.errors import RtpParseError
from telephony.media.rtp import RtpHeaderExtension, RtpPacket, is_rtcp
from tests.telephony.media.mutate import fixture, mutants

FULL = RtpPacket(
    payload_type=0,
    sequence_number=0xFFFF,
    timestamp=0xFFFF_FFF0,
    ssrc=0x1234_5678,
    payload=b"\xff" * 160,
    marker=True,
    csrc=(1, 2),
    extension=RtpHeaderExtension(0xBEDE, b"\x10\xaa\x00\x00"),
    padding=b"\x00\x00\x03",
)


def test_real_g711a_packet_fields():
    packet = RtpPacket.parse(fixture("g711a_first"))
    assert packet.version == 2
    assert packet.payload_type == 8  # PCMA
    assert packet.marker is True
    assert packet.sequence_number == 59133
    assert packet.timestamp == 240
    assert packet.ssrc == 0xDEE0EE8F
    assert packet.csrc == () and packet.extension is None and packet.padding == b""
    assert len(packet.payload) == 240  # 30 ms of A-law: this trunk sends ptime 30
    assert set(packet.payload) == {0xD5}  # A-law silence
    second = RtpPacket.parse(fixture("g711a_second"))
    assert (second.sequence_number, second.timestamp, second.marker) == (59134, 480, False)


@pytest.mark.parametrize("name", ["g711a_first", "g711a_second", "g711a_speech", "dtmf_1_start"])
def test_real_packets_round_trip_exactly(name):
    data = fixture(name)
    assert bytes(RtpPacket.parse(data)) == data


def test_every_field_round_trips():
    data = bytes(FULL)
    assert data[0] == 0x80 | 0x20 | 0x10 | 2  # V=2, P, X, CC=2
    assert data[1] == 0x80  # marker, PT 0
    again = RtpPacket.parse(data)
    assert again == FULL
    assert bytes(again) == data
    assert len(data) == 12 + 8 + 4 + 4 + 160 + 3


def test_padding_is_not_payload():
    packet = RtpPacket.parse(bytes(FULL))
    assert packet.payload == b"\xff" * 160
    assert packet.padding == b"\x00\x00\x03"


def test_error_at_every_header_truncation():
    data = bytes(FULL)
    header = 12 + 8 + 4 + 4
    for size in range(header):
        with pytest.raises(RtpParseError):
            RtpPacket.parse(data[:size])


def test_truncated_payload_reads_as_shorter_payload():
    # RTP has no length field: a cut in the payload is only detectable through padding.
    plain = bytes(RtpPacket(payload=b"abcdef"))
    assert RtpPacket.parse(plain[:15]).payload == b"abc"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "truncated"),
        (b"\x40" + bytes(11), "version 1"),
        (b"\x00" + bytes(11), "version 0"),
        (b"\x8f" + bytes(11), "15 CSRCs"),
        (b"\x90" + bytes(11), "extension header truncated"),
        (b"\x90" + bytes(11) + b"\xbe\xde\x00\x02" + bytes(4), "extension truncated"),
        (b"\xa0" + bytes(11) + b"\x00", "padding count 0"),
        (b"\xa0" + bytes(11) + b"\x05", "padding count 5"),
        (b"\xa0" + bytes(11), "padding count 0"),
    ],
)
def test_invalid_packets(data, message):
    with pytest.raises(RtpParseError, match=message):
        RtpPacket.parse(data)


def test_error_is_a_value_error_without_sip_status():
    with pytest.raises(ValueError) as info:
        RtpPacket.parse(b"\x80")
    assert isinstance(info.value, RtpParseError) and info.value.status is None


@pytest.mark.parametrize(
    "bad",
    [
        RtpPacket(payload_type=128),
        RtpPacket(csrc=tuple(range(16))),
        RtpPacket(padding=b"\x00\x01"),
        RtpPacket(extension=RtpHeaderExtension(1, b"abc")),
    ],
)
def test_serialising_an_impossible_packet_is_our_bug(bad):
    with pytest.raises(ValueError):
        bytes(bad)


def test_rtcp_demux():
    assert is_rtcp(b"\x80\xc8")  # SR
    assert is_rtcp(b"\x81\xc9")  # RR
    assert is_rtcp(b"\x80\xdf")  # 223, last RTCP type
    assert not is_rtcp(b"\x80\xe0")
    assert not is_rtcp(fixture("g711a_first"))  # PT 8 with marker: 0x88
    assert not is_rtcp(fixture("dtmf_1_start"))  # PT 101 with marker: 0xe5
    assert not is_rtcp(b"\x80")


def test_fuzz_rtp_parser():
    seeds = [bytes(FULL), fixture("g711a_speech"), fixture("dtmf_1_start"), bytes(RtpPacket())]
    started = time.process_time()
    accepted = 0
    for data in mutants(seeds, 100_000, seed=3550):
        try:
            packet = RtpPacket.parse(data)
        except RtpParseError:
            continue
        accepted += 1
        assert bytes(packet) == data  # anything we accept, we reproduce byte for byte
    assert 10_000 < accepted < 95_000  # both paths exercised
    assert time.process_time() - started < 10


@settings(max_examples=200, database=None)
@given(
    pt=st.integers(0, 127),
    seq=st.integers(0, 0xFFFF),
    ts=st.integers(0, 0xFFFF_FFFF),
    ssrc=st.integers(0, 0xFFFF_FFFF),
    marker=st.booleans(),
    csrc=st.lists(st.integers(0, 0xFFFF_FFFF), max_size=15),
    ext=st.none() | st.tuples(st.integers(0, 0xFFFF), st.binary(max_size=12)),
    payload=st.binary(max_size=200),
    pad=st.integers(0, 255),
)
def test_property_round_trip(pt, seq, ts, ssrc, marker, csrc, ext, payload, pad):
    extension = None
    if ext is not None:
        data = ext[1] + bytes(-len(ext[1]) % 4)
        extension = RtpHeaderExtension(ext[0], data)
    padding = bytes(pad - 1) + bytes((pad,)) if pad else b""
    packet = RtpPacket(pt, seq, ts, ssrc, payload, marker, tuple(csrc), extension, padding)
    data = bytes(packet)
    assert RtpPacket.parse(data) == packet
    assert bytes(RtpPacket.parse(data)) == data
