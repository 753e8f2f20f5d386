"""The WebRTC bridge for real: an aiortc peer plays the agent's browser, on loopback.

Opus over DTLS-SRTP both ways, as with a browser; a tone from each side must arrive at the
other at its own pitch. (The console test does the same with a real Chromium.)
"""

from __future__ import annotations

import asyncio
import fractions
import time

import av
import numpy as np
import pytest
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription

from handoff.bridge import AgentAudio, CallerTrack, WebRtcBridge, limit_ice_hosts

RATE = 16000


def tone(freq: float, seconds: float, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (8000 * np.sin(2 * np.pi * freq * t)).astype(np.int16)


def pitch(pcm: np.ndarray, rate: int = RATE) -> float:
    spectrum = np.abs(np.fft.rfft(pcm.astype(np.float32)))
    return float(np.argmax(spectrum) * rate / len(pcm))


class Microphone(MediaStreamTrack):
    """The agent's headset: a 700 Hz tone at 48 kHz, paced in real time like a browser."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self.pts = 0
        self.start = time.monotonic()

    async def recv(self) -> av.AudioFrame:
        samples = 960
        due = self.start + self.pts / 48000
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        t = (self.pts + np.arange(samples)) / 48000
        pcm = (8000 * np.sin(2 * np.pi * 700 * t)).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate, frame.pts = 48000, self.pts
        frame.time_base = fractions.Fraction(1, 48000)
        self.pts += samples
        return frame


@pytest.fixture(autouse=True)
def loopback_only():
    limit_ice_hosts(["127.0.0.1"])
    yield
    limit_ice_hosts(None)


async def test_caller_and_agent_hear_each_other_over_webrtc() -> None:
    bridge = WebRtcBridge("call-1")
    browser = RTCPeerConnection()
    heard: list[np.ndarray] = []
    browser.addTrack(Microphone())

    @browser.on("track")
    def on_track(track: MediaStreamTrack) -> None:
        async def listen() -> None:
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            while True:
                try:
                    frame = await track.recv()
                except Exception:
                    return
                for out in resampler.resample(frame):
                    heard.append(out.to_ndarray().reshape(-1))

        tasks.append(asyncio.ensure_future(listen()))

    tasks: list[asyncio.Task[None]] = []
    try:
        await browser.setLocalDescription(await browser.createOffer())
        answer = await bridge.accept(browser.localDescription.sdp)
        assert "127.0.0.1" in answer and "a=fingerprint" in answer  # DTLS-SRTP, loopback
        await browser.setRemoteDescription(RTCSessionDescription(answer, "answer"))
        caller = tone(440, 3.0)
        agent_side: list[np.ndarray] = []
        for i in range(0, len(caller), 320):  # the caller's leg, at its own 20 ms pace
            bridge.caller_audio(caller[i : i + 320])
            frame = bridge.agent_audio().read_frame(i / RATE)
            if frame is not None:
                agent_side.append(frame)
            await asyncio.sleep(0.02)
        assert bridge.connected.is_set()
        got = np.concatenate(heard)
        loud = got[np.abs(got) > 2000]
        assert loud.size > RATE, "the browser heard less than a second of the caller"
        assert abs(pitch(got[-RATE:]) - 440) < 15
        mine = np.concatenate(agent_side)
        assert mine.size > RATE and abs(pitch(mine[-RATE:]) - 700) < 15
        assert bridge.stats()["to_agent_dropped"] == 0
        # The agent's browser hangs up: until the call lets the bridge go, the caller's frames
        # pile up with nobody to pull them. No one hears that, so it is not counted as a gap.
        await browser.close()
        await asyncio.wait_for(bridge.gone.wait(), 10)
        for _ in range(30):
            bridge.caller_audio(caller[:320])
        assert bridge.stats()["to_agent_dropped"] == 0
    finally:
        await browser.close()
        await bridge.close()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def test_an_offer_without_audio_is_refused() -> None:
    bridge = WebRtcBridge("call-2")
    browser = RTCPeerConnection()
    browser.createDataChannel("chat")
    try:
        await browser.setLocalDescription(await browser.createOffer())
        with pytest.raises(ValueError, match="no audio"):
            await bridge.accept(browser.localDescription.sdp)
    finally:
        await browser.close()
        await bridge.close()


def test_agent_audio_buffer_underruns_overflow_and_mute() -> None:
    audio = AgentAudio(max_seconds=0.1)
    assert audio.read_frame(0) is None and audio.underruns == 0  # not started: not counted
    audio.feed(tone(500, 0.3))
    assert audio.overflowed == int(0.2 * RATE)  # kept only the newest 100 ms
    assert audio.read_frame(0) is not None
    audio.muted = True
    assert audio.read_frame(0.02) is None
    for _ in range(5):
        audio.read_frame(0.04)
    assert audio.underruns >= 1


async def test_caller_track_drops_the_oldest_when_the_browser_falls_behind() -> None:
    track = CallerTrack(max_frames=3)
    for i in range(5):  # before the browser pulls anything: stale frames go, uncounted
        track.push(np.full(320, i, np.int16))
    assert track.dropped == 0
    assert (await track.recv()).to_ndarray()[0, 0] == 2
    for i in range(10, 15):  # once it pulls, a frame it never gets is a gap: counted
        track.push(np.full(320, i, np.int16))
    assert track.dropped == 4  # 3, 4 and 10-14 through a queue of 3: 12, 13, 14 remain
    frame = await track.recv()
    assert frame.to_ndarray()[0, 0] == 12 and frame.sample_rate == RATE
    track.stop()
