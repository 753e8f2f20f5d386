"""Offer/answer (RFC 3264) against each fixture: codec, telephone-event, direction, hold,
SRTP, the 488 cases, our own offers and the o= version rules."""

from __future__ import annotations

import base64
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from telephony.errors import NegotiationError
from telephony.offer_answer import (
    NegotiatedMedia,
    SdpSession,
    SrtpKey,
    accept_answer,
    answer,
    make_offer,
)
from telephony.sdp import SessionDescription

DATA = Path(__file__).parents[2] / "data" / "sdp"
LOCAL = "192.0.2.10"
PORT = 40000


def keygen(n: int) -> bytes:
    """Deterministic stand-in for os.urandom."""
    return bytes(range(n))


def counting_keygen() -> Callable[[int], bytes]:
    """Each key a different byte repeated: 0x01 * 30, then 0x02 * 30 ..."""
    counter = itertools.count(1)
    return lambda n: bytes([next(counter)]) * n


def text_of(name: str) -> str:
    return (DATA / f"{name}.sdp").read_bytes().decode()  # read_text() would drop the CRs


def offer(name: str) -> SessionDescription:
    return SessionDescription.parse((DATA / f"{name}.sdp").read_bytes())


def edit(name: str, old: str, new: str) -> SessionDescription:
    text = text_of(name)
    assert old in text
    return SessionDescription.parse(text.replace(old, new))


def negotiate(sd: SessionDescription, **kwargs: Any) -> tuple[SessionDescription, NegotiatedMedia]:
    return answer(sd, LOCAL, PORT, SdpSession(42), srtp_keygen=keygen, **kwargs)


# fixture: (codec, payload type, telephone-event, our direction, on hold, m-line, remote address)
OUTCOMES = {
    "asterisk": ("PCMU", 0, 101, "sendrecv", False, 0, "203.0.113.10"),
    "asterisk-hold": ("PCMU", 0, 101, "recvonly", True, 0, "203.0.113.10"),
    "asterisk-srtp": ("PCMU", 0, 101, "sendrecv", False, 0, "203.0.113.10"),
    "audio-port-zero": ("PCMU", 0, 101, "sendrecv", False, 1, "198.51.100.70"),
    "baresip": ("G722", 9, 101, "sendrecv", False, 0, "192.0.2.2"),
    "baresip-hold": ("PCMU", 0, 101, "recvonly", True, 0, "192.0.2.2"),
    "baresip-srtp": ("G722", 9, 101, "sendrecv", False, 0, "192.0.2.2"),
    "baresip-srtp-best-effort": ("G722", 9, 101, "sendrecv", False, 0, "192.0.2.2"),
    "carrier": ("PCMU", 0, 101, "sendrecv", False, 0, "198.51.100.52"),
    "carrier-ipv6": ("PCMA", 8, 101, "sendrecv", False, 0, "2001:db8:10::5"),
    "cisco-legacy-hold": ("PCMU", 0, 101, "recvonly", True, 0, "0.0.0.0"),
    "freeswitch": ("G722", 9, 101, "sendrecv", False, 0, "198.51.100.20"),
    "linphone": ("PCMU", 0, 100, "sendrecv", False, 0, "198.51.100.31"),
    "sipp-uac": ("PCMU", 0, None, "sendrecv", False, 0, "192.0.2.2"),
}
REFUSED = {
    "asterisk-t38": "no active audio stream",
    "baresip-dtls-ice": "UDP/TLS/RTP/SAVPF is not a transport we speak",
    "chrome-webrtc": "UDP/TLS/RTP/SAVPF is not a transport we speak",
    "video-only": "no active audio stream",
}


