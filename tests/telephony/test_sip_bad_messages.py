"""Bad SIP messages at a real ``careline serve``: garbage datagrams, keep-alives, stray
responses, wrong Content-Length, header lines without a colon, 10,000 headers, SDP it cannot
answer, requests for dialogs that do not exist, a 1 MB INVITE over TCP and methods it does not
support. Each gets the answer the RFC gives, or is dropped and counted; nothing crashes.

``fire_bad_sip`` sends the whole set; ``test_sip_bad_input_mid_call`` fires it again while a
good call is up. The tests after the first are product bugs these found, kept as regressions.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agent.engine import Engine
from tests.telephony.raw_sip import (
    LOOPBACK,
    UDP_MAX,
    Sip,
    SipUdp,
    Udp,
    code,
    invite_exchange,
    loop_errors,
    new_call_id,
    offer,
    read_sip,
    request,
    status_of,
)
from tests.telephony.sip_server import running_server

pytestmark = [pytest.mark.models, pytest.mark.slow]
# No blank line after the head, broken UTF-8, binary, HTTP, a head with no headers...: none
# is a message, each is dropped and counted as ``dropped_malformed``.
GARBAGE: list[bytes] = [
    b"x",
    b"hello, is this the clinic?",
    b"\x00" * 512,
    b"\xff\xfe" * 700,
    b"INVITE",
    b"INVITE sip:careline@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1",  # cut short
    b"GET / HTTP/1.1\r\nHost: careline\r\n\r\n",
    b"SIP/2.0 200 OK\r\n\r\n",
    b"OPTIONS sip:careline@127.0.0.1 SIP/2.0\r\nVia: \xc3\x28\r\n\r\n",  # not UTF-8
    b"OPTIONS sip:careline@127.0.0.1 SIP/3.0\r\n\r\n",
    b"\r\n\r\n\r\nBYE\r\n\r\n",
    *map(random.Random(7).randbytes, (1, 13, 172, 1400, 9000, 60_000)),
]
KEEPALIVES = [b"\r\n", b"\r\n\r\n"]  # RFC 5626 pings: neither answered nor counted


# -- the bad SIP ---------------------------------------------------------------------------------

# name -> the outcomes the RFC allows: a status code, None for "no answer" (dropped), or
# "closed" for a TCP connection the server shut.
EXPECTED: dict[str, set[int | str | None]] = {
    "garbage datagrams": {None},
    "keep-alive CRLFs": {None},
    "a stray response": {None},
    "Content-Length larger than the body": {400},
    # §21.4.1 asks for 400; careline drops it (see the xfail test below), which the issue
    # also accepts while the bug is open.
    "a header line without a colon": {400, None},
    "a header line without a colon, no Via": {None},
    "10,000 headers (udp)": {None, 400, 413, 513},
    "SDP with no audio stream": {488},
    "SDP with audio port 0": {488},
    "a body that is not SDP": {400},
    "BYE for an unknown dialog": {481},
    "BYE for an unknown Call-ID, no To tag": {481},
    "CANCEL for an unknown INVITE": {481},
    "OPTIONS": {200},
    "1 MB INVITE (tcp)": {"closed"},
    "10,000 headers (tcp)": {None, 400, 413, 513},
    "OPTIONS on that TCP connection afterwards": {200},
}


async def fire_bad_sip(port: int) -> tuple[dict[str, int | str | None], int]:
    """Every bad SIP input of the issue, at the server's SIP port. Returns what each got
    (see ``EXPECTED``) and how many should be counted ``dropped_malformed``."""
    got: dict[str, int | str | None] = {}
    malformed = 0
    socks: list[Udp] = []

    def udp() -> SipUdp:
        sock = SipUdp()
        socks.append(sock)
        return sock

    async def one_shot(name: str, data: bytes | Callable[[int], bytes]) -> None:
        """Send one datagram (or build it for the sending socket's port) and note the answer."""
        sock = udp()
        sock.send(data(sock.port) if callable(data) else data, port)
        answers = await sock.everything(0.4)
        got[name] = Sip.parse(answers[0]).status if answers else None

    try:
        garbage = udp()
        for data in GARBAGE:
            garbage.send(data, port)
        malformed += len(GARBAGE)
        got["garbage datagrams"] = len(await garbage.everything(0.5)) or None
        await one_shot("keep-alive CRLFs", b"".join(KEEPALIVES))
        stray = (
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-never-sent\r\n"
            f"From: <sip:careline@{LOOPBACK}>;tag=a\r\nTo: <sip:x@{LOOPBACK}>;tag=b\r\n"
            f"Call-ID: {new_call_id()}\r\nCSeq: 7 BYE\r\nContent-Length: 0\r\n\r\n"
        )
        await one_shot("a stray response", stray.encode())

        sip = udp()
        body = offer(40_000)
        _, reply = await invite_exchange(sip, port, body, content_length=len(body) + 500)
        got["Content-Length larger than the body"] = code(reply)
        malformed += 1

        def options(**kw: Any) -> Callable[[int], bytes]:
            def build(local: int) -> bytes:
                data = request("OPTIONS", local, server_port=port, call_id=new_call_id(), **kw)
                assert len(data) < UDP_MAX
                return data

            return build

        no_colon = ["This line has no colon"]
        await one_shot("a header line without a colon", options(extra=no_colon))
        await one_shot("a header line without a colon, no Via", options(extra=no_colon, via=False))
        await one_shot("10,000 headers (udp)", options(extra=["X:1"] * 10_000))
        malformed += 3

        video = "m=video 40000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
        _, reply = await invite_exchange(udp(), port, offer(0, m_line=video))
        got["SDP with no audio stream"] = code(reply)
        port_zero = "m=audio 0 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
        _, reply = await invite_exchange(udp(), port, offer(0, m_line=port_zero))
        got["SDP with audio port 0"] = code(reply)
        _, reply = await invite_exchange(udp(), port, b"this is not a session description\r\n")
        got["a body that is not SDP"] = code(reply)

        for name, method, tag in [
            ("BYE for an unknown dialog", "BYE", "nosuchdialog"),
            ("BYE for an unknown Call-ID, no To tag", "BYE", None),
            ("CANCEL for an unknown INVITE", "CANCEL", None),
            ("OPTIONS", "OPTIONS", None),
        ]:
            sip, call_id = udp(), new_call_id()
            sip.send(request(method, sip.port, server_port=port, call_id=call_id, to_tag=tag), port)
            reply = await sip.response(call_id, method, 2.0)
            got[name] = code(reply)
            if method == "OPTIONS" and reply is not None:
                assert "INVITE" in reply.header("Allow"), reply

        got["1 MB INVITE (tcp)"] = await oversized_over_tcp(port)
        headers, after = await many_headers_then_options_over_tcp(port)
        got["10,000 headers (tcp)"] = headers
        got["OPTIONS on that TCP connection afterwards"] = after
        malformed += 1
    finally:
        for opened in socks:
            opened.close()
    return got, malformed


async def oversized_over_tcp(port: int) -> int | str | None:
    """An INVITE with a 1 MB body on a stream: the framer refuses it and closes the
    connection (a UDP datagram cannot even carry it)."""
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    local = writer.get_extra_info("sockname")[1]
    body = offer(40_000) + b"a=x-huge:" + b"h" * 1_000_000 + b"\r\n"
    message = request(
        "INVITE", local, server_port=port, call_id=new_call_id(), body=body, transport="TCP"
    )
    try:
        writer.write(message)
        with contextlib.suppress(ConnectionError, TimeoutError):
            async with asyncio.timeout(5):
                await writer.drain()
        return status_of(await read_sip(reader, 5.0))
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def many_headers_then_options_over_tcp(
    port: int,
) -> tuple[int | str | None, int | str | None]:
    """10,000 headers in one message that still fits the framer (under 64 KB): refused as a
    message, but the connection's framing is intact, so the next request is served."""
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    local = writer.get_extra_info("sockname")[1]

    def options(**kw: Any) -> bytes:
        return request(
            "OPTIONS", local, server_port=port, call_id=new_call_id(), transport="TCP", **kw
        )

    try:
        writer.write(options(extra=["X:1"] * 10_000))
        first = status_of(await read_sip(reader, 0.5))
        writer.write(options())
        return first, status_of(await read_sip(reader, 3.0))
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


def unexpected(got: dict[str, int | str | None]) -> list[str]:
    return [
        f"{name}: got {got.get(name, 'nothing sent')!r}, want one of {sorted(map(str, want))}"
        for name, want in EXPECTED.items()
        if got.get(name, "nothing sent") not in want
    ]


# -- the tests -----------------------------------------------------------------------------------


async def test_each_bad_sip_input_gets_its_rfc_answer_or_is_dropped_and_counted(
    careline_engine: Engine, tmp_path: Path
) -> None:
    with loop_errors() as errors:
        async with running_server(careline_engine, tmp_path) as srv:
            free = len(srv.server.ports)
            got, malformed = await fire_bad_sip(srv.port)
            ua_counters = dict(srv.server.ua.counters)
            status = srv.server.status()
    assert not unexpected(got), unexpected(got)
    assert ua_counters == {"dropped_malformed": malformed, "dropped_stream": 1}
    assert status["calls_active"] == 0 and status["calls_finished"] == 0
    assert status["rtp_ports_free"] == free  # the refused INVITEs gave their ports back
    assert errors == []


# -- regressions: bugs these tests found ------------------------------------------


async def test_a_header_line_without_a_colon_gets_400_when_it_can_be_routed(
    careline_engine: Engine, tmp_path: Path
) -> None:
    async with running_server(careline_engine, tmp_path) as srv:
        sip, call_id = SipUdp(), new_call_id()
        try:
            extra = ["This line has no colon"]
            sip.send(
                request("OPTIONS", sip.port, server_port=srv.port, call_id=call_id, extra=extra),
                srv.port,
            )
            reply = await sip.response(call_id, "OPTIONS", 2.0)
        finally:
            sip.close()
    assert reply is not None and reply.status == 400


async def test_an_unsupported_method_outside_a_dialog_gets_405_or_501(
    careline_engine: Engine, tmp_path: Path
) -> None:
    got: dict[str, int | None] = {}
    async with running_server(careline_engine, tmp_path) as srv:
        sip = SipUdp()
        try:
            for method in ("MESSAGE", "SUBSCRIBE", "REGISTER", "FROBNICATE"):
                call_id = new_call_id()
                sip.send(request(method, sip.port, server_port=srv.port, call_id=call_id), srv.port)
                reply = await sip.response(call_id, method, 2.0)
                got[method] = code(reply)
        finally:
            sip.close()
    assert all(status in (405, 501) for status in got.values()), got
