"""SIP requests and responses on the wire (RFC 3261 §7, §18.3, §20).

``parse_message(data)`` reads one datagram; ``StreamFramer`` cuts a TCP/TLS byte stream into
messages by Content-Length. Headers keep their order and the names as written, so
``bytes(parse_message(x)) == x`` for any canonically written message (one space after the
colon, no line folding); compact names (``v``, ``i``, ``f`` ...) are understood everywhere.

Limits keep a hostile peer from costing more than a bounded amount of memory or time: at most
``MAX_HEADERS`` header lines and ``MAX_MESSAGE`` bytes per message. A message that breaks
them, or the grammar, raises :class:`SipParseError`. When the start line and the headers a
response needs could still be read, the error carries that half-read request in ``.request``
so the transport can answer 400 as §8.2 and §21.4.1 ask; otherwise the datagram is dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from telephony.errors import SipParseError
from telephony.sip.uri import NameAddr, format_params, is_number, parse_params, split_quoted

__all__ = [
    "MAX_HEADERS",
    "MAX_MESSAGE",
    "REASONS",
    "CSeq",
    "Headers",
    "Request",
    "Response",
    "SipMessage",
    "StreamFramer",
    "Via",
    "parse_message",
]

MAX_MESSAGE = 65_535
MAX_HEADERS = 256

COMPACT = {
    "i": "Call-ID",
    "m": "Contact",
    "e": "Content-Encoding",
    "l": "Content-Length",
    "c": "Content-Type",
    "f": "From",
    "s": "Subject",
    "k": "Supported",
    "t": "To",
    "v": "Via",
    "o": "Event",
    "r": "Refer-To",
    "b": "Referred-By",
    "x": "Session-Expires",
    "u": "Allow-Events",
}
_CANONICAL = {
    n.lower(): n
    for n in (
        *COMPACT.values(),
        "CSeq",
        "Max-Forwards",
        "Route",
        "Record-Route",
        "Allow",
        "Require",
        "Min-SE",
        "WWW-Authenticate",
        "Proxy-Authenticate",
        "Authorization",
        "Proxy-Authorization",
        "P-Asserted-Identity",
        "Diversion",
        "User-Agent",
        "Server",
        "Expires",
        "Unsupported",
        "Reason",
        "Subscription-State",
        "Replaces",
        "Accept",
    )
}
# Headers whose comma-separated values are separate entries (§7.3.1); Contact "*" aside.
_LIST_HEADERS = {"via", "route", "record-route", "contact", "allow", "supported", "require"}

REASONS = {
    100: "Trying",
    180: "Ringing",
    183: "Session Progress",
    200: "OK",
    202: "Accepted",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    413: "Request Entity Too Large",
    415: "Unsupported Media Type",
    420: "Bad Extension",
    422: "Session Interval Too Small",
    481: "Call/Transaction Does Not Exist",
    486: "Busy Here",
    487: "Request Terminated",
    488: "Not Acceptable Here",
    489: "Bad Event",
    491: "Request Pending",
    500: "Server Internal Error",
    501: "Not Implemented",
    503: "Service Unavailable",
    505: "Version Not Supported",
}


def canonical(name: str) -> str:
    lower = name.lower()
    if lower in COMPACT:
        return COMPACT[lower]
    return _CANONICAL.get(lower, name)


class Headers:
    """An ordered multi-map of header fields, looked up by any spelling of the name.

    A field read from the wire keeps its line exactly as written (spacing, folding), so an
    untouched message goes back out byte for byte; ``set`` and ``add`` write canonically.
    """

    __slots__ = ("_items",)

    def __init__(self, items: list[tuple[str, str]] | None = None) -> None:
        self._items: list[tuple[str, str, str | None]] = [(n, v, None) for n, v in items or []]

    @classmethod
    def from_wire(cls, items: list[tuple[str, str, str | None]]) -> Headers:
        headers = cls()
        headers._items = items
        return headers

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((n, v) for n, v, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def lines(self) -> Iterator[str]:
        for name, value, raw in self._items:
            yield raw if raw is not None else f"{name}: {value}"

    def get(self, name: str, default: str | None = None) -> str | None:
        key = canonical(name).lower()
        for n, v, _ in self._items:
            if canonical(n).lower() == key:
                return v
        return default

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def get_all(self, name: str) -> list[str]:
        """Every value, with comma-joined lists split for the list headers."""
        key = canonical(name).lower()
        values = [v for n, v, _ in self._items if canonical(n).lower() == key]
        if key not in _LIST_HEADERS:
            return values
        return [p.strip() for v in values for p in split_quoted(v, ",") if p.strip()]

    def add(self, name: str, value: str) -> None:
        self._items.append((name, value, None))

    def set(self, name: str, value: str) -> None:
        """Replace every field of this name with one, in the first one's place."""
        key = canonical(name).lower()
        out: list[tuple[str, str, str | None]] = []
        placed = False
        for item in self._items:
            if canonical(item[0]).lower() == key:
                if not placed:
                    out.append((item[0], value, None))
                    placed = True
            else:
                out.append(item)
        if not placed:
            out.append((canonical(name), value, None))
        self._items = out

    def replace_first_item(self, name: str, value: str) -> None:
        """Put ``value`` in place of the first list item of the first ``name`` field (the top
        Via), keeping the other items of a comma-joined field as they are."""
        key = canonical(name).lower()
        for i, (n, v, _) in enumerate(self._items):
            if canonical(n).lower() == key:
                rest = [p.strip() for p in split_quoted(v, ",")][1:]
                self._items[i] = (n, ", ".join([value, *rest]), None)
                return
        raise KeyError(name)

    def remove(self, name: str) -> None:
        key = canonical(name).lower()
        self._items = [i for i in self._items if canonical(i[0]).lower() != key]

    def copy(self) -> Headers:
        return Headers.from_wire(list(self._items))


