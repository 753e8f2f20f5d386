"""The offer/answer model (RFC 3264) for a voice agent on a SIP trunk.

We take calls, so most of the time the caller offers and :func:`answer` picks one audio
stream: the first ``m=audio`` whose transport we speak (RTP/AVP, RTP/AVPF and, with SDES
keys, RTP/SAVP(F); never DTLS, which a trunk does not use) and that lists PCMU, PCMA or G722.
Every other m-line is refused with port 0 and its own format list, because the answer must
mirror the offer line for line (§6). We answer one codec plus telephone-event, so the peer
cannot switch codecs under the media layer mid-call.

:func:`make_offer` covers an INVITE that came without SDP and the re-INVITE that puts the
peer on hold; :func:`accept_answer` checks the peer's answer to it. :class:`SdpSession` owns
our ``o=`` line: one session id per dialog, the version bumped only when the description
changes (§8), so a session-timer refresh that resends the same body keeps it.

Nothing here does I/O or reads clocks; SRTP keys come from an injected ``os.urandom``-like
function so tests are deterministic. Peer faults raise :class:`NegotiationError` (488).
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from telephony.errors import NegotiationError
from telephony.sdp import (
    Attribute,
    Connection,
    Crypto,
    Direction,
    MediaDescription,
    Origin,
    RtpMap,
    SessionDescription,
    Timing,
)

__all__ = [
    "CODECS",
    "SRTP_SUITES",
    "KeyGen",
    "NegotiatedMedia",
    "SdpSession",
    "SrtpKey",
    "accept_answer",
    "answer",
    "make_offer",
]

KeyGen = Callable[[int], bytes]

# What the media layer can encode and decode: name -> (static payload type, SDP clock rate).
CODECS: dict[str, tuple[int, int]] = {"PCMU": (0, 8000), "PCMA": (8, 8000), "G722": (9, 8000)}
EVENTS = frozenset(range(17))  # RFC 4733: DTMF 0-9 * # A-D (0-15) and flash (16)
# In our order of preference; both use a 16-byte key and a 14-byte salt (RFC 4568 §6.2).
SRTP_SUITES = ("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32")
SRTP_KEY_LEN = 30
_PROTOS = frozenset({"RTP/AVP", "RTP/AVPF", "RTP/SAVP", "RTP/SAVPF"})
_SECURE = frozenset({"RTP/SAVP", "RTP/SAVPF"})


@dataclass(frozen=True)
class SrtpKey:
    """One direction's SDES master key. ``repr`` hides the bytes: keys never reach logs."""

    suite: str
    master_key: bytes = field(repr=False)
    master_salt: bytes = field(repr=False)

    @property
    def inline(self) -> str:
        return "inline:" + base64.b64encode(self.master_key + self.master_salt).decode()


@dataclass(frozen=True)
class NegotiatedMedia:
    """What the media layer needs once offer and answer agree."""

    remote_address: str
    remote_port: int
    remote_rtcp_port: int | None  # a=rtcp when given; otherwise RTP port + 1, or muxed
    rtcp_mux: bool
    codec: str  # "PCMU", "PCMA" or "G722"
    payload_type: int
    clock_rate: int  # the SDP clock: 8000 for G722 too (RFC 3551 §4.5.2)
    telephone_event: int | None  # its payload type, at the codec's clock rate
    ptime: int  # milliseconds per packet we send
    direction: Direction  # ours: what we may do
    on_hold: bool  # the peer's description puts the call on hold
    srtp_send: SrtpKey | None  # our key, for what we send
    srtp_receive: SrtpKey | None  # the peer's key, for what we receive
    media_index: int  # which m-line carries the call

    @property
    def can_send(self) -> bool:
        return self.direction in ("sendrecv", "sendonly")

    @property
    def can_receive(self) -> bool:
        return self.direction in ("sendrecv", "recvonly")