def test_every_fixture_has_an_outcome() -> None:
    assert sorted([*OUTCOMES, *REFUSED]) == sorted(p.stem for p in DATA.glob("*.sdp"))


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_answer_per_fixture(name: str) -> None:
    codec, pt, event, direction, on_hold, index, address = OUTCOMES[name]
    sd = offer(name)
    reply, agreed = negotiate(sd)
    assert (agreed.codec, agreed.payload_type, agreed.telephone_event) == (codec, pt, event)
    assert (agreed.direction, agreed.on_hold, agreed.media_index) == (direction, on_hold, index)
    assert (agreed.remote_address, agreed.remote_port) == (address, sd.media[index].port)
    assert agreed.clock_rate == 8000 and agreed.ptime == 20
    # the answer mirrors the offer line for line; everything but our line is refused
    assert len(reply.media) == len(sd.media)
    for i, (ours, theirs) in enumerate(zip(reply.media, sd.media, strict=True)):
        if i == index:
            assert (ours.port, ours.proto) == (PORT, theirs.proto)
            assert ours.payload_types == [pt] + ([] if event is None else [event])
            assert reply.direction_of(ours) == direction
        else:
            assert (ours.port, ours.proto, ours.formats, ours.attributes) == (
                0,
                theirs.proto,
                theirs.formats,
                [],
            )
    assert reply.connection is not None and reply.connection.address == LOCAL
    assert (reply.origin.session_id, reply.origin.address) == (42, LOCAL)
    # our answer is valid SDP that parses back to itself, and accepting it agrees
    assert SessionDescription.parse(bytes(reply)) == reply
    back = accept_answer(sd, reply)
    assert (back.codec, back.payload_type, back.telephone_event) == (codec, pt, event)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_488(name: str) -> None:
    with pytest.raises(NegotiationError, match=REFUSED[name]) as caught:
        negotiate(offer(name))
    assert caught.value.status == 488


def test_asterisk_answer_bytes() -> None:
    reply, _ = negotiate(offer("asterisk"))
    assert bytes(reply) == (
        b"v=0\r\no=- 42 1 IN IP4 192.0.2.10\r\ns=careline\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
        b"m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
        b"a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n"
    )


def test_telephone_event_events_follow_the_offer() -> None:
    assert "a=fmtp:101 0-15" in str(negotiate(offer("carrier"))[0])
    assert "a=fmtp:100 0-15" in str(negotiate(offer("linphone"))[0])  # no fmtp: 0-15
    sd = edit("carrier", "a=fmtp:101 0-15", "a=fmtp:101 0-11,15,66")
    assert "a=fmtp:101 0-11,15\r\n" in str(negotiate(sd)[0])
    sd = edit("carrier", "a=fmtp:101 0-15", "a=fmtp:101 sixteen")
    assert negotiate(sd)[1].telephone_event is None  # malformed: not used
    sd = edit("carrier", "a=fmtp:101 0-15", "a=fmtp:101 66-70")
    assert negotiate(sd)[1].telephone_event is None  # nothing we can send
    sd = edit(
        "freeswitch", "a=rtpmap:101 telephone-event/8000", "a=rtpmap:101 telephone-event/16000"
    )
    assert negotiate(sd)[1].telephone_event is None  # /48000 and /16000 never match 8000


def test_codec_preferences() -> None:
    assert negotiate(offer("asterisk"), prefs=("PCMA", "PCMU"))[1].codec == "PCMA"
    assert negotiate(offer("freeswitch"), prefs=("PCMU",))[1].payload_type == 0
    with pytest.raises(NegotiationError, match="no common codec"):
        negotiate(offer("sipp-uac"), prefs=("G722",))
    with pytest.raises(ValueError):
        negotiate(offer("asterisk"), prefs=("opus",))


def test_no_common_codec_is_488() -> None:
    sd = edit(
        "sipp-uac", "RTP/AVP 0\r\na=rtpmap:0 PCMU/8000", "RTP/AVP 96 18\r\na=rtpmap:96 opus/48000/2"
    )
    with pytest.raises(NegotiationError, match="m-line 1: no common codec"):
        negotiate(sd)
    sd = edit("sipp-uac", "a=rtpmap:0 PCMU/8000", "a=rtpmap:0 PCMU/8000/2")  # stereo: not ours
    with pytest.raises(NegotiationError):
        negotiate(sd)


def test_audio_only_at_port_zero_is_488() -> None:
    with pytest.raises(NegotiationError, match="no active audio stream"):
        negotiate(edit("asterisk", "m=audio 14262", "m=audio 0"))


def test_second_audio_and_video_lines_are_refused() -> None:
    text = text_of("asterisk")
    video = "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
    image = "m=image 4000 udptl t38\r\n"
    sd = SessionDescription.parse(text + video + text[text.index("m=audio") :] + image)
    reply, agreed = negotiate(sd)
    assert agreed.media_index == 0
    assert [(m.media, m.port, m.formats) for m in reply.media] == [
        ("audio", PORT, ["0", "101"]),
        ("video", 0, ["96"]),
        ("audio", 0, ["0", "8", "101"]),
        ("image", 0, ["t38"]),
    ]


def test_unusable_first_audio_falls_through_to_the_second() -> None:
    text = text_of("chrome-webrtc")
    sd = SessionDescription.parse(text + "m=audio 5004 RTP/AVP 8\r\nc=IN IP4 198.51.100.77\r\n")
    reply, agreed = negotiate(sd)
    assert (agreed.media_index, agreed.codec, agreed.telephone_event) == (1, "PCMA", None)
    assert [m.port for m in reply.media] == [0, PORT]


