"""HTTP digest authentication as SIP uses it (RFC 3261 §22, RFC 2617, RFC 7616, RFC 8760).

Everything here works on header *values* (the text after ``WWW-Authenticate:``,
``Proxy-Authenticate:``, ``Authorization:`` or ``Proxy-Authorization:``) and never touches a
socket or a clock: the server side takes ``now`` as an argument.

Client side::

    challenge = choose_challenge(response.header_values("WWW-Authenticate"))
    value = authorization(challenge, DigestCredentials("alice", "secret"), "REGISTER",
                          "sip:pbx.example.org", nc=1)

Server side: :class:`DigestVerifier` issues challenges with nonces from an injected function,
remembers them for ``nonce_lifetime`` seconds and checks ``Authorization`` values, telling a
wrong password apart from a nonce that has merely gone stale (which deserves a fresh challenge
with ``stale=TRUE`` rather than a refusal).

Hashes are computed over UTF-8 text. ``userhash`` (RFC 7616 §3.4.4) and the ``username*``
form are not implemented: SIP servers do not send them (RFC 8760 keeps SIP's syntax).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum

from telephony.errors import AuthError

__all__ = [
    "Algorithm",
    "DigestChallenge",
    "DigestCredentials",
    "DigestResponse",
    "DigestVerifier",
    "Qop",
    "Verdict",
    "Verification",
    "authorization",
    "choose_challenge",
    "compute_response",
    "respond",
]


class Algorithm(StrEnum):
    """The digest algorithms of RFC 7616 §6.1 that RFC 8760 registers for SIP."""

    MD5 = "MD5"
    MD5_SESS = "MD5-sess"
    SHA_256 = "SHA-256"
    SHA_256_SESS = "SHA-256-sess"
    SHA_512_256 = "SHA-512-256"
    SHA_512_256_SESS = "SHA-512-256-sess"

    @classmethod
    def parse(cls, text: str) -> Algorithm:
        """The algorithm named by ``text``, compared without case (``md5`` is ``MD5``)."""
        wanted = text.strip().lower()
        for algorithm in cls:
            if algorithm.value.lower() == wanted:
                return algorithm
        raise AuthError(f"unsupported digest algorithm {text[:40]!r}")

    @property
    def is_session(self) -> bool:
        """``-sess`` variants fold the nonce and cnonce into HA1 (RFC 7616 §3.4.2)."""
        return self.value.endswith("-sess")

    @property
    def strength(self) -> int:
        """Rank used to prefer one challenge over another: higher is stronger."""
        return _STRENGTH[self.value.removesuffix("-sess")]

    def hash(self, data: str | bytes) -> str:
        """Lower-case hex digest of ``data`` (UTF-8 when it is text)."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        return hashlib.new(_HASHLIB_NAME[self.value.removesuffix("-sess")], raw).hexdigest()


_STRENGTH = {"MD5": 0, "SHA-256": 1, "SHA-512-256": 2}
_HASHLIB_NAME = {"MD5": "md5", "SHA-256": "sha256", "SHA-512-256": "sha512_256"}


class Qop(StrEnum):
    """Quality of protection: ``auth`` covers method and URI, ``auth-int`` the body too."""

    AUTH = "auth"
    AUTH_INT = "auth-int"


# RFC 3261 §25.1 token characters: a parameter name, or an unquoted parameter value.
_TOKEN = frozenset(string.ascii_letters + string.digits + "-.!%*_+`'~")
_SPACE = " \t\r\n"


def _is_control(ch: str) -> bool:
    return (ord(ch) < 0x20 and ch != "\t") or ch == "\x7f"


def _split_scheme(value: str) -> tuple[str, str]:
    text = value.strip(_SPACE)
    end = 0
    while end < len(text) and text[end] in _TOKEN:
        end += 1
    if end == 0:
        raise AuthError("authentication header value does not start with a scheme")
    if end < len(text) and text[end] not in _SPACE:
        raise AuthError("authentication scheme is not followed by a space")
    return text[:end], text[end:]


