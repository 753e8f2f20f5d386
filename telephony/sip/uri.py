"""SIP URIs and the address headers built from them (RFC 3261 §19.1, §20.10, §25.1).

``SipUri`` is the ``sip:user@host:port;params?headers`` form (``sips:`` and ``tel:`` too);
``NameAddr`` is what From, To, Contact, Route and Refer-To carry: an optional display name,
the URI in angle brackets, and header parameters such as ``tag``. Both parse leniently where
real PBXs are sloppy (unquoted display names, bare URIs with no brackets) and raise
``SipParseError`` for anything that cannot be an address. Both print back canonically.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from telephony.errors import SipParseError

__all__ = ["NameAddr", "SipUri", "format_params", "is_number", "parse_params", "split_quoted"]


def is_number(text: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts "²" and other digits ``int`` refuses."""
    return text.isascii() and text.isdigit()


_SCHEMES = ("sip", "sips", "tel")


def split_quoted(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside double quotes and angle brackets (a comma inside a display
    name or a URI parameter must not split a header value)."""
    parts: list[str] = []
    depth = 0
    quoted = False
    escaped = False
    start = 0
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
        elif ch == "\\" and quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif not quoted and ch == "<":
            depth += 1
        elif not quoted and ch == ">":
            depth = max(0, depth - 1)
        elif ch == sep and not quoted and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def parse_params(text: str) -> dict[str, str | None]:
    """``;a=1;lr;b="x y"`` → ``{"a": "1", "lr": None, "b": '"x y"'}`` (names lower-cased,
    values kept as written so they print back the same)."""
    params: dict[str, str | None] = {}
    for part in split_quoted(text, ";"):
        part = part.strip()
        if not part:
            continue
        name, eq, value = part.partition("=")
        name = name.strip().lower()
        if not name:
            raise SipParseError(f"empty parameter name in {text[:80]!r}")
        params[name] = value.strip() if eq else None
    return params


def format_params(params: dict[str, str | None]) -> str:
    return "".join(f";{k}" if v is None else f";{k}={v}" for k, v in params.items())


@dataclass(frozen=True, slots=True)
class SipUri:
    scheme: str
    host: str
    user: str | None = None
    password: str | None = None
    port: int | None = None
    params: dict[str, str | None] = field(default_factory=dict)
    headers: str | None = None

    @classmethod
    def parse(cls, text: str) -> SipUri:
        text = text.strip()
        scheme, colon, rest = text.partition(":")
        scheme = scheme.lower()
        if not colon or scheme not in _SCHEMES or not rest:
            raise SipParseError(f"not a SIP URI: {text[:80]!r}")
        rest, q, headers = rest.partition("?")
        if scheme == "tel":
            number, _, params = rest.partition(";")
            if not number:
                raise SipParseError("tel URI without a number")
            return cls("tel", host="", user=number, params=parse_params(params))
        userinfo, at, hostpart = rest.rpartition("@")
        user = password = None
        if at:
            if not userinfo:
                raise SipParseError(f"empty user in {text[:80]!r}")
            user, pw_colon, pw = userinfo.partition(":")
            password = pw if pw_colon else None
        hostport, _, params = hostpart.partition(";")
        host, port = _split_hostport(hostport)
        return cls(scheme, host, user, password, port, parse_params(params), headers if q else None)

    def __str__(self) -> str:
        if self.scheme == "tel":
            return f"tel:{self.user}{format_params(self.params)}"
        userinfo = ""
        if self.user is not None:
            userinfo = self.user + (f":{self.password}" if self.password is not None else "") + "@"
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = f":{self.port}" if self.port is not None else ""
        headers = f"?{self.headers}" if self.headers is not None else ""
        return f"{self.scheme}:{userinfo}{host}{port}{format_params(self.params)}{headers}"

    @property
    def transport(self) -> str:
        value = self.params.get("transport")
        if value:
            return value.lower()
        return "tls" if self.scheme == "sips" else "udp"

    def with_params(self, **params: str | None) -> SipUri:
        return replace(self, params={**self.params, **params})


def _split_hostport(text: str) -> tuple[str, int | None]:
    text = text.strip()
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise SipParseError(f"unterminated IPv6 reference: {text[:80]!r}")
        host, rest = text[1:end], text[end + 1 :]
        if rest and not rest.startswith(":"):
            raise SipParseError(f"junk after IPv6 host: {text[:80]!r}")
        port_text = rest[1:] if rest else ""
    else:
        host, _, port_text = text.partition(":")
    if not host or any(c in host for c in ' \t<>"'):
        raise SipParseError(f"bad host: {text[:80]!r}")
    if not port_text:
        return host.lower(), None
    if not is_number(port_text) or not 0 < int(port_text) < 65536:
        raise SipParseError(f"bad port: {port_text[:20]!r}")
    return host.lower(), int(port_text)


@dataclass(frozen=True, slots=True)
class NameAddr:
    uri: SipUri
    display_name: str | None = None
    params: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> NameAddr:
        text = text.strip()
        display: str | None = None
        if "<" in text.split(";", 1)[0] or text.startswith('"'):
            if text.startswith('"'):
                end = _closing_quote(text)
                display = text[1:end].replace('\\"', '"')
                text = text[end + 1 :].lstrip()
            lt = text.find("<")
            gt = text.find(">", lt + 1)
            if lt < 0 or gt < 0:
                raise SipParseError("address without <URI>")
            if lt > 0:
                display = text[:lt].strip() or display
            uri = SipUri.parse(text[lt + 1 : gt])
            params = parse_params(text[gt + 1 :])
        else:
            # addr-spec without brackets: parameters after the URI belong to the header
            uri_text, _, param_text = text.partition(";")
            uri = SipUri.parse(uri_text)
            params = parse_params(param_text)
        return cls(uri, display, params)

    def __str__(self) -> str:
        name = ""
        if self.display_name:
            name = '"' + self.display_name.replace('"', '\\"') + '" '
        return f"{name}<{self.uri}>{format_params(self.params)}"

    @property
    def tag(self) -> str | None:
        return self.params.get("tag")

    def with_tag(self, tag: str) -> NameAddr:
        return replace(self, params={**self.params, "tag": tag})


def _closing_quote(text: str) -> int:
    i = 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i
        i += 1
    raise SipParseError("unterminated quoted display name")