@pytest.mark.parametrize(
    ("offered", "answered", "on_hold"),
    [
        ("sendrecv", "sendrecv", False),
        ("sendonly", "recvonly", True),
        ("recvonly", "sendonly", False),
        ("inactive", "inactive", True),
    ],
)
def test_direction_answers(offered: str, answered: str, on_hold: bool) -> None:
    sd = edit("asterisk", "a=sendrecv", f"a={offered}")
    reply, agreed = negotiate(sd)
    assert reply.media[0].direction == agreed.direction == answered
    assert agreed.on_hold is on_hold
    assert agreed.can_send is (answered in ("sendrecv", "sendonly"))
    assert agreed.can_receive is (answered in ("sendrecv", "recvonly"))


def test_session_level_direction_is_answered() -> None:
    sd = edit("carrier", "t=0 0\r\n", "t=0 0\r\na=sendonly\r\n")
    sd.media[0].attributes = [a for a in sd.media[0].attributes if a.name != "sendrecv"]
    assert negotiate(sd)[1].direction == "recvonly"


def test_local_direction_while_we_hold_the_peer() -> None:
    assert negotiate(offer("asterisk"), local_direction="sendonly")[1].direction == "sendonly"
    assert negotiate(offer("asterisk-hold"), local_direction="sendonly")[1].direction == "inactive"


def test_legacy_hold_sends_nothing_to_0000() -> None:
    reply, agreed = negotiate(offer("cisco-legacy-hold"))
    assert agreed.on_hold and not agreed.can_send and agreed.can_receive
    assert "a=recvonly" in str(reply) and "0.0.0.0" not in str(reply)


def test_ptime_and_rtcp() -> None:
    assert negotiate(edit("asterisk", "a=ptime:20", "a=ptime:30"))[1].ptime == 30
    assert negotiate(edit("asterisk", "a=ptime:20", "a=ptime:25"))[1].ptime == 20
    assert negotiate(edit("asterisk", "a=maxptime:150", "a=maxptime:10"))[1].ptime == 10
    reply, agreed = negotiate(offer("freeswitch"))
    assert (agreed.remote_rtcp_port, agreed.rtcp_mux) == (22377, False)
    assert negotiate(offer("asterisk"))[1].remote_rtcp_port is None
    muxed = edit("asterisk", "a=sendrecv", "a=sendrecv\r\na=rtcp-mux")
    reply, agreed = negotiate(muxed)
    assert agreed.rtcp_mux and reply.media[0].rtcp_mux
    reply, agreed = negotiate(muxed, rtcp_mux=False)
    assert not agreed.rtcp_mux and not reply.media[0].rtcp_mux


def test_ipv6_answer() -> None:
    reply, agreed = answer(offer("carrier-ipv6"), "2001:db8::10", PORT, SdpSession(1))
    assert agreed.remote_address == "2001:db8:10::5"
    assert "c=IN IP6 2001:db8::10\r\n" in str(reply) and "o=- 1 1 IN IP6 2001:db8::10" in str(reply)


@pytest.mark.parametrize(
    "address",
    ["c=IN IP4 pbx.example.com", "c=IN IP6 192.0.2.7", "c=IN IP4 224.2.1.1/127", "c=ATM NSAP x"],
)
def test_unusable_connection_address(address: str) -> None:
    with pytest.raises(NegotiationError, match=r"m-line 1: .*address"):
        negotiate(edit("asterisk", "c=IN IP4 203.0.113.10", address))


# SRTP (RFC 4568 SDES)


def test_srtp_answer_with_our_key() -> None:
    sd = offer("asterisk-srtp")
    reply, agreed = negotiate(sd)
    (crypto,) = reply.media[0].crypto
    ours = base64.b64encode(bytes(range(30))).decode()
    assert str(crypto) == f"1 AES_CM_128_HMAC_SHA1_80 inline:{ours}"
    assert reply.media[0].proto == "RTP/SAVP"
    assert agreed.srtp_send == SrtpKey(
        "AES_CM_128_HMAC_SHA1_80", bytes(range(16)), bytes(range(16, 30))
    )
    offered = base64.b64decode(sd.media[0].crypto[0].key_params[0].removeprefix("inline:"))
    assert agreed.srtp_receive is not None
    assert agreed.srtp_receive.master_key + agreed.srtp_receive.master_salt == offered
    assert "master_key" not in repr(agreed) and offered.hex() not in repr(agreed)


