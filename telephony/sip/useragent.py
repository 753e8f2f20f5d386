"""The user-agent core: what careline does with SIP requests once transactions are sorted out.

careline is the callee. A trunk or PBX sends INVITE; the core checks the peer against the
allow-list (403 otherwise), opens a :class:`SipCall` with its dialog and tells the owner
(``IncomingCall``). The owner rings, answers with its SDP, or rejects; the core retransmits
the 200 until the ACK arrives (§13.3.1.4), keeps the session timer (RFC 4028), answers
re-INVITEs through the owner (hold and resume), OPTIONS keepalives, INFO digits, CANCEL (487)
and BYE, and sends BYE when careline hangs up. Requests that fit no dialog get 481.

Sans-I/O, like the transaction layer under it: ``receive(data, source, now)``, ``outbox``,
``events``, ``next_timer()``/``handle_timer(now)``. A bad datagram is counted in
``counters`` and answered 400 when a response can be routed back, else dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import quote

from telephony.errors import DialogError, PeerError, SipParseError
from telephony.sip.dialog import Dialog
from telephony.sip.message import Request, Response, parse_message
from telephony.sip.registration import Registration, RegistrationConfig
from telephony.sip.transaction import (
    T1,
    T2,
    Address,
    ServerTransaction,
    TransactionLayer,
    TransactionResponse,
    TransactionTimedOut,
)
from telephony.sip.uri import is_number

__all__ = [
    "CallEndedEvent",
    "CallState",
    "ConfirmedEvent",
    "DtmfInfoEvent",
    "IncomingCall",
    "OfferEvent",
    "Replaces",
    "SipCall",
    "TransferEvent",
    "UaConfig",
    "UaEvent",
    "UserAgent",
]

ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY"
# Methods that only make sense inside a dialog: without one they get 481.
_IN_DIALOG_ONLY = frozenset({"ACK", "BYE", "INFO", "UPDATE", "NOTIFY", "PRACK", "REFER"})


@dataclass(frozen=True)
class UaConfig:
    host: str  # the address we put in Via and Contact
    port: int
    transport: str = "udp"
    user: str = "careline"
    # Static IP trunks: only these peer addresses may call (None: anyone who reaches us).
    allow_from: frozenset[str] | None = None
    session_expires: int = 1800
    min_se: int = 90
    max_calls: int = 200
    server: str = "careline"
    tls_port: int | None = None  # where SIP over TLS listens, for our Contact on TLS calls


class CallState(Enum):
    RINGING = "ringing"  # INVITE received, not answered
    ANSWERING = "answering"  # 200 sent, waiting for ACK
    CONFIRMED = "confirmed"
    ENDED = "ended"


@dataclass(eq=False)
class SipCall:
    invite: Request
    dialog: Dialog
    source: Address
    state: CallState = CallState.RINGING
    answer_body: bytes = b""
    answer_bytes: bytes = b""  # our 200 to the INVITE as sent, for retransmission
    reinvite: Request | None = None  # an offer waiting for the owner's answer
    # our 2xx retransmission (§13.3.1.4): next send time, interval, give-up time
    retransmit: tuple[float, float, float] | None = None
    session_expires: int | None = None
    refresher: str | None = None  # "uac" (the caller refreshes) or "uas" (we do)
    session_deadline: float | None = None
    bye_after_ack: str | None = None  # hang-up asked before the ACK came: the reason
    transferring: bool = False  # our REFER is out and its outcome not known yet

    @property
    def call_id(self) -> str:
        return self.dialog.call_id


@dataclass(frozen=True)
class IncomingCall:
    call: SipCall


@dataclass(frozen=True)
class ConfirmedEvent:
    """The ACK came: media may flow. ``body`` is the answer when the INVITE had no offer."""

    call: SipCall
    body: bytes


@dataclass(frozen=True)
class OfferEvent:
    """A re-INVITE (hold, resume, new media): answer with ``accept_offer`` or ``reject_offer``."""

    call: SipCall
    body: bytes


@dataclass(frozen=True)
class DtmfInfoEvent:
    call: SipCall
    digit: str


@dataclass(frozen=True)
class CallEndedEvent:
    call: SipCall
    reason: str  # caller_hangup, caller_cancel, bot_hangup, ack_timeout, session_expired ...
    sip_status: int | None = None


@dataclass(frozen=True)
class Replaces:
    """The dialog an attended transfer replaces: its Call-ID and both tags (RFC 3891 §6.1)."""

    call_id: str
    to_tag: str
    from_tag: str

    def escaped(self) -> str:
        """As a header inside a Refer-To URI, where ``;``, ``=`` and ``@`` must be escaped."""
        value = f"{self.call_id};to-tag={self.to_tag};from-tag={self.from_tag}"
        return quote(value, safe="")


@dataclass(frozen=True)
class TransferEvent:
    """Progress of our REFER (RFC 3515): ``accepted`` (202), ``progress`` (a NOTIFY with a
    provisional), ``completed`` (the transferee reached the target: we hang up) or
    ``failed`` (the call stays with careline)."""

    call: SipCall
    state: str
    sip_status: int | None = None


UaEvent = (
    IncomingCall | ConfirmedEvent | OfferEvent | DtmfInfoEvent | CallEndedEvent | TransferEvent
)
_SIPFRAG = re.compile(r"^SIP/2\.0 (\d{3})")

_INFO_DIGIT = re.compile(r"^\s*(?:signal\s*=\s*)?([0-9*#A-Da-d])\s*$", re.I | re.M)


@dataclass
class UserAgent:
    config: UaConfig
    transactions: TransactionLayer = field(default_factory=TransactionLayer)
    events: list[UaEvent] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    calls: dict[str, SipCall] = field(default_factory=dict)
    accepting: bool = True  # False while draining: new INVITEs get 503
    registrations: list[Registration] = field(default_factory=list)

    def register(self, config: RegistrationConfig) -> Registration:
        """Keep a registration with a PBX from now on (sent at the next timer)."""
        port, params = self.config.port, ""
        if config.registrar.transport == "tls" and self.config.tls_port is not None:
            # Registered over TLS: the PBX should call us over TLS too (and so with SRTP).
            port, params = self.config.tls_port, ";transport=tls"
        contact = f"<sip:{self.config.user}@{self.config.host}:{port}{params}>"
        registration = Registration(config, contact, self.config.host, port)
        self.registrations.append(registration)
        return registration

    def _registration(self, call_id: str) -> Registration | None:
        return next((r for r in self.registrations if r.call_id == call_id), None)

    @property
    def outbox(self) -> list[tuple[bytes, Address]]:
        return self.transactions.outbox

    def _count(self, name: str) -> None:
        self.counters[name] = self.counters.get(name, 0) + 1

    # -- input ------------------------------------------------------------------------------

    def receive(self, data: bytes, source: Address, now: float) -> None:
        if not data.strip(b"\r\n"):
            return  # keep-alive
        try:
            message = parse_message(data, stream=source.reliable)
        except SipParseError as exc:
            self._count("dropped_malformed")
            if isinstance(exc.request, Request):
                self._stateless(exc.request, source, 400, str(exc)[:100])
            return
        try:
            if isinstance(message, Response):
                self.transactions.receive_response(message, now)
            else:
                self._request(message, source, now)
        except PeerError as exc:  # a request fine on the wire but wrong for its dialog
            self._count("rejected")
            if isinstance(message, Request) and message.method != "ACK":
                self._stateless(message, source, exc.status or 400, str(exc)[:100])
        self._drain_transaction_events(now)

    def _stateless(self, request: Request, source: Address, status: int, why: str) -> None:
        response = request.response(status, to_tag="x" + source.host.replace(".", "")[-6:])
        if status == 400:
            response.headers.add("Warning", f'399 careline "{why.replace(chr(34), "")}"')
        self._finish(response)
        self.outbox.append((bytes(response), source))

    def _request(self, request: Request, source: Address, now: float) -> None:
        if self.config.allow_from is not None and source.host not in self.config.allow_from:
            self._count("forbidden")
            if request.method != "ACK":
                self._stateless(request, source, 403, "not an allowed peer")
            return
        if request.method == "CANCEL":
            self._cancel(request, source, now)
            return
        fresh = self.transactions.receive_request(request, source, now)
        if fresh is None:
            return
        to_tag = request.to.tag
        if request.method == "INVITE" and not to_tag:
            self._invite(request, source, now)
            return
        call = self.calls.get(request.call_id)
        if request.method == "OPTIONS" and not to_tag:
            self._respond(request, 200, now, extra={"Allow": ALLOW, "Accept": "application/sdp"})
            return
        if not to_tag and request.method not in _IN_DIALOG_ONLY:
            # an out-of-dialog request careline does not serve (§8.2.1): 405 or 501, not 481
            status = (
                405 if request.method in ("REGISTER", "SUBSCRIBE", "MESSAGE", "PUBLISH") else 501
            )
            self._respond(request, status, now, extra={"Allow": ALLOW})
            return
        if call is None or (to_tag and to_tag != call.dialog.local_tag):
            if request.method != "ACK":
                self._respond(request, 481, now)
            return
        if request.method == "ACK":
            self._ack(call, request, now)
            return
        call.dialog.check_remote_cseq(request)
        handlers = {
            "BYE": self._bye,
            "INVITE": self._reinvite,
            "UPDATE": self._update,
            "INFO": self._info,
            "OPTIONS": self._ok,
            "NOTIFY": self._notify,
        }
        handler = handlers.get(request.method)
        if handler is None:
            self._respond(request, 405 if request.method in ("REGISTER", "SUBSCRIBE") else 501, now)
            return
        handler(call, request, now)

    def _invite(self, request: Request, source: Address, now: float) -> None:
        if not self.accepting or len(self.calls) >= self.config.max_calls:
            self._respond(request, 503, now, extra={"Retry-After": "30"})
            return
        requires = {v.strip().lower() for v in request.headers.get_all("Require")}
        unsupported = requires - {"timer"}
        if unsupported:
            self._respond(request, 420, now, extra={"Unsupported": ", ".join(sorted(unsupported))})
            return
        expires = _session_expires(request)
        if expires is not None and expires[0] < self.config.min_se:
            self._respond(request, 422, now, extra={"Min-SE": str(self.config.min_se)})
            return
        port, suffix = self.config.port, ""
        if source.transport == "tls" and self.config.tls_port:
            port, suffix = self.config.tls_port, ";transport=tls"
        elif source.transport == "tcp":
            suffix = ";transport=tcp"
        contact = f"<sip:{self.config.user}@{self.config.host}:{port}{suffix}>"
        dialog = Dialog.from_invite(request, source, contact, self.config.host, port)
        call = SipCall(request, dialog, source)
        _plan_session_timer(call, request, self.config)
        self.calls[call.call_id] = call
        self._respond(request, 100, now, call=call, tagged=False)
        self.events.append(IncomingCall(call))

    def _cancel(self, cancel: Request, source: Address, now: float) -> None:
        self.transactions.receive_request(cancel, source, now)
        invite_tx = self.transactions.find_invite(cancel)
        if invite_tx is None:
            self.transactions.send_response(cancel, cancel.response(481), now)
            return
        self.transactions.send_response(cancel, cancel.response(200, to_tag=None), now)
        call = self.calls.get(cancel.call_id)
        if call is not None and call.state is CallState.RINGING:
            self._respond(call.invite, 487, now, call=call)
            self._end(call, "caller_cancel", 487)

    def _ack(self, call: SipCall, ack: Request, now: float) -> None:
        if call.state is not CallState.ANSWERING:
            return  # an ACK for a re-INVITE's 2xx, or a retransmission
        call.state = CallState.CONFIRMED
        call.retransmit = None
        _refresh_session_timer(call, call.invite, now, self.config)
        self.events.append(ConfirmedEvent(call, ack.body))
        if call.bye_after_ack is not None:
            self.hangup(call, call.bye_after_ack, now)

    def _bye(self, call: SipCall, bye: Request, now: float) -> None:
        self._respond(bye, 200, now, call=call)
        if call.state is CallState.RINGING:  # a BYE before our answer ends the INVITE too
            self._respond(call.invite, 487, now, call=call)
        self._end(call, "caller_hangup", None)

    def _reinvite(self, call: SipCall, request: Request, now: float) -> None:
        if call.reinvite is not None or call.state is not CallState.CONFIRMED:
            self._respond(request, 491, now, call=call)  # glare or early: try again (§14.2)
            return
        self._respond(request, 100, now, call=call)
        _refresh_session_timer(call, request, now, self.config)
        if not request.body:
            # a session refresh or an offerless re-INVITE: our current description stands
            self._respond(request, 200, now, call=call, body=call.answer_body)
            return
        call.reinvite = request
        self.events.append(OfferEvent(call, request.body))

    def _ok(self, call: SipCall, request: Request, now: float) -> None:
        self._respond(request, 200, now, call=call, extra={"Allow": ALLOW})

    def _notify(self, call: SipCall, request: Request, now: float) -> None:
        """NOTIFY for our REFER carries the transfer's outcome as a sipfrag (RFC 3515 §2.4.5)."""
        event = (request.headers.get("Event") or "").split(";")[0].strip().lower()
        if event != "refer" or not call.transferring:
            self._respond(request, 481 if event == "refer" else 489, now, call=call)
            return
        self._respond(request, 200, now, call=call)
        match = _SIPFRAG.match(request.body.decode("latin-1", "replace")[:100])
        status = int(match.group(1)) if match else None
        if status is None or status < 200:
            self.events.append(TransferEvent(call, "progress", status))
        elif status < 300:
            call.transferring = False
            self.events.append(TransferEvent(call, "completed", status))
            self.hangup(call, "transfer_completed", now)
        else:
            call.transferring = False
            self.events.append(TransferEvent(call, "failed", status))

    def refer(
        self, call: SipCall, target: str, now: float, replaces: Replaces | None = None
    ) -> None:
        """Ask the caller's side (the PBX) to transfer the call to ``target``, a SIP URI of an
        extension or queue (blind transfer, RFC 3515). With ``replaces``, the transfer is
        attended: the caller is joined to a call the PBX already has with that person, which
        the transferee's INVITE replaces (RFC 3891). Outcome: :class:`TransferEvent`."""
        if replaces is not None:
            target = f"{target}?Replaces={replaces.escaped()}"
        if call.state is not CallState.CONFIRMED or call.transferring:
            self.events.append(TransferEvent(call, "failed", None))
            return
        refer = call.dialog.request("REFER")
        refer.headers.add("Refer-To", f"<{target}>")
        refer.headers.add("Referred-By", call.dialog.local_contact)
        refer.with_length()
        call.transferring = True
        self.transactions.send_request(refer, call.dialog.destination(), now)

    def _update(self, call: SipCall, request: Request, now: float) -> None:
        _refresh_session_timer(call, request, now, self.config)
        self._respond(request, 200, now, call=call)

    def _info(self, call: SipCall, request: Request, now: float) -> None:
        kind = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        match = _INFO_DIGIT.search(request.body.decode("latin-1")[:200])
        if kind in ("application/dtmf-relay", "application/dtmf") and match:
            self._respond(request, 200, now, call=call)
            self.events.append(DtmfInfoEvent(call, match.group(1).upper()))
        else:
            self._respond(request, 415, now, call=call)

    # -- the owner's actions ----------------------------------------------------------------

    def ring(self, call: SipCall, now: float) -> None:
        if call.state is CallState.RINGING:
            self._respond(call.invite, 180, now, call=call)

    def answer(self, call: SipCall, sdp: bytes, now: float) -> None:
        if call.state is not CallState.RINGING:
            return
        call.answer_body = sdp
        call.state = CallState.ANSWERING
        self._respond(call.invite, 200, now, call=call, body=sdp, timers=True)
        call.retransmit = (now + T1, T1, now + 64 * T1)

    def reject(self, call: SipCall, status: int, now: float, reason: str = "rejected") -> None:
        if call.state is CallState.RINGING:
            self._respond(call.invite, status, now, call=call)
            self._end(call, reason, status)

    def accept_offer(self, call: SipCall, sdp: bytes, now: float) -> None:
        request, call.reinvite = call.reinvite, None
        if request is not None:
            call.answer_body = sdp
            self._respond(request, 200, now, call=call, body=sdp, timers=True)

    def reject_offer(self, call: SipCall, status: int, now: float) -> None:
        request, call.reinvite = call.reinvite, None
        if request is not None:
            self._respond(request, status, now, call=call)

    def hangup(self, call: SipCall, reason: str, now: float, status: int = 480) -> None:
        """End the call from our side: reject if ringing, BYE if answered (after its ACK)."""
        if call.state is CallState.RINGING:
            self.reject(call, status, now, reason)
        elif call.state is CallState.ANSWERING:
            call.bye_after_ack = reason  # §15: no BYE before the ACK (or its timeout)
        elif call.state is CallState.CONFIRMED:
            bye = call.dialog.request("BYE")
            self.transactions.send_request(bye, call.dialog.destination(), now)
            self._end(call, reason, None)

    # -- time -------------------------------------------------------------------------------

    def next_timer(self) -> float | None:
        times = [self.transactions.next_timer()]
        times += [r.next_at for r in self.registrations]
        for call in self.calls.values():
            times.append(call.retransmit[0] if call.retransmit else None)
            times.append(call.session_deadline)
        known = [t for t in times if t is not None]
        return min(known) if known else None

    def handle_timer(self, now: float) -> None:
        self.transactions.handle_timer(now)
        for registration in self.registrations:
            if registration.due(now):
                request = registration.request(now)
                self.transactions.send_request(request, registration.config.registrar, now)
        for call in list(self.calls.values()):
            if call.retransmit is not None and call.retransmit[0] <= now:
                _, interval, give_up = call.retransmit
                if now >= give_up:  # no ACK in 32 s: the call failed (§13.3.1.4)
                    call.retransmit = None
                    call.state = CallState.CONFIRMED
                    self.hangup(call, "ack_timeout", now)
                    continue
                self.outbox.append((call.answer_bytes, call.source))
                interval = min(2 * interval, T2)
                call.retransmit = (min(now + interval, give_up), interval, give_up)
            if call.session_deadline is not None and call.session_deadline <= now:
                call.session_deadline = None
                self._session_timer_fired(call, now)
        self._drain_transaction_events(now)

    def _session_timer_fired(self, call: SipCall, now: float) -> None:
        if call.state is not CallState.CONFIRMED:
            return
        if call.refresher == "uas":
            # UPDATE when the caller allows it (no SDP needed), else a re-INVITE (§7.4)
            allowed = {m.strip().upper() for m in call.invite.headers.get_all("Allow")}
            if "UPDATE" in allowed:
                refresh = call.dialog.request("UPDATE")
            else:
                refresh = call.dialog.request("INVITE", call.answer_body, "application/sdp")
            refresh.headers.add("Session-Expires", f"{call.session_expires};refresher=uas")
            self.transactions.send_request(refresh, call.dialog.destination(), now)
            call.session_deadline = now + (call.session_expires or 1800) / 2
        else:
            self.hangup(call, "session_expired", now)

    def _drain_transaction_events(self, now: float) -> None:
        events, self.transactions.events = self.transactions.events, []
        for event in events:
            if isinstance(event, TransactionTimedOut):
                tx = event.transaction
                registration = self._registration(tx.request.call_id)
                if registration is not None and not isinstance(tx, ServerTransaction):
                    registration.on_timeout(now)
                    continue
                call = self.calls.get(tx.request.call_id)
                if isinstance(tx, ServerTransaction) or call is None:
                    continue
                if tx.request.method == "REFER" and call.transferring:
                    call.transferring = False  # no answer: the call stays with careline
                    self.events.append(TransferEvent(call, "failed", 408))
                elif (
                    tx.request.method in ("UPDATE", "INVITE") and call.state is CallState.CONFIRMED
                ):
                    self.hangup(call, "session_refresh_failed", now)
            elif isinstance(event, TransactionResponse):
                self._response(event, now)

    def _response(self, event: TransactionResponse, now: float) -> None:
        response, request = event.response, event.transaction.request
        registration = self._registration(request.call_id)
        if registration is not None:
            again = registration.on_response(response, now)
            if again is not None:
                self.transactions.send_request(again, registration.config.registrar, now)
            return
        call = self.calls.get(request.call_id)
        if call is None:
            return
        if request.method == "REFER" and response.status >= 200:
            if response.status < 300:
                self.events.append(TransferEvent(call, "accepted", response.status))
            else:
                call.transferring = False
                self.events.append(TransferEvent(call, "failed", response.status))
            return
        if request.method == "INVITE" and 200 <= response.status < 300:
            ack = call.dialog.ack(request.cseq.number)
            self.outbox.append((bytes(ack), call.dialog.destination()))
        elif request.method in ("UPDATE", "INVITE") and response.status in (408, 481):
            self.hangup(call, "session_refresh_failed", now)

    # -- helpers ----------------------------------------------------------------------------

    def _respond(
        self,
        request: Request,
        status: int,
        now: float,
        call: SipCall | None = None,
        body: bytes = b"",
        extra: dict[str, str] | None = None,
        tagged: bool = True,
        timers: bool = False,
    ) -> None:
        to_tag = call.dialog.local_tag if call is not None and tagged else None
        if call is None and status >= 200 and not request.to.tag:
            to_tag = "n" + request.call_id.encode().hex()[:10]
        response = request.response(status, to_tag=to_tag)
        for name, value in (extra or {}).items():
            response.headers.add(name, value)
        if call is not None and 100 < status < 300 and request.method == "INVITE":
            response.headers.add("Contact", call.dialog.local_contact)
            response.headers.add("Allow", ALLOW)
        if timers and call is not None and call.session_expires:
            response.headers.add("Supported", "timer")
            if _supports_timer(call.invite):
                response.headers.add("Require", "timer")
            response.headers.add(
                "Session-Expires", f"{call.session_expires};refresher={call.refresher}"
            )
        if body:
            response.headers.add("Content-Type", "application/sdp")
        response.body = body
        self._finish(response)
        if call is not None and status == 200 and request is call.invite:
            call.answer_bytes = bytes(response)
        self.transactions.send_response(request, response, now)

    def _finish(self, response: Response) -> None:
        response.headers.add("Server", self.config.server)
        response.with_length()

    def _end(self, call: SipCall, reason: str, status: int | None) -> None:
        if call.state is CallState.ENDED:
            return
        call.state = CallState.ENDED
        call.retransmit = None
        call.session_deadline = None
        self.calls.pop(call.call_id, None)
        self.events.append(CallEndedEvent(call, reason, status))