class SdpSession:
    """Our ``o=`` line through one dialog (RFC 3264 §5, §8)."""

    def __init__(self, session_id: int | None = None, username: str = "-") -> None:
        self.session_id = secrets.randbits(62) if session_id is None else session_id
        self.version = 1
        self.username = username
        self.last: SessionDescription | None = None  # what we last sent, as sent

    def stamp(self, description: SessionDescription) -> SessionDescription:
        """Set ``description``'s o= in place and return it; the version moves on only when
        something besides o= differs from what we last sent."""
        if self.last is not None and _without_origin(description) != _without_origin(self.last):
            self.version += 1
        old = description.origin
        description.origin = Origin(
            self.username, self.session_id, self.version, old.nettype, old.addrtype, old.address
        )
        self.last = SessionDescription.parse(bytes(description))
        return description


def _without_origin(description: SessionDescription) -> str:
    return str(description).split("\r\n", 2)[2] + description.origin.address


class _Unusable(Exception):
    """Why one offered m-line cannot carry the call."""


@dataclass
class _Choice:
    index: int
    address: str
    codec: RtpMap
    telephone_event: RtpMap | None
    events: frozenset[int]
    crypto: Crypto | None
    remote_key: SrtpKey | None


def answer(
    offer: SessionDescription,
    local_address: str,
    rtp_port: int,
    session: SdpSession,
    *,
    prefs: Sequence[str] | None = None,
    local_direction: Direction = "sendrecv",
    rtcp_mux: bool = True,
    srtp_keygen: KeyGen = os.urandom,
) -> tuple[SessionDescription, NegotiatedMedia]:
    """Answer a peer's offer: one audio stream accepted, every other m-line refused.

    ``prefs`` lists codec names in our order; ``None`` follows the offerer's order among
    :data:`CODECS`. ``local_direction`` is our own wish (``sendonly`` while we hold the peer).
    Raises :class:`NegotiationError` (488) when no audio stream can be used.
    """
    wanted = _codec_order(prefs)
    choice, reasons = None, []
    for index, media in enumerate(offer.media):
        if media.media != "audio" or media.port == 0:
            continue
        try:
            choice = _pick(offer, index, media, wanted, with_keys=True)
            break
        except _Unusable as exc:
            reasons.append(f"m-line {index + 1}: {exc}")
    if choice is None:
        raise NegotiationError("; ".join(reasons) or "the offer has no active audio stream")
    media = offer.media[choice.index]
    local_key = None
    if choice.crypto is not None:
        raw = srtp_keygen(SRTP_KEY_LEN)
        if len(raw) != SRTP_KEY_LEN:
            raise ValueError(f"srtp_keygen gave {len(raw)} bytes, not {SRTP_KEY_LEN}")
        local_key = SrtpKey(choice.crypto.suite, raw[:16], raw[16:])
    agreed = _agree(
        choice, offer, local_direction, rtcp_mux and media.rtcp_mux, local_key, choice.remote_key
    )
    lines = [
        _audio_line(media.proto, rtp_port, choice, agreed)
        if i == choice.index
        else MediaDescription(m.media, 0, m.proto, list(m.formats))
        for i, m in enumerate(offer.media)
    ]
    return session.stamp(_description(local_address, lines)), agreed