def test_srtp_prefers_80_and_takes_32_alone() -> None:
    swapped = edit(
        "asterisk-srtp", "a=crypto:1 AES_CM_128_HMAC_SHA1_80", "a=crypto:1 AES_CM_128_HMAC_SHA1_8X"
    )
    reply, agreed = negotiate(swapped)
    assert agreed.srtp_send is not None and agreed.srtp_send.suite == "AES_CM_128_HMAC_SHA1_32"
    assert str(reply.media[0].crypto[0]).startswith("2 AES_CM_128_HMAC_SHA1_32 inline:")


@pytest.mark.parametrize(
    "crypto",
    [
        "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:{key}",  # a suite we do not have
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{key}|2^20|1:4",  # MKI
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{key} UNENCRYPTED_SRTP",  # session param
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{key};inline:{key}",  # two keys
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:!!notbase64!!",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJD",  # 3 bytes
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 uri:http://example.com/key",
    ],
)
def test_savp_without_usable_crypto_is_488(crypto: str) -> None:
    key = base64.b64encode(bytes(30)).decode()
    sd = offer("baresip-srtp")
    sd.media[0].attributes = [a for a in sd.media[0].attributes if a.name != "crypto"]
    text = str(sd).replace("a=sendrecv", crypto.format(key=key) + "\r\na=sendrecv")
    with pytest.raises(NegotiationError, match="RTP/SAVP without a usable a=crypto"):
        negotiate(SessionDescription.parse(text))


def test_savp_with_lifetime_is_usable() -> None:
    sd = edit("baresip-srtp", "JfNuJ\r\n", "JfNuJ|2^31\r\n")
    assert negotiate(sd)[1].srtp_receive is not None


def test_plain_rtp_never_gets_crypto() -> None:
    reply, agreed = negotiate(offer("baresip-srtp-best-effort"))
    assert reply.media[0].crypto == [] and reply.media[0].proto == "RTP/AVP"
    assert agreed.srtp_send is None and agreed.srtp_receive is None


def test_keygen_must_give_30_bytes() -> None:
    with pytest.raises(ValueError, match="30"):
        answer(offer("asterisk-srtp"), LOCAL, PORT, SdpSession(1), srtp_keygen=lambda n: b"x")


# o= and sess-version (RFC 3264 §8)


def test_session_version_moves_only_when_the_description_changes() -> None:
    session = SdpSession(987654321)
    first, _ = answer(offer("asterisk"), LOCAL, PORT, session)
    assert (first.origin.session_id, first.origin.session_version) == (987654321, 1)
    refresh, _ = answer(offer("asterisk"), LOCAL, PORT, session)  # session-timer refresh
    assert bytes(refresh) == bytes(first)
    held, _ = answer(offer("asterisk-hold"), LOCAL, PORT, session)
    assert (held.origin.session_id, held.origin.session_version) == (987654321, 2)
    resumed, _ = answer(offer("asterisk"), LOCAL, PORT, session)
    assert resumed.origin.session_version == 3
    moved, _ = answer(offer("asterisk"), "192.0.2.11", PORT, session)
    assert moved.origin.session_version == 4
    assert session.last == moved and session.last is not moved


def test_session_ids_are_random_and_usernames_kept() -> None:
    assert SdpSession().session_id != SdpSession().session_id
    session = SdpSession(5, username="careline")
    assert answer(offer("asterisk"), LOCAL, PORT, session)[0].origin.username == "careline"


# our offers: INVITE without SDP, hold re-INVITE, and the peer's answer to them


def test_offer_for_an_invite_without_sdp() -> None:
    sd = make_offer(LOCAL, PORT, SdpSession(7))
    assert bytes(sd) == (
        b"v=0\r\no=- 7 1 IN IP4 192.0.2.10\r\ns=careline\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
        b"m=audio 40000 RTP/AVP 0 8 9 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        b"a=rtpmap:9 G722/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
        b"a=ptime:20\r\na=sendrecv\r\n"
    )
    sd = make_offer(LOCAL, PORT, SdpSession(7), codecs=("PCMA",), telephone_event=None)
    assert sd.media[0].formats == ["8"]


def test_srtp_offer_has_a_key_per_suite() -> None:
    sd = make_offer(LOCAL, PORT, SdpSession(7), srtp_keygen=counting_keygen())
    audio = sd.media[0]
    assert audio.proto == "RTP/SAVP"
    assert [str(c) for c in audio.crypto] == [
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + base64.b64encode(b"\x01" * 30).decode(),
        "2 AES_CM_128_HMAC_SHA1_32 inline:" + base64.b64encode(b"\x02" * 30).decode(),
    ]


