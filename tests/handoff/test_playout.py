"""The adaptive playout buffer between a browser's voice and a call leg's 20 ms clock."""

from __future__ import annotations

import numpy as np
import pytest
from aiortc import RTCPeerConnection
from aiortc.jitterbuffer import JitterBuffer

from handoff.playout import (
    CALM_READS,
    FORCED_TRIM_FRAMES,
    MIN_TARGET_FRAMES,
    TRIM_WINDOW_READS,
    AgentAudio,
    lean_jitter_buffer,
)
from telephony.leg import FRAME_SAMPLES

FRAME = FRAME_SAMPLES
LOUD = np.full(FRAME, 8000, np.int16)
QUIET = np.zeros(FRAME, np.int16)


def test_playout_waits_for_its_target_before_the_first_frame() -> None:
    audio = AgentAudio()
    audio.feed(LOUD)
    assert audio.read_frame(0) is None and audio.underruns == 0  # priming: not a gap
    audio.feed(LOUD)
    assert audio.target == MIN_TARGET_FRAMES * FRAME
    assert audio.read_frame(0.02) is not None
    assert audio.delay_ms == pytest.approx(20.0)


def test_running_dry_is_a_gap_and_raises_the_target() -> None:
    audio = AgentAudio()
    audio.feed(np.concatenate([LOUD, LOUD]))
    assert audio.read_frame(0) is not None
    assert audio.read_frame(0.02) is not None
    assert audio.read_frame(0.04) is None  # the network was late: the caller hears a gap
    assert audio.underruns == 1
    assert audio.target == (MIN_TARGET_FRAMES + 1) * FRAME
    audio.feed(np.concatenate([LOUD, LOUD]))
    assert audio.read_frame(0.06) is None  # re-priming to the higher target, still a gap
    assert audio.underruns == 2
    audio.feed(LOUD)
    assert audio.read_frame(0.08) is not None


def test_standing_delay_from_an_early_burst_is_dropped_at_quiet_moments() -> None:
    audio = AgentAudio()
    audio.feed(np.tile(QUIET, 10))  # 200 ms arrive at once (a burst after connecting)
    reads = 0
    for _ in range(2 * TRIM_WINDOW_READS):  # then one frame per read: drained within seconds
        audio.feed(QUIET)
        audio.read_frame(reads * 0.02)
        reads += 1
    assert audio.underruns == 0
    assert audio.trimmed >= 7 * FRAME
    assert audio.delay_ms <= 1000 * (audio.target + FRAME) / 16000


def test_speech_is_not_cut_for_a_small_surplus_but_is_for_a_large_one() -> None:
    small = AgentAudio()
    small.feed(np.tile(LOUD, 4))  # 40 ms more than needed, while the agent talks
    for i in range(3 * TRIM_WINDOW_READS):
        small.feed(LOUD)
        small.read_frame(i * 0.02)
    assert small.trimmed == 0  # waits for a pause rather than clip a word

    large = AgentAudio()
    large.feed(np.tile(LOUD, FORCED_TRIM_FRAMES + 3))
    for i in range(TRIM_WINDOW_READS + 10):
        large.feed(LOUD)
        large.read_frame(i * 0.02)
    # 100 ms of extra delay is worse than a few 20 ms skips: cut down to under that, mid-word
    assert large.trimmed == 2 * FRAME
    for i in range(10):  # then the agent pauses: the rest goes at the quiet frames
        large.feed(QUIET)
        large.read_frame(i * 0.02)
    assert large.trimmed == 6 * FRAME  # all but a frame of margin
    assert large.delay_ms <= 1000 * (large.target + FRAME) / 16000


def test_a_calm_line_lowers_the_target_again() -> None:
    audio = AgentAudio()
    audio.target = 6 * FRAME
    audio.feed(np.tile(QUIET, 6))
    for i in range(2 * CALM_READS + 1):
        audio.feed(QUIET)
        audio.read_frame(i * 0.02)
    assert audio.target == 4 * FRAME
    assert audio.underruns == 0


def test_jittery_arrivals_settle_without_gaps_and_with_bounded_delay() -> None:
    # Packets every 20 ms, each delayed 0-60 ms at random (in order, as the receiver's jitter
    # buffer hands them over): after learning the jitter, no more gaps, and far under 200 ms.
    rng = np.random.default_rng(7)
    arrivals = np.maximum.accumulate(np.arange(3000) * 0.02 + rng.uniform(0, 0.06, 3000))
    audio = AgentAudio()
    next_packet, gaps_late, delays = 0, 0, []
    for tick in range(2950):
        now = tick * 0.02 + 0.001
        while next_packet < arrivals.size and arrivals[next_packet] <= now:
            audio.feed(QUIET + 1)
            next_packet += 1
        before = audio.underruns
        audio.read_frame(now)
        if tick > 1000:
            gaps_late += audio.underruns - before
            delays.append(audio.delay_ms)
    assert audio.underruns <= 10  # a few while it learns the jitter
    assert gaps_late == 0
    assert float(np.percentile(delays, 95)) <= 100


async def test_lean_jitter_buffer_replaces_aiortcs_fixed_hold() -> None:
    pc = RTCPeerConnection()
    try:
        receiver = pc.addTransceiver("audio").receiver
        lean_jitter_buffer(receiver)
        buffer = receiver._RTCRtpReceiver__jitter_buffer  # type: ignore[attr-defined]
        assert isinstance(buffer, JitterBuffer) and buffer._prefetch == 1
        with pytest.raises(RuntimeError, match="jitter buffer"):
            lean_jitter_buffer(object())
    finally:
        await pc.close()
