"""Raw SIP and RTP for the bad-input tests (``test_sip_bad_*.py``): built here in Python and
sent from sockets on loopback at a real ``careline serve``.

The server runs in the test's own event loop, so every wait here is asyncio's
(``loop.sock_recvfrom``, streams, ``asyncio.to_thread`` for sipp): a blocking ``recv`` would
freeze the server it waits for. A "crash" is an exception that reaches the loop's exception
handler (asyncio logs it and, on a TCP connection, closes that connection) or one that ends the
server task; ``loop_errors`` collects the former.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import struct
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from telephony.sip.useragent import CallState
from tests.telephony.sip_server import RunningServer

LOOPBACK = "127.0.0.1"
BAD_CALLER = "5559990000"  # every raw-SIP request here
UDP_MAX = 65_507  # the largest UDP payload over IPv4


# -- SIP on the wire, as the test writes and reads it --------------------------------------------


def new_branch() -> str:
    return "z9hG4bK-bad-" + uuid.uuid4().hex[:12]


def new_call_id() -> str:
    return f"bad-{uuid.uuid4().hex[:16]}@{LOOPBACK}"


def request(
    method: str,
    local_port: int,
    *,
    server_port: int,
    call_id: str,
    cseq: int = 1,
    branch: str | None = None,
    to_tag: str | None = None,
    extra: Sequence[str] = (),
    body: bytes = b"",
    content_length: int | str | None = None,
    via: bool = True,
    transport: str = "UDP",
    cseq_text: str | None = None,
    contact: str | None = None,
) -> bytes:
    target = f"sip:careline@{LOOPBACK}:{server_port}"
    lines = [f"{method} {target} SIP/2.0"]
    if via:
        sent_by = f"{LOOPBACK}:{local_port}"
        lines.append(f"Via: SIP/2.0/{transport} {sent_by};branch={branch or new_branch()};rport")
    lines += [
        "Max-Forwards: 70",
        f'From: "Bad Input" <sip:{BAD_CALLER}@{LOOPBACK}:{local_port}>;tag=bad{local_port}',
        f"To: <{target}>" + (f";tag={to_tag}" if to_tag else ""),
        f"Call-ID: {call_id}",
        f"CSeq: {cseq_text or f'{cseq} {method}'}",
        f"Contact: {contact or f'<sip:{BAD_CALLER}@{LOOPBACK}:{local_port}>'}",
        *extra,
    ]
    if body:
        lines.append("Content-Type: application/sdp")
    lines.append(f"Content-Length: {len(body) if content_length is None else content_length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def offer(rtp_port: int, *, m_line: str | None = None, padding: int = 0) -> bytes:
    """An SDP offer: PCMA + telephone-event at ``rtp_port``, unless ``m_line`` replaces it.
    ``padding`` adds that many bytes (roughly) of an attribute nobody interprets."""
    media = m_line or (
        f"m=audio {rtp_port} RTP/AVP 8 101\r\n"
        "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"
    )
    text = f"v=0\r\no=bad 1 1 IN IP4 {LOOPBACK}\r\ns=-\r\nc=IN IP4 {LOOPBACK}\r\nt=0 0\r\n{media}"
    text += "".join(f"a=x-padding:{'p' * 500}\r\n" for _ in range(padding // 515))
    return (text + "a=sendrecv\r\n").encode()


@dataclass
class Sip:
    """One SIP message as the test reads it: start line, raw header lines, body."""

    start: str
    lines: list[str]
    body: bytes

    @classmethod
    def parse(cls, data: bytes) -> Sip:
        head, _, body = data.partition(b"\r\n\r\n")
        start, *lines = head.decode("utf-8", "replace").split("\r\n")
        return cls(start, lines, body)

    def header(self, name: str) -> str:
        for line in self.lines:
            key, _, value = line.partition(":")
            if key.strip().lower() == name.lower():
                return value.strip()
        return ""

    @property
    def status(self) -> int | None:
        """The response's status code; None for a request."""
        return int(self.start.split()[1]) if self.start.startswith("SIP/2.0 ") else None

    @property
    def call_id(self) -> str:
        return self.header("Call-ID")

    @property
    def cseq_method(self) -> str:
        return self.header("CSeq").split()[-1] if self.header("CSeq") else ""

    @property
    def to_tag(self) -> str | None:
        found = re.search(r";\s*tag=([^;\s>]+)", self.header("To"))
        return found.group(1) if found else None

    def ok(self) -> bytes:
        """Our 200 to a request the server sent us (a BYE when the bot hangs up)."""
        kept = [
            line
            for line in self.lines
            if line.split(":")[0].strip().lower() in ("via", "from", "to", "call-id", "cseq")
        ]
        return ("\r\n".join(["SIP/2.0 200 OK", *kept, "Content-Length: 0"]) + "\r\n\r\n").encode()


