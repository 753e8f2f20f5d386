"""Bad media at a real ``careline serve``: RTP of a wrong payload type from another port
before the caller's first packet, and an SDP offer with audio port 65535. Neither may steer
where our audio goes or take the server down. Regressions for product bugs the bad-input tests
found.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from agent.engine import Engine
from agent.serve import CallServer
from tests.telephony.raw_sip import (
    LOOPBACK,
    SipUdp,
    Udp,
    code,
    confirmed,
    loop_errors,
    new_call_id,
    offer,
    request,
    rtp,
    until,
)
from tests.telephony.sip_server import running_server

pytestmark = [pytest.mark.models, pytest.mark.slow]


async def test_a_dropped_rtp_packet_does_not_steer_where_our_audio_goes(
    careline_engine: Engine, tmp_path: Path
) -> None:
    async with running_server(careline_engine, tmp_path) as srv:
        sip, media, other = SipUdp(), Udp(), Udp()
        try:
            call_id = new_call_id()
            common: dict[str, Any] = {"server_port": srv.port, "call_id": call_id}
            sip.send(request("INVITE", sip.port, body=offer(media.port), **common), srv.port)
            ok = await sip.response(call_id, "INVITE", 10.0)
            assert ok is not None and ok.status == 200, ok
            sip.send(request("ACK", sip.port, to_tag=ok.to_tag, **common), srv.port)
            await until(confirmed(srv, call_id), 5, "call confirmed")
            leg = srv.server.active[call_id].leg
            # before the caller's first packet: a wrong payload type from another port
            other.send(rtp(96, 1, 0, 0xBAD, b"\x00" * 160), leg.port)
            await asyncio.sleep(0.1)
            for i in range(5):  # then the caller's own audio, from the port its SDP names
                media.send(rtp(8, 100 + i, 160 * i, 0x600D, b"\xd5" * 160), leg.port)
            await asyncio.sleep(0.1)
            counters, remote = dict(leg.media.counters), leg.media.remote
            sip.send(request("BYE", sip.port, cseq=2, to_tag=ok.to_tag, **common), srv.port)
            await sip.response(call_id, "BYE", 5.0)
            await srv.wait_finished(1)
        finally:
            for sock in (sip, media, other):
                sock.close()
    assert counters["wrong_payload_type"] == 1 and counters["rtp_received"] == 5, counters
    assert remote == (LOOPBACK, media.port), f"our audio goes to {remote}, not the caller"


async def test_an_audio_port_of_65535_does_not_take_the_server_down(
    careline_engine: Engine, tmp_path: Path
) -> None:
    server: CallServer | None = None
    crashed: Exception | None = None
    options = received = None
    with loop_errors() as errors:
        try:
            async with running_server(careline_engine, tmp_path) as srv:
                server = srv.server
                sip, media = SipUdp(), Udp()
                try:
                    call_id = new_call_id()
                    common: dict[str, Any] = {"server_port": srv.port, "call_id": call_id}
                    sip.send(request("INVITE", sip.port, body=offer(65_535), **common), srv.port)
                    ok = await sip.response(call_id, "INVITE", 10.0)
                    assert ok is not None and ok.status in (200, 488), ok
                    if ok.status == 200:  # answered: the call must outlive its first RTCP report
                        sip.send(request("ACK", sip.port, to_tag=ok.to_tag, **common), srv.port)
                        await until(confirmed(srv, call_id), 5, "call confirmed")
                        leg = srv.server.active[call_id].leg
                        await until(
                            lambda: leg.media.counters["rtcp_sent"] > 0, 6, "our first RTCP"
                        )
                        await asyncio.sleep(0.3)
                        for i in range(5):  # is the call's RTP socket still there?
                            media.send(rtp(8, i, 160 * i, 0x600D, b"\xd5" * 160), leg.port)
                        await asyncio.sleep(0.2)
                        received = leg.media.counters["rtp_received"]
                    probe = new_call_id()  # and is the server?
                    sip.send(
                        request("OPTIONS", sip.port, server_port=srv.port, call_id=probe),
                        srv.port,
                    )
                    options = code(await sip.response(probe, "OPTIONS", 2.0))
                    if ok.status == 200:
                        bye = request("BYE", sip.port, cseq=2, to_tag=ok.to_tag, **common)
                        sip.send(bye, srv.port)
                        await sip.response(call_id, "BYE", 3.0)
                finally:
                    sip.close()
                    media.close()
        except Exception as exc:  # the server task's ExceptionGroup, as running_server ends
            crashed = exc
        finally:
            if server is not None:
                await server.transport.close()  # a crashed serve() leaves its sockets open
    assert crashed is None, repr(crashed)
    assert options == 200, "the server no longer answers"
    assert received in (None, 5), received
    assert errors == []
