"""Real phone calls into a real ``careline serve``: sipp and baresip on loopback."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest

from agent.engine import Engine
from telephony.sip.registration import RegistrationConfig, RegistrationState
from telephony.sip.transaction import Address
from tests.telephony.peers import Baresip, BaresipTls, Kamailio, Sipp, free_port, wav_info
from tests.telephony.sip_server import (
    phone_audio,
    running_server,
    scenario,
    self_signed_certificate,
)
from tests.telephony.test_peers import UAC_VIA_PROXY_XML

pytestmark = [pytest.mark.models, pytest.mark.slow]


@pytest.mark.parametrize("transport", ["udp", "tcp"])
async def test_sipp_caller_speaks_presses_a_digit_and_hangs_up(
    careline_engine: Engine, tmp_path: Path, transport: str
) -> None:
    # The whole call over either transport: a trunk that sends SIP over TCP (large INVITEs,
    # NAT-friendly) gets the same agent, with the media on RTP either way.
    _, alaw, seconds = phone_audio("What time do you open on Saturday?", tmp_path / "audio")
    xml = scenario(
        "caller.xml", AUDIO=alaw, GREETING_MS=9000, SECONDS_MS=int(seconds * 1000) + 5000
    )
    async with running_server(careline_engine, tmp_path) as srv:
        sipp = Sipp(
            xml,
            f"127.0.0.1:{srv.port}",
            workdir=tmp_path / "sipp",
            timeout=40,
            transport="u1" if transport == "udp" else "t1",
        )
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


@pytest.mark.parametrize("transport", ["udp", "tcp"])
async def test_registers_to_kamailio_with_digest_and_takes_a_call_through_it(
    careline_engine: Engine, tmp_path: Path, transport: str
) -> None:
    # Over TCP careline opens the connection itself (it has none to the PBX until then).
    with Kamailio({"careline": "s3cret"}, workdir=tmp_path, tcp=transport == "tcp") as proxy:
        register = RegistrationConfig(
            Address(transport, "127.0.0.1", proxy.port), proxy.address, "careline", "s3cret"
        )
        async with running_server(careline_engine, tmp_path, register=register) as srv:
            registration = srv.server.ua.registrations[0]
            async with asyncio.timeout(10):
                while registration.state is not RegistrationState.REGISTERED:  # noqa: ASYNC110 - polled state of a sans-I/O object
                    await asyncio.sleep(0.05)
            caller = Sipp(UAC_VIA_PROXY_XML, proxy.address, service="careline", workdir=tmp_path)
            result = await asyncio.to_thread(caller.run)
            await srv.wait_finished(1)
    assert result.ok, f"{result}\n{proxy.describe()}"
    assert srv.server.status()["registrations"][0]["state"] == "registered"
    (record,) = srv.call_records()
    assert record["end_reason"] == "caller_hangup"
    assert registration.granted is not None and registration.failures == 0


async def test_refer_transfer_to_a_pbx_queue_that_sipp_accepts(
    careline_engine: Engine, tmp_path: Path
) -> None:
    async with running_server(careline_engine, tmp_path) as srv:
        pbx = Sipp(
            scenario("transferee.xml"), f"127.0.0.1:{srv.port}", workdir=tmp_path, timeout=20
        )
        running = asyncio.create_task(asyncio.to_thread(pbx.run), name="sipp-transferee")
        async with asyncio.timeout(10):
            while not srv.server.active:  # noqa: ASYNC110 - waiting for sipp's INVITE to land
                await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # past the ACK
        (call_id,) = srv.server.active
        assert srv.server.transfer_to_pbx(call_id, "sip:nurses@127.0.0.1:5099")
        result = await running
        await srv.wait_finished(1)
    assert result.ok, result.errors
    (record,) = srv.call_records()
    assert record["end_reason"] == "transfer_completed"


async def test_late_offer_our_offer_in_the_200_and_the_answer_in_the_ack(
    careline_engine: Engine, tmp_path: Path
) -> None:
    async with running_server(careline_engine, tmp_path) as srv:
        pbx = Sipp(
            scenario("late-offer.xml"), f"127.0.0.1:{srv.port}", workdir=tmp_path, timeout=20
        )
        result = await asyncio.to_thread(pbx.run)
        await srv.wait_finished(1)
    assert result.ok, result.errors
    (record,) = srv.call_records()
    assert record["end_reason"] == "caller_hangup"
    assert record["turns"][0]["speaker"] == "bot"  # the greeting was played on PCMA


def _pad(wav: Path, before: float, after: float) -> Path:
    padded = wav.with_name("padded.wav")
    subprocess.run(["sox", str(wav), str(padded), "pad", str(before), str(after)], check=True)
    return padded


async def test_baresip_over_tls_with_srtp(careline_engine: Engine, tmp_path: Path) -> None:
    cert, key, both = self_signed_certificate(tmp_path / "tls")
    wav, _, _ = phone_audio("What time do you open on Saturday?", tmp_path / "audio")
    padded = _pad(wav, before=9, after=10)  # silence through the greeting, then speech
    tls_port = free_port("tcp")
    async with running_server(
        careline_engine, tmp_path, tls_port=tls_port, tls_cert=cert, tls_key=key
    ) as srv:
        phone = Baresip(
            wav=padded, workdir=tmp_path / "baresip", tls=BaresipTls(both, cert), lifetime=60
        )
        with phone:
            target = f"sip:careline@127.0.0.1:{tls_port};transport=tls"
            await asyncio.to_thread(phone.dial, target, timeout=15)
            await asyncio.sleep(15)
            srtp = next(iter(srv.server.active.values())).leg.srtp
            await asyncio.to_thread(phone.hangup)
            await srv.wait_finished(1)
        heard = phone.recordings("dec")
    # Every media packet authenticated (baresip's plain RTCP PING and BYE count apart).
    assert srtp is not None and srtp.counters["srtp_auth_failed"] == 0, srtp.counters
    (record,) = srv.call_records()
    words = " ".join(t["text"] for t in record["turns"] if t["speaker"] == "caller").lower()
    assert "saturday" in words, record["turns"]  # the caller's SRTP was decrypted and heard
    assert heard and wav_info(heard[0]).rms > 300  # and careline's SRTP reached the phone
