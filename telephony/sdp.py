"""Session descriptions (SDP, RFC 8866) as they travel in SIP bodies.

``SessionDescription.parse(data)`` reads a body and ``bytes()`` writes it with CRLF endings.
Every line is kept in its place: attributes stay one ordered list, so ``a=ice-*``,
``a=fingerprint`` or ``a=extmap`` we never interpret survive, and the typed views
(``rtpmap``, ``fmtp``, ``direction``, ``crypto`` ...) read that list. A description in RFC 8866
line order round-trips byte for byte; bare LF and blank lines are accepted.

The peer controls every byte, so reading is bounded (``MAX_BODY``, ``MAX_LINES``,
``MAX_MEDIA``) and any malformed line raises :class:`SdpParseError` naming its line number,
never an ``IndexError`` or ``ValueError``. Messages never echo field values: ``o=``, ``e=`` and
``p=`` may carry names or numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Literal, get_args

from telephony.errors import SdpParseError

__all__ = [
    "DIRECTIONS",
    "MAX_BODY",
    "MAX_LINES",
    "MAX_MEDIA",
    "STATIC_PAYLOAD_TYPES",
    "Attribute",
    "Bandwidth",
    "Connection",
    "Crypto",
    "Direction",
    "MediaDescription",
    "Origin",
    "Rtcp",
    "RtpMap",
    "SessionDescription",
    "Timing",
]

MAX_BODY = 65_536
MAX_LINES = 1000
MAX_MEDIA = 64

Direction = Literal["sendrecv", "sendonly", "recvonly", "inactive"]
DIRECTIONS: dict[str, Direction] = {d: d for d in get_args(Direction)}

# RFC 3551 table 4: the audio payload types that need no a=rtpmap. G722 says 8000 although it
# samples at 16 kHz, an error in RFC 1890 that every implementation kept (RFC 3551 §4.5.2).
_STATIC = "0 PCMU 3 GSM 4 G723 5 DVI4 7 LPC 8 PCMA 9 G722 12 QCELP 13 CN 15 G728 18 G729"
STATIC_PAYLOAD_TYPES: dict[int, tuple[str, int, int | None]] = {
    int(pt): (name, 8000, 1) for pt, name in zip(*[iter(_STATIC.split())] * 2, strict=True)
} | {6: ("DVI4", 16000, 1), 10: ("L16", 44100, 2), 11: ("L16", 44100, 1), 14: ("MPA", 90000, None)}

_PTIME = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,6})?")


class _Bad(SdpParseError):
    """A fault in one line; the parser re-raises it with the line number. Typed views of a
    description built by hand raise it as is, so callers only ever meet SdpParseError."""


def _number(text: str, what: str, limit: int, low: int = 0) -> int:
    # isascii() first: str.isdigit() accepts '²' and other digits int() refuses.
    if not (0 < len(text) <= 20 and text.isascii() and text.isdigit()):
        raise _Bad(f"{what} is not a number")
    value = int(text)
    if not low <= value <= limit:
        raise _Bad(f"{what} is out of range {low}-{limit}")
    return value


class _Spaced:
    """Lines whose value is the dataclass fields joined by single spaces (o=, c=)."""

    def __str__(self) -> str:
        return " ".join(str(getattr(self, f.name)) for f in fields(self))  # type: ignore[arg-type]


def _fields(value: str, count: int, what: str) -> list[str]:
    parts = value.split()
    if len(parts) != count:
        raise _Bad(f"{what} needs {count} fields, not {len(parts)}")
    return parts


@dataclass
class Origin(_Spaced):
    username: str
    session_id: int
    session_version: int
    nettype: str
    addrtype: str
    address: str

    @classmethod
    def parse(cls, value: str) -> Origin:
        user, sid, version, nettype, addrtype, address = _fields(value, 6, "o=")
        limit = 10**20 - 1  # 64-bit NTP-style values fit; longer ones are not numbers we need
        sess = _number(sid, "session id", limit)
        return cls(user, sess, _number(version, "version", limit), nettype, addrtype, address)


@dataclass
class Connection(_Spaced):
    nettype: str
    addrtype: str
    address: str  # multicast TTL and count stay in it ("224.2.1.1/127/3"), as written

    @classmethod
    def parse(cls, value: str) -> Connection:
        return cls(*_fields(value, 3, "c="))

    @property
    def is_hold(self) -> bool:
        """RFC 2543 hold, still sent by older PBXs and gateways (RFC 3264 §8.4)."""
        return self.address == "0.0.0.0"


@dataclass
class Bandwidth:
    bwtype: str
    value: int

    @classmethod
    def parse(cls, value: str) -> Bandwidth:
        bwtype, colon, amount = value.partition(":")
        if not colon or not bwtype or " " in bwtype:
            raise _Bad("b= is not <type>:<value>")
        return cls(bwtype, _number(amount, "bandwidth", 10**18))

    def __str__(self) -> str:
        return f"{self.bwtype}:{self.value}"


@dataclass
class Timing:
    start: int = 0
    stop: int = 0
    repeats: list[str] = field(default_factory=list)  # r= lines, kept verbatim

    @classmethod
    def parse(cls, value: str) -> Timing:
        start, stop = _fields(value, 2, "t=")
        return cls(_number(start, "start time", 10**20), _number(stop, "stop time", 10**20))


@dataclass
class Attribute:
    name: str
    value: str | None = None  # None for a flag (a=sendrecv); "" for a=name: with nothing after

    @classmethod
    def parse(cls, text: str) -> Attribute:
        name, colon, value = text.partition(":")
        if not name or " " in name or "\t" in name:
            raise _Bad("a= has no attribute name")
        attribute = cls(name, value if colon else None)
        check = _CHECKS.get(name)
        if check is not None:
            check(attribute.value)
        return attribute

    def __str__(self) -> str:
        return self.name if self.value is None else f"{self.name}:{self.value}"


@dataclass
class RtpMap:
    payload_type: int
    encoding: str
    clock_rate: int
    channels: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> RtpMap:
        pt, _, rest = _required(value, "rtpmap").partition(" ")
        parts = rest.split("/")
        if len(parts) not in (2, 3) or not parts[0] or len(rest.split()) != 1:
            raise _Bad("rtpmap is not <pt> <encoding>/<clock>[/<channels>]")
        channels = _number(parts[2], "channels", 255, 1) if len(parts) == 3 else None
        clock = _number(parts[1], "clock rate", 10**9, 1)
        return cls(_number(pt, "payload type", 127), parts[0], clock, channels)

    def __str__(self) -> str:
        tail = "" if self.channels is None else f"/{self.channels}"
        return f"{self.payload_type} {self.encoding}/{self.clock_rate}{tail}"


@dataclass
class Rtcp:
    """a=rtcp (RFC 3605): where the peer wants RTCP when it is not RTP port + 1."""

    port: int
    connection: Connection | None = None

    @classmethod
    def parse(cls, value: str | None) -> Rtcp:
        parts = _required(value, "rtcp").split()
        if len(parts) not in (1, 4):
            raise _Bad("rtcp is not <port> [<nettype> <addrtype> <address>]")
        conn = Connection(*parts[1:]) if len(parts) == 4 else None
        return cls(_number(parts[0], "rtcp port", 65535), conn)


@dataclass
class Crypto:
    """a=crypto (RFC 4568 SDES). Key parameters stay text: their meaning is the suite's."""

    tag: int
    suite: str
    key_params: list[str]  # "inline:<base64 key||salt>[|lifetime][|mki:length]", ...
    session_params: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, value: str | None) -> Crypto:
        parts = _required(value, "crypto").split()
        if len(parts) < 3:
            raise _Bad("crypto is not <tag> <suite> <key-params> [<session-params>]")
        keys = parts[2].split(";")
        if any(not method or not info for method, _, info in (k.partition(":") for k in keys)):
            raise _Bad("crypto key parameter is not <method>:<info>")
        return cls(_number(parts[0], "crypto tag", 999_999_999), parts[1], keys, parts[3:])

    def __str__(self) -> str:
        return " ".join(
            [str(self.tag), self.suite, ";".join(self.key_params), *self.session_params]
        )