class Udp:
    """A non-blocking UDP socket on loopback; waits through the event loop, never blocks it."""

    def __init__(self, host: str = LOOPBACK) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setblocking(False)
        self.sock.bind((host, 0))
        self.port: int = self.sock.getsockname()[1]

    def send(self, data: bytes, port: int) -> None:
        self.sock.sendto(data, (LOOPBACK, port))

    async def recv_from(self, within: float) -> tuple[bytes, int] | None:
        try:
            async with asyncio.timeout(within):
                data, (_, port) = await asyncio.get_running_loop().sock_recvfrom(self.sock, UDP_MAX)
        except TimeoutError:
            return None
        return data, port

    async def recv(self, within: float) -> bytes | None:
        got = await self.recv_from(within)
        return None if got is None else got[0]

    async def everything(self, within: float) -> list[bytes]:
        """All that arrives in the next ``within`` seconds."""
        got: list[bytes] = []
        deadline = asyncio.get_running_loop().time() + within
        while (left := deadline - asyncio.get_running_loop().time()) > 0:
            data = await self.recv(left)
            if data is not None:
                got.append(data)
        return got

    def close(self) -> None:
        self.sock.close()


class SipUdp(Udp):
    """A raw SIP peer over UDP: waits for the response to one request, answering any request
    the server sends meanwhile (its BYE) with 200."""

    async def response(self, call_id: str, method: str, within: float = 5.0) -> Sip | None:
        """The final response to ``method`` in ``call_id``; None if none came in time."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while (left := deadline - loop.time()) > 0:
            got = await self.recv_from(left)
            if got is None:
                return None
            message = Sip.parse(got[0])
            if message.status is None:
                if message.start.startswith("BYE "):
                    self.send(message.ok(), got[1])
                continue
            if message.call_id != call_id or message.cseq_method != method:
                continue
            if message.status < 200:
                continue
            return message
        return None


async def invite_exchange(
    sip: SipUdp,
    server_port: int,
    body: bytes,
    *,
    content_length: int | None = None,
    within: float = 10.0,
) -> tuple[str, Sip | None]:
    """Send an INVITE, wait for its final response and ACK it when it is not a 2xx (the same
    branch, §17.1.1.3). Returns the Call-ID and the final response."""
    call_id, branch = new_call_id(), new_branch()
    common: dict[str, Any] = {"server_port": server_port, "call_id": call_id, "branch": branch}
    sip.send(
        request("INVITE", sip.port, body=body, content_length=content_length, **common),
        server_port,
    )
    reply = await sip.response(call_id, "INVITE", within)
    if reply is not None and reply.status is not None and reply.status >= 300:
        sip.send(request("ACK", sip.port, to_tag=reply.to_tag, **common), server_port)
    return call_id, reply


async def read_sip(reader: asyncio.StreamReader, within: float) -> bytes | str | None:
    """One message from a stream; None when nothing came in time, "closed" at EOF/reset."""
    try:
        async with asyncio.timeout(within):
            head = await reader.readuntil(b"\r\n\r\n")
            found = re.search(rb"(?im)^(?:content-length|l)\s*:\s*(\d+)", head)
            return head + await reader.readexactly(int(found.group(1)) if found else 0)
    except TimeoutError:
        return None
    except (asyncio.IncompleteReadError, ConnectionError):
        return "closed"


def code(reply: Sip | None) -> int | None:
    return None if reply is None else reply.status


def status_of(message: bytes | str | None) -> int | str | None:
    if isinstance(message, bytes):
        return Sip.parse(message).status
    return message


# -- RTP -----------------------------------------------------------------------------------------


def rtp(pt: int, seq: int, ts: int, ssrc: int, payload: bytes) -> bytes:
    return struct.pack("!BBHII", 0x80, pt & 0x7F, seq & 0xFFFF, ts & 0xFFFF_FFFF, ssrc) + payload


def dtmf_end(event: int, duration: int = 800) -> bytes:
    """An RFC 4733 end-of-event report (E bit set, volume 10)."""
    return struct.pack("!BBH", event, 0x80 | 10, duration)


# -- the test's view of the server ---------------------------------------------------------------


@contextlib.contextmanager
def loop_errors() -> Iterator[list[str]]:
    """What reaches the loop's exception handler meanwhile (still logged as usual)."""
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()
    seen: list[str] = []

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        seen.append(f"{context.get('message')}: {context.get('exception')!r}")
        loop.default_exception_handler(context)

    loop.set_exception_handler(handler)
    try:
        yield seen
    finally:
        loop.set_exception_handler(previous)


async def until(predicate: Callable[[], bool], within: float, what: str) -> None:
    try:
        async with asyncio.timeout(within):
            while not predicate():  # noqa: ASYNC110 - polled state of the server in this loop
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise AssertionError(f"not within {within} s: {what}") from None


def confirmed(srv: RunningServer, call_id: str | None = None) -> Callable[[], bool]:
    def check() -> bool:
        return any(
            (call_id is None or cid == call_id) and a.sip.state is CallState.CONFIRMED
            for cid, a in srv.server.active.items()
        )

    return check
