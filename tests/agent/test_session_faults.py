"""How a call ends when things go wrong: always through close(), always with a reason."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from agent.mailbox import Mailbox
from telephony.leg import FRAME_SAMPLES, AudioFrame
from telephony.memory import MemoryLeg
from tests.fakes import FakeStt


class BrokenStt(FakeStt):
    def transcribe(self, audio, *, final):
        raise RuntimeError("model crashed")


async def talk(leg: MemoryLeg, pcm: np.ndarray, silence_s: float = 2.0) -> None:
    """Feed caller audio and silence frame by frame, pulling bot audio as a line would."""
    leg.push_audio(np.concatenate([pcm, np.zeros(int(silence_s * 16000), dtype=np.int16)]))
    while leg.pending:
        leg.tick()
        await asyncio.sleep(0)


async def test_a_model_failure_ends_the_call_with_error_and_a_record(fake_engine, book):
    fake_engine.stt = BrokenStt(book)
    leg = MemoryLeg()
    call = fake_engine.new_call(leg, call_id="broken")
    task = asyncio.create_task(call.run())
    await talk(leg, book.say("I need a refill"))
    record = await asyncio.wait_for(task, 5)
    assert record.data["end_reason"] == "error"
    assert leg.hangup_reason == "error"


async def test_cancelling_a_call_still_ends_its_record(fake_engine, book):
    leg = MemoryLeg()
    call = fake_engine.new_call(leg, call_id="shutdown")
    task = asyncio.create_task(call.run())
    await talk(leg, np.zeros(FRAME_SAMPLES, dtype=np.int16), silence_s=0.5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert call.record.data["end_reason"] == "shutdown"
    assert leg.hangup_reason == "shutdown"


async def test_mailbox_drops_the_oldest_audio_but_never_control():
    box = Mailbox(max_audio=3)
    frames = [AudioFrame(np.zeros(FRAME_SAMPLES, dtype=np.int16), i * 0.02) for i in range(5)]
    box.put_audio(frames[0])
    box.put("control")
    for f in frames[1:]:
        box.put_audio(f)
    got = [await box.get() for _ in range(4)]
    assert got[0] == "control"
    assert [f.t for f in got[1:]] == [0.04, 0.06, 0.08]
    assert box.dropped_audio == 2