def _required(value: str | None, name: str) -> str:
    if not value:
        raise _Bad(f"{name} needs a value")
    return value


def _flag(value: str | None) -> None:
    if value is not None:
        raise _Bad("a direction or rtcp-mux attribute takes no value")


def _fmtp(value: str | None) -> None:
    fmt, space, _ = _required(value, "fmtp").partition(" ")
    if not fmt or not space:
        raise _Bad("fmtp is not <format> <parameters>")


def _ptime(value: str | None) -> None:
    if not _PTIME.fullmatch(_required(value, "ptime")):
        raise _Bad("ptime is not a number of milliseconds")


# Attributes whose grammar we rely on are checked as they are read, so the typed views below
# never meet a malformed one.
_CHECKS: dict[str, Callable[[str | None], object]] = {
    "rtpmap": RtpMap.parse,
    "fmtp": _fmtp,
    "ptime": _ptime,
    "maxptime": _ptime,
    "rtcp": Rtcp.parse,
    "crypto": Crypto.parse,
    "rtcp-mux": _flag,
    **dict.fromkeys(DIRECTIONS, _flag),
}


class _Attributes:
    """Lookups shared by the session and each media section."""

    attributes: list[Attribute]

    def values(self, name: str) -> list[str | None]:
        return [a.value for a in self.attributes if a.name == name]

    def value(self, name: str) -> str | None:
        return next((a.value for a in self.attributes if a.name == name), None)

    def has(self, name: str) -> bool:
        return any(a.name == name for a in self.attributes)

    @property
    def direction(self) -> Direction | None:
        """The direction written here, if any; ``SessionDescription.direction_of`` inherits."""
        return next((DIRECTIONS[a.name] for a in self.attributes if a.name in DIRECTIONS), None)

    def set_direction(self, direction: Direction) -> None:
        kept = [a for a in self.attributes if a.name not in DIRECTIONS]
        at = next((i for i, a in enumerate(self.attributes) if a.name in DIRECTIONS), len(kept))
        self.attributes = [*kept[:at], Attribute(direction), *kept[at:]]


