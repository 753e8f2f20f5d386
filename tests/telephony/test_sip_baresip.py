"""End to end against real peers: a baresip softphone and sipp scenarios call a real
``careline serve`` on loopback, and what each side heard and saw is checked.

* baresip plays a recorded caller (flite, phone band) and records what careline says; the
  recording is transcribed with careline's own recogniser to hear the greeting.
* baresip presses keys (RFC 4733 events), puts the call on hold and takes it back.
* sipp cancels a call while careline is still ringing, and plays a caller whose audio never
  arrives, so that careline hangs up itself after its media timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agent.audio import load_audio
from agent.engine import Engine
from agent.record import CallRecord, apply
from tests.telephony.peers import Baresip, Sipp, wav_info
from tests.telephony.sip_server import RunningServer, phone_audio, running_server, scenario

pytestmark = [pytest.mark.models, pytest.mark.slow]

GREETING_S = 10  # careline's greeting lasts about 9 s: the caller keeps quiet through it


def _padded(wav: Path, before: float, after: float) -> Path:
    """``wav`` with silence around it, so baresip's file lasts longer than the call (baresip
    ends the call when its audio file ends)."""
    out = wav.with_name(f"padded-{before:g}-{after:g}.wav")
    subprocess.run(["sox", str(wav), str(out), "pad", str(before), str(after)], check=True)
    return out


def _silence(folder: Path, seconds: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "silence.wav"
    subprocess.run(
        ["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", str(out), "trim", "0", str(seconds)],
        check=True,
    )
    return out


def _live_record(srv: RunningServer) -> dict[str, Any]:
    """The call in progress as its journal has it so far (the newest journal)."""
    journals = sorted(srv.records.glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
    record = CallRecord("live").data
    if not journals:
        return record
    for line in journals[-1].read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(json.JSONDecodeError):  # a line being written right now
            apply(record, json.loads(line))
    return record


async def _until(check: Callable[[], Any], within: float, what: str) -> None:
    try:
        async with asyncio.timeout(within):
            while not check():  # noqa: ASYNC110 - polling a peer's or the server's state
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"{what}: not within {within} s") from None


def _caller_turns(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in record["turns"] if t["speaker"] == "caller"]


def _flat(text: str) -> str:
    """Lower case letters and digits only: "9-1-1" and "911" read the same."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


# ---------------------------------------------------------------------------- baresip calls


async def test_baresip_caller_hears_the_greeting_and_is_heard(
    careline_engine: Engine, tmp_path: Path
) -> None:
    wav, _, _ = phone_audio("What time do you open on Saturday?", tmp_path / "audio")
    caller_wav = _padded(wav, before=GREETING_S, after=30)
    async with running_server(careline_engine, tmp_path) as srv:
        with Baresip(wav=caller_wav, workdir=tmp_path / "baresip", lifetime=60) as phone:
            await asyncio.to_thread(phone.dial, f"sip:careline@127.0.0.1:{srv.port}", timeout=10)

            def answered() -> bool:  # the question was heard and the bot began its reply
                turns = _live_record(srv)["turns"]
                asked = [i for i, t in enumerate(turns) if t["speaker"] == "caller" and t["text"]]
                return bool(asked) and any(t["speaker"] == "bot" for t in turns[asked[0] :])

            await _until(answered, GREETING_S + 20, "caller's question transcribed and answered")
            await asyncio.sleep(2.0)  # some of the answer reaches the phone
            await asyncio.to_thread(phone.hangup)
            await asyncio.to_thread(phone.wait_event, "CALL_CLOSED", timeout=5)
            await srv.wait_finished(1)
        heard = phone.recordings("dec")  # read once baresip has exited and closed the file
    (record,) = srv.call_records()
    assert record["end_reason"] == "caller_hangup", record["end_reason"]
    assert record["caller"]["number"] == "caller"  # baresip's account user, from From
    caller = _caller_turns(record)
    assert "saturday" in " ".join(t["text"] for t in caller).lower(), caller
    assert "Riverside Family Clinic" in record["turns"][0]["text"], record["turns"][0]

    # What the phone received, through G.711 and baresip's jitter buffer, is the greeting.
    assert len(heard) == 1, heard
    info = wav_info(heard[0])
    assert info.seconds > GREETING_S and info.rms > 300, info
    greeting = load_audio(heard[0], max_seconds=GREETING_S)
    text = careline_engine.stt.transcribe(greeting, final=True).text
    flat = _flat(text)
    assert "riverside" in flat and "clinic" in flat, text
    assert "emergency" in flat, text
    assert "911" in flat or "nineoneone" in flat, text


