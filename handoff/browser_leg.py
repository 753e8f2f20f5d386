"""A caller on a web page: the CallLeg of careline's "call the clinic" page (WebRTC).

A patient portal's click-to-call, and the quickest way to try careline with no phone
system: the page offers its microphone, careline answers, and the call runs through the same
engine as a phone call. Like the SIP leg, it is paced by its own 20 ms media clock: each tick
takes one frame of the caller's voice (or silence) into the inbound queue and pulls the bot's
next frame onto the outgoing track. The call ends when the page hangs up, when its connection
fails, or when no audio has arrived for ``media_timeout`` seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from handoff.bridge import AudioPeer
from telephony.leg import (
    FRAME_MS,
    AudioFrame,
    AudioSource,
    CallerInfo,
    InboundQueue,
    LegEvent,
    LegHangup,
    fit_frame,
    silence,
)

__all__ = ["BrowserLeg"]

FRAME_S = FRAME_MS / 1000


class BrowserLeg(AudioPeer):
    def __init__(
        self,
        call_id: str,
        *,
        media_timeout: float = 30.0,
        max_inbound: int = 250,
        on_end: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(f"browser call {call_id}")
        self.call_id = call_id
        # Nothing about a web caller is known: identity is asked for, as on any call.
        self.caller = CallerInfo(number=None, extra={"via": "web"})
        self.media_timeout = media_timeout
        self.on_end = on_end
        self._inbound = InboundQueue(max_inbound)
        self._source: AudioSource | None = None
        self._frames = 0

    # -- CallLeg --------------------------------------------------------------------------

    async def recv(self) -> LegEvent:
        return await self._inbound.get()

    def set_audio_source(self, source: AudioSource | None) -> None:
        self._source = source

    def flush_output(self) -> None:
        self.outgoing.clear()

    async def hangup(self, reason: str) -> None:
        self._end(reason)
        await self.close()

    def remote_hangup(self, reason: str = "caller_hangup") -> None:
        self._end(reason)

    # -- the media clock ------------------------------------------------------------------

    async def run_media(self) -> None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        last_heard = started
        while self._inbound.hung_up is None:
            t = self._frames * FRAME_S
            self._frames += 1
            heard = self.incoming.read_frame(t)
            if heard is not None:
                last_heard = loop.time()
            self._inbound.put(AudioFrame(heard if heard is not None else silence(), t))
            source = self._source
            self.outgoing.push(fit_frame(source.read_frame(t) if source is not None else None))
            if self.gone.is_set():
                self._end("caller_hangup")
            elif loop.time() - last_heard > self.media_timeout:
                self._end("media_timeout")
            await asyncio.sleep(max(0.0, started + self._frames * FRAME_S - loop.time()))

    def _end(self, reason: str) -> None:
        if self._inbound.hung_up is None:
            self._inbound.hang_up(LegHangup(reason, self._frames * FRAME_S))
            if self.on_end is not None:
                self.on_end(reason)
