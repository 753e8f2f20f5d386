"""SIP transactions (RFC 3261 §17, with RFC 6026's Accepted state), sans-I/O.

The transaction layer sits between the transport and the user-agent core. It absorbs
retransmissions in both directions and runs the timers that make SIP work over UDP:

- client INVITE: A (retransmit), B (give up), D (absorb final-response retransmits), M;
- client non-INVITE: E (retransmit), F (give up), K;
- server INVITE: G (retransmit a 3xx-6xx until ACK), H (give up waiting for ACK), I, L;
- server non-INVITE: J.

Nothing here sleeps or touches a socket. Callers pass ``now`` (seconds, any monotonic
origin), read what to send from ``outbox`` and what happened from ``events``, and call
``handle_timer(now)`` at ``next_timer()``. A fake clock drives every timer in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from telephony.sip.message import CSeq, Request, Response, Via

__all__ = [
    "T1",
    "T2",
    "T4",
    "Address",
    "ClientTransaction",
    "ServerTransaction",
    "TransactionLayer",
    "TransactionResponse",
    "TransactionTimedOut",
    "TxState",
]

T1 = 0.5
T2 = 4.0
T4 = 5.0


@dataclass(frozen=True, slots=True)
class Address:
    """Where bytes go or came from. For TCP and TLS the transport maps it to a connection."""

    transport: str  # "udp", "tcp" or "tls"
    host: str
    port: int

    @property
    def reliable(self) -> bool:
        return self.transport != "udp"


class TxState(Enum):
    CALLING = "calling"
    TRYING = "trying"
    PROCEEDING = "proceeding"
    COMPLETED = "completed"
    ACCEPTED = "accepted"
    CONFIRMED = "confirmed"
    TERMINATED = "terminated"


@dataclass(frozen=True, slots=True)
class TransactionResponse:
    """A response the user-agent core must see (first copy of each, never retransmits)."""

    transaction: ClientTransaction
    response: Response


@dataclass(frozen=True, slots=True)
class TransactionTimedOut:
    """Timer B/F (no answer) on a client transaction, or timer H (no ACK) on a server one."""

    transaction: ClientTransaction | ServerTransaction


TransactionEvent = TransactionResponse | TransactionTimedOut


def _server_key(request: Request) -> tuple[str, ...]:
    via = request.vias[0]
    method = "INVITE" if request.method == "ACK" else request.method
    branch = via.branch or ""
    sent_by = f"{via.host}:{via.port or 5060}"
    if branch.startswith("z9hG4bK"):
        return (branch, sent_by, method)
    # RFC 2543 peers: no magic cookie, so match on the dialog and sequence fields (§17.2.3)
    return (request.call_id, str(request.cseq.number), request.from_.tag or "", sent_by, method)


@dataclass(eq=False)
class ServerTransaction:
    request: Request
    source: Address
    state: TxState
    last_response: bytes | None = None
    deadlines: dict[str, float] = field(default_factory=dict)
    interval: float = T1

    @property
    def is_invite(self) -> bool:
        return self.request.method == "INVITE"


@dataclass(eq=False)
class ClientTransaction:
    request: Request
    destination: Address
    state: TxState
    data: bytes = b""
    deadlines: dict[str, float] = field(default_factory=dict)
    interval: float = T1
    ack: bytes | None = None

    @property
    def is_invite(self) -> bool:
        return self.request.method == "INVITE"

    @property
    def branch(self) -> str:
        return self.request.vias[0].branch or ""


def stamp_received(request: Request, source: Address) -> None:
    """§18.2.1 and RFC 3581 §4: tell the sender where its request really came from. The top
    Via gets ``received`` when its host is not the source address, and an empty ``rport``
    is filled with the source port (then ``received`` is always added). Responses copy the
    Via, so a client behind NAT learns its public address and we answer where it listens."""
    via = request.vias[0]
    wants_rport = "rport" in via.params and not via.params["rport"]
    if not wants_rport and via.host == source.host:
        return
    params = dict(via.params)
    params["received"] = source.host
    if wants_rport:
        params["rport"] = str(source.port)
    request.headers.replace_first_item("Via", str(Via(via.transport, via.host, via.port, params)))


class TransactionLayer:
    def __init__(self) -> None:
        self.outbox: list[tuple[bytes, Address]] = []
        self.events: list[TransactionEvent] = []
        self._server: dict[tuple[str, ...], ServerTransaction] = {}
        self._client: dict[tuple[str, str], ClientTransaction] = {}

    # -- server side ------------------------------------------------------------------------

    def receive_request(self, request: Request, source: Address, now: float) -> Request | None:
        """The request if the core should act on it; None when it was a retransmission or an
        ACK for a non-2xx answer, both of which the transaction itself answers."""
        key = _server_key(request)
        tx = self._server.get(key)
        if request.method == "ACK":
            if tx is None or tx.state is TxState.ACCEPTED:
                return request  # ACK for a 2xx: end to end, the dialog's business (§17.2.1)
            if tx.state is TxState.COMPLETED:
                tx.state = TxState.CONFIRMED
                tx.deadlines = {"I": now + (0 if source.reliable else T4)}
            return None
        if tx is not None:
            if tx.last_response is not None and tx.state is not TxState.ACCEPTED:
                self.outbox.append((tx.last_response, tx.source))
            return None
        is_invite = request.method == "INVITE"
        stamp_received(request, source)
        tx = ServerTransaction(request, source, TxState.PROCEEDING if is_invite else TxState.TRYING)
        self._server[key] = tx
        return request

    def find_invite(self, cancel: Request) -> ServerTransaction | None:
        """The INVITE transaction a CANCEL names (same key but the method, §9.2)."""
        key = _server_key(cancel)
        tx = self._server.get((*key[:-1], "INVITE"))
        return tx if tx is not None and tx.state is TxState.PROCEEDING else None

    def send_response(self, request: Request, response: Response, now: float) -> None:
        tx = self._server.get(_server_key(request))
        data = bytes(response)
        if tx is None:  # stateless answer (e.g. to a request that made no transaction)
            return
        self.outbox.append((data, self._response_address(tx)))
        final = response.status >= 200
        tx.last_response = data
        if not final:
            if tx.state is TxState.TRYING:
                tx.state = TxState.PROCEEDING
            return
        reliable = tx.source.reliable
        if tx.is_invite and response.status < 300:
            tx.state = TxState.ACCEPTED
            tx.deadlines = {"L": now + 64 * T1}
        elif tx.is_invite:
            tx.state = TxState.COMPLETED
            tx.deadlines = {"H": now + 64 * T1}
            if not reliable:
                tx.deadlines["G"] = now + T1
        else:
            tx.state = TxState.COMPLETED
            tx.deadlines = {"J": now + (0 if reliable else 64 * T1)}

    def _response_address(self, tx: ServerTransaction) -> Address:
        """§18.2.2 with RFC 3581: over UDP answer the source address and port when the Via
        has ``rport``; over a connection, the connection it came on."""
        via = tx.request.vias[0]
        if tx.source.reliable or via.params.get("rport") or "received" not in via.params:
            return tx.source
        return Address(tx.source.transport, tx.source.host, via.port or 5060)

    # -- client side ------------------------------------------------------------------------

    def send_request(self, request: Request, destination: Address, now: float) -> ClientTransaction:
        is_invite = request.method == "INVITE"
        tx = ClientTransaction(
            request, destination, TxState.CALLING if is_invite else TxState.TRYING, bytes(request)
        )
        self._client[(tx.branch, request.method)] = tx
        self.outbox.append((tx.data, destination))
        tx.deadlines = {"B" if is_invite else "F": now + 64 * T1}
        if not destination.reliable:
            tx.deadlines["A" if is_invite else "E"] = now + T1
        return tx

    def receive_response(self, response: Response, now: float) -> None:
        vias = response.vias
        cseq: CSeq = response.cseq
        tx = self._client.get((vias[0].branch or "", cseq.method))
        if tx is None:
            return  # stray, or a 2xx retransmission after the transaction ended: dropped
        status = response.status
        reliable = tx.destination.reliable
        if tx.state in (TxState.COMPLETED, TxState.TERMINATED):
            if tx.ack is not None:
                self.outbox.append((tx.ack, tx.destination))  # resend our ACK (§17.1.1.2)
            return
        if tx.state is TxState.ACCEPTED:
            if status < 300:
                self.events.append(TransactionResponse(tx, response))  # the TU re-ACKs
            return
        if status < 200:
            tx.state = TxState.PROCEEDING
            tx.deadlines.pop("A", None)
            if not tx.is_invite and "E" in tx.deadlines:
                tx.interval = T2
            self.events.append(TransactionResponse(tx, response))
            return
        self.events.append(TransactionResponse(tx, response))
        if tx.is_invite and status < 300:
            tx.state = TxState.ACCEPTED
            tx.deadlines = {"M": now + 64 * T1}
        elif tx.is_invite:
            tx.ack = bytes(_ack_for_failure(tx.request, response))
            self.outbox.append((tx.ack, tx.destination))
            tx.state = TxState.COMPLETED
            tx.deadlines = {"D": now + (0 if reliable else 32.0)}
        else:
            tx.state = TxState.COMPLETED
            tx.deadlines = {"K": now + (0 if reliable else T4)}

    # -- time -------------------------------------------------------------------------------

    def next_timer(self) -> float | None:
        times = [t for tx in self._all() for t in tx.deadlines.values()]
        return min(times) if times else None

    def handle_timer(self, now: float) -> None:
        for key, stx in list(self._server.items()):
            self._server_timers(key, stx, now)
        for ckey, ctx in list(self._client.items()):
            self._client_timers(ckey, ctx, now)

    def _server_timers(self, key: tuple[str, ...], tx: ServerTransaction, now: float) -> None:
        due = {name for name, t in tx.deadlines.items() if t <= now}
        if not due:
            return
        if "H" in due:
            self.events.append(TransactionTimedOut(tx))
            due = {"H"}
        if "G" in due and tx.last_response is not None:
            self.outbox.append((tx.last_response, self._response_address(tx)))
            tx.interval = min(2 * tx.interval, T2)
            tx.deadlines["G"] = now + tx.interval
            due.discard("G")
        if due & {"H", "I", "J", "L"}:
            tx.state = TxState.TERMINATED
            del self._server[key]

    def _client_timers(self, key: tuple[str, str], tx: ClientTransaction, now: float) -> None:
        due = {name for name, t in tx.deadlines.items() if t <= now}
        if not due:
            return
        if due & {"B", "F"}:
            tx.state = TxState.TERMINATED
            del self._client[key]
            self.events.append(TransactionTimedOut(tx))
            return
        for name in due & {"A", "E"}:
            self.outbox.append((tx.data, tx.destination))
            cap = T2 if name == "E" else float("inf")
            tx.interval = min(2 * tx.interval, cap)
            tx.deadlines[name] = now + tx.interval
        if due & {"D", "K", "M"}:
            tx.state = TxState.TERMINATED
            del self._client[key]

    def _all(self) -> list[ServerTransaction | ClientTransaction]:
        return [*self._server.values(), *self._client.values()]

    def __len__(self) -> int:
        return len(self._server) + len(self._client)


def _ack_for_failure(invite: Request, response: Response) -> Request:
    """The hop-by-hop ACK for a 3xx-6xx (§17.1.1.3): same branch, the response's To."""
    ack = Request(method="ACK", uri=invite.uri)
    ack.headers.add("Via", invite.headers.get_all("Via")[0])
    for name in ("Route",):
        for value in invite.headers.get_all(name):
            ack.headers.add(name, value)
    ack.headers.add("From", invite.headers["From"])
    ack.headers.add("To", response.headers["To"])
    ack.headers.add("Call-ID", invite.call_id)
    ack.headers.add("CSeq", f"{invite.cseq.number} ACK")
    ack.headers.add("Max-Forwards", "70")
    ack.with_length()
    return ack