def _parse_params(text: str) -> dict[str, str]:
    """``name=value`` pairs separated by commas; quoted values may hold commas and escapes."""
    params: dict[str, str] = {}
    i, n = 0, len(text)
    while True:
        while i < n and (text[i] in _SPACE or text[i] == ","):
            i += 1
        if i >= n:
            return params
        start = i
        while i < n and text[i] in _TOKEN:
            i += 1
        name = text[start:i].lower()
        if not name:
            raise AuthError(f"unexpected character at offset {i} of a digest parameter list")
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n or text[i] != "=":
            raise AuthError(f"digest parameter {name!r} has no value")
        i += 1
        while i < n and text[i] in _SPACE:
            i += 1
        if i < n and text[i] == '"':
            i += 1
            chars: list[str] = []
            while True:
                if i >= n:
                    raise AuthError(f"digest parameter {name!r} has an unterminated quoted value")
                ch = text[i]
                if ch == "\\" and i + 1 < n:
                    ch = text[i + 1]
                    i += 1
                elif ch == '"':
                    i += 1
                    break
                if _is_control(ch):
                    raise AuthError(f"digest parameter {name!r} holds a control character")
                chars.append(ch)
                i += 1
            value = "".join(chars)
        else:
            start = i
            while i < n and text[i] not in _SPACE and text[i] not in ',"':
                if _is_control(text[i]):
                    raise AuthError(f"digest parameter {name!r} holds a control character")
                i += 1
            value = text[start:i]
            if not value:
                raise AuthError(f"digest parameter {name!r} has an empty value")
        if name in params:
            raise AuthError(f"digest parameter {name!r} appears twice")
        params[name] = value
        while i < n and text[i] in _SPACE:
            i += 1
        if i < n and text[i] != ",":
            raise AuthError(f"expected ',' after digest parameter {name!r}")


def _parse_digest(value: str, what: str) -> dict[str, str]:
    scheme, rest = _split_scheme(value)
    if scheme.lower() != "digest":
        raise AuthError(f"{what} uses the {scheme[:20]!r} scheme, not Digest")
    return _parse_params(rest)


def _require(params: Mapping[str, str], name: str, what: str) -> str:
    try:
        return params[name]
    except KeyError:
        raise AuthError(f"{what} has no {name!r} parameter") from None


def _quote(value: str) -> str:
    if any(_is_control(ch) for ch in value):
        raise AuthError("a digest parameter value may not hold control characters")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _parse_nc(text: str) -> int:
    if not 1 <= len(text) <= 8 or any(ch not in string.hexdigits for ch in text):
        raise AuthError("digest nonce count is not 8 hex digits")
    return int(text, 16)


@dataclass(frozen=True, slots=True)
class DigestChallenge:
    """A ``WWW-Authenticate`` or ``Proxy-Authenticate`` Digest challenge.

    ``qop`` keeps the offered options in order, lower-cased, unknown ones included.
    """

    realm: str
    nonce: str
    algorithm: Algorithm = Algorithm.MD5
    qop: tuple[str, ...] = ()
    opaque: str | None = None
    stale: bool = False
    domain: tuple[str, ...] = ()

    @classmethod
    def parse(cls, value: str) -> DigestChallenge:
        """Parse a header value; :class:`AuthError` if it is not a usable Digest challenge."""
        params = _parse_digest(value, "challenge")
        algorithm = Algorithm.parse(params["algorithm"]) if "algorithm" in params else None
        qop: list[str] = []
        for option in params.get("qop", "").replace(",", " ").split():
            if option.lower() not in qop:
                qop.append(option.lower())
        return cls(
            realm=_require(params, "realm", "challenge"),
            nonce=_require(params, "nonce", "challenge"),
            algorithm=algorithm or Algorithm.MD5,
            qop=tuple(qop),
            opaque=params.get("opaque"),
            # RFC 7616 §3.3: anything but a case-insensitive "true" means false.
            stale=params.get("stale", "").lower() == "true",
            domain=tuple(params.get("domain", "").split()),
        )

    def __str__(self) -> str:
        parts = [f"realm={_quote(self.realm)}", f"nonce={_quote(self.nonce)}"]
        parts.append(f"algorithm={self.algorithm.value}")
        if self.qop:
            parts.append(f"qop={_quote(','.join(self.qop))}")
        if self.opaque is not None:
            parts.append(f"opaque={_quote(self.opaque)}")
        if self.stale:
            parts.append("stale=TRUE")
        if self.domain:
            parts.append(f"domain={_quote(' '.join(self.domain))}")
        return "Digest " + ", ".join(parts)

    @property
    def chosen_qop(self) -> Qop | None:
        """The qop we answer with: ``auth`` if offered, else ``auth-int``, else none.

        Raises :class:`AuthError` when only options we do not know are offered.
        """
        if not self.qop:
            return None
        if Qop.AUTH.value in self.qop:
            return Qop.AUTH
        if Qop.AUTH_INT.value in self.qop:
            return Qop.AUTH_INT
        raise AuthError("the challenge offers no qop we support")


