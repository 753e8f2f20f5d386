"""The WebRTC audio bridge between a caller's leg and an agent's browser (aiortc).

Media is Opus over DTLS-SRTP, as every browser does it. The browser offers (it owns the
microphone and asks for it once the agent accepts); careline answers without trickle ICE, so
the answer carries every candidate and one round trip over the console's WebSocket is enough.

Caller to agent: the session hands each 20 ms caller frame to :meth:`WebRtcBridge.caller_audio`;
a bounded queue (oldest dropped and counted when the browser side falls behind) feeds the
outgoing track, so the track is paced by the caller's own media clock. Agent to caller: the
browser's track is decoded, resampled to 16 kHz mono and kept in an adaptive playout buffer
the leg pulls from every 20 ms (:class:`handoff.playout.AgentAudio`): as much delay as the
network's jitter needs, no more; a gap the caller hears is counted as an underrun.
"""

from __future__ import annotations

import asyncio
import fractions
import logging
from collections import deque
from collections.abc import Iterable
from typing import Any

import aioice.ice
import av
import numpy as np
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError

from handoff.playout import AgentAudio, lean_jitter_buffer
from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE

__all__ = ["AgentAudio", "AudioPeer", "CallerTrack", "WebRtcBridge", "limit_ice_hosts"]

log = logging.getLogger("careline.handoff.bridge")
TIME_BASE = fractions.Fraction(1, SAMPLE_RATE)


def limit_ice_hosts(addresses: Iterable[str] | None) -> None:
    """Offer only these host addresses as ICE candidates (all interfaces when None).

    aioice gathers every interface but loopback; a console on the same machine (tests, a
    demo) needs 127.0.0.1, and a deployment may want one interface only. aioice has no
    setting for it, so its address lookup is replaced, process-wide.
    """
    chosen = list(addresses) if addresses else None
    if not hasattr(limit_ice_hosts, "original"):
        limit_ice_hosts.original = aioice.ice.get_host_addresses  # type: ignore[attr-defined]
    original = limit_ice_hosts.original  # type: ignore[attr-defined]

    def host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        if chosen is None:
            return list(original(use_ipv4=use_ipv4, use_ipv6=use_ipv6))
        return [a for a in chosen if (":" in a and use_ipv6) or (":" not in a and use_ipv4)]

    aioice.ice.get_host_addresses = host_addresses


class CallerTrack(MediaStreamTrack):
    """The caller's voice as an outgoing WebRTC audio track, paced by the caller's leg."""

    kind = "audio"

    def __init__(self, max_frames: int = 10) -> None:
        super().__init__()
        self._frames: deque[np.ndarray] = deque(maxlen=max_frames)
        self._ready = asyncio.Event()
        self._pts = 0
        self.dropped = 0
        self.pulling = False

    def push(self, pcm: np.ndarray) -> None:
        # Before the connection is up nobody pulls: the oldest frames go, uncounted (they
        # would be stale anyway). Once the browser takes audio, a drop is a gap: counted.
        if len(self._frames) == self._frames.maxlen and self.pulling:
            self.dropped += 1
        self._frames.append(np.asarray(pcm, dtype=np.int16).reshape(-1)[:FRAME_SAMPLES])
        self._ready.set()

    def clear(self) -> None:
        """Drop what is queued and not yet sent (a barge-in on a browser caller's line)."""
        self._frames.clear()

    async def recv(self) -> av.AudioFrame:
        while not self._frames:
            if self.readyState != "live":
                raise MediaStreamError
            self._ready.clear()
            await self._ready.wait()
        self.pulling = True
        pcm = self._frames.popleft()
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts, frame.time_base = self._pts, TIME_BASE
        self._pts += pcm.size
        return frame

    def stop(self) -> None:
        super().stop()
        self._ready.set()


class AudioPeer:
    """One browser's audio over WebRTC: our outgoing track, its incoming audio, answered once.

    The browser offers; we answer without trickle ICE. Shared by the agent's bridge and the
    browser caller's leg (``handoff.browser_leg``), which differ only in who feeds and pulls.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.pc = RTCPeerConnection()
        self.outgoing = CallerTrack()
        self.incoming = AgentAudio()
        self._reader: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()
        self.gone = asyncio.Event()  # the browser closed, or the connection failed

        @self.pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            if track.kind == "audio" and self._reader is None:
                self._reader = asyncio.ensure_future(self._read(track))
                self._reader.set_name(f"webrtc-read:{name}")

        @self.pc.on("connectionstatechange")
        def on_state() -> None:
            log.info("%s: WebRTC %s", name, self.pc.connectionState)
            if self.pc.connectionState == "connected":
                self.connected.set()
            elif self.pc.connectionState in ("failed", "closed"):
                self._lost()

    async def accept(self, offer_sdp: str) -> str:
        await self.pc.setRemoteDescription(RTCSessionDescription(offer_sdp, "offer"))
        audio = [t for t in self.pc.getTransceivers() if t.kind == "audio"]
        if not audio:
            raise ValueError("the offer has no audio")
        for transceiver in audio:
            lean_jitter_buffer(transceiver.receiver)
        self.pc.addTrack(self.outgoing)  # rides the browser's audio transceiver: sendrecv
        await self.pc.setLocalDescription(await self.pc.createAnswer())
        return str(self.pc.localDescription.sdp)

    async def _read(self, track: MediaStreamTrack) -> None:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                self._lost()
                return
            if not isinstance(frame, av.AudioFrame):
                continue
            for out in resampler.resample(frame):
                self.incoming.feed(out.to_ndarray().reshape(-1))

    def _lost(self) -> None:
        """The browser is gone. Nobody pulls our frames any more until the call lets this
        peer go: what piles up meanwhile is not a gap anyone hears, so it is not counted."""
        self.outgoing.pulling = False
        self.gone.set()

    def stats(self) -> dict[str, Any]:
        return {
            "to_agent_dropped": self.outgoing.dropped,
            "agent_underruns": self.incoming.underruns,
            "agent_overflowed": self.incoming.overflowed,
            "agent_trimmed": self.incoming.trimmed,
            "agent_playout_target_ms": 1000 * self.incoming.target / SAMPLE_RATE,
        }

    async def close(self) -> None:
        self.outgoing.stop()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        await self.pc.close()
        self.gone.set()


class WebRtcBridge(AudioPeer):
    """A call's audio to and from the agent's browser: the caller's frames go out, the
    agent's voice comes in for the caller's leg to pull."""

    def __init__(self, call_id: str) -> None:
        super().__init__(f"call {call_id} agent")
        self.call_id = call_id

    def agent_audio(self) -> AgentAudio:
        return self.incoming

    def caller_audio(self, pcm: np.ndarray) -> None:
        self.outgoing.push(pcm)

    def mute(self, on: bool) -> None:
        self.incoming.muted = on