def test_our_offer_answered_by_a_peer() -> None:
    ours, peer = SdpSession(1), SdpSession(2)
    sent = make_offer(LOCAL, PORT, ours, srtp_keygen=counting_keygen())
    reply, theirs = answer(sent, "192.0.2.20", 50000, peer, prefs=("PCMA",), srtp_keygen=keygen)
    agreed = accept_answer(sent, reply)
    assert (agreed.codec, agreed.payload_type, agreed.telephone_event) == ("PCMA", 8, 101)
    assert (agreed.remote_address, agreed.remote_port, agreed.direction) == (
        "192.0.2.20",
        50000,
        "sendrecv",
    )
    assert agreed.srtp_send == theirs.srtp_receive and agreed.srtp_receive == theirs.srtp_send
    assert agreed.srtp_send is not None and agreed.srtp_send.master_key == b"\x01" * 16


def test_hold_reinvite_keeps_the_m_lines_and_bumps_the_version() -> None:
    session = SdpSession(9)
    text = text_of("asterisk")
    incoming = SessionDescription.parse(text + "m=video 5000 RTP/AVP 96\r\n")
    first, agreed = answer(incoming, LOCAL, PORT, session)
    assert session.last is not None
    hold = make_offer(LOCAL, PORT, session, direction="sendonly", previous=session.last)
    assert hold.origin.session_version == first.origin.session_version + 1
    assert [(m.media, m.port, m.formats) for m in hold.media] == [
        ("audio", PORT, ["0", "101"]),
        ("video", 0, ["96"]),
    ]
    assert hold.media[0].direction == "sendonly"
    assert str(hold).count("a=sendonly") == 1 and "a=sendrecv" not in str(hold)
    # the PBX answers recvonly: we may send (music), it sends nothing, it did not hold us
    reply = SessionDescription.parse(str(first).replace("a=sendrecv", "a=recvonly"))
    reply.media[0].port = 14262
    held = accept_answer(hold, reply)
    assert (held.direction, held.on_hold, held.codec) == ("sendonly", False, agreed.codec)
    resume = make_offer(LOCAL, PORT, session, previous=session.last)
    assert resume.media[0].direction == "sendrecv" and resume.origin.session_version == 3
    with pytest.raises(ValueError):
        make_offer(LOCAL, PORT, SdpSession(1), previous=offer("asterisk-t38"))


def test_accept_answer_refuses_what_we_did_not_offer() -> None:
    sent = make_offer(LOCAL, PORT, SdpSession(1), codecs=("PCMU", "PCMA"))
    good, _ = answer(sent, "192.0.2.20", 50000, SdpSession(2))

    def broken(old: str, new: str) -> SessionDescription:
        assert old in str(good)
        return SessionDescription.parse(str(good).replace(old, new))

    cases = {
        "m-lines": SessionDescription.parse(str(good) + "m=video 0 RTP/AVP 96\r\n"),
        "payload type 9": broken("RTP/AVP 0 101", "RTP/AVP 9 101"),
        "payload type 0": broken("a=rtpmap:0 PCMU/8000", "a=rtpmap:0 G729/8000"),
        "did not offer": broken("RTP/AVP 0", "RTP/SAVP 0"),
        "no audio": broken("m=audio 50000", "m=audio 0"),
    }
    for expected, reply in cases.items():
        with pytest.raises(NegotiationError, match=expected):
            accept_answer(sent, reply)


def test_accept_answer_srtp_checks() -> None:
    sent = make_offer(LOCAL, PORT, SdpSession(1), srtp_keygen=keygen)
    good, _ = answer(sent, "192.0.2.20", 50000, SdpSession(2), srtp_keygen=keygen)
    line = next(f"a=crypto:{c}" for c in map(str, good.media[0].crypto))
    for bad in ("", line.replace("crypto:1", "crypto:5"), line + "\r\n" + line):
        reply = SessionDescription.parse(
            str(good).replace(line + "\r\n", bad + "\r\n" if bad else "")
        )
        with pytest.raises(NegotiationError, match="crypto"):
            accept_answer(sent, reply)


def test_accept_answer_sees_the_peer_hold_us() -> None:
    sent = make_offer(LOCAL, PORT, SdpSession(1))
    good, _ = answer(sent, "192.0.2.20", 50000, SdpSession(2))
    agreed = accept_answer(
        sent, SessionDescription.parse(str(good).replace("sendrecv", "sendonly"))
    )
    assert (agreed.direction, agreed.on_hold) == ("recvonly", True)
