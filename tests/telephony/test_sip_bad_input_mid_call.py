"""A good call in progress while every bad input goes at the server: all of
``fire_bad_sip``'s bad SIP, a second call set up by a 60 KB INVITE over UDP whose caller floods
200 DTMF presses, and bad RTP (another host, wrong payload types, runts) at the good call's own
RTP port. The good call completes as if nothing happened; every bad input is counted.
"""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path
from typing import Any

import pytest

from agent.engine import Engine
from tests.telephony.peers import Sipp
from tests.telephony.raw_sip import (
    BAD_CALLER,
    LOOPBACK,
    UDP_MAX,
    SipUdp,
    Udp,
    code,
    confirmed,
    dtmf_end,
    loop_errors,
    new_branch,
    new_call_id,
    offer,
    request,
    rtp,
    until,
)
from tests.telephony.sip_server import RunningServer, phone_audio, running_server, scenario
from tests.telephony.test_sip_bad_messages import fire_bad_sip, unexpected

pytestmark = [pytest.mark.models, pytest.mark.slow]
# Another host as far as a call's media is concerned (the media layer compares hosts), and
# still loopback: Linux routes all of 127/8 to lo.
OTHER_HOST = "127.0.0.2"
CALLER = "5551230000"  # the good call (caller.xml)

# -- the second call: a 60 KB INVITE over UDP, then a DTMF flood ---------------------------------

FLOOD = 200  # key presses, each a complete RFC 4733 event


async def big_invite_and_dtmf_flood(srv: RunningServer) -> dict[str, Any]:
    """A call set up by a ~60 KB INVITE over UDP (valid SDP padded with an attribute nobody
    reads), whose caller then presses 200 keys in a fraction of a second and hangs up."""
    loop = asyncio.get_running_loop()
    sip, media = SipUdp(), Udp()
    try:
        call_id, branch = new_call_id(), new_branch()
        common: dict[str, Any] = {"server_port": srv.port, "call_id": call_id}
        invite = request(
            "INVITE", sip.port, branch=branch, body=offer(media.port, padding=60_500), **common
        )
        sip.send(invite, srv.port)
        ok = await sip.response(call_id, "INVITE", 10.0)
        seen: dict[str, Any] = {"size": len(invite), "invite": code(ok)}
        if ok is None or ok.status != 200:
            return seen
        sip.send(request("ACK", sip.port, to_tag=ok.to_tag, **common), srv.port)
        await until(confirmed(srv, call_id), 5, "the 60 KB INVITE's call confirmed")
        leg = srv.server.active[call_id].leg
        started = loop.time()
        for i in range(FLOOD):
            media.send(rtp(101, i, 8000 + 800 * i, 0x5EED, dtmf_end(5)), leg.port)
            if i % 20 == 19:
                await asyncio.sleep(0.02)  # bursts of 20: within the socket's buffer
        seen["flood_seconds"] = loop.time() - started
        await asyncio.sleep(0.3)
        seen["media"] = dict(leg.media.counters)
        seen["leg"] = dict(leg.counters)
        sip.send(request("BYE", sip.port, cseq=2, to_tag=ok.to_tag, **common), srv.port)
        bye = await sip.response(call_id, "BYE", 5.0)
        seen["bye"] = code(bye)
        return seen
    finally:
        sip.close()
        media.close()


# -- bad RTP at the good call --------------------------------------------------------------------


async def bad_rtp_at(leg_port: int) -> None:
    """Loud PCMA from another host, wrong payload types and runts from the caller's own host,
    paced over half a second while the caller is speaking."""
    stranger, neighbour = Udp(OTHER_HOST), Udp(LOOPBACK)
    noise = random.Random(3)
    try:
        for i in range(50):
            stranger.send(rtp(8, i, 160 * i, 0xBAD, noise.randbytes(160)), leg_port)
            neighbour.send(
                rtp((0, 96, 18, 127, 9)[i % 5], i, 160 * i, 0xBAD2, b"\xd5" * 160), leg_port
            )
            if i % 5 == 0:
                neighbour.send(b"\x00" * 12 if i % 10 else b"\x80", leg_port)  # not RTP
            await asyncio.sleep(0.01)
    finally:
        stranger.close()
        neighbour.close()


def delta(after: dict[str, int], before: dict[str, int], *names: str) -> dict[str, int]:
    return {n: after.get(n, 0) - before.get(n, 0) for n in names}