@dataclass(frozen=True, slots=True)
class Via:
    transport: str
    host: str
    port: int | None
    params: dict[str, str | None]

    @classmethod
    def parse(cls, text: str) -> Via:
        proto, _, rest = text.strip().partition(" ")
        parts = proto.split("/")
        if len(parts) != 3 or parts[0].upper() != "SIP" or not rest.strip():
            raise SipParseError(f"bad Via: {text[:80]!r}")
        sent_by, _, params = rest.strip().partition(";")
        host, _, port_text = sent_by.strip().rpartition(":") if "]" not in sent_by else ("", "", "")
        if "]" in sent_by:
            host, _, port_text = sent_by.strip().partition("]")
            host, port_text = host.lstrip("["), port_text.lstrip(":")
        elif not host:
            host, port_text = sent_by.strip(), ""
        if not host or (port_text and not (is_number(port_text) and 0 < int(port_text) < 65536)):
            raise SipParseError(f"bad Via sent-by: {sent_by[:80]!r}")
        return cls(
            parts[2].upper(), host, int(port_text) if port_text else None, parse_params(params)
        )

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = f":{self.port}" if self.port else ""
        return f"SIP/2.0/{self.transport} {host}{port}{format_params(self.params)}"

    @property
    def branch(self) -> str | None:
        return self.params.get("branch")


@dataclass(frozen=True, slots=True)
class CSeq:
    number: int
    method: str

    @classmethod
    def parse(cls, text: str) -> CSeq:
        number, _, method = text.strip().partition(" ")
        method = method.strip()
        if not is_number(number) or len(number) > 10 or int(number) >= 2**31 or not method:
            raise SipParseError(f"bad CSeq: {text[:40]!r}")
        return cls(int(number), method.upper())

    def __str__(self) -> str:
        return f"{self.number} {self.method}"