@dataclass(frozen=True, slots=True)
class DigestCredentials:
    """A username and password. The password never appears in ``repr``."""

    username: str
    password: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class DigestResponse:
    """An ``Authorization`` or ``Proxy-Authorization`` Digest value."""

    username: str
    realm: str
    nonce: str
    uri: str
    response: str
    algorithm: Algorithm = Algorithm.MD5
    qop: Qop | None = None
    nc: int | None = None
    cnonce: str | None = None
    opaque: str | None = None

    @classmethod
    def parse(cls, value: str) -> DigestResponse:
        """Parse a header value; :class:`AuthError` if a required parameter is missing."""
        what = "authorization"
        params = _parse_digest(value, what)
        qop: Qop | None = None
        if "qop" in params:
            try:
                qop = Qop(params["qop"].lower())
            except ValueError:
                raise AuthError("authorization names an unknown qop") from None
        nc = _parse_nc(params["nc"]) if "nc" in params else None
        if qop is not None and (nc is None or "cnonce" not in params):
            raise AuthError("authorization with qop lacks nc or cnonce")
        response = _require(params, "response", what).lower()
        if not response or any(ch not in string.hexdigits for ch in response):
            raise AuthError("authorization response is not hex")
        algorithm = params.get("algorithm")
        return cls(
            username=_require(params, "username", what),
            realm=_require(params, "realm", what),
            nonce=_require(params, "nonce", what),
            uri=_require(params, "uri", what),
            response=response,
            algorithm=Algorithm.parse(algorithm) if algorithm else Algorithm.MD5,
            qop=qop,
            nc=nc,
            cnonce=params.get("cnonce"),
            opaque=params.get("opaque"),
        )

    def __str__(self) -> str:
        parts = [
            f"username={_quote(self.username)}",
            f"realm={_quote(self.realm)}",
            f"nonce={_quote(self.nonce)}",
            f"uri={_quote(self.uri)}",
            f"response={_quote(self.response)}",
            f"algorithm={self.algorithm.value}",
        ]
        if self.cnonce is not None:
            parts.append(f"cnonce={_quote(self.cnonce)}")
        if self.opaque is not None:
            parts.append(f"opaque={_quote(self.opaque)}")
        if self.qop is not None:
            parts.append(f"qop={self.qop.value}")
        if self.nc is not None:
            parts.append(f"nc={self.nc:08x}")
        return "Digest " + ", ".join(parts)


def compute_response(
    *,
    algorithm: Algorithm,
    username: str,
    realm: str,
    password: str,
    method: str,
    uri: str,
    nonce: str,
    qop: Qop | None = None,
    nc: int | None = None,
    cnonce: str | None = None,
    body: bytes = b"",
) -> str:
    """The ``response`` hex string of RFC 7616 §3.4.1 (RFC 2617 §3.2.2.1 without qop)."""
    h = algorithm.hash
    ha1 = h(f"{username}:{realm}:{password}")
    if algorithm.is_session:
        if cnonce is None:
            raise AuthError("a -sess algorithm needs a cnonce")
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    a2 = f"{method}:{uri}:{h(body)}" if qop is Qop.AUTH_INT else f"{method}:{uri}"
    if qop is None:
        return h(f"{ha1}:{nonce}:{h(a2)}")
    if nc is None or cnonce is None:
        raise AuthError("qop needs a nonce count and a cnonce")
    return h(f"{ha1}:{nonce}:{nc:08x}:{cnonce}:{qop.value}:{h(a2)}")


