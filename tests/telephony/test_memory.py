"""The in-memory leg: what tests of the call engine stand on."""

from __future__ import annotations

import numpy as np
import pytest

from telephony.leg import AudioFrame, CallerInfo, CallLeg, DtmfDigit, LegHangup
from telephony.memory import MemoryLeg


class Numbered:
    """A source whose n-th frame (from 1) is all n; None every third call."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def read_frame(self, t: float) -> np.ndarray | None:
        self.times.append(t)
        n = len(self.times)
        return None if n % 3 == 0 else np.full(320, n, dtype=np.int16)


def test_is_a_call_leg_with_caller_info():
    leg = MemoryLeg(CallerInfo(number="+15550100", display_name="Test"))
    assert isinstance(leg, CallLeg)
    assert leg.caller.number == "+15550100"
    assert MemoryLeg().caller == CallerInfo()


async def test_audio_is_cut_into_stamped_frames_in_order():
    leg = MemoryLeg()
    pcm = np.arange(1000, dtype=np.int16)
    assert leg.push_audio(pcm) == 4
    frames = [await leg.recv() for _ in range(4)]
    assert all(isinstance(f, AudioFrame) for f in frames)
    assert [f.t for f in frames] == pytest.approx([0.0, 0.02, 0.04, 0.06])
    joined = np.concatenate([f.pcm for f in frames])
    assert len(joined) == 1280
    assert np.array_equal(joined[:1000], pcm) and not joined[1000:].any()


async def test_dtmf_and_hangup_follow_audio_and_hangup_repeats():
    leg = MemoryLeg()
    leg.push_audio(np.zeros(640, dtype=np.int16))
    leg.push_dtmf("5")
    leg.push_hangup()
    events = [await leg.recv() for _ in range(5)]
    assert [type(e) for e in events] == [AudioFrame, AudioFrame, DtmfDigit, LegHangup, LegHangup]
    assert events[2] == DtmfDigit("5", 0.04)
    assert events[3] == LegHangup("caller_hangup", 0.04)
    with pytest.raises(ValueError):
        leg.push_dtmf("x")
    with pytest.raises(ValueError):
        leg.push_dtmf("12")


async def test_overflow_drops_the_oldest_audio_never_a_digit():
    leg = MemoryLeg(max_inbound=3)
    leg.push_dtmf("1")
    for value in (1, 2, 3):
        leg.push_audio(np.full(320, value, dtype=np.int16))
    assert leg.dropped_frames == 1 and leg.pending == 3
    first, second, third = [await leg.recv() for _ in range(3)]
    assert first == DtmfDigit("1", 0.0)
    assert isinstance(second, AudioFrame) and isinstance(third, AudioFrame)
    assert (int(second.pcm[0]), int(third.pcm[0])) == (2, 3)


def test_a_queue_full_of_digits_is_a_test_bug():
    leg = MemoryLeg(max_inbound=2)
    leg.push_dtmf("1")
    leg.push_dtmf("2")
    with pytest.raises(OverflowError):
        leg.push_dtmf("3")


def test_tick_pulls_one_frame_and_keeps_all_outbound_audio():
    leg = MemoryLeg()
    assert not leg.tick().any()  # no source: silence
    source = Numbered()
    leg.set_audio_source(source)
    frames = [leg.tick() for _ in range(3)]
    assert [int(f[0]) for f in frames] == [1, 2, 0]  # the source's None is silence
    assert source.times == pytest.approx([0.02, 0.04, 0.06])
    audio = leg.outbound_audio()
    assert len(audio) == 4 * 320 and int(audio[320]) == 1
    leg.set_audio_source(None)
    assert not leg.tick().any()


async def test_hangup_is_idempotent_and_ends_recv():
    leg = MemoryLeg()
    leg.flush_output()
    assert leg.flushes == 1
    await leg.hangup("bot_hangup")
    await leg.hangup("error")
    assert leg.hangup_reason == "bot_hangup"
    assert await leg.recv() == LegHangup("bot_hangup", 0.0)
    assert await leg.recv() == LegHangup("bot_hangup", 0.0)
