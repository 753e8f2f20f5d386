"""Registration to a PBX or registrar (RFC 3261 §10), with digest authentication, sans-I/O.

careline registers its Contact as a user of the PBX so the PBX can send calls to it (the
other trunk mode is a static IP trunk, which needs no registration). The registrar
challenges with 401 or 407; we answer once per nonce (a second challenge for the same nonce
means the password is wrong, and we stop rather than hammer the PBX). A registration is
refreshed before it lapses, at the earlier of 80 % of the granted time or 30 s before its
end; a failure is retried with capped backoff.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from enum import Enum

from telephony.errors import AuthError
from telephony.sip.dialog import new_branch, new_tag
from telephony.sip.digest import DigestCredentials, authorization, choose_challenge
from telephony.sip.message import Request, Response
from telephony.sip.transaction import Address
from telephony.sip.uri import is_number

__all__ = ["Registration", "RegistrationConfig", "RegistrationState"]


@dataclass(frozen=True)
class RegistrationConfig:
    registrar: Address
    domain: str  # the PBX's domain or address, used in the request URI and AOR
    user: str
    password: str = field(repr=False)
    expires: int = 300
    auth_user: str | None = None  # when the PBX's auth name differs from the AOR user


class RegistrationState(Enum):
    IDLE = "idle"
    REGISTERING = "registering"
    REGISTERED = "registered"
    FAILED = "failed"  # credentials refused: not retried until reconfigured


@dataclass
class Registration:
    config: RegistrationConfig
    contact: str  # our Contact URI, e.g. <sip:careline@127.0.0.1:5060>
    via_host: str
    via_port: int
    state: RegistrationState = RegistrationState.IDLE
    next_at: float | None = 0.0  # when to (re)send REGISTER
    granted: int | None = None
    failures: int = 0
    reason: str = ""
    _call_id: str = field(default_factory=lambda: secrets.token_hex(10) + "@careline")
    _tag: str = field(default_factory=new_tag)
    _cseq: int = 0
    _answered_nonces: set[str] = field(default_factory=set)

    @property
    def call_id(self) -> str:
        return self._call_id

    def due(self, now: float) -> bool:
        return self.next_at is not None and now >= self.next_at

    def request(self, now: float, challenge_header: tuple[str, str] | None = None) -> Request:
        """The next REGISTER (one Call-ID and rising CSeq for the binding's life, §10.2)."""
        cfg = self.config
        self._cseq += 1
        self.state = RegistrationState.REGISTERING
        self.next_at = None
        uri = f"sip:{cfg.domain}"
        aor = f"<sip:{cfg.user}@{cfg.domain}>"
        req = Request(method="REGISTER", uri=uri)
        transport = cfg.registrar.transport.upper()
        req.headers.add(
            "Via",
            f"SIP/2.0/{transport} {self.via_host}:{self.via_port};branch={new_branch()};rport",
        )
        req.headers.add("Max-Forwards", "70")
        req.headers.add("From", f"{aor};tag={self._tag}")
        req.headers.add("To", aor)
        req.headers.add("Call-ID", self._call_id)
        req.headers.add("CSeq", f"{self._cseq} REGISTER")
        req.headers.add("Contact", self.contact)
        req.headers.add("Expires", str(cfg.expires))
        if challenge_header is not None:
            req.headers.add(*challenge_header)
        req.with_length()
        return req

    def on_response(self, response: Response, now: float) -> Request | None:
        """Follow the registrar's answer; returns a REGISTER to send at once (an answer to a
        challenge), else None and the state says what happened."""
        status = response.status
        if status < 200:
            return None
        if status in (401, 407):
            header = "WWW-Authenticate" if status == 401 else "Proxy-Authenticate"
            try:
                challenge = choose_challenge(response.headers.get_all(header))
            except AuthError as exc:
                self._fail(f"unusable challenge: {exc}", now, retry=False)
                return None
            if challenge.nonce in self._answered_nonces and not challenge.stale:
                self._fail("credentials refused", now, retry=False)
                return None
            self._answered_nonces.add(challenge.nonce)
            creds = DigestCredentials(
                self.config.auth_user or self.config.user, self.config.password
            )
            value = authorization(challenge, creds, "REGISTER", f"sip:{self.config.domain}")
            answer = "Authorization" if status == 401 else "Proxy-Authorization"
            return self.request(now, (answer, value))
        if 200 <= status < 300:
            self.granted = _granted(response, self.contact, self.config.expires)
            self.state = RegistrationState.REGISTERED
            self.failures = 0
            self.reason = ""
            self._answered_nonces.clear()
            self.next_at = now + min(0.8 * self.granted, max(self.granted - 30, 1))
            return None
        if status == 423:  # Interval Too Brief: the registrar names its minimum
            minimum = response.headers.get("Min-Expires") or ""
            if is_number(minimum.strip()):
                self.config = _with_expires(self.config, int(minimum))
                return self.request(now)
        self._fail(f"{status} {response.reason}", now, retry=status not in (403, 404))
        return None

    def on_timeout(self, now: float) -> None:
        self._fail("no answer from the registrar", now, retry=True)

    def _fail(self, why: str, now: float, retry: bool) -> None:
        self.failures += 1
        self.reason = why
        if retry:
            self.state = RegistrationState.REGISTERING
            self.next_at = now + min(300.0, 5.0 * 2 ** min(self.failures - 1, 6))
        else:
            self.state = RegistrationState.FAILED
            self.next_at = None


def _granted(response: Response, contact: str, asked: int) -> int:
    """The registrar's grant for OUR contact (a Contact ;expires= beats the Expires header)."""
    ours = contact.strip("<>").split(";")[0]
    for value in response.headers.get_all("Contact"):
        if ours in value:
            for param in value.split(";")[1:]:
                name, _, number = param.partition("=")
                if name.strip().lower() == "expires" and is_number(number.strip()):
                    return max(1, int(number))
    expires = (response.headers.get("Expires") or "").strip()
    return max(1, int(expires)) if is_number(expires) else asked


def _with_expires(config: RegistrationConfig, expires: int) -> RegistrationConfig:
    from dataclasses import replace

    return replace(config, expires=expires)
