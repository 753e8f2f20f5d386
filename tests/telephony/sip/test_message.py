"""SIP messages: real fixtures, exact round trips, every truncation, and hostile input."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from telephony.errors import SipParseError
from telephony.sip.message import (
    MAX_HEADERS,
    Request,
    Response,
    StreamFramer,
    parse_message,
)
from telephony.sip.uri import NameAddr, SipUri

DATA = Path(__file__).parents[2] / "data" / "sip"
FIXTURES = sorted(DATA.glob("*.bin"))


def load(name: str) -> bytes:
    return (DATA / name).read_bytes()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_round_trips_exactly(path: Path) -> None:
    data = path.read_bytes()
    assert bytes(parse_message(data)) == data


def test_sipp_invite_fields() -> None:
    invite = parse_message(load("sipp-invite.bin"))
    assert isinstance(invite, Request)
    assert invite.method == "INVITE" and invite.uri.startswith("sip:service@127.0.0.1:")
    assert invite.call_id == "1-13406@127.0.0.1"
    assert (invite.cseq.number, invite.cseq.method) == (1, "INVITE")
    assert invite.vias[0].branch == "z9hG4bK-13406-1-0" and invite.vias[0].port == 5060
    assert invite.from_.tag == "13406SIPpTag001" and invite.to.tag is None
    assert invite.body.startswith(b"v=0\r\n") and len(invite.body) == 129


def test_asterisk_invite_caller_headers() -> None:
    invite = parse_message(load("asterisk-invite.bin"))
    pai = NameAddr.parse(invite.headers["P-Asserted-Identity"])
    assert pai.display_name == "Maria G" and pai.uri.user == "+15551230000"
    assert invite.headers["Session-Expires"] == "1800"
    assert "timer" in invite.headers.get_all("Supported")
    assert invite.headers["Content-Length"] == str(len(invite.body))


def test_freeswitch_invite_diversion_and_x_headers() -> None:
    invite = parse_message(load("freeswitch-invite.bin"))
    assert invite.headers["x-clinic-queue"] == "cardiology"  # any spelling of a name
    diversion = NameAddr.parse(invite.headers["Diversion"])
    assert diversion.params["reason"] == "unconditional"
    assert SipUri.parse(invite.uri).transport == "udp"


def test_carrier_tel_style_user_phone() -> None:
    invite = parse_message(load("carrier-invite.bin"))
    uri = SipUri.parse(invite.uri)
    assert uri.user == "+12125550100" and uri.params["user"] == "phone"
    assert invite.headers.get_all("Allow")[0] == "INVITE"


def test_compact_header_names() -> None:
    options = parse_message(load("compact-options.bin"))
    assert options.call_id == "7f3c9a2e1b"
    assert options.headers["Content-Length"] == "0" and options.headers["From"]


@pytest.mark.parametrize("name", [p.name for p in FIXTURES])
def test_every_truncation_is_a_parse_error_or_a_shorter_message(name: str) -> None:
    data = load(name)
    for cut in range(len(data)):
        try:
            message = parse_message(data[:cut])
        except SipParseError:
            continue
        # A cut inside the body of a message without Content-Length would be "the rest of
        # the datagram"; every fixture carries one, so only a cut in trailing body is legal.
        assert len(bytes(message)) <= cut


def test_response_to_invite_copies_what_8_2_6_says() -> None:
    invite = parse_message(load("asterisk-invite.bin"))
    assert isinstance(invite, Request)
    response = invite.response(180, to_tag="t1")
    assert isinstance(response, Response)
    assert response.headers["Via"] == invite.headers["Via"]
    assert response.to.tag == "t1" and response.from_.tag == invite.from_.tag
    assert response.headers["CSeq"] == "4711 INVITE"
    again = parse_message(bytes(response) + b"")
    assert isinstance(again, Response) and again.status == 180


BAD = {
    "garbage": b"\x00\xff\x13garbage",
    "no blank line": b"INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n",
    "header without colon": (
        b"OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n"
        b"From: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\n"
        b"NoColonHere\r\n\r\n"
    ),
    "bad version": b"INVITE sip:a@b SIP/3.0\r\n\r\n",
    "cseq method mismatch": (
        b"BYE sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n"
        b"From: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n"
    ),
    "missing call-id": (
        b"OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n"
        b"From: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCSeq: 1 OPTIONS\r\n\r\n"
    ),
}


@pytest.mark.parametrize("data", BAD.values(), ids=BAD.keys())
def test_malformed_messages_raise_parse_error(data: bytes) -> None:
    with pytest.raises(SipParseError):
        parse_message(data)


def test_content_length_that_lies_keeps_a_request_for_the_400() -> None:
    data = load("sipp-invite.bin").replace(b"Content-Length:   129", b"Content-Length: 500")
    with pytest.raises(SipParseError) as caught:
        parse_message(data)
    assert isinstance(caught.value.request, Request)  # enough was read to answer 400


def test_ten_thousand_headers_are_refused_quickly() -> None:
    head = load("compact-options.bin").split(b"\r\n\r\n")[0]
    data = head + b"\r\n" + b"X-Pad: 1\r\n" * 10_000 + b"\r\n"
    start = time.perf_counter()
    with pytest.raises(SipParseError, match=str(MAX_HEADERS)):
        parse_message(head + b"\r\n" + b"X-Pad: 1\r\n" * 3_000 + b"\r\n")  # under 64 KiB
    with pytest.raises(SipParseError, match="limit"):
        parse_message(data)
    assert time.perf_counter() - start < 0.5


def test_a_one_megabyte_body_is_over_the_limit() -> None:
    invite = load("sipp-invite.bin").split(b"\r\n\r\n")[0]
    body = b"a=x\r\n" * 200_000
    data = invite.replace(b"Content-Length:   129", f"Content-Length: {len(body)}".encode())
    with pytest.raises(SipParseError, match="limit"):
        parse_message(data + b"\r\n\r\n" + body)
    framer = StreamFramer()
    with pytest.raises(SipParseError, match="limit"):
        framer.feed(data + b"\r\n\r\n" + body[:1000])


def test_stream_framer_cuts_by_content_length_and_skips_keepalives() -> None:
    one, two = load("sipp-invite.bin"), load("compact-options.bin")
    stream = b"\r\n\r\n" + one + two
    framer = StreamFramer()
    out: list[bytes] = []
    for i in range(0, len(stream), 7):  # arrives in small pieces
        out += framer.feed(stream[i : i + 7])
    assert out == [one, two]


def test_stream_transport_requires_content_length() -> None:
    data = load("compact-options.bin").replace(b"l: 0\r\n", b"")
    parse_message(data)  # fine in a datagram
    with pytest.raises(SipParseError, match="Content-Length"):
        parse_message(data, stream=True)


def _mutations(seed: int, count: int) -> list[bytes]:
    rng = random.Random(seed)
    seeds = [p.read_bytes() for p in FIXTURES]
    out = []
    for _ in range(count):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 6)):
            kind = rng.random()
            pos = rng.randrange(len(data) + 1)
            if kind < 0.3 and data:
                data[min(pos, len(data) - 1)] = rng.randrange(256)
            elif kind < 0.5:
                del data[pos : pos + rng.randint(1, 40)]
            elif kind < 0.7:
                data[pos:pos] = rng.choice(
                    [b"\r\n", b":", b";", b"<", b'"', b" ", b"\x00", b"9" * 12]
                )
            elif kind < 0.85:
                lines = bytes(data).split(b"\r\n")
                rng.shuffle(lines)
                data = bytearray(b"\r\n".join(lines))
            else:
                data = data[:pos]
        out.append(bytes(data))
    return out


def test_fuzz_100k_mutated_messages_never_crash() -> None:
    """No exception but SipParseError, and anything that parses prints and reparses."""
    rng = random.Random(7)
    parsed = 0
    inputs = _mutations(1, 90_000) + [rng.randbytes(rng.randint(0, 300)) for _ in range(10_000)]
    start = time.perf_counter()
    for data in inputs:
        try:
            message = parse_message(data)
        except SipParseError:
            continue
        parsed += 1
        assert parse_message(bytes(message)).headers is not None
    assert parsed > 1000  # the mutations still reach deep into the parser
    assert time.perf_counter() - start < 60
