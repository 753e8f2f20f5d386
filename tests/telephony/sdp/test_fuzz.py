"""Hostile bodies: seeded mutations of every fixture and hypothesis-generated descriptions.

Whatever a peer sends, parsing raises nothing but SdpParseError and negotiating nothing but
NegotiationError; what we parse we can write and read back unchanged.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from telephony.errors import NegotiationError, SdpParseError
from telephony.offer_answer import CODECS, SdpSession, accept_answer, answer
from telephony.sdp import (
    Attribute,
    Connection,
    MediaDescription,
    Origin,
    RtpMap,
    SessionDescription,
)

DATA = Path(__file__).parents[2] / "data" / "sdp"
FIXTURES = [p.read_bytes() for p in sorted(DATA.glob("*.sdp"))]
OFFERS = [SessionDescription.parse(f) for f in FIXTURES]
BODIES = 100_000

NUMBERS = [
    b"0",
    b"-1",
    b"127",
    b"128",
    b"65535",
    b"65536",
    b"4294967296",
    b"18446744073709551616",
    b"9" * 25,
    b"9" * 5000,  # past int()'s 4300-digit limit, which raises ValueError
    b"\xc2\xb2",  # superscript two: isdigit() but not int()
    b"20.5",
    b"1e9",
    b"",
]
SNIPPETS = [
    b"m=audio ",
    b"m=audio 0 RTP/SAVP ",
    b"m=image 4000 udptl t38",
    b"c=IN IP4 ",
    b"c=IN IP6 ::",
    b"c=IN IP4 0.0.0.0",
    b"o=- ",
    b"t=",
    b"r=",
    b"a=rtpmap:",
    b"a=rtpmap:0 PCMU/",
    b"a=rtpmap:101 telephone-event/",
    b"a=fmtp:101 0-",
    b"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:",
    b"a=crypto:",
    b"a=rtcp:",
    b"a=ptime:",
    b"a=maxptime:",
    b"a=sendonly",
    b"a=inactive:",
    b"a=rtcp-mux",
    b"v=0",
    b"\xff\xfe",
]
INSERTS = [b"\xff", b"\xc3", b"\x00", b"\r", b"\n", b" ", b"\t", b":", b"/", b"=", b"-", b"|"]


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to four line drops, swaps, duplicates, number swaps, insertions, bit flips or cuts."""
    for _ in range(rng.randint(1, 4)):
        lines = data.split(b"\n")
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        op = rng.randrange(10)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 2:
            lines.insert(i, lines[j])
        elif op == 3:
            lines[i] = re.sub(rb"[0-9]+", lambda _: rng.choice(NUMBERS), lines[i], count=1)
        elif op == 4:
            lines.insert(i, rng.choice(SNIPPETS) + rng.choice(NUMBERS) + b"\r")
        else:
            raw = bytearray(b"\n".join(lines))
            at = rng.randrange(len(raw) + 1)
            if op == 5 and raw:
                raw[min(at, len(raw) - 1)] ^= 1 << rng.randrange(8)
            elif op == 6:
                del raw[at:]
            elif op == 7:
                raw[at:at] = rng.choice(INSERTS)
            else:
                del raw[at : at + rng.randint(1, 8)]
            data = bytes(raw)
            continue
        data = b"\n".join(lines)
    return data


def exercise(body: bytes, index: int) -> str:
    """Parse, re-read, answer and accept one body; return which way it went."""
    try:
        sd = SessionDescription.parse(body)
    except SdpParseError:
        return "refused"
    assert SessionDescription.parse(bytes(sd)) == sd
    try:
        answer(sd, "192.0.2.10", 40000, SdpSession(1), srtp_keygen=bytes)
        outcome = "answered"
    except NegotiationError:
        outcome = "488"
    try:
        accept_answer(OFFERS[index], sd)
    except NegotiationError:
        pass
    return outcome


def test_mutated_fixtures() -> None:
    rng = random.Random(20240611)
    outcomes: dict[str, int] = {}
    started = time.perf_counter()
    for n in range(BODIES):
        index = n % len(FIXTURES)
        outcome = exercise(mutate(rng, FIXTURES[index]), index)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    elapsed = time.perf_counter() - started
    assert sum(outcomes.values()) == BODIES
    # the mutations must exercise every path, not just the first line's check
    assert min(outcomes.get(k, 0) for k in ("refused", "answered", "488")) > BODIES // 20
    assert elapsed < 60, f"{BODIES} bodies took {elapsed:.1f} s"


