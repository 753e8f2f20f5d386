"""SRTP (RFC 3711) with keys agreed in SDP (SDES, RFC 4568), around an :class:`RtpSession`.

The session itself speaks plain RTP; this transform sits between it and the socket: inbound
datagrams are authenticated and decrypted before ``RtpSession.receive``, outbound ones
encrypted after ``send_frame``. libsrtp (through ``pylibsrtp``) does the cryptography. A
packet that fails authentication (a replay, a forgery, a peer with the wrong key) is
dropped and counted, never passed on. Keys never appear in ``repr`` or logs.

RTP and RTCP failures are counted apart: media that fails to authenticate means a wrong key or
an attack, while some peers send a plain RTCP packet at the edges of a stream (baresip sends an
RTCP APP "PING" before its SRTP context exists and an RTCP BYE after it is gone). Both are
dropped; only the first says the call's audio is at risk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pylibsrtp

from telephony.media.rtp import is_rtcp

__all__ = ["SrtpTransform"]

_PROFILES = {
    "AES_CM_128_HMAC_SHA1_80": pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_80,
    "AES_CM_128_HMAC_SHA1_32": pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_32,
}


def _session(suite: str, key: bytes, inbound: bool) -> pylibsrtp.Session:
    if suite not in _PROFILES:
        raise ValueError(f"unsupported SRTP suite {suite}")
    policy = pylibsrtp.Policy(
        key=key,
        ssrc_type=(
            pylibsrtp.Policy.SSRC_ANY_INBOUND if inbound else pylibsrtp.Policy.SSRC_ANY_OUTBOUND
        ),
        srtp_profile=_PROFILES[suite],
    )
    return pylibsrtp.Session(policy)


@dataclass
class SrtpTransform:
    """One call's SRTP: our key protects what we send, the peer's key checks what we get."""

    send_suite: str
    send_key: bytes = field(repr=False)  # master key + salt, 30 bytes
    receive_suite: str
    receive_key: bytes = field(repr=False)
    counters: dict[str, int] = field(
        default_factory=lambda: {
            "srtp_auth_failed": 0,  # RTP: the caller's audio
            "srtcp_auth_failed": 0,  # RTCP: reports, including plain ones some peers send
            "srtp_protect_failed": 0,
        }
    )

    def __post_init__(self) -> None:
        self._tx = _session(self.send_suite, self.send_key, inbound=False)
        self._rx = _session(self.receive_suite, self.receive_key, inbound=True)

    def unprotect(self, data: bytes) -> bytes | None:
        """The plain packet, or None (dropped and counted) when it does not authenticate."""
        rtcp = is_rtcp(data)
        try:
            return self._rx.unprotect_rtcp(data) if rtcp else self._rx.unprotect(data)
        except pylibsrtp.Error:
            self.counters["srtcp_auth_failed" if rtcp else "srtp_auth_failed"] += 1
            return None

    def protect(self, data: bytes) -> bytes | None:
        try:
            return self._tx.protect_rtcp(data) if is_rtcp(data) else self._tx.protect(data)
        except pylibsrtp.Error:
            self.counters["srtp_protect_failed"] += 1
            return None