def _supports_timer(request: Request) -> bool:
    values = request.headers.get_all("Supported") + request.headers.get_all("Require")
    return any(v.strip().lower() == "timer" for v in values)


def _session_expires(request: Request) -> tuple[int, str | None] | None:
    value = request.headers.get("Session-Expires")
    if value is None:
        return None
    number, _, params = value.partition(";")
    if not is_number(number.strip()):
        raise DialogError("bad Session-Expires", status=400)
    refresher = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "refresher":
            refresher = val.strip().lower()
    return int(number), refresher


def _plan_session_timer(call: SipCall, invite: Request, config: UaConfig) -> None:
    """RFC 4028 §9: take the caller's interval (or ours), and let the caller refresh when it
    supports timers, else refresh ourselves, so a call never outlives a dead peer."""
    asked = _session_expires(invite)
    interval = asked[0] if asked else config.session_expires
    call.session_expires = max(interval, config.min_se)
    supports = _supports_timer(invite)
    wanted = asked[1] if asked else None
    call.refresher = (
        wanted if wanted in ("uac", "uas") and supports else ("uac" if supports else "uas")
    )


def _refresh_session_timer(call: SipCall, request: Request, now: float, config: UaConfig) -> None:
    asked = _session_expires(request)
    if asked is not None:
        call.session_expires = max(asked[0], config.min_se)
    if call.session_expires is None:
        return
    if call.refresher == "uac":
        # the refresher refreshes at half; expiry is checked a little before the end (§10)
        call.session_deadline = now + call.session_expires - min(32, call.session_expires / 3)
    else:
        call.session_deadline = now + call.session_expires / 2
