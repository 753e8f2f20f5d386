"""SDP parsing: real and reconstructed fixtures, exact round trips, every truncation, and
malformed lines that must name their line number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from telephony.errors import SdpParseError
from telephony.sdp import (
    MAX_BODY,
    MAX_LINES,
    MAX_MEDIA,
    Attribute,
    Connection,
    Crypto,
    MediaDescription,
    Origin,
    RtpMap,
    SessionDescription,
    Timing,
)

DATA = Path(__file__).parents[2] / "data" / "sdp"
FIXTURES = sorted(DATA.glob("*.sdp"))
LINE_ERROR = re.compile(r"line \d+: ")


def load(name: str) -> bytes:
    return (DATA / f"{name}.sdp").read_bytes()


def parse(name: str) -> SessionDescription:
    return SessionDescription.parse(load(name))


def test_every_fixture_is_here_and_crlf() -> None:
    assert len(FIXTURES) == 18
    for path in FIXTURES:
        data = path.read_bytes()
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), path.name


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_round_trips_exactly(path: Path) -> None:
    data = path.read_bytes()
    description = SessionDescription.parse(data)
    assert bytes(description) == data
    assert str(description) == data.decode()
    assert SessionDescription.parse(data.decode()) == description  # str input too


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_bare_lf_is_read_and_written_back_as_crlf(path: Path) -> None:
    data = path.read_bytes()
    assert bytes(SessionDescription.parse(data.replace(b"\r\n", b"\n"))) == data


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_truncation_is_a_parse_or_an_sdp_parse_error(path: Path) -> None:
    data = path.read_bytes()
    for end in range(len(data)):
        try:
            SessionDescription.parse(data[:end])
        except SdpParseError as exc:
            message = str(exc)
            assert LINE_ERROR.match(message) or message == "an empty description", message


# fixture: (o= username, session id, version, s=, session c= address, m-lines)
FIELDS = {
    "asterisk": ("-", 1729073571, 1729073571, "Asterisk", "203.0.113.10", 1),
    "asterisk-hold": ("-", 1729073571, 1729073572, "Asterisk", "203.0.113.10", 1),
    "asterisk-srtp": ("-", 1729074210, 1729074210, "Asterisk", "203.0.113.10", 1),
    "asterisk-t38": ("-", 1729073571, 1729073573, "Asterisk", "203.0.113.10", 1),
    "audio-port-zero": ("-", 3921, 3923, "-", "198.51.100.70", 2),
    "baresip": ("-", 2854377486, 1628014346, "-", "192.0.2.2", 1),
    "baresip-dtls-ice": ("-", 3301565567, 490892353, "-", "192.0.2.2", 1),
    "baresip-hold": ("-", 2854377486, 1628014347, "-", "192.0.2.2", 1),
    "baresip-srtp": ("-", 408737857, 1106417990, "-", "192.0.2.2", 1),
    "baresip-srtp-best-effort": ("-", 3167982909, 2142687080, "-", "192.0.2.2", 1),
    "carrier": ("Sonus_UAC", 254917, 167411, "SIP Media Capabilities", "198.51.100.52", 1),
    "carrier-ipv6": ("-", 3905130212, 3905130212, "-", "2001:db8:10::5", 1),
    "chrome-webrtc": ("-", 8262563093634587543, 2, "-", None, 1),
    "cisco-legacy-hold": ("CiscoSystemsSIP-GW-UserAgent", 4316, 2874, "SIP Call", "0.0.0.0", 1),
    "freeswitch": ("FreeSWITCH", 1717391045, 1717391046, "FreeSWITCH", "198.51.100.20", 1),
    "linphone": ("reception", 2712, 1183, "Talk", "198.51.100.31", 1),
    "sipp-uac": ("user1", 53655765, 2353687637, "-", "192.0.2.2", 1),
    "video-only": ("-", 20518, 20518, "-", "198.51.100.60", 1),
}


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_session_fields(name: str) -> None:
    user, sess_id, version, session_name, address, count = FIELDS[name]
    sd = parse(name)
    assert (sd.origin.username, sd.origin.session_id, sd.origin.session_version) == (
        user,
        sess_id,
        version,
    )
    assert sd.origin.nettype == "IN" and sd.name == session_name
    assert (sd.connection.address if sd.connection else None) == address
    assert [(t.start, t.stop) for t in sd.timing] == [(0, 0)]
    assert len(sd.media) == count


def test_asterisk_audio_line() -> None:
    sd = parse("asterisk")
    (audio,) = sd.media
    assert (audio.media, audio.port, audio.port_count, audio.proto) == (
        "audio",
        14262,
        None,
        "RTP/AVP",
    )
    assert audio.formats == ["0", "8", "101"] and audio.payload_types == [0, 8, 101]
    assert audio.rtpmap == {
        0: RtpMap(0, "PCMU", 8000),
        8: RtpMap(8, "PCMA", 8000),
        101: RtpMap(101, "telephone-event", 8000),
    }
    assert audio.fmtp == {"101": "0-16"}
    assert (audio.ptime, audio.maxptime, audio.direction) == (20, 150, "sendrecv")
    assert audio.rtcp is None and not audio.rtcp_mux and audio.crypto == []
    assert sd.direction is None and sd.direction_of(audio) == "sendrecv"


def test_freeswitch_codecs_and_rtcp() -> None:
    sd = parse("freeswitch")
    audio = sd.media[0]
    assert [str(m) for m in audio.rtpmap.values()] == [
        "102 opus/48000/2",
        "9 G722/8000",
        "0 PCMU/8000",
        "8 PCMA/8000",
        "103 telephone-event/48000",
        "101 telephone-event/8000",
    ]
    assert audio.rtpmap[102].channels == 2
    assert audio.fmtp["102"].startswith("useinbandfec=1; maxaveragebitrate=30000;")
    assert audio.fmtp["103"] == audio.fmtp["101"] == "0-16"
    rtcp = audio.rtcp
    assert rtcp is not None and rtcp.port == 22377
    assert rtcp.connection == Connection("IN", "IP4", "198.51.100.20")


def test_linphone_session_attributes_and_feedback() -> None:
    sd = parse("linphone")
    assert sd.value("record") == "off"
    assert sd.value("rtcp-xr") == "rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics"
    audio = sd.media[0]
    assert audio.values("rtcp-fb") == ["* trr-int 1000", "* ccm tmmbr"]
    # static 0, 8 and 18 resolve from RFC 3551 although linphone sends no rtpmap for them
    assert audio.rtpmap[0] == RtpMap(0, "PCMU", 8000, 1)
    assert audio.rtpmap[18] == RtpMap(18, "G729", 8000, 1)
    assert audio.fmtp["18"] == "annexb=yes"
    rates = [m.clock_rate for m in audio.rtpmap.values() if m.encoding == "telephone-event"]
    assert rates == [48000, 16000, 8000]


def test_sipp_static_payload_type() -> None:
    audio = parse("sipp-uac").media[0]
    assert (audio.port, audio.formats, audio.rtpmap[0].encoding) == (6000, ["0"], "PCMU")


def test_carrier_maxptime_without_ptime() -> None:
    audio = parse("carrier").media[0]
    assert (audio.ptime, audio.maxptime, audio.direction) == (None, 20, "sendrecv")


def test_ipv6_connection_and_bandwidth() -> None:
    sd = parse("carrier-ipv6")
    assert sd.connection == Connection("IN", "IP6", "2001:db8:10::5")
    assert sd.origin.addrtype == "IP6"
    assert [(b.bwtype, b.value) for b in sd.bandwidths] == [("AS", 84)]


def test_legacy_hold_connection_at_both_levels() -> None:
    sd = parse("cisco-legacy-hold")
    assert sd.connection is not None and sd.connection.is_hold
    audio = sd.media[0]
    assert audio.connection is not None and audio.connection.is_hold
    assert audio.direction is None and sd.direction_of(audio) == "sendrecv"


@pytest.mark.parametrize("name", ["asterisk-hold", "baresip-hold"])
def test_hold_reinvites_are_sendonly(name: str) -> None:
    sd = parse(name)
    assert sd.direction_of(sd.media[0]) == "sendonly"
    assert sd.connection is not None and not sd.connection.is_hold


def test_sdes_crypto_lines() -> None:
    audio = parse("asterisk-srtp").media[0]
    assert audio.proto == "RTP/SAVP"
    first, second = audio.crypto
    assert (first.tag, first.suite, second.tag, second.suite) == (
        1,
        "AES_CM_128_HMAC_SHA1_80",
        2,
        "AES_CM_128_HMAC_SHA1_32",
    )
    assert first.key_params[0].startswith("inline:") and len(first.key_params[0]) == 47
    assert first.session_params == []


def test_crypto_with_lifetime_mki_and_session_params() -> None:
    keys = "inline:abcd|2^20|1:4;inline:efgh|2^20|2:4"
    value = f"7 AES_CM_128_HMAC_SHA1_32 {keys} KDR=1 UNENCRYPTED_SRTCP"
    crypto = Crypto.parse(value)
    assert crypto.tag == 7 and crypto.key_params == ["inline:abcd|2^20|1:4", "inline:efgh|2^20|2:4"]
    assert crypto.session_params == ["KDR=1", "UNENCRYPTED_SRTCP"]
    assert str(crypto) == value


def test_webrtc_attributes_are_kept_as_generic_attributes() -> None:
    sd = parse("chrome-webrtc")
    assert sd.value("msid-semantic") == " WMS 3d5e1b0c-6f1e-4d8e-9a57-2f0c8b1e4a11"
    assert sd.value("group") == "BUNDLE 0" and sd.has("extmap-allow-mixed")
    audio = sd.media[0]
    assert audio.proto == "UDP/TLS/RTP/SAVPF" and audio.rtcp_mux
    assert audio.value("setup") == "actpass"
    assert (audio.value("fingerprint") or "").startswith("sha-256 4A:AD:B9:B1")
    assert audio.value("ice-ufrag") == "Kx9q" and len(audio.values("extmap")) == 4
    assert audio.rtcp is not None and audio.rtcp.connection == Connection("IN", "IP4", "0.0.0.0")
    assert audio.connection == Connection("IN", "IP4", "198.51.100.77")


def test_baresip_ice_candidates_and_session_fingerprint() -> None:
    sd = parse("baresip-dtls-ice")
    assert sd.value("setup") == "actpass" and sd.value("ice-ufrag") == "CrLDbcA"
    audio = sd.media[0]
    assert len(audio.values("candidate")) == 4
    assert audio.rtcp is not None and audio.rtcp.port == 10003


def test_t38_image_line() -> None:
    image = parse("asterisk-t38").media[0]
    assert (image.media, image.port, image.proto, image.formats) == (
        "image",
        4012,
        "udptl",
        ["t38"],
    )
    assert not image.is_rtp and image.payload_types == [] and image.rtpmap == {}
    assert image.value("T38MaxBitRate") == "14400"


def test_port_zero_line_and_video_only() -> None:
    zero, live = parse("audio-port-zero").media
    assert (zero.port, zero.proto, zero.attributes) == (0, "RTP/SAVP", [])
    assert (live.port, live.proto) == (49170, "RTP/AVP")
    video = parse("video-only").media[0]
    assert video.media == "video" and video.rtpmap[97].encoding == "H264"
    assert [(b.bwtype, b.value) for b in video.bandwidths] == [("TIAS", 512000)]


def test_session_level_direction_is_inherited() -> None:
    sd = SessionDescription.parse(
        b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
        b"a=sendonly\r\nm=audio 4000 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 0\r\na=inactive\r\n"
    )
    assert sd.direction == "sendonly"
    assert [sd.direction_of(m) for m in sd.media] == ["sendonly", "inactive"]


def test_rtpmap_overrides_the_static_table() -> None:
    sd = SessionDescription.parse(
        "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\n"
        "m=audio 4000 RTP/AVP 9 3\na=rtpmap:9 G722/16000\n"
    )
    assert sd.media[0].rtpmap == {9: RtpMap(9, "G722", 16000), 3: RtpMap(3, "GSM", 8000, 1)}


def test_unknown_lines_rare_fields_and_port_count_round_trip() -> None:
    text = (
        "v=0\r\no=jdoe 2890844526 2890842807 IN IP4 127.0.0.1\r\ns=SDP Seminar\r\n"
        "i=A Seminar\r\nu=http://www.example.com/seminars/sdp.pdf\r\ne=j.doe@example.com\r\n"
        "p=+1 617 555-6011\r\nc=IN IP4 224.2.17.12/127\r\nb=CT:128\r\nt=2873397496 2873404696\r\n"
        "r=7d 1h 0 25h\r\nz=2882844526 -1h\r\nk=prompt\r\na=recvonly\r\ny=0123456789\r\n"
        "m=audio 49170/2 RTP/AVP 0\r\ni=voice\r\nc=IN IP4 224.2.17.12/127\r\n"
        "c=IN IP4 224.2.17.13/127\r\nb=AS:64\r\nk=prompt\r\na=rtpmap:0 PCMU/8000\r\nf=v/2/34\r\n"
        "m=application 9 TCP/MSRP *\r\na=path:msrp://192.0.2.1:9/abc;tcp\r\na=empty:\r\n"
    )
    sd = SessionDescription.parse(text)
    assert str(sd) == text
    assert sd.information == "A Seminar" and sd.emails == ["j.doe@example.com"]
    assert sd.timing[0].repeats == ["7d 1h 0 25h"] and sd.time_zones == "2882844526 -1h"
    assert sd.unknown_lines == ["y=0123456789"]
    audio, msrp = sd.media
    assert audio.port_count == 2 and len(audio.extra_connections) == 1
    assert audio.unknown_lines == ["f=v/2/34"] and audio.information == "voice"
    assert msrp.formats == ["*"] and msrp.value("empty") == ""


def test_building_a_description_from_fields() -> None:
    audio = MediaDescription(
        "audio", 40000, "RTP/AVP", ["8"], attributes=[Attribute("rtpmap", "8 PCMA/8000")]
    )
    audio.set_direction("recvonly")
    sd = SessionDescription(
        origin=Origin("-", 5, 6, "IN", "IP4", "192.0.2.10"),
        connection=Connection("IN", "IP4", "192.0.2.10"),
        media=[audio],
    )
    assert bytes(sd) == (
        b"v=0\r\no=- 5 6 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
        b"m=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=recvonly\r\n"
    )
    audio.set_direction("inactive")  # replaced in place, not added
    assert [str(a) for a in audio.attributes] == ["rtpmap:8 PCMA/8000", "inactive"]
    assert Timing().repeats == []


def test_lenient_reading_blank_lines_no_final_newline_and_spacing() -> None:
    text = "v=0\n\no=-  1 1 IN IP4 192.0.2.1\ns=\nt=0 0\nm=audio 4000  RTP/AVP 0 8\na=ptime:20.0"
    sd = SessionDescription.parse(text)
    assert sd.name == "" and sd.media[0].formats == ["0", "8"] and sd.media[0].ptime == 20
    assert str(sd).endswith("m=audio 4000 RTP/AVP 0 8\r\na=ptime:20.0\r\n")


HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
AUDIO = "m=audio 4000 RTP/AVP 0 101\r\n"

# (body, line the error must name)
MALFORMED = {
    "no v=": ("o=- 1 1 IN IP4 192.0.2.1\r\n", 1),
    "v=1": ("v=1\r\n", 1),
    "second v=": (HEAD + "v=0\r\n", 6),
    "no equals": (HEAD + "a\r\n", 6),
    "space before equals": (HEAD + "a =sendrecv\r\n", 6),
    "digit type": ("v=0\r\n1=x\r\n", 2),
    "short o=": ("v=0\r\no=- 1 IN IP4 192.0.2.1\r\n", 2),
    "letters in sess-id": ("v=0\r\no=- abc 1 IN IP4 192.0.2.1\r\n", 2),
    "superscript digit": ("v=0\r\no=- \u00b2 1 IN IP4 192.0.2.1\r\n", 2),
    "huge version": ("v=0\r\no=- 1 " + "9" * 25 + " IN IP4 192.0.2.1\r\n", 2),
    "negative version": ("v=0\r\no=- 1 -1 IN IP4 192.0.2.1\r\n", 2),
    "second o=": (HEAD + "o=- 1 1 IN IP4 192.0.2.1\r\n", 6),
    "second c=": (HEAD + "c=IN IP4 192.0.2.1\r\n", 6),
    "short c=": ("v=0\r\nc=IN IP4\r\n", 2),
    "bad b=": (HEAD + "b=AS\r\n", 6),
    "b= not a number": (HEAD + "b=AS:fast\r\n", 6),
    "short t=": ("v=0\r\nt=0\r\n", 2),
    "r= before t=": ("v=0\r\nr=7d 1h 0 25h\r\n", 2),
    "short m=": (HEAD + "m=audio 4000 RTP/AVP\r\n", 6),
    "port too big": (HEAD + "m=audio 70000 RTP/AVP 0\r\n", 6),
    "port count zero": (HEAD + "m=audio 4000/0 RTP/AVP 0\r\n", 6),
    "port not a number": (HEAD + "m=audio x RTP/AVP 0\r\n", 6),
    "payload type 128": (HEAD + "m=audio 4000 RTP/AVP 0 128\r\n", 6),
    "payload type name": (HEAD + "m=audio 4000 RTP/AVP PCMU\r\n", 6),
    "t= in media": (HEAD + AUDIO + "t=0 0\r\n", 7),
    "o= in media": (HEAD + AUDIO + "o=- 1 1 IN IP4 192.0.2.1\r\n", 7),
    "second i= in media": (HEAD + AUDIO + "i=a\r\ni=b\r\n", 8),
    "rtpmap without clock": (HEAD + AUDIO + "a=rtpmap:101 telephone-event\r\n", 7),
    "rtpmap clock zero": (HEAD + AUDIO + "a=rtpmap:101 telephone-event/0\r\n", 7),
    "rtpmap pt 300": (HEAD + AUDIO + "a=rtpmap:300 x/8000\r\n", 7),
    "rtpmap no value": (HEAD + AUDIO + "a=rtpmap\r\n", 7),
    "rtpmap four parts": (HEAD + AUDIO + "a=rtpmap:101 a/8000/1/2\r\n", 7),
    "fmtp without params": (HEAD + AUDIO + "a=fmtp:101\r\n", 7),
    "ptime letters": (HEAD + AUDIO + "a=ptime:twenty\r\n", 7),
    "maxptime huge": (HEAD + AUDIO + "a=maxptime:" + "1" * 40 + "\r\n", 7),
    "direction with value": (HEAD + AUDIO + "a=sendrecv:yes\r\n", 7),
    "rtcp-mux with value": (HEAD + AUDIO + "a=rtcp-mux:1\r\n", 7),
    "rtcp two fields": (HEAD + AUDIO + "a=rtcp:4001 IN\r\n", 7),
    "rtcp port letters": (HEAD + AUDIO + "a=rtcp:high\r\n", 7),
    "crypto no key": (HEAD + AUDIO + "a=crypto:1 AES_CM_128_HMAC_SHA1_80\r\n", 7),
    "crypto bad tag": (HEAD + AUDIO + "a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:abc\r\n", 7),
    "crypto key no method": (HEAD + AUDIO + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 abc\r\n", 7),
    "attribute no name": (HEAD + AUDIO + "a=:x\r\n", 7),
    "attribute empty": (HEAD + AUDIO + "a=\r\n", 7),
    "carriage return inside": (HEAD + "s=a\rb\r\n", 6),
    "NUL": (HEAD + AUDIO + "a=x\x00\r\n", 7),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_line_names_its_line(name: str) -> None:
    body, line = MALFORMED[name]
    with pytest.raises(SdpParseError, match=rf"^line {line}: "):
        SessionDescription.parse(body)


def test_missing_origin_or_name_and_empty_bodies() -> None:
    with pytest.raises(SdpParseError, match=r"^line 3: .*o= and s="):
        SessionDescription.parse("v=0\r\ns=-\r\nt=0 0\r\n")
    with pytest.raises(SdpParseError, match="o= and s="):
        SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n")
    for empty in (b"", b"\r\n", "\n\n"):
        with pytest.raises(SdpParseError, match="empty"):
            SessionDescription.parse(empty)


def test_non_utf8_names_its_line() -> None:
    with pytest.raises(SdpParseError, match=r"^line 3: not UTF-8"):
        SessionDescription.parse(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=Caf\xe9\r\n")
    with pytest.raises(SdpParseError, match="Unicode"):
        SessionDescription.parse("v=0\r\ns=\ud800\r\n")  # a lone surrogate cannot be sent


def test_error_messages_do_not_echo_values() -> None:
    with pytest.raises(SdpParseError) as caught:
        SessionDescription.parse("v=0\r\no=maria.gonzalez 15551230000 x IN IP4 192.0.2.1\r\n")
    assert "maria" not in str(caught.value) and "1555123" not in str(caught.value)


def test_limits() -> None:
    body = HEAD + AUDIO
    with pytest.raises(SdpParseError, match="over the limit of 65536"):
        SessionDescription.parse(body + "a=x:" + "y" * MAX_BODY + "\r\n")
    with pytest.raises(SdpParseError, match="over the limit of 1000"):
        SessionDescription.parse(body + "a=x\r\n" * (MAX_LINES - 5))
    SessionDescription.parse(body + "a=x\r\n" * (MAX_LINES - 6))  # exactly 1000 lines
    assert len(SessionDescription.parse(HEAD + AUDIO * MAX_MEDIA).media) == MAX_MEDIA
    with pytest.raises(SdpParseError, match=rf"^line {6 + MAX_MEDIA}: more than 64 media"):
        SessionDescription.parse(HEAD + AUDIO * (MAX_MEDIA + 1))