@dataclass
class MediaDescription(_Attributes):
    media: str  # audio, video, image, application ...
    port: int  # 0: the stream is rejected or disabled (RFC 3264 §5.1, §6)
    proto: str  # RTP/AVP, RTP/SAVP, RTP/AVPF, UDP/TLS/RTP/SAVPF, udptl ...
    formats: list[str]  # payload types for RTP protos, tokens (t38) otherwise
    port_count: int | None = None
    information: str | None = None
    connection: Connection | None = None
    extra_connections: list[Connection] = field(default_factory=list)  # layered multicast
    bandwidths: list[Bandwidth] = field(default_factory=list)
    key: str | None = None  # k=, obsolete but legal
    attributes: list[Attribute] = field(default_factory=list)
    unknown_lines: list[str] = field(default_factory=list)  # lines of types RFC 8866 lacks

    @classmethod
    def parse(cls, value: str) -> MediaDescription:
        parts = value.split()
        if len(parts) < 4:
            raise _Bad("m= needs media, port, proto and at least one format")
        media, port_text, proto, *formats = parts
        port_text, slash, count_text = port_text.partition("/")
        count = _number(count_text, "port count", 65535, 1) if slash else None
        if "RTP/" in proto:
            for fmt in formats:
                _number(fmt, "payload type", 127)
        return cls(media, _number(port_text, "port", 65535), proto, formats, count)

    @property
    def is_rtp(self) -> bool:
        return "RTP/" in self.proto

    @property
    def payload_types(self) -> list[int]:
        return [int(f) for f in self.formats] if self.is_rtp else []

    @property
    def rtpmap(self) -> dict[int, RtpMap]:
        """Each listed payload type's codec: its a=rtpmap, or RFC 3551's static table."""
        written = {m.payload_type: m for m in map(RtpMap.parse, self.values("rtpmap"))}
        found: dict[int, RtpMap] = {}
        for pt in self.payload_types:
            if pt in written:
                found[pt] = written[pt]
            elif pt in STATIC_PAYLOAD_TYPES:
                found[pt] = RtpMap(pt, *STATIC_PAYLOAD_TYPES[pt])
        return found

    @property
    def fmtp(self) -> dict[str, str]:
        """Format parameters by format (``"101"`` -> ``"0-16"``); the first line wins."""
        found: dict[str, str] = {}
        for value in self.values("fmtp"):
            fmt, _, params = (value or "").partition(" ")
            found.setdefault(fmt, params)
        return found

    @property
    def ptime(self) -> int | None:
        """Milliseconds of media per packet the peer wants to receive (decimals allowed)."""
        return _ms(self.value("ptime"))

    @property
    def maxptime(self) -> int | None:
        return _ms(self.value("maxptime"))

    @property
    def rtcp(self) -> Rtcp | None:
        value = self.value("rtcp")
        return None if value is None else Rtcp.parse(value)

    @property
    def rtcp_mux(self) -> bool:
        return self.has("rtcp-mux")

    @property
    def crypto(self) -> list[Crypto]:
        return [Crypto.parse(v) for v in self.values("crypto")]

    def lines(self) -> list[str]:
        count = "" if self.port_count is None else f"/{self.port_count}"
        out = [f"m={self.media} {self.port}{count} {self.proto} {' '.join(self.formats)}"]
        if self.information is not None:
            out.append(f"i={self.information}")
        conns = [] if self.connection is None else [self.connection, *self.extra_connections]
        out += [f"c={c}" for c in conns] + [f"b={b}" for b in self.bandwidths]
        if self.key is not None:
            out.append(f"k={self.key}")
        return out + [f"a={a}" for a in self.attributes] + self.unknown_lines