def make_offer(
    local_address: str,
    rtp_port: int,
    session: SdpSession,
    *,
    codecs: Sequence[str] = ("PCMU", "PCMA", "G722"),
    telephone_event: int | None = 101,
    ptime: int = 20,
    direction: Direction = "sendrecv",
    previous: SessionDescription | None = None,
    srtp_keygen: KeyGen | None = None,
) -> SessionDescription:
    """Our offer: for an INVITE that came without SDP, or a re-INVITE (hold, resume).

    With ``previous`` (our last description in this dialog, ``session.last``) the m-lines are
    kept as they were, as §8 requires: refused ones stay at port 0 and the audio line keeps
    its negotiated codec and keys, only its port and ``direction`` changing. Without it, one
    audio line offers ``codecs`` and telephone-event; ``srtp_keygen`` makes it RTP/SAVP with
    one SDES key per suite in :data:`SRTP_SUITES`.
    """
    if previous is not None:
        lines = SessionDescription.parse(bytes(previous)).media  # a deep copy
        for media in lines:
            if media.media == "audio" and media.port != 0:
                media.port, media.connection = rtp_port, None
                media.set_direction(direction)
                break
        else:
            raise ValueError("the previous description has no active audio stream")
        return session.stamp(_description(local_address, lines))
    formats, attrs = [], []
    for name in _codec_order(codecs) or []:
        pt, clock = CODECS[name]
        formats.append(str(pt))
        attrs.append(Attribute("rtpmap", str(RtpMap(pt, name, clock))))
    if telephone_event is not None:
        formats.append(str(telephone_event))
        attrs.append(Attribute("rtpmap", f"{telephone_event} telephone-event/8000"))
        attrs.append(Attribute("fmtp", f"{telephone_event} 0-16"))
    proto = "RTP/AVP"
    if srtp_keygen is not None:
        proto = "RTP/SAVP"
        for tag, suite in enumerate(SRTP_SUITES, 1):
            raw = srtp_keygen(SRTP_KEY_LEN)
            key = SrtpKey(suite, raw[:16], raw[16:])
            attrs.append(Attribute("crypto", f"{tag} {suite} {key.inline}"))
    attrs += [Attribute("ptime", str(ptime)), Attribute(direction)]
    audio = MediaDescription("audio", rtp_port, proto, formats, attributes=attrs)
    return session.stamp(_description(local_address, [audio]))


def accept_answer(offer: SessionDescription, reply: SessionDescription) -> NegotiatedMedia:
    """Check the peer's answer to our offer and say what was agreed.

    Raises :class:`NegotiationError` when the answer breaks §6: other m-lines, a format or
    key we did not offer, or no audio stream left.
    """
    if len(reply.media) != len(offer.media):
        raise NegotiationError(f"answer has {len(reply.media)} m-lines, offer {len(offer.media)}")
    for index, (ours, theirs) in enumerate(zip(offer.media, reply.media, strict=True)):
        where = f"m-line {index + 1}"
        if theirs.port == 0:
            continue
        if ours.port == 0 or (theirs.media, theirs.proto) != (ours.media, ours.proto):
            raise NegotiationError(f"{where}: the answer changed a stream we did not offer")
        offered, answered = ours.rtpmap, theirs.rtpmap
        for pt in theirs.payload_types:
            if pt not in offered or pt not in answered or not _same(offered[pt], answered[pt]):
                raise NegotiationError(f"{where}: payload type {pt} was not offered")
        if ours.media != "audio":
            continue
        try:
            choice = _pick(reply, index, theirs, None, with_keys=False)
        except _Unusable as exc:
            raise NegotiationError(f"{where}: {exc}") from None
        keys = _answered_keys(ours, theirs) if ours.proto in _SECURE else (None, None)
        mux = ours.rtcp_mux and theirs.rtcp_mux
        return _agree(choice, reply, offer.direction_of(ours), mux, *keys)
    raise NegotiationError("the answer accepted no audio stream")


def _pick(
    sd: SessionDescription,
    index: int,
    media: MediaDescription,
    wanted: list[str] | None,
    *,
    with_keys: bool,
) -> _Choice:
    """Check one m-line and choose its codec (``wanted`` order, else the line's own order),
    telephone-event at the codec's clock rate, and for RTP/SAVP the offered key to use."""
    if media.proto not in _PROTOS:
        raise _Unusable(f"{media.proto} is not a transport we speak (no DTLS-SRTP on a trunk)")
    if media.port_count not in (None, 1):
        raise _Unusable("more than one port per stream")
    address = _address(sd.connection_of(media))
    rtpmap = media.rtpmap
    codec = None
    names: list[str | None] = list(wanted) if wanted else [None]
    for name in names:
        codec = next((m for m in rtpmap.values() if _codec_name(m, name)), None)
        if codec is not None:
            break
    if codec is None:
        raise _Unusable(f"no common codec (we have {', '.join(CODECS)})")
    fmtp = media.fmtp
    event, events = None, frozenset[int]()
    for m in rtpmap.values():
        if _is(m, "telephone-event", codec.clock_rate):
            events = _events(fmtp.get(str(m.payload_type))) & EVENTS
            if events:
                event = m
                break
    crypto, remote_key = None, None
    if with_keys and media.proto in _SECURE:
        crypto, remote_key = _offered_key(media.crypto)
    return _Choice(index, address, codec, event, events, crypto, remote_key)