async def test_baresip_keypad_digits_become_a_caller_turn(
    careline_engine: Engine, tmp_path: Path
) -> None:
    quiet = _silence(tmp_path / "audio", 60)
    async with running_server(careline_engine, tmp_path) as srv:
        with Baresip(wav=quiet, workdir=tmp_path / "baresip", lifetime=60) as phone:
            await asyncio.to_thread(phone.dial, f"sip:careline@127.0.0.1:{srv.port}", timeout=10)
            await _until(lambda: _live_record(srv)["turns"], 10, "the greeting started")
            await asyncio.sleep(1.0)
            # pressed over the greeting, as callers do; '#' ends the entry at once
            await asyncio.to_thread(phone.send_dtmf, "123#", gap=0.3)

            def keyed() -> bool:
                return any(t.get("dtmf") for t in _caller_turns(_live_record(srv)))

            await _until(keyed, 10, "a caller turn with the digits")
            (active,) = srv.server.active.values()
            media = dict(active.leg.media.counters)
            await asyncio.to_thread(phone.hangup)
            await asyncio.to_thread(phone.wait_event, "CALL_CLOSED", timeout=5)
            await srv.wait_finished(1)
    (record,) = srv.call_records()
    keyed_turns = [t for t in _caller_turns(record) if t.get("dtmf")]
    assert [t["dtmf"] for t in keyed_turns] == ["123"], record["turns"]
    assert record["end_reason"] == "caller_hangup"
    # RFC 4733 events on the RTP stream, each digit once however many end packets it had
    assert media["dtmf_digits"] == 4 and media["dtmf_malformed"] == 0, media


async def test_baresip_hold_and_resume(careline_engine: Engine, tmp_path: Path) -> None:
    quiet = _silence(tmp_path / "audio", 60)
    async with running_server(careline_engine, tmp_path) as srv:
        with Baresip(wav=quiet, workdir=tmp_path / "baresip", lifetime=60) as phone:
            await asyncio.to_thread(phone.dial, f"sip:careline@127.0.0.1:{srv.port}", timeout=10)
            (active,) = srv.server.active.values()
            leg, sip = active.leg, active.sip
            await asyncio.sleep(1.0)

            await asyncio.to_thread(phone.command_line, "hold")
            await _until(lambda: leg.on_hold, 5, "careline on hold after baresip's re-INVITE")
            assert b"a=recvonly" in sip.answer_body, sip.answer_body  # the 200 it sent
            await asyncio.sleep(0.3)  # packets already on the way
            sent_held = leg.media.counters["rtp_sent"]
            received_held = leg.media.counters["rtp_received"]
            await asyncio.sleep(1.5)
            sent_after_hold = leg.media.counters["rtp_sent"]
            received_after_hold = leg.media.counters["rtp_received"]

            await asyncio.to_thread(phone.command_line, "resume")
            await _until(lambda: not leg.on_hold, 5, "careline off hold after the resume")
            assert b"a=sendrecv" in sip.answer_body, sip.answer_body
            sent_resumed = leg.media.counters["rtp_sent"]
            received_resumed = leg.media.counters["rtp_received"]
            await asyncio.sleep(1.5)
            sent_after_resume = leg.media.counters["rtp_sent"]
            received_after_resume = leg.media.counters["rtp_received"]
            assert srv.server.active, "the call ended on hold or resume"

            await asyncio.to_thread(phone.hangup)
            await asyncio.to_thread(phone.wait_event, "CALL_CLOSED", timeout=5)
            await srv.wait_finished(1)
    assert sent_after_hold == sent_held, "careline kept sending audio to a held caller"
    assert received_after_hold == received_held  # baresip 1.0 is silent while it holds
    assert sent_after_resume - sent_resumed > 50  # 1.5 s of 20 ms packets, give or take
    assert received_after_resume - received_resumed > 50  # both ways again
    (record,) = srv.call_records()
    assert record["end_reason"] == "caller_hangup", record["end_reason"]


async def test_baresip_hold_longer_than_the_media_timeout_keeps_the_call(
    careline_engine: Engine, tmp_path: Path
) -> None:
    quiet = _silence(tmp_path / "audio", 60)
    media_timeout = 3.0
    async with running_server(careline_engine, tmp_path, media_timeout=media_timeout) as srv:
        with Baresip(wav=quiet, workdir=tmp_path / "baresip", lifetime=60) as phone:
            await asyncio.to_thread(phone.dial, f"sip:careline@127.0.0.1:{srv.port}", timeout=10)
            (active,) = srv.server.active.values()
            await asyncio.sleep(0.5)
            await asyncio.to_thread(phone.command_line, "hold")
            await _until(lambda: active.leg.on_hold, 5, "careline on hold")
            await asyncio.sleep(media_timeout + 2)  # a short hold, as holds go
            still_up = bool(srv.server.active)
            if still_up:
                await asyncio.to_thread(phone.command_line, "resume")
                await asyncio.sleep(1.0)
                await asyncio.to_thread(phone.hangup)
            await srv.wait_finished(1)
    (record,) = srv.call_records()
    assert still_up, f"careline hung up a held call: {record['end_reason']}"
    assert record["end_reason"] == "caller_hangup", record["end_reason"]