@dataclass(slots=True)
class SipMessage:
    headers: Headers = field(default_factory=Headers)
    body: bytes = b""

    # The fields every transaction and dialog needs, parsed on demand.
    @property
    def call_id(self) -> str:
        return self.headers["Call-ID"].strip()

    @property
    def cseq(self) -> CSeq:
        return CSeq.parse(self.headers["CSeq"])

    @property
    def vias(self) -> list[Via]:
        return [Via.parse(v) for v in self.headers.get_all("Via")]

    @property
    def from_(self) -> NameAddr:
        return NameAddr.parse(self.headers["From"])

    @property
    def to(self) -> NameAddr:
        return NameAddr.parse(self.headers["To"])

    def _head_bytes(self) -> bytes:
        lines = "".join(line + "\r\n" for line in self.headers.lines())
        return lines.encode("utf-8", "surrogateescape")

    def _serialise(self, start: str) -> bytes:
        return (
            start.encode("utf-8", "surrogateescape")
            + b"\r\n"
            + self._head_bytes()
            + b"\r\n"
            + self.body
        )

    def with_length(self) -> None:
        """Set Content-Length from the body (every message we send carries one, §20.14)."""
        self.headers.set("Content-Length", str(len(self.body)))


@dataclass(slots=True)
class Request(SipMessage):
    method: str = ""
    uri: str = ""

    def __bytes__(self) -> bytes:
        return self._serialise(f"{self.method} {self.uri} SIP/2.0")

    def response(
        self, status: int, reason: str | None = None, to_tag: str | None = None
    ) -> Response:
        """The response §8.2.6 describes: Via, From, Call-ID and CSeq copied, To with our tag."""
        headers = Headers()
        keeps_routes = self.method == "INVITE" and 100 < status < 300  # dialog-forming (§12.1.1)
        for name, value in self.headers:
            key = canonical(name).lower()
            if key in ("via", "from", "call-id", "cseq") or (
                key == "record-route" and keeps_routes
            ):
                headers.add(canonical(name), value)
            elif key == "to":
                to = NameAddr.parse(value)
                headers.add("To", str(to.with_tag(to_tag)) if to_tag and not to.tag else value)
        return Response(headers, b"", status, reason or REASONS.get(status, "Unknown"))


@dataclass(slots=True)
class Response(SipMessage):
    status: int = 0
    reason: str = ""

    def __bytes__(self) -> bytes:
        return self._serialise(f"SIP/2.0 {self.status} {self.reason}")


def parse_message(data: bytes, *, stream: bool = False) -> Request | Response:
    """One message. Over UDP a missing Content-Length means "the rest of the datagram";
    over a stream it is required (§18.3), and :class:`StreamFramer` has already cut it."""
    if len(data) > MAX_MESSAGE:
        raise SipParseError(f"message of {len(data)} bytes is over the {MAX_MESSAGE} limit")
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = data.partition(b"\n\n")
        if not sep:
            raise SipParseError("no blank line after the headers")
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SipParseError("header bytes are not UTF-8") from exc
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and not lines[0]:
        lines.pop(0)  # keep-alive CRLFs before a message
    if not lines:
        raise SipParseError("empty message")
    message = _start_line(lines[0])
    message.headers, fault = _headers(lines[1:])
    if fault is not None:  # the lines before the fault may still route a 400 back
        raise _with_request(SipParseError(fault), message)
    length_text = message.headers.get("Content-Length")
    if length_text is None:
        if stream:
            raise SipParseError("Content-Length is required over a stream transport")
        message.body = body
    else:
        length_text = length_text.strip()
        if not is_number(length_text) or len(length_text) > 7:
            raise _with_request(SipParseError(f"bad Content-Length {length_text[:20]!r}"), message)
        length = int(length_text)
        if length > len(body):
            # §18.3: a datagram shorter than it claims is discarded (or 400); we answer 400.
            raise _with_request(SipParseError("Content-Length is larger than the body"), message)
        message.body = body[:length]
    _check_mandatory(message)
    return message