def _agree(
    choice: _Choice,
    peer: SessionDescription,
    local_direction: Direction,
    mux: bool,
    send_key: SrtpKey | None,
    receive_key: SrtpKey | None,
) -> NegotiatedMedia:
    """What both sides agreed, from the peer's description of the chosen m-line."""
    media = peer.media[choice.index]
    they_send, they_receive = _flags(peer.direction_of(media))
    held = _held(peer, media)
    send, receive = _flags(local_direction)
    event = choice.telephone_event
    return NegotiatedMedia(
        remote_address=choice.address,
        remote_port=media.port,
        remote_rtcp_port=None if media.rtcp is None else media.rtcp.port,
        rtcp_mux=mux,
        codec=choice.codec.encoding.upper(),
        payload_type=choice.codec.payload_type,
        clock_rate=choice.codec.clock_rate,
        telephone_event=None if event is None else event.payload_type,
        ptime=_ptime(media.ptime, media.maxptime),
        direction=_direction(send and they_receive and not held, receive and they_send),
        on_hold=held or not they_receive,
        srtp_send=send_key,
        srtp_receive=receive_key,
        media_index=choice.index,
    )


def _audio_line(
    proto: str, port: int, choice: _Choice, agreed: NegotiatedMedia
) -> MediaDescription:
    codec, event = choice.codec, choice.telephone_event
    formats = [str(codec.payload_type)]
    attrs = [Attribute("rtpmap", f"{codec.payload_type} {agreed.codec}/{codec.clock_rate}")]
    if event is not None:
        formats.append(str(event.payload_type))
        attrs.append(
            Attribute("rtpmap", str(RtpMap(event.payload_type, event.encoding, event.clock_rate)))
        )
        attrs.append(Attribute("fmtp", f"{event.payload_type} {_ranges(choice.events)}"))
    if choice.crypto is not None and agreed.srtp_send is not None:
        attrs.append(
            Attribute(
                "crypto", f"{choice.crypto.tag} {choice.crypto.suite} {agreed.srtp_send.inline}"
            )
        )
    attrs += [Attribute("ptime", str(agreed.ptime)), Attribute(agreed.direction)]
    if agreed.rtcp_mux:
        attrs.append(Attribute("rtcp-mux"))
    return MediaDescription("audio", port, proto, formats, attributes=attrs)


def _description(address: str, media: list[MediaDescription]) -> SessionDescription:
    family = "IP6" if ":" in address else "IP4"
    return SessionDescription(
        origin=Origin("-", 0, 0, "IN", family, address),
        name="careline",
        connection=Connection("IN", family, address),
        timing=[Timing(0, 0)],
        media=media,
    )


def _codec_order(prefs: Sequence[str] | None) -> list[str] | None:
    if prefs is None:
        return None
    unknown = [p for p in prefs if p not in CODECS]
    if unknown or not prefs:
        raise ValueError(f"codec preferences must be a non-empty subset of {list(CODECS)}")
    return list(prefs)


def _codec_name(m: RtpMap, wanted: str | None) -> str | None:
    """The name in :data:`CODECS` that ``m`` is (and is ``wanted``, when given), else None."""
    name = m.encoding.upper()
    if name not in CODECS or wanted not in (None, name):
        return None
    return name if _is(m, name, CODECS[name][1]) else None


def _is(m: RtpMap, name: str, clock: int) -> bool:
    return m.encoding.lower() == name.lower() and m.clock_rate == clock and m.channels in (None, 1)


def _same(a: RtpMap, b: RtpMap) -> bool:
    return a.encoding.lower() == b.encoding.lower() and a.clock_rate == b.clock_rate