def test_random_bytes_and_oversized_bodies() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        body = b"v=0\r\n" + rng.randbytes(rng.randrange(400))
        exercise(body, 0)
    for body in (FIXTURES[0] * 200, b"v=0\r\n" + b"a=x\r\n" * 20_000, b"\n" * 70_000):
        assert exercise(body, 0) == "refused"


# hypothesis: a grammar-shaped generator, so most examples get past the first line

TOKEN = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.",
    min_size=1,
    max_size=12,
)
ADDRESS = st.one_of(
    st.ip_addresses(v=4).map(str),
    st.just("0.0.0.0"),
    st.ip_addresses(v=6).map(str),
    TOKEN,
)
DIRECTION = st.sampled_from(["sendrecv", "sendonly", "recvonly", "inactive"])


@st.composite
def rtpmaps(draw: st.DrawFn) -> RtpMap:
    pt = draw(st.integers(0, 127))
    encoding = draw(st.sampled_from(["PCMU", "pcma", "G722", "opus", "telephone-event", "G729"]))
    clock = draw(st.sampled_from([8000, 16000, 48000]))
    return RtpMap(pt, encoding, clock, draw(st.sampled_from([None, 1, 2])))


@st.composite
def audio_lines(draw: st.DrawFn) -> MediaDescription:
    maps = draw(st.lists(rtpmaps(), max_size=5, unique_by=lambda m: m.payload_type))
    static = draw(st.lists(st.sampled_from([0, 8, 9, 18]), max_size=3, unique=True))
    pts = [m.payload_type for m in maps] + [
        p for p in static if p not in {m.payload_type for m in maps}
    ]
    attrs = [Attribute("rtpmap", str(m)) for m in maps]
    if draw(st.booleans()):
        attrs.append(Attribute(draw(DIRECTION)))
    if draw(st.booleans()):
        attrs.append(Attribute("ptime", str(draw(st.integers(1, 200)))))
    if draw(st.booleans()) and pts:
        attrs.append(
            Attribute("fmtp", f"{pts[0]} {draw(st.sampled_from(['0-15', '0-16', 'x', '5-1']))}")
        )
    if draw(st.booleans()):
        attrs.append(Attribute("rtcp-mux"))
    return MediaDescription(
        media=draw(st.sampled_from(["audio", "audio", "video", "image"])),
        port=draw(st.sampled_from([0, 4000, 65535])),
        proto=draw(st.sampled_from(["RTP/AVP", "RTP/AVPF", "RTP/SAVP", "UDP/TLS/RTP/SAVPF"])),
        formats=[str(p) for p in pts] or ["0"],
        connection=draw(st.none() | ADDRESS.map(lambda a: Connection("IN", "IP4", a))),
        attributes=attrs,
    )


@st.composite
def descriptions(draw: st.DrawFn) -> SessionDescription:
    address = draw(ADDRESS)
    return SessionDescription(
        origin=Origin(
            draw(TOKEN),
            draw(st.integers(0, 2**63)),
            draw(st.integers(0, 2**63)),
            "IN",
            "IP4",
            address,
        ),
        name=draw(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)),
        connection=draw(
            st.none() | st.just(Connection("IN", "IP6" if ":" in address else "IP4", address))
        ),
        attributes=draw(
            st.lists(st.builds(Attribute, TOKEN.map("x-".__add__), st.none() | TOKEN), max_size=3)
        ),
        media=draw(st.lists(audio_lines(), max_size=4)),
    )


@settings(max_examples=200, database=None, deadline=None)
@given(descriptions())
def test_generated_descriptions_round_trip(sd: SessionDescription) -> None:
    assert SessionDescription.parse(bytes(sd)) == sd


@settings(max_examples=200, database=None, deadline=None)
@given(descriptions())
def test_generated_offers_are_answered_or_refused_with_488(sd: SessionDescription) -> None:
    try:
        reply, agreed = answer(sd, "192.0.2.10", 40000, SdpSession(1), srtp_keygen=bytes)
    except NegotiationError:
        return
    assert len(reply.media) == len(sd.media)
    chosen = sd.media[agreed.media_index]
    assert chosen.media == "audio" and chosen.port != 0 and agreed.codec in CODECS
    assert chosen.rtpmap[agreed.payload_type].encoding.upper() == agreed.codec
    assert [m.port != 0 for m in reply.media].count(True) == 1
    assert accept_answer(sd, reply).payload_type == agreed.payload_type


@settings(max_examples=300, database=None, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_after_v0(tail: bytes) -> None:
    exercise(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n" + tail, 0)
