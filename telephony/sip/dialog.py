"""The dialog an answered INVITE creates (RFC 3261 §12), seen from the callee (UAS) side.

It holds what every later request in the call needs: Call-ID and tags, the remote target
(the caller's Contact), the route set from Record-Route, and both CSeq counters. It also
builds our in-dialog requests (BYE, re-INVITE, REFER, ACK for a re-INVITE's 2xx) with the
route set applied as §12.2.1.1 says, and checks the peer's CSeq order (§12.2.2: a lower one
gets 500).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from telephony.errors import DialogError
from telephony.sip.message import Request
from telephony.sip.transaction import Address
from telephony.sip.uri import NameAddr, SipUri

__all__ = ["Dialog", "new_branch", "new_tag"]


def new_tag() -> str:
    return secrets.token_hex(6)


def new_branch() -> str:
    return "z9hG4bK" + secrets.token_hex(8)


@dataclass
class Dialog:
    call_id: str
    local: NameAddr  # our To of the INVITE, with our tag: the From of our requests
    remote: NameAddr  # the caller's From, with their tag
    remote_target: SipUri
    route_set: list[str]
    remote_cseq: int
    local_contact: str
    via_host: str
    via_port: int
    transport: str
    source: Address  # where the INVITE came from: the fallback for in-dialog requests
    local_cseq: int = field(default_factory=lambda: secrets.randbelow(10_000) + 1)

    @classmethod
    def from_invite(
        cls, invite: Request, source: Address, local_contact: str, via_host: str, via_port: int
    ) -> Dialog:
        contacts = invite.headers.get_all("Contact")
        if not contacts:
            raise DialogError("INVITE without a Contact", status=400)
        target = NameAddr.parse(contacts[0]).uri
        return cls(
            call_id=invite.call_id,
            local=invite.to.with_tag(new_tag()),
            remote=invite.from_,
            remote_target=target,
            route_set=invite.headers.get_all("Record-Route"),
            remote_cseq=invite.cseq.number,
            local_contact=local_contact,
            via_host=via_host,
            via_port=via_port,
            transport=source.transport,
            source=source,
        )

    @property
    def local_tag(self) -> str:
        return self.local.tag or ""

    def check_remote_cseq(self, request: Request) -> None:
        number = request.cseq.number
        if request.method in ("ACK", "CANCEL"):
            return
        if number <= self.remote_cseq and request.method != "INVITE":
            raise DialogError(f"CSeq {number} is not above {self.remote_cseq}", status=500)
        if number < self.remote_cseq:
            raise DialogError(f"CSeq {number} is below {self.remote_cseq}", status=500)
        self.remote_cseq = number

    def destination(self) -> Address:
        """The next hop: the first route if the peer recorded one, else its Contact.
        On loopback tests and most trunks both are reachable; the INVITE's source address
        stands in when the Contact gives no usable host."""
        if self.source.reliable and not self.route_set:
            # Over TCP/TLS reuse the connection the call came on (RFC 5923's idea): the
            # peer's Contact port is often not listening, and a new TLS connection would
            # need the peer's certificate to name that address.
            return self.source
        uri = NameAddr.parse(self.route_set[0]).uri if self.route_set else self.remote_target
        if uri.scheme == "tel" or not uri.host:
            return self.source
        transport = uri.params.get("transport") or self.transport
        default = 5061 if transport == "tls" else 5060
        return Address(transport.lower(), uri.host, uri.port or default)

    def request(self, method: str, body: bytes = b"", content_type: str | None = None) -> Request:
        """A new in-dialog request with the next CSeq (§12.2.1.1)."""
        self.local_cseq += 1
        return self._build(method, self.local_cseq, new_branch(), body, content_type)

    def ack(self, cseq: int) -> Request:
        """The ACK for a 2xx to our re-INVITE: same CSeq number, a new branch (§13.2.2.4)."""
        return self._build("ACK", cseq, new_branch(), b"", None)

    def _build(
        self, method: str, cseq: int, branch: str, body: bytes, content_type: str | None
    ) -> Request:
        uri = str(self.remote_target)
        routes = list(self.route_set)
        if routes and "lr" not in NameAddr.parse(routes[0]).uri.params:
            # strict router (RFC 2543): its URI becomes the Request-URI (§12.2.1.1)
            uri = str(NameAddr.parse(routes[0]).uri)
            routes = [*routes[1:], f"<{self.remote_target}>"]
        request = Request(method=method, uri=uri)
        transport = self.transport.upper()
        request.headers.add(
            "Via", f"SIP/2.0/{transport} {self.via_host}:{self.via_port};branch={branch};rport"
        )
        request.headers.add("Max-Forwards", "70")
        for route in routes:
            request.headers.add("Route", route)
        request.headers.add("From", str(self.local))
        request.headers.add("To", str(self.remote))
        request.headers.add("Call-ID", self.call_id)
        request.headers.add("CSeq", f"{cseq} {method}")
        request.headers.add("Contact", self.local_contact)
        if content_type:
            request.headers.add("Content-Type", content_type)
        request.body = body
        request.with_length()
        return request
