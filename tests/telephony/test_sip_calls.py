"""Real phone calls into a real ``careline serve``: sipp and baresip on loopback."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from agent.engine import Engine
from tests.telephony.peers import Sipp
from tests.telephony.sip_server import phone_audio, running_server, scenario

pytestmark = [pytest.mark.models, pytest.mark.slow]


async def test_sipp_caller_speaks_presses_a_digit_and_hangs_up(
    careline_engine: Engine, tmp_path: Path
) -> None:
    _, alaw, seconds = phone_audio("What time do you open on Saturday?", tmp_path / "audio")
    xml = scenario(
        "caller.xml", AUDIO=alaw, GREETING_MS=9000, SECONDS_MS=int(seconds * 1000) + 5000
    )
    async with running_server(careline_engine, tmp_path) as srv:
        sipp = Sipp(xml, f"127.0.0.1:{srv.port}", workdir=tmp_path / "sipp", timeout=40)
        result = await asyncio.to_thread(sipp.run)
        await srv.wait_finished(1)
    assert result.ok, result.errors
    (record,) = srv.call_records()
    assert record["end_reason"] == "caller_hangup"
    assert record["caller"]["number"] == "5551230000"
    assert record["caller"]["headers"]["X-Clinic-Queue"] == "main"
    caller = [t for t in record["turns"] if t["speaker"] == "caller"]
    words = " ".join(t["text"] for t in caller).lower()
    assert "saturday" in words, caller
    assert any(t.get("dtmf") == "1" for t in caller), caller
    bot = [t["text"] for t in record["turns"] if t["speaker"] == "bot"]
    assert len(bot) >= 2 and any("9" in t or "nine" in t.lower() for t in bot[1:]), bot
