"""Numbers in SIP headers that ``str.isdigit()`` accepts and ``int()`` refuses (a superscript
two in CSeq, Content-Length, a Via or Contact port, Session-Expires), over UDP and TCP: each
message is dropped and counted, and the server, and the TCP connection it came on, carry on.
Regressions for a product bug the bad-input tests found.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import pytest

from agent.engine import Engine
from tests.telephony.raw_sip import (
    LOOPBACK,
    SipUdp,
    loop_errors,
    new_branch,
    new_call_id,
    read_sip,
    request,
    status_of,
)
from tests.telephony.sip_server import running_server

pytestmark = [pytest.mark.models, pytest.mark.slow]
SUPERSCRIPT_TWO = "\u00b2"  # str.isdigit() says yes, int() says no


async def test_unicode_digits_in_sip_numbers_are_dropped_and_counted(
    careline_engine: Engine, tmp_path: Path
) -> None:
    two = SUPERSCRIPT_TWO
    with loop_errors() as errors:
        async with running_server(careline_engine, tmp_path) as srv:
            sip = SipUdp()
            try:
                variants: list[dict[str, Any]] = [
                    {"method": "OPTIONS", "cseq_text": f"{two} OPTIONS"},
                    {"method": "OPTIONS", "content_length": two},
                    {
                        "method": "OPTIONS",
                        "via": False,
                        "extra": [f"Via: SIP/2.0/UDP {LOOPBACK}:{two};branch={new_branch()}"],
                    },
                    {"method": "INVITE", "extra": [f"Session-Expires: {two}"]},
                    # a Contact port fails only as the dialog is built
                    {"method": "INVITE", "contact": f"<sip:x@{LOOPBACK}:{two}>"},
                ]
                for kw in variants:
                    method = kw.pop("method")
                    data = request(
                        method, sip.port, server_port=srv.port, call_id=new_call_id(), **kw
                    )
                    sip.send(data, srv.port)
                await sip.everything(0.5)
                call_id = new_call_id()
                sip.send(
                    request("OPTIONS", sip.port, server_port=srv.port, call_id=call_id), srv.port
                )
                alive = await sip.response(call_id, "OPTIONS", 2.0)
            finally:
                sip.close()
            counted = sum(srv.server.ua.counters.values())
    assert alive is not None and alive.status == 200
    assert errors == []
    assert counted == len(variants)


async def test_a_bad_number_on_a_tcp_connection_does_not_cut_the_connection(
    careline_engine: Engine, tmp_path: Path
) -> None:
    with loop_errors() as errors:
        async with running_server(careline_engine, tmp_path) as srv:
            reader, writer = await asyncio.open_connection(LOOPBACK, srv.port)
            local = writer.get_extra_info("sockname")[1]

            def options(**kw: Any) -> bytes:
                return request(
                    "OPTIONS",
                    local,
                    server_port=srv.port,
                    call_id=new_call_id(),
                    transport="TCP",
                    **kw,
                )

            try:
                writer.write(options())
                before = status_of(await read_sip(reader, 3.0))
                writer.write(options(cseq_text=f"{SUPERSCRIPT_TWO} OPTIONS"))
                await asyncio.sleep(0.3)
                writer.write(options())
                after = status_of(await read_sip(reader, 3.0))
            finally:
                writer.close()
                with contextlib.suppress(ConnectionError):
                    await writer.wait_closed()
    assert before == 200
    assert after == 200, after
    assert errors == []