def _flags(direction: Direction) -> tuple[bool, bool]:
    """(sends, receives) for the side that wrote ``direction``."""
    return direction in ("sendrecv", "sendonly"), direction in ("sendrecv", "recvonly")


_BY_FLAGS: tuple[Direction, ...] = ("inactive", "recvonly", "sendonly", "sendrecv")


def _direction(send: bool, receive: bool) -> Direction:
    return _BY_FLAGS[send * 2 + receive]


def _held(sd: SessionDescription, media: MediaDescription) -> bool:
    conn = sd.connection_of(media)
    return conn is not None and conn.is_hold


def _address(conn: Connection | None) -> str:
    if conn is None or conn.nettype != "IN":
        raise _Unusable("no IN connection address")
    if conn.is_hold:
        return conn.address
    try:
        address = ipaddress.ip_address(conn.address)
    except ValueError:
        raise _Unusable("the connection address is not an IP address") from None
    if f"IP{address.version}" != conn.addrtype or address.is_multicast:
        raise _Unusable("the connection address is not a unicast address of its type")
    return conn.address


def _ptime(offered: int | None, maximum: int | None) -> int:
    """Packetise as the peer asks when it is a whole 10 ms from 10 to 60; otherwise 20."""
    ptime = offered if offered in (10, 20, 30, 40, 50, 60) else 20
    if maximum is not None and 10 <= maximum < ptime:
        ptime = maximum // 10 * 10
    return ptime


def _events(fmtp: str | None) -> frozenset[int]:
    """RFC 4733 §2.4.1 event list ("0-15,66"); absent means 0-15; malformed means none."""
    if fmtp is None:
        return frozenset(range(16))
    events: set[int] = set()
    for part in fmtp.replace(" ", "").split(","):
        low, dash, high = part.partition("-")
        bounds = [low, high] if dash else [low]
        if not all(b.isascii() and b.isdigit() and len(b) <= 3 for b in bounds):
            return frozenset()
        first, last = int(bounds[0]), int(bounds[-1])
        if first > last or last > 255:
            return frozenset()
        events.update(range(first, last + 1))
    return frozenset(events)


def _ranges(events: frozenset[int]) -> str:
    out: list[str] = []
    for event in sorted(events):
        if out and event - 1 in events:
            out[-1] = f"{out[-1].split('-')[0]}-{event}"
        else:
            out.append(str(event))
    return ",".join(out)


def _inline_key(crypto: Crypto) -> SrtpKey | None:
    """The key of an SDES line we can use: a known suite, one inline key, no MKI, no session
    parameters (RFC 4568 §6.3 says to refuse a line whose parameters we do not support)."""
    if crypto.suite not in SRTP_SUITES or crypto.session_params or len(crypto.key_params) != 1:
        return None
    method, _, info = crypto.key_params[0].partition(":")
    key_salt, *rest = info.split("|")
    if method != "inline" or any(":" in r for r in rest):  # "mki:length" we cannot honour
        return None
    try:
        raw = base64.b64decode(key_salt, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) != SRTP_KEY_LEN:
        return None
    return SrtpKey(crypto.suite, raw[:16], raw[16:])


def _offered_key(lines: list[Crypto]) -> tuple[Crypto, SrtpKey]:
    for suite in SRTP_SUITES:
        for crypto in lines:
            key = _inline_key(crypto) if crypto.suite == suite else None
            if key is not None:
                return crypto, key
    raise _Unusable(f"RTP/SAVP without a usable a=crypto ({' or '.join(SRTP_SUITES)})")


def _answered_keys(ours: MediaDescription, theirs: MediaDescription) -> tuple[SrtpKey, SrtpKey]:
    answered = theirs.crypto
    if len(answered) != 1:
        raise NegotiationError("an RTP/SAVP answer needs exactly one a=crypto")
    mine = {c.tag: c for c in ours.crypto}.get(answered[0].tag)
    remote = _inline_key(answered[0])
    local = None if mine is None or mine.suite != answered[0].suite else _inline_key(mine)
    if local is None or remote is None:
        raise NegotiationError("the answer's a=crypto matches none we offered")
    return local, remote
