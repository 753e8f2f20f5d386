"""The asyncio side of SIP: sockets in, sockets out, and one timer. Nothing else.

``SipTransport`` owns the UDP socket and the TCP listener and connections of one
:class:`UserAgent`. Every datagram or framed stream message goes to ``ua.receive``; after
each input or timer it sends what the core put in its outbox, hands the core's events to
``on_event``, and re-arms a single loop timer at ``ua.next_timer()``. All protocol decisions
are in the sans-I/O core, so this file only moves bytes (the shape of aioquic's
``asyncio/protocol.py``).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable

from telephony.errors import SipParseError
from telephony.sip.message import StreamFramer
from telephony.sip.transaction import Address
from telephony.sip.useragent import UaEvent, UserAgent

__all__ = ["SipTransport"]

log = logging.getLogger("careline.sip")
CONNECT_TIMEOUT_S = 5.0
MAX_WAITING = 50  # messages held for one connection being opened


class _Udp(asyncio.DatagramProtocol):
    def __init__(self, owner: SipTransport) -> None:
        self.owner = owner

    def datagram_received(self, data: bytes, addr: tuple[str | int, ...]) -> None:
        self.owner.received(data, Address("udp", str(addr[0]), int(addr[1])))

    def error_received(self, exc: Exception) -> None:
        log.debug("sip udp error: %s", exc)  # ICMP unreachable from a peer that went away


class _Stream(asyncio.Protocol):
    def __init__(self, owner: SipTransport) -> None:
        self.owner = owner
        self.framer = StreamFramer()
        self.transport: asyncio.Transport | None = None
        self.address: Address | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        host, port = transport.get_extra_info("peername")[:2]
        kind = "tls" if transport.get_extra_info("sslcontext") else "tcp"
        self.address = Address(kind, str(host), int(port))
        self.owner.connections[self.address] = self

    def data_received(self, data: bytes) -> None:
        assert self.address is not None and self.transport is not None
        try:
            messages = self.framer.feed(data)
        except SipParseError:
            self.owner.ua.counters["dropped_stream"] = (
                self.owner.ua.counters.get("dropped_stream", 0) + 1
            )
            self.transport.close()  # framing is lost: nothing after this can be trusted
            return
        for message in messages:
            self.owner.received(message, self.address)

    def connection_lost(self, exc: Exception | None) -> None:
        for key, stream in list(self.owner.connections.items()):
            if stream is self:  # under the address it reached and the one we dialled
                self.owner.connections.pop(key, None)


class SipTransport:
    def __init__(
        self,
        ua: UserAgent,
        on_event: Callable[[UaEvent], None],
        clock: Callable[[], float] | None = None,
        client_tls: ssl.SSLContext | None = None,
    ) -> None:
        self.ua = ua
        # How we check a peer we open TLS to ourselves (a PBX we register with over TLS);
        # None: we only answer TLS on connections peers opened.
        self.client_tls = client_tls
        self.on_event = on_event
        self.loop = asyncio.get_running_loop()
        self.clock = clock or self.loop.time
        self.connections: dict[Address, _Stream] = {}
        self._udp: asyncio.DatagramTransport | None = None
        self._servers: list[asyncio.Server] = []
        self._timer: asyncio.TimerHandle | None = None
        # Our own requests to a TCP or TLS peer we have no connection to (a PBX we register
        # with): the connection is opened, and what waits for it is sent once it is up.
        self._waiting: dict[Address, list[bytes]] = {}
        self._connecting: set[asyncio.Task[None]] = set()

    async def start(self, host: str, port: int, tcp: bool = True) -> tuple[str, int]:
        """Listen on UDP (and TCP) at host:port; port 0 picks one. Returns the bound address."""
        udp, _ = await self.loop.create_datagram_endpoint(
            lambda: _Udp(self), local_addr=(host, port)
        )
        self._udp = udp
        bound = udp.get_extra_info("sockname")[:2]
        if tcp:
            server = await self.loop.create_server(lambda: _Stream(self), host, bound[1])
            self._servers.append(server)
        return str(bound[0]), int(bound[1])

    async def start_tls(self, host: str, port: int, context: ssl.SSLContext) -> int:
        """Listen for SIP over TLS (RFC 3261 §26.3.1); returns the bound port."""
        server = await self.loop.create_server(lambda: _Stream(self), host, port, ssl=context)
        self._servers.append(server)
        return int(server.sockets[0].getsockname()[1])

    def received(self, data: bytes, source: Address) -> None:
        try:
            self.ua.receive(data, source, self.clock())
        except Exception:  # a bug the peer's bytes found: drop them, keep every other call
            self.ua.counters["internal_errors"] = self.ua.counters.get("internal_errors", 0) + 1
            log.exception("sip: a message could not be handled and was dropped")
        self.pump()

    def pump(self) -> None:
        """Send the outbox, deliver events, re-arm the timer. Call after any core action."""
        outbox, self.ua.transactions.outbox = self.ua.transactions.outbox, []
        for data, address in outbox:
            self._send(data, address)
        while self.ua.events:
            self.on_event(self.ua.events.pop(0))
            if self.ua.outbox:  # the owner acted inside on_event
                self.pump()
                return
        self._arm()

    def _send(self, data: bytes, address: Address) -> None:
        if address.transport == "udp":
            if self._udp is not None:
                self._udp.sendto(data, (address.host, address.port))
            return
        stream = self.connections.get(address)
        if stream is not None and stream.transport is not None:
            stream.transport.write(data)
        elif address.transport == "tcp" or (
            address.transport == "tls" and self.client_tls is not None
        ):
            waiting = self._waiting.setdefault(address, [])
            if len(waiting) >= MAX_WAITING:  # the peer is not answering: keep the newest
                waiting.pop(0)
                self._count("unsent_no_connection")
            waiting.append(data)
            if len(waiting) == 1:
                task = self.loop.create_task(self._connect(address), name=f"sip-connect:{address}")
                self._connecting.add(task)
                task.add_done_callback(self._connecting.discard)
        else:  # TLS with no trust store to check the peer by: never sent unverified
            self._count("unsent_no_connection")
            log.warning("sip: no %s connection to send on", address.transport)

    async def _connect(self, address: Address) -> None:
        try:
            async with asyncio.timeout(CONNECT_TIMEOUT_S):
                tls = address.transport == "tls"  # the peer's certificate must name its host
                _, stream = await self.loop.create_connection(
                    lambda: _Stream(self),
                    address.host,
                    address.port,
                    ssl=self.client_tls if tls else None,
                    server_hostname=address.host if tls else None,
                )
        except (OSError, TimeoutError) as exc:  # ssl.SSLError (an untrusted peer) is an OSError
            # The transaction times out in its own time and says so (a failed REGISTER).
            dropped = self._waiting.pop(address, [])
            self._count("connect_failed")
            log.warning("sip: could not connect to %s:%d over %s (%s); %d message(s) not sent",
                        address.host, address.port, address.transport.upper(),
                        type(exc).__name__, len(dropped))  # fmt: skip
            return
        # The stream registered itself under the address it reached; requests keyed by the
        # address we dialled go there too.
        self.connections.setdefault(address, stream)
        for data in self._waiting.pop(address, []):
            if stream.transport is not None:
                stream.transport.write(data)

    def _count(self, key: str) -> None:
        self.ua.counters[key] = self.ua.counters.get(key, 0) + 1

    def _arm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        when = self.ua.next_timer()
        if when is not None:
            delay = max(0.0, when - self.clock())
            self._timer = self.loop.call_later(delay, self._fire)

    def _fire(self) -> None:
        self._timer = None
        self.ua.handle_timer(self.clock())
        self.pump()

    async def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        for task in list(self._connecting):
            task.cancel()
        await asyncio.gather(*self._connecting, return_exceptions=True)
        for stream in list(self.connections.values()):
            if stream.transport is not None:
                stream.transport.close()
        for server in self._servers:
            server.close()
            await server.wait_closed()
        if self._udp is not None:
            self._udp.close()