@dataclass
class SessionDescription(_Attributes):
    origin: Origin
    name: str = "-"
    information: str | None = None
    uri: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    connection: Connection | None = None
    bandwidths: list[Bandwidth] = field(default_factory=list)
    timing: list[Timing] = field(default_factory=lambda: [Timing()])
    time_zones: str | None = None
    key: str | None = None
    attributes: list[Attribute] = field(default_factory=list)
    media: list[MediaDescription] = field(default_factory=list)
    unknown_lines: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, data: str | bytes) -> SessionDescription:
        text = _decode(data)
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        if len(lines) > MAX_LINES:
            raise SdpParseError(f"{len(lines)} lines is over the limit of {MAX_LINES}")
        parser = _Parser()
        for number, raw in enumerate(lines, 1):
            line = raw[:-1] if raw.endswith("\r") else raw
            if line:
                try:
                    parser.feed(line)
                except _Bad as exc:
                    raise SdpParseError(f"line {number}: {exc}") from None
        return parser.finish(len(lines))

    def direction_of(self, media: MediaDescription) -> Direction:
        """The media section's direction, else the session's, else sendrecv (RFC 8866 §6.7)."""
        return media.direction or self.direction or "sendrecv"

    def connection_of(self, media: MediaDescription) -> Connection | None:
        return media.connection or self.connection

    def __str__(self) -> str:
        out = ["v=0", f"o={self.origin}", f"s={self.name}"]
        out += [] if self.information is None else [f"i={self.information}"]
        out += [] if self.uri is None else [f"u={self.uri}"]
        out += [f"e={e}" for e in self.emails] + [f"p={p}" for p in self.phones]
        out += [] if self.connection is None else [f"c={self.connection}"]
        out += [f"b={b}" for b in self.bandwidths]
        for t in self.timing:
            out += [f"t={t.start} {t.stop}", *(f"r={r}" for r in t.repeats)]
        out += [] if self.time_zones is None else [f"z={self.time_zones}"]
        out += [] if self.key is None else [f"k={self.key}"]
        out += [f"a={a}" for a in self.attributes] + self.unknown_lines
        for media in self.media:
            out += media.lines()
        return "\r\n".join(out) + "\r\n"

    def __bytes__(self) -> bytes:
        return str(self).encode("utf-8")