async def test_a_call_in_progress_is_not_disturbed_by_any_bad_input(
    careline_engine: Engine, tmp_path: Path
) -> None:
    """The issue's key test: while a good sipp call with speech is up, every bad input goes
    at the server and at that call's RTP port; the call completes as if nothing happened."""
    _, alaw, seconds = phone_audio("What time do you open on Saturday?", tmp_path / "audio")
    xml = scenario(
        "caller.xml", AUDIO=alaw, GREETING_MS=9000, SECONDS_MS=int(seconds * 1000) + 5000
    )
    with loop_errors() as errors:
        async with running_server(careline_engine, tmp_path) as srv:
            free = len(srv.server.ports)
            sipp = Sipp(xml, f"127.0.0.1:{srv.port}", workdir=tmp_path / "sipp", timeout=40)
            good = asyncio.create_task(asyncio.to_thread(sipp.run), name="sipp-good-caller")
            try:
                await until(confirmed(srv), 10, "sipp's call confirmed")
                ((good_id, active),) = srv.server.active.items()
                leg = active.leg
                got, malformed = await fire_bad_sip(srv.port)
                flood = await big_invite_and_dtmf_flood(srv)
                # the caller is speaking now (its RTP latched the call): bad RTP alongside
                await until(lambda: leg.media.counters["rtp_received"] > 0, 20, "caller's RTP")
                remote, before = leg.media.remote, dict(leg.media.counters)
                await bad_rtp_at(leg.port)
                await asyncio.sleep(0.1)
                after, remote_after = dict(leg.media.counters), leg.media.remote
                clock_skips = leg.counters.get("clock_skips", 0)
                good_still_active = good_id in srv.server.active
            finally:
                result = await good
            await srv.wait_finished(2)
            ua_counters = dict(srv.server.ua.counters)
            status = json.loads(json.dumps(srv.server.status()))  # what the status page sends

    # the good call: completed, heard, and its own digit arrived
    assert result.ok, result.errors
    assert good_still_active
    everything = srv.call_records()
    records = {r["caller"]["number"]: r for r in everything if r.get("answered", True)}
    assert set(records) == {CALLER, BAD_CALLER}, records.keys()
    # the INVITEs refused for their SDP still left a record each, with the status they got
    refused = [r for r in everything if r.get("answered") is False]
    assert refused and {(r["end_reason"], r["sip_status"]) for r in refused} == {
        ("no_common_media", 488),
        ("bad_sdp", 400),
    }, refused
    record = records[CALLER]
    assert record["end_reason"] == "caller_hangup", record
    caller = [t for t in record["turns"] if t["speaker"] == "caller"]
    assert "saturday" in " ".join(t["text"] for t in caller).lower(), caller
    assert [t["dtmf"] for t in caller if t.get("dtmf")] == ["1"], caller

    # every bad SIP input got its answer or was dropped and counted
    assert not unexpected(got), unexpected(got)
    assert ua_counters == {"dropped_malformed": malformed, "dropped_stream": 1}, ua_counters

    # the 60 KB INVITE made a call; its DTMF flood was bounded and counted there
    assert 60_000 <= flood["size"] < UDP_MAX, flood["size"]
    assert flood["invite"] == 200 and flood["bye"] == 200, flood
    dtmf = flood["media"]
    allowed = 10 * (int(flood["flood_seconds"]) + 1)  # DtmfReceiver: 10 digits a second
    assert dtmf["dtmf_packets"] > FLOOD // 2, dtmf  # (the kernel may drop a few)
    assert 1 <= dtmf["dtmf_digits"] <= allowed, dtmf
    # every press is either a digit or counted as flood
    assert dtmf["dtmf_flood_dropped"] == dtmf["dtmf_packets"] - dtmf["dtmf_digits"], dtmf
    assert dtmf["events_dropped"] == 0 and "dropped_digits" not in flood["leg"], flood
    assert records[BAD_CALLER]["end_reason"] == "caller_hangup"

    # bad RTP at the good call: ignored and counted, and it did not steer our media
    changed = delta(
        after, before, "unknown_source", "wrong_payload_type", "rtp_malformed", "relatched"
    )
    assert changed == {
        "unknown_source": 50,
        "wrong_payload_type": 50,
        "rtp_malformed": 10,
        "relatched": 0,
    }, changed
    assert remote_after == remote
    assert clock_skips == 0  # its media clock never stalled through all of it

    # what the status page shows, and nothing crashed anywhere
    assert status["sip"] == ua_counters
    assert status["calls_active"] == 0 and status["calls_finished"] == 2, status
    assert status["rtp_ports_free"] == free and status["accepting"] is True, status
    assert errors == []