async def test_baresip_rtcp_reaches_careline(careline_engine: Engine, tmp_path: Path) -> None:
    quiet = _silence(tmp_path / "audio", 60)
    async with running_server(careline_engine, tmp_path) as srv:
        with Baresip(wav=quiet, workdir=tmp_path / "baresip", lifetime=60) as phone:
            await asyncio.to_thread(phone.dial, f"sip:careline@127.0.0.1:{srv.port}", timeout=10)
            (active,) = srv.server.active.values()
            media = active.leg.media
            with contextlib.suppress(AssertionError):  # baresip reports every ~5 s
                await _until(lambda: media.counters["rtcp_received"] > 0, 7, "baresip's RTCP")
            await asyncio.sleep(3)  # RTCP can come first: let the RTP flow too
            received = media.counters  # a snapshot
            await asyncio.to_thread(phone.hangup)
            await srv.wait_finished(1)
    assert received["rtp_received"] > 100, received
    assert received["rtcp_received"] > 0, received


# ------------------------------------------------------------------------------ sipp calls


@pytest.mark.parametrize(("hold", "held"), [("sendonly", "recvonly"), ("inactive", "inactive")])
async def test_sipp_hold_and_resume_answers_the_held_direction_then_sendrecv(
    careline_engine: Engine, tmp_path: Path, hold: str, held: str
) -> None:
    xml = scenario("hold-resume.xml", TALK_MS=1500, HOLD_MS=2000, HOLD=hold, HELD=held)
    async with running_server(careline_engine, tmp_path) as srv:
        pbx = Sipp(xml, f"127.0.0.1:{srv.port}", workdir=tmp_path / "sipp", timeout=20)
        running = asyncio.create_task(asyncio.to_thread(pbx.run), name="sipp-hold")
        await _until(lambda: srv.server.active, 10, "sipp's call")
        (active,) = srv.server.active.values()
        await _until(lambda: active.leg.on_hold, 10, "the hold re-INVITE")
        await _until(lambda: not active.leg.on_hold, 10, "the resume re-INVITE")
        result = await running
        await srv.wait_finished(1)
    assert result.ok, f"{result}\n{pbx.describe()}"
    (record,) = srv.call_records()
    assert record["end_reason"] == "caller_hangup"


async def test_sipp_cancel_while_ringing(careline_engine: Engine, tmp_path: Path) -> None:
    ring_s = 3.0
    xml = scenario("cancel-ringing.xml", RING_MS=int(ring_s * 1000) + 1000)
    async with running_server(careline_engine, tmp_path, answer_after=ring_s) as srv:
        ports_free = len(srv.server.ports)
        caller = Sipp(xml, f"127.0.0.1:{srv.port}", workdir=tmp_path / "sipp", timeout=15)
        result = await asyncio.to_thread(caller.run)
        await srv.wait_finished(1)
        active = dict(srv.server.active)
        calls = dict(srv.server.ua.calls)
        status = srv.server.status()
    assert result.ok, f"{result}\n{caller.describe()}"
    assert active == {} and calls == {}
    assert status["calls_active"] == 0 and status["calls_finished"] == 1, status
    assert status["rtp_ports_free"] == ports_free, status  # the ringing call's port came back
    assert status["accepting"] is True
    assert status["sip"] == {}, status  # nothing refused, dropped or malformed
    (record,) = srv.call_records()  # a call never answered still has a record saying why
    assert (record["end_reason"], record["sip_status"], record["answered"]) == (
        "caller_cancel",
        487,
        False,
    ), record
    assert record["caller"]["number"] and record["turns"] == []


async def test_sipp_silent_caller_gets_a_bye_after_the_media_timeout(
    careline_engine: Engine, tmp_path: Path
) -> None:
    media_timeout = 3.0
    xml = scenario("silent-caller.xml", BYE_WITHIN_MS=int(media_timeout * 1000) + 7000)
    async with running_server(careline_engine, tmp_path, media_timeout=media_timeout) as srv:
        caller = Sipp(xml, f"127.0.0.1:{srv.port}", workdir=tmp_path / "sipp", timeout=20)
        result = await asyncio.to_thread(caller.run)
        await srv.wait_finished(1)
        status = srv.server.status()
    assert result.ok, f"{result}\n{caller.describe()}"
    (record,) = srv.call_records()
    assert record["end_reason"] == "media_timeout", record["end_reason"]
    assert media_timeout <= record["duration_s"] < media_timeout + 3, record["duration_s"]
    assert status["calls_active"] == 0 and srv.server.active == {}