def respond(
    challenge: DigestChallenge,
    creds: DigestCredentials,
    method: str,
    uri: str,
    body: bytes = b"",
    nc: int = 1,
    cnonce: str | None = None,
) -> DigestResponse:
    """Answer ``challenge`` for a request ``method uri`` carrying ``body``.

    ``nc`` counts the requests sent with this nonce (1 for the first); ``cnonce`` is drawn
    from :mod:`secrets` when the answer needs one and none is given.
    """
    if not 1 <= nc <= 0xFFFFFFFF:
        raise ValueError("nonce count must be between 1 and 0xFFFFFFFF")
    qop = challenge.chosen_qop
    needs_cnonce = qop is not None or challenge.algorithm.is_session
    if needs_cnonce and cnonce is None:
        cnonce = secrets.token_hex(8)
    if not needs_cnonce:
        cnonce = None
    digest = compute_response(
        algorithm=challenge.algorithm,
        username=creds.username,
        realm=challenge.realm,
        password=creds.password,
        method=method,
        uri=uri,
        nonce=challenge.nonce,
        qop=qop,
        nc=nc,
        cnonce=cnonce,
        body=body,
    )
    return DigestResponse(
        username=creds.username,
        realm=challenge.realm,
        nonce=challenge.nonce,
        uri=uri,
        response=digest,
        algorithm=challenge.algorithm,
        qop=qop,
        nc=nc if qop is not None else None,
        cnonce=cnonce,
        opaque=challenge.opaque,
    )


def authorization(
    challenge: DigestChallenge,
    creds: DigestCredentials,
    method: str,
    uri: str,
    body: bytes = b"",
    nc: int = 1,
    cnonce: str | None = None,
) -> str:
    """The ``Authorization``/``Proxy-Authorization`` header value answering ``challenge``."""
    return str(respond(challenge, creds, method, uri, body, nc, cnonce))


def choose_challenge(values: Iterable[str], *, realm: str | None = None) -> DigestChallenge:
    """The challenge to answer among several header values from one response.

    Takes the strongest algorithm we support (SHA-512-256, then SHA-256, then MD5), the first
    one on a tie, and skips other schemes, unsupported algorithms or qops and garbage. With
    ``realm``, only that realm's challenges count (a 407 may carry one per proxy).
    """
    if isinstance(values, str):
        values = (values,)
    best: DigestChallenge | None = None
    problems: list[str] = []
    for value in values:
        try:
            challenge = DigestChallenge.parse(value)
            challenge.chosen_qop  # noqa: B018 - raises when no qop is usable
        except AuthError as exc:
            problems.append(str(exc))
            continue
        if realm is not None and challenge.realm != realm:
            continue
        if best is None or challenge.algorithm.strength > best.algorithm.strength:
            best = challenge
    if best is None:
        detail = "; ".join(problems) if problems else "no Digest challenge"
        raise AuthError(f"no challenge we can answer ({detail})")
    return best


class Verdict(Enum):
    """What :meth:`DigestVerifier.verify` concluded."""

    OK = "ok"
    #: right password, but the nonce expired or is unknown: challenge again with stale=TRUE
    STALE = "stale"
    #: unknown user or wrong password
    BAD_CREDENTIALS = "bad-credentials"
    #: a nonce count that did not increase: someone replayed a request
    REPLAYED = "replayed"
    #: unparseable, or wrong realm, algorithm, opaque, qop or uri
    MALFORMED = "malformed"


@dataclass(frozen=True, slots=True)
class Verification:
    verdict: Verdict
    username: str | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK

    @property
    def stale(self) -> bool:
        return self.verdict is Verdict.STALE


@dataclass(slots=True)
class _NonceState:
    issued: float
    last_nc: int = 0


def _random_nonce() -> str:
    return secrets.token_urlsafe(24)