def _ms(value: str | None) -> int | None:
    return None if value is None else round(float(value))


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:
            raise SdpParseError("the description is not valid Unicode text") from None
    if len(data) > MAX_BODY:
        raise SdpParseError(f"a body of {len(data)} bytes is over the limit of {MAX_BODY}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SdpParseError(f"line {line}: not UTF-8 (RFC 8866 §5)") from None
    if "\x00" in text:
        raise SdpParseError(f"line {text.count(chr(10), 0, text.index(chr(0))) + 1}: NUL byte")
    return text


_SESSION_ONLY = frozenset("vosuepztr")
# Session lines that may appear once: the field each fills and how its value is read.
_ONCE: dict[str, tuple[str, Callable[[str], object]]] = {
    "o": ("origin", Origin.parse),
    "s": ("name", str),
    "i": ("information", str),
    "u": ("uri", str),
    "c": ("connection", Connection.parse),
    "z": ("time_zones", str),
    "k": ("key", str),
}

_MANY: dict[str, tuple[str, Callable[[str], object]]] = {
    "a": ("attributes", Attribute.parse),
    "b": ("bandwidths", Bandwidth.parse),
    "t": ("timing", Timing.parse),
    "e": ("emails", str),
    "p": ("phones", str),
}


class _Parser:
    """Line by line, into the section the last m= opened (RFC 8866 §5 grammar, liberally)."""

    def __init__(self) -> None:
        self.sd = SessionDescription(Origin("", 0, 0, "", "", ""), timing=[])
        self.seen: set[str] = set()

    def feed(self, line: str) -> None:
        if len(line) < 2 or line[1] != "=" or not (line[0].isascii() and line[0].isalpha()):
            raise _Bad("not a <type>=<value> line")
        if "\r" in line:
            raise _Bad("carriage return inside a line")
        kind, value, sd = line[0], line[2:], self.sd
        if not self.seen:
            if line != "v=0":
                raise _Bad("a description starts with v=0")
            self.seen.add("v")
        elif kind == "m":
            if len(sd.media) == MAX_MEDIA:
                raise _Bad(f"more than {MAX_MEDIA} media sections")
            sd.media.append(MediaDescription.parse(value))
        elif sd.media:
            self._media_line(sd.media[-1], kind, value, line)
        elif kind in _ONCE:
            if kind in self.seen:
                raise _Bad(f"a second {kind}= line")
            self.seen.add(kind)
            name, read = _ONCE[kind]
            setattr(sd, name, read(value))
        elif kind in _MANY:
            name, read = _MANY[kind]
            getattr(sd, name).append(read(value))
        elif kind == "r":
            if not sd.timing:
                raise _Bad("r= before any t=")
            sd.timing[-1].repeats.append(value)
        elif kind == "v":
            raise _Bad("a second v= line")
        else:
            sd.unknown_lines.append(line)

    @staticmethod
    def _media_line(media: MediaDescription, kind: str, value: str, line: str) -> None:
        if kind in "ab":
            name, read = _MANY[kind]
            getattr(media, name).append(read(value))
        elif kind == "c":
            if media.connection is None:
                media.connection = Connection.parse(value)
            else:
                media.extra_connections.append(Connection.parse(value))
        elif kind in "ik":
            name = "information" if kind == "i" else "key"
            if getattr(media, name) is not None:
                raise _Bad(f"a second {kind}= line in a media section")
            setattr(media, name, value)
        elif kind in _SESSION_ONLY:
            raise _Bad(f"{kind}= belongs before the first m=")
        else:
            media.unknown_lines.append(line)

    def finish(self, lines: int) -> SessionDescription:
        if not self.seen:
            raise SdpParseError("an empty description")
        if "o" not in self.seen or "s" not in self.seen:
            raise SdpParseError(f"line {lines}: the description ended before its o= and s=")
        return self.sd
