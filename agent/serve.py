"""``careline serve``: answer phone calls from a SIP trunk and give each one an agent.

One asyncio loop owns the SIP transport and every call. For each INVITE the server agrees
the media (SDP offer/answer; 488 when nothing fits), binds an RTP port from the configured
range, answers, and runs the call engine on a :class:`~telephony.sip_leg.SipLeg` in a named
task. SIP events reach the leg (hang-up, INFO digits, hold); the bot's hang-up reaches SIP
(BYE). SIGTERM or Ctrl-C drains: new INVITEs get 503, calls in progress may finish, and
whatever is still up after ``drain_timeout`` is ended with the reason ``shutdown``.

Caller details (numbers, names) are PHI: they go into the call record, never into a log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import ssl
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from agent.engine import Engine
from agent.record import JournalFile, RecordSink
from handoff.hub import HandoffHub
from handoff.service import console_service
from telephony.errors import NegotiationError, SdpParseError
from telephony.leg import CallerInfo
from telephony.media.codecs import codec_for
from telephony.media.session import RtpSession
from telephony.media.srtp import SrtpTransform
from telephony.offer_answer import (
    NegotiatedMedia,
    SdpSession,
    accept_answer,
    answer,
    make_offer,
)
from telephony.sdp import SessionDescription
from telephony.sip.message import Request
from telephony.sip.registration import RegistrationConfig
from telephony.sip.transport import SipTransport
from telephony.sip.uri import NameAddr
from telephony.sip.useragent import (
    CallEndedEvent,
    CallState,
    ConfirmedEvent,
    DtmfInfoEvent,
    IncomingCall,
    OfferEvent,
    SipCall,
    UaConfig,
    UaEvent,
    UserAgent,
)
from telephony.sip_leg import SipLeg

__all__ = ["CallServer", "PortPool", "ServeConfig", "caller_info"]

log = logging.getLogger("careline.serve")


@dataclass(frozen=True)
class ServeConfig:
    sip_host: str = "127.0.0.1"
    sip_port: int = 5060
    media_host: str | None = None  # the address RTP binds and the SDP names (default: sip_host)
    rtp_ports: tuple[int, int] = (20000, 20999)
    allow_from: frozenset[str] | None = None  # static IP trunks; None lets anyone call
    drain_timeout: float = 60.0
    media_timeout: float = 30.0
    max_calls: int = 50
    tcp: bool = True
    records_dir: Path | None = None  # each call's record as JSON, besides the database
    # Ring this long before answering (180 Ringing first). 0 answers at once; a PBX that
    # plays its own ringback or a test of CANCEL wants a little.
    answer_after: float = 0.0
    register: RegistrationConfig | None = None  # register to a PBX (else: a static IP trunk)
    tls_port: int | None = None  # SIP over TLS (5061 by convention); needs the two below
    tls_cert: Path | None = None  # PEM certificate chain the PBX will check
    tls_key: Path | None = None
    # Certificates careline trusts when it opens TLS itself (registering to a PBX over TLS);
    # None: the system's trust store.
    tls_ca: Path | None = None
    console_cert: Path | None = None  # HTTPS for the agent console (WSS for its socket)
    console_key: Path | None = None
    # Web calls one address may start a minute (429 beyond it). Behind a reverse proxy every
    # caller shares the proxy's address: raise it there.
    web_calls_per_minute: int = 6


class PortPool:
    """Even RTP ports from a range (RFC 3550 §11: RTP even, RTCP the odd one above)."""

    def __init__(self, first: int, last: int) -> None:
        if first > last or first < 1024 or last > 65534:
            raise ValueError(f"bad RTP port range {first}-{last}")
        self._free = [p for p in range(first + first % 2, last, 2)]
        self._used: set[int] = set()

    @contextmanager
    def port(self) -> Iterator[int]:
        if not self._free:
            raise NoFreePort("no free RTP port")
        port = self._free.pop(0)
        self._used.add(port)
        try:
            yield port
        finally:
            self._used.discard(port)
            self._free.append(port)

    def __len__(self) -> int:
        return len(self._free)


def caller_info(invite: Request) -> CallerInfo:
    """Who is calling: P-Asserted-Identity over From (a trunk asserts it), plus the
    Diversion and X- headers a PBX adds (queue, DNIS) for the record."""
    identity = invite.headers.get("P-Asserted-Identity") or invite.headers.get("From") or ""
    number = name = None
    try:
        address = NameAddr.parse(identity)
        number, name = address.uri.user, address.display_name
    except ValueError:
        pass
    extra: dict[str, str] = {}
    for header, value in invite.headers:
        lower = header.lower()
        if lower in ("diversion", "p-asserted-identity") or lower.startswith("x-"):
            extra[header] = value[:500]
    return CallerInfo(number=number, display_name=name, extra=extra)


@dataclass
class _Active:
    sip: SipCall
    leg: SipLeg
    sdp: SdpSession


class NoFreePort(RuntimeError):
    pass


def srtp_for(media: NegotiatedMedia, secure: bool) -> SrtpTransform | None:
    """SRTP when SDES keys were agreed. Keys sent over plain UDP/TCP signalling are readable
    by anyone on the path (RFC 4568 §8.3), so careline only agrees to them over TLS."""
    send, receive = media.srtp_send, media.srtp_receive
    if send is None or receive is None:
        return None
    if not secure:
        raise NegotiationError("SRTP keys offered outside TLS")
    return SrtpTransform(
        send.suite,
        send.master_key + send.master_salt,
        receive.suite,
        receive.master_key + receive.master_salt,
    )


def rtp_session(media: NegotiatedMedia) -> RtpSession:
    """The media session the agreed description asks for."""
    rtcp_port = media.remote_rtcp_port or media.remote_port + 1
    if not media.rtcp_mux and rtcp_port > 65535:
        raise NegotiationError("the offer leaves no valid RTCP port")
    return RtpSession(
        codec_for(media.codec, media.payload_type),
        telephone_event_pt=media.telephone_event,
        remote=(media.remote_address, media.remote_port),
        remote_rtcp=None if media.rtcp_mux else (media.remote_address, rtcp_port),
        rtcp_mux=media.rtcp_mux,
    )


@dataclass
class CallServer:
    engine: Engine
    config: ServeConfig = field(default_factory=ServeConfig)
    http: tuple[str, int] | None = None  # the agent console and /health
    demo: bool = False  # the built-in demo clinic: demo console accounts when there are none
    active: dict[str, _Active] = field(default_factory=dict)
    finished: int = 0
    hub: HandoffHub | None = None  # warm transfers to people (with the console)

    async def serve(self, stop: asyncio.Event, ready: asyncio.Event | None = None) -> None:
        cfg = self.config
        self.ports = PortPool(*cfg.rtp_ports)
        ua_config = UaConfig(
            host=cfg.sip_host, port=cfg.sip_port, allow_from=cfg.allow_from, max_calls=cfg.max_calls
        )
        self.ua = UserAgent(ua_config)
        self._idle = asyncio.Event()  # set whenever no call is in progress
        self._idle.set()
        self._ended = asyncio.Condition()  # notified as each call ends
        self._acks: dict[str, asyncio.Future[bytes]] = {}  # late offers waiting for the ACK
        # How a call that was never answered ended (reason, SIP status), for its record.
        self._ends: dict[str, tuple[str, int | None]] = {}
        self._setting_up: set[str] = set()  # calls between INVITE and the agent taking them
        async with contextlib.AsyncExitStack() as stack:
            if self.http is not None:
                services = self.engine.services
                self.hub = await stack.enter_async_context(
                    console_service(
                        services.store if services is not None else None,
                        self.http,
                        media_host=self._media_host(),
                        demo=self.demo,
                        health=self.status,
                        cert=cfg.console_cert,
                        key=cfg.console_key,
                        engine=self.engine,
                        records_dir=cfg.records_dir,
                        web_calls_per_minute=cfg.web_calls_per_minute,
                    )
                )
            await self._serve_sip(stop, ready)

    def _client_tls(self) -> ssl.SSLContext:
        """How careline checks a PBX it connects to over TLS: the configured CA bundle or the
        system's, the PBX's name or address on its certificate; and our own certificate,
        when there is one, for a PBX that wants to see it (mutual TLS)."""
        cfg = self.config
        context = ssl.create_default_context(cafile=str(cfg.tls_ca) if cfg.tls_ca else None)
        if cfg.tls_cert is not None and cfg.tls_key is not None:
            context.load_cert_chain(str(cfg.tls_cert), str(cfg.tls_key))
        return context

    async def _serve_sip(self, stop: asyncio.Event, ready: asyncio.Event | None) -> None:
        cfg, ua_config = self.config, self.ua.config
        async with asyncio.TaskGroup() as tasks:
            self.tasks = tasks
            self.transport = SipTransport(self.ua, self._on_event, client_tls=self._client_tls())
            host, port = await self.transport.start(cfg.sip_host, cfg.sip_port, tcp=cfg.tcp)
            if port != cfg.sip_port:  # port 0: tell the user agent what it really is
                self.ua.config = replace(ua_config, port=port)
            log.info("SIP listening on %s:%d (udp%s)", host, port, "+tcp" if cfg.tcp else "")
            if cfg.tls_port is not None:
                context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                context.load_cert_chain(str(cfg.tls_cert), str(cfg.tls_key))
                tls_port = await self.transport.start_tls(host, cfg.tls_port, context)
                self.ua.config = replace(self.ua.config, tls_port=tls_port)
                log.info("SIP over TLS on %s:%d", host, tls_port)
            if cfg.register is not None:
                self.ua.register(cfg.register)
                self.transport.pump()  # the first REGISTER goes now
            if ready is not None:
                ready.set()
            try:
                await stop.wait()
                await self._drain()
            finally:
                await self.transport.close()

    async def _drain(self) -> None:
        self.ua.accepting = False
        log.info(
            "draining: %d call(s) in progress, waiting up to %.0f s",
            len(self.active),
            self.config.drain_timeout,
        )
        try:
            await asyncio.wait_for(self._idle.wait(), self.config.drain_timeout)
        except TimeoutError:
            for active in list(self.active.values()):
                await active.leg.hangup("shutdown")
            await self._idle.wait()

    def transfer_to_pbx(self, call_id: str, target: str) -> bool:
        """Blind-transfer a call to a PBX extension or queue (``sip:nurses@pbx``) with REFER.
        The PBX's NOTIFY ends the call here (``transfer_completed``) or leaves it with the bot."""
        active = self.active.get(call_id)
        if active is None:
            return False
        self.ua.refer(active.sip, target, asyncio.get_running_loop().time())
        self.transport.pump()
        return True

    async def wait_finished(self, calls: int) -> None:
        """Until ``calls`` calls have ended (tests and benchmarks wait on this)."""
        async with self._ended:
            await self._ended.wait_for(lambda: self.finished >= calls)

    def status(self) -> dict[str, Any]:
        """What an operator's monitor polls: counts only, never who is calling."""
        return {
            "accepting": self.ua.accepting,
            "calls_active": len(self.active),
            "calls_finished": self.finished,
            "rtp_ports_free": len(self.ports),
            # media clock health of the calls in progress, summed (benchmarks poll this)
            "media": {
                "clock_skips": sum(
                    a.leg.counters.get("clock_skips", 0) for a in self.active.values()
                ),
                "dropped_frames": sum(a.leg.dropped_frames for a in self.active.values()),
            },
            "sip": dict(self.ua.counters),
            "registrations": [
                {"state": r.state.value, "granted_s": r.granted, "problem": r.reason}
                for r in self.ua.registrations
            ],
        }

    # -- SIP events ---------------------------------------------------------------------------

    def _on_event(self, event: UaEvent) -> None:
        now = asyncio.get_running_loop().time()
        if isinstance(event, IncomingCall):
            self.tasks.create_task(
                self._run_call(event.call), name=f"sip-call:{uuid.uuid4().hex[:8]}"
            )
        elif isinstance(event, CallEndedEvent):
            waiting = self._acks.get(event.call.call_id)
            if waiting is not None and not waiting.done():
                waiting.set_result(b"")
            active = self.active.get(event.call.call_id)
            if active is not None:
                active.leg.remote_hangup(event.reason, event.sip_status)
            if event.call.call_id in self._setting_up:
                self._ends[event.call.call_id] = (event.reason, event.sip_status)
        elif isinstance(event, DtmfInfoEvent):
            active = self.active.get(event.call.call_id)
            if active is not None:
                active.leg.dtmf(event.digit)
        elif isinstance(event, OfferEvent):
            self._reoffer(event, now)
        elif isinstance(event, ConfirmedEvent):
            waiting = self._acks.get(event.call.call_id)
            if waiting is not None and not waiting.done():
                waiting.set_result(event.body)

    def _reoffer(self, event: OfferEvent, now: float) -> None:
        active = self.active.get(event.call.call_id)
        if active is None:
            self.ua.reject_offer(event.call, 481, now)
            return
        try:
            offer = SessionDescription.parse(event.body)
            sdp, media = answer(offer, self._media_host(), active.leg.port, active.sdp)
            srtp = srtp_for(media, secure=event.call.source.transport == "tls")
        except (NegotiationError, SdpParseError) as exc:
            self.ua.reject_offer(event.call, exc.status or 488, now)
            return
        active.leg.srtp = srtp  # new keys in a re-offer are a new crypto context (RFC 4568)
        active.leg.set_hold(media.on_hold or not media.can_send)
        rtcp = (
            None
            if media.rtcp_mux
            else (media.remote_address, media.remote_rtcp_port or media.remote_port + 1)
        )
        active.leg.media.set_remote((media.remote_address, media.remote_port), rtcp)
        self.ua.accept_offer(event.call, bytes(sdp), now)

    def _media_host(self) -> str:
        return self.config.media_host or self.config.sip_host

    # -- one call -----------------------------------------------------------------------------

    async def _negotiate(
        self, sip: SipCall, port: int, sdp_session: SdpSession
    ) -> tuple[RtpSession, SrtpTransform | None, NegotiatedMedia, bytes | None] | None:
        """Agree the media. Early offer: our answer, to send with the 200. Late offer (an
        INVITE without SDP, RFC 3261 §13.2.1): our offer goes out in the 200 now and the
        caller's answer comes back in the ACK. None: the call was refused or ended."""
        loop = asyncio.get_running_loop()
        secure = sip.source.transport == "tls"
        try:
            if sip.invite.body:
                offer = SessionDescription.parse(sip.invite.body)
                sdp, media = answer(offer, self._media_host(), port, sdp_session)
                srtp = srtp_for(media, secure)
                return rtp_session(media), srtp, media, bytes(sdp)
            ours = make_offer(self._media_host(), port, sdp_session)
            waiting = self._acks[sip.call_id] = loop.create_future()
            try:
                self.ua.answer(sip, bytes(ours), loop.time())
                self.transport.pump()
                body = await waiting  # the ACK, or b"" when the call ended first
            finally:
                self._acks.pop(sip.call_id, None)
            if sip.state is not CallState.CONFIRMED:
                return None
            media = accept_answer(ours, SessionDescription.parse(body))
            return rtp_session(media), None, media, None
        except (NegotiationError, SdpParseError) as exc:
            if sip.state is CallState.RINGING:
                why = "bad_sdp" if isinstance(exc, SdpParseError) else "no_common_media"
                self._refuse(sip, exc.status or 488, why)
            else:  # a late offer the caller answered badly: the call is up, so BYE
                self._bot_hangup(sip, "no_common_media")
            return None

    async def _run_call(self, sip: SipCall) -> None:
        loop = asyncio.get_running_loop()
        conversed = False
        self._setting_up.add(sip.call_id)
        try:
            with self.ports.port() as port:
                sdp_session = SdpSession()
                agreed = await self._negotiate(sip, port, sdp_session)
                if agreed is None:
                    self._unanswered(sip)
                    return
                session, srtp, media, sdp = agreed
                leg = SipLeg(
                    session,
                    caller_info(sip.invite),
                    on_hangup=lambda reason: self._bot_hangup(sip, reason),
                    media_timeout=self.config.media_timeout,
                    srtp=srtp,
                )
                await leg.open(self._media_host(), port)
                self.active[sip.call_id] = _Active(sip, leg, sdp_session)
                self._idle.clear()
                try:
                    if sip.state is CallState.ENDED:
                        self._unanswered(sip)  # cancelled while the media was being set up
                        return
                    leg.set_hold(media.on_hold or not media.can_send)
                    if sdp is not None and self.config.answer_after > 0:
                        self.ua.ring(sip, loop.time())
                        self.transport.pump()
                        await asyncio.sleep(self.config.answer_after)
                        if sip.state is not CallState.RINGING:
                            self._unanswered(sip)  # cancelled while ringing: 487 already sent
                            return
                    if sdp is not None:
                        self.ua.answer(sip, sdp, loop.time())
                    self.transport.pump()
                    conversed = True
                    self._setting_up.discard(sip.call_id)
                    await self._converse(leg)
                finally:
                    leg.close()
                    self.active.pop(sip.call_id, None)
                    self.finished += 1
                    if not self.active:
                        self._idle.set()
                    async with self._ended:
                        self._ended.notify_all()
        except NoFreePort:
            self._refuse(sip, 503, "no_media_port")
            self._unanswered(sip)
        except Exception:
            # One call's failure ends that call, never the server and the other calls on it.
            self.ua.counters["call_errors"] = self.ua.counters.get("call_errors", 0) + 1
            log.exception("a call failed and was ended")
            self.ua.hangup(sip, "error", loop.time(), status=500)
            self.transport.pump()
            if not conversed:
                self._unanswered(sip, "error", 500)
        finally:
            self._setting_up.discard(sip.call_id)
            self._ends.pop(sip.call_id, None)

    async def _converse(self, leg: SipLeg) -> None:
        """The engine's call owner and the leg's media clock, ended together."""
        call_id = uuid.uuid4().hex[:12]
        records = self.config.records_dir
        sinks: list[RecordSink] = []
        if records is not None:  # a journal per call: what a crash leaves is still readable
            records.mkdir(parents=True, exist_ok=True)
            sinks.append(JournalFile(records / f"{call_id}.jsonl"))
        call = self.engine.new_call(
            leg,
            call_id=call_id,
            leg_kind="sip",
            clock_kind="realtime",
            sinks=sinks,
            handoff=self.hub,
        )
        async with asyncio.TaskGroup() as tg:
            media_task = tg.create_task(leg.run_media(), name="media")
            record = await call.run()
            leg.remote_hangup("ended")  # stops the media clock if the bot ended the call
            await media_task
        if records is not None:
            record.save(records / f"{call_id}.json")
        if self.hub is not None:
            self.hub.call_ended(record.data)

    def _unanswered(
        self, sip: SipCall, reason: str | None = None, status: int | None = None
    ) -> None:
        """A record for a call the agent never took, with why and the SIP status it ended on
        (487 cancelled, 488 no common media, 503 no media port, 500 our error)."""
        ended = self._ends.pop(sip.call_id, None)
        reason = reason or (ended[0] if ended else "caller_cancel")
        status = status if status is not None else (ended[1] if ended else None)
        records = self.config.records_dir
        record = self.engine.record_unanswered(caller_info(sip.invite), reason, status)
        if records is not None:
            records.mkdir(parents=True, exist_ok=True)
            record.save(records / f"{record.call_id}.json")
        log.info("call %s not answered: %s (%s)", record.call_id, reason, status)

    def _refuse(self, sip: SipCall, status: int, reason: str) -> None:
        self.ua.reject(sip, status, asyncio.get_running_loop().time(), reason)
        self.transport.pump()
        log.info("call refused: %s (%d)", reason, status)

    def _bot_hangup(self, sip: SipCall, reason: str) -> None:
        self.ua.hangup(sip, reason, asyncio.get_running_loop().time())
        self.transport.pump()


def install_signal_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