class DigestVerifier:
    """Server side: issue challenges and check the answers for one realm.

    ``passwords`` maps a username to its password (a mapping or a lookup function). Nonces
    come from ``nonce_factory``; at most ``max_nonces`` are remembered, oldest dropped first,
    and each is valid for ``nonce_lifetime`` seconds of the caller's clock.
    """

    def __init__(
        self,
        realm: str,
        passwords: Mapping[str, str] | Callable[[str], str | None],
        *,
        nonce_factory: Callable[[], str] = _random_nonce,
        algorithm: Algorithm = Algorithm.MD5,
        qop: Iterable[Qop] = (Qop.AUTH,),
        opaque: str | None = None,
        nonce_lifetime: float = 300.0,
        max_nonces: int = 4096,
    ) -> None:
        if max_nonces < 1:
            raise ValueError("max_nonces must be at least 1")
        self.realm = realm
        self.algorithm = algorithm
        self.qop = tuple(Qop(q) for q in qop)
        self.opaque = opaque
        self.nonce_lifetime = nonce_lifetime
        self._lookup = passwords.get if isinstance(passwords, Mapping) else passwords
        self._nonce_factory = nonce_factory
        self._max_nonces = max_nonces
        self._nonces: OrderedDict[str, _NonceState] = OrderedDict()

    def challenge(self, now: float, *, stale: bool = False) -> DigestChallenge:
        """A fresh challenge; its nonce is remembered from ``now``."""
        self._forget_expired(now)
        nonce = self._nonce_factory()
        self._nonces[nonce] = _NonceState(issued=now)
        self._nonces.move_to_end(nonce)
        while len(self._nonces) > self._max_nonces:
            self._nonces.popitem(last=False)
        return DigestChallenge(
            realm=self.realm,
            nonce=nonce,
            algorithm=self.algorithm,
            qop=tuple(q.value for q in self.qop),
            opaque=self.opaque,
            stale=stale,
        )

    def verify(
        self,
        value: str,
        *,
        method: str,
        now: float,
        uri: str | None = None,
        body: bytes = b"",
    ) -> Verification:
        """Check an ``Authorization`` value sent with ``method``.

        ``uri``, when given, must equal the digest ``uri`` (the request's Request-URI).
        """
        try:
            answer = DigestResponse.parse(value)
        except AuthError as exc:
            return Verification(Verdict.MALFORMED, reason=str(exc))
        user = answer.username
        problem = self._mismatch(answer, uri)
        if problem:
            return Verification(Verdict.MALFORMED, user, problem)
        password = self._lookup(user)
        # An unknown user costs the same hashing as a wrong password.
        expected = compute_response(
            algorithm=answer.algorithm,
            username=user,
            realm=answer.realm,
            password=password if password is not None else secrets.token_hex(16),
            method=method,
            uri=answer.uri,
            nonce=answer.nonce,
            qop=answer.qop,
            nc=answer.nc,
            cnonce=answer.cnonce,
            body=body,
        )
        if password is None or not hmac.compare_digest(expected, answer.response):
            return Verification(Verdict.BAD_CREDENTIALS, user, "wrong username or password")
        state = self._nonces.get(answer.nonce)
        if state is None or not state.issued <= now <= state.issued + self.nonce_lifetime:
            return Verification(Verdict.STALE, user, "nonce expired or unknown")
        if answer.nc is not None:
            if answer.nc <= state.last_nc:
                return Verification(Verdict.REPLAYED, user, "nonce count did not increase")
            state.last_nc = answer.nc
        return Verification(Verdict.OK, user)

    def _mismatch(self, answer: DigestResponse, uri: str | None) -> str:
        if answer.realm != self.realm:
            return "realm does not match"
        if answer.algorithm is not self.algorithm:
            return "algorithm does not match the challenge"
        if self.opaque is not None and answer.opaque != self.opaque:
            return "opaque does not match"
        if self.qop and answer.qop not in self.qop:
            return "qop is not one the challenge offered"
        if not self.qop and answer.qop is not None:
            return "qop was not offered"
        if uri is not None and answer.uri != uri:
            return "digest uri differs from the Request-URI"
        return ""

    def _forget_expired(self, now: float) -> None:
        while self._nonces:
            nonce, state = next(iter(self._nonces.items()))
            if state.issued + self.nonce_lifetime >= now:
                break
            del self._nonces[nonce]
