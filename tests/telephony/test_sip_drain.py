"""SIGTERM drains ``careline serve``: new calls get 503, a call in progress is given the drain
time, then ended politely with a BYE and the reason ``shutdown`` in its record.

A real SIGTERM to this process reaches the server through ``install_signal_handlers``, as it
does from systemd or Ctrl-C; sipp holds the call in progress.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import time
from pathlib import Path

from agent.engine import Engine
from agent.serve import CallServer, ServeConfig, install_signal_handlers
from tests.telephony.peers import Sipp, free_port
from tests.telephony.raw_sip import new_call_id, request
from tests.telephony.sip_server import RunningServer, scenario

DRAIN_S = 3.0


def invite_answer(server_port: int) -> str:
    """One INVITE from a fresh port: the status line of careline's final answer."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(3)
        local = sock.getsockname()[1]
        sock.sendto(request("INVITE", local, server_port=server_port, call_id=new_call_id()),
                    ("127.0.0.1", server_port))  # fmt: skip
        while True:
            status = sock.recv(65535).split(b"\r\n", 1)[0].decode()
            if not status.startswith("SIP/2.0 1"):
                return status


async def test_sigterm_drains_then_ends_the_lingering_call(
    careline_engine: Engine, tmp_path: Path
) -> None:
    port, rtp = free_port("both"), free_port("udp", span=20)
    config = ServeConfig(
        sip_port=port,
        rtp_ports=(rtp + rtp % 2, rtp + 18),
        records_dir=tmp_path / "records",
        drain_timeout=DRAIN_S,
        media_timeout=600,  # the silent caller is not hung up for silence, only by the drain
    )
    server = CallServer(careline_engine, config)
    stop, ready = asyncio.Event(), asyncio.Event()
    loop = asyncio.get_running_loop()
    install_signal_handlers(stop)
    try:
        serving = asyncio.create_task(server.serve(stop, ready))
        await asyncio.wait_for(ready.wait(), 10)
        xml = scenario("silent-caller.xml", BYE_WITHIN_MS=30_000)
        caller = Sipp(xml, f"127.0.0.1:{port}", workdir=tmp_path / "sipp", timeout=40)
        call = asyncio.create_task(asyncio.to_thread(caller.run))
        for _ in range(100):
            if server.active:
                break
            await asyncio.sleep(0.1)
        assert server.active, "the call never started"
        os.kill(os.getpid(), signal.SIGTERM)
        sent = time.monotonic()
        await asyncio.sleep(0.2)
        assert server.ua.accepting is False
        refused = await asyncio.to_thread(invite_answer, port)
        assert refused.startswith("SIP/2.0 503"), refused
        assert len(server.active) == 1  # the call in progress is not cut off at once
        result = await call
        ended_after = time.monotonic() - sent
        await asyncio.wait_for(serving, 30)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    assert result.ok, f"{result}\n{caller.describe()}"  # sipp got careline's BYE, answered 200
    assert DRAIN_S <= ended_after < DRAIN_S + 5, ended_after
    records = RunningServer(server, port, tmp_path / "records").call_records()
    answered = [r for r in records if r.get("answered", True)]
    (record,) = answered
    assert record["end_reason"] == "shutdown", record["end_reason"]