def _start_line(line: str) -> Request | Response:
    if line.startswith("SIP/"):
        version, _, rest = line.partition(" ")
        code, _, reason = rest.partition(" ")
        if version != "SIP/2.0" or len(code) != 3 or not is_number(code) or int(code) < 100:
            raise SipParseError(f"bad status line {line[:80]!r}")
        return Response(status=int(code), reason=reason.strip())
    parts = line.split(" ")
    if len(parts) != 3 or not parts[0].isalpha() or not parts[0].isupper() or not parts[1]:
        raise SipParseError(f"bad request line {line[:80]!r}")
    if parts[2] != "SIP/2.0":
        raise SipParseError(f"unsupported version {parts[2][:20]!r}")
    return Request(method=parts[0], uri=parts[1])


def _headers(lines: list[str]) -> tuple[Headers, str | None]:
    """The header fields up to the first broken line, and what was wrong with it."""
    items: list[tuple[str, str, str | None]] = []
    for line in lines:
        if line[:1] in (" ", "\t"):  # folded continuation (§7.3.1): unfold
            if not items:
                return Headers.from_wire(items), "continuation line before any header"
            name, value, _ = items[-1]
            items[-1] = (name, value + " " + line.strip(), None)
            continue
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not name or any(c in name for c in ' \t"<>@,;'):
            return Headers.from_wire(items), f"header line without a name and colon: {line[:60]!r}"
        items.append((name, value.strip(), line))
        if len(items) > MAX_HEADERS:
            return Headers.from_wire(items[:MAX_HEADERS]), f"more than {MAX_HEADERS} header lines"
    return Headers.from_wire(items), None


_MANDATORY = ("Via", "From", "To", "Call-ID", "CSeq")


def _check_mandatory(message: Request | Response) -> None:
    for name in _MANDATORY:
        if not message.headers.get(name):
            raise _with_request(SipParseError(f"missing {name}"), message)
    try:
        cseq = message.cseq
        vias = message.vias
        message.from_  # noqa: B018 - parse to validate
        message.to  # noqa: B018
    except SipParseError as exc:
        raise _with_request(exc, message) from exc
    if not vias:
        raise _with_request(SipParseError("empty Via"), message)
    if isinstance(message, Request) and cseq.method != message.method:
        raise _with_request(SipParseError("CSeq method differs from the request's"), message)


def _with_request(error: SipParseError, message: Request | Response) -> SipParseError:
    """Attach the half-read request when a 400 can be built from it (it needs a usable top
    Via to be routed back, and the other headers a response copies)."""
    if isinstance(message, Request) and message.method != "ACK":
        usable = all(message.headers.get(n) for n in _MANDATORY)
        try:
            # a response copies these, so they must parse
            usable = usable and bool(message.vias and message.cseq and message.from_ and message.to)
        except SipParseError:
            usable = False
        if usable:
            error.request = message
    return error


class StreamFramer:
    """Cuts a TCP/TLS byte stream into messages (§18.3). A peer that sends more than
    ``MAX_MESSAGE`` bytes without a complete message is broken; ``feed`` raises and the
    transport closes the connection."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        out: list[bytes] = []
        while True:
            # RFC 5626 keep-alive pings (CRLFCRLF) between messages
            while self._buffer[:2] == b"\r\n":
                del self._buffer[:2]
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buffer) > MAX_MESSAGE:
                    raise SipParseError("headers exceed the message size limit")
                return out
            head = bytes(self._buffer[:end])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() in (b"content-length", b"l"):
                    text = value.strip()
                    if not (text.isascii() and text.isdigit()) or len(text) > 7:
                        raise SipParseError("bad Content-Length on a stream")
                    length = int(text)
            total = end + 4 + length
            if total > MAX_MESSAGE:
                raise SipParseError(f"message of {total} bytes is over the {MAX_MESSAGE} limit")
            if len(self._buffer) < total:
                return out
            out.append(bytes(self._buffer[:total]))
            del self._buffer[:total]
