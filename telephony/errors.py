"""Every error the telephony layer raises, under one root.

::

    TelephonyError                  root; ``retryable`` says whether trying again may help
    ├── PeerError                   the far end's fault: what it sent is wrong
    │   ├── ParseError              bytes that are not a valid message (``status`` 400)
    │   │   ├── SipParseError       SIP start line, headers or framing
    │   │   ├── SdpParseError       a session description
    │   │   └── RtpParseError       an RTP, RTCP or RFC 4733 packet
    │   ├── NegotiationError        offer and answer have nothing in common (488)
    │   └── DialogError             a request that fits no dialog or breaks its order (481, 500)
    ├── AuthError                   our credentials were refused, or a challenge we cannot meet
    ├── PhaseTimeout                one class per phase, all retryable
    │   ├── TransactionTimeout      timer B, F or H fired: the peer never answered
    │   └── MediaTimeout            no RTP for the configured time: the line is dead
    └── CallEnded                   a call ended: its termination ``reason`` and ``sip_status``

Protocol code raises these; the asyncio adapters catch ``PeerError`` at the edge, count the
drop and answer what the RFC prescribes, so one bad packet never ends another call.
"""

from __future__ import annotations

__all__ = [
    "AuthError",
    "CallEnded",
    "DialogError",
    "MediaTimeout",
    "NegotiationError",
    "ParseError",
    "PeerError",
    "PhaseTimeout",
    "RtpParseError",
    "SdpParseError",
    "SipParseError",
    "TelephonyError",
    "TransactionTimeout",
]


class TelephonyError(Exception):
    retryable = False


class PeerError(TelephonyError):
    """The peer sent something wrong. ``status`` is the SIP answer it deserves, if any."""

    status: int | None = 400


class ParseError(PeerError, ValueError):
    pass


class SipParseError(ParseError):
    # The half-read request, when enough of it was read to route a 400 back (see message.py).
    request: object | None = None


class SdpParseError(ParseError):
    pass  # a body we cannot read is a bad request (400); one we can read but not use is 488


class RtpParseError(ParseError):
    status = None  # media packets are never answered, only dropped and counted


class NegotiationError(PeerError):
    status = 488


class DialogError(PeerError):
    def __init__(self, message: str, status: int = 481) -> None:
        super().__init__(message)
        self.status = status


class AuthError(TelephonyError):
    pass


class PhaseTimeout(TelephonyError):
    retryable = True


class TransactionTimeout(PhaseTimeout):
    pass


class MediaTimeout(PhaseTimeout):
    pass


class CallEnded(TelephonyError):
    def __init__(self, reason: str, sip_status: int | None = None) -> None:
        super().__init__(f"call ended: {reason}" + (f" ({sip_status})" if sip_status else ""))
        self.reason = reason
        self.sip_status = sip_status
