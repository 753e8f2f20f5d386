"""The CallLeg of a SIP call: RTP on its own UDP port, paced by a 20 ms media clock.

Every 20 ms of the loop's clock the leg takes one decoded frame from the RTP session's
jitter buffer (the caller's voice, concealment, or silence) into its inbound queue, and pulls
the bot's next frame from the attached :class:`AudioSource` onto the wire. Pulling on the
media clock keeps the leg free of outbound buffering, so a barge-in stops the bot at the
next packet, as on every other leg.

The inbound queue is bounded: when the call owner falls behind, the oldest audio frame is
dropped and counted; digits and the hang-up are never dropped. The SIP side tells the leg
about the far end (``remote_hangup``, ``dtmf``, ``set_hold``); the leg tells the SIP side
when the bot hangs up (``on_hangup``) and ends the call itself when media stops for
``media_timeout`` seconds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from telephony.leg import (
    FRAME_MS,
    AudioFrame,
    AudioSource,
    CallerInfo,
    DtmfDigit,
    InboundQueue,
    LegEvent,
    LegHangup,
    fit_frame,
)
from telephony.media.session import Datagram, RtpSession
from telephony.media.srtp import SrtpTransform

__all__ = ["SipLeg"]

log = logging.getLogger("careline.sip.leg")
FRAME_S = FRAME_MS / 1000


class _Rtp(asyncio.DatagramProtocol):
    def __init__(self, leg: SipLeg) -> None:
        self.leg = leg

    def datagram_received(self, data: bytes, addr: tuple[str | int, ...]) -> None:
        if self.leg.srtp is not None:
            plain = self.leg.srtp.unprotect(data)
            if plain is None:
                return  # failed authentication: dropped, counted in srtp.counters
            data = plain
        self.leg.media.receive(data, (str(addr[0]), int(addr[1])), self.leg.loop.time())

    def error_received(self, exc: Exception) -> None:
        self.leg.counters["rtp_socket_errors"] = self.leg.counters.get("rtp_socket_errors", 0) + 1


class SipLeg:
    def __init__(
        self,
        media: RtpSession,
        caller: CallerInfo,
        *,
        on_hangup: Callable[[str], None],
        media_timeout: float = 30.0,
        max_inbound: int = 250,
        srtp: SrtpTransform | None = None,
    ) -> None:
        self.srtp = srtp
        self.media = media
        self.caller = caller
        self.on_hangup = on_hangup
        self.media_timeout = media_timeout
        self.loop = asyncio.get_running_loop()
        self.counters: dict[str, int] = {}
        self.on_hold = False
        self.port = 0
        self._rtcp_socket: asyncio.DatagramTransport | None = None
        self._quiet_since = 0.0
        self._inbound = InboundQueue(max_inbound)
        self._source: AudioSource | None = None
        self._socket: asyncio.DatagramTransport | None = None
        self._frames = 0
        self._started = 0.0

    async def open(self, host: str, port: int) -> None:
        """Bind the RTP socket (host:port from the server's port range) and the RTCP one
        above it, where a peer without rtcp-mux sends its reports (RFC 3550 §11)."""
        transport, _ = await self.loop.create_datagram_endpoint(
            lambda: _Rtp(self), local_addr=(host, port)
        )
        self._socket = transport
        self.port = port
        try:
            self._rtcp_socket, _ = await self.loop.create_datagram_endpoint(
                lambda: _Rtp(self), local_addr=(host, port + 1)
            )
        except OSError:  # taken: reports then only arrive muxed; media is unaffected
            self.counters["rtcp_port_unavailable"] = 1

    # -- the media clock --------------------------------------------------------------------

    async def run_media(self) -> None:
        """The leg's clock: runs until the call ends. Catches up after a late wake-up by
        running the ticks it missed, so the caller's audio is never stretched."""
        self._started = self.loop.time()
        while self._inbound.hung_up is None:
            now = self.loop.time()
            due = int((now - self._started) / FRAME_S) + 1
            if due - self._frames > 50:  # the loop stalled over a second: skip, don't burst
                self.counters["clock_skips"] = self.counters.get("clock_skips", 0) + 1
                self._frames = due - 1
            while self._frames < due and self._inbound.hung_up is None:
                self._tick(self._started + self._frames * FRAME_S)
            await asyncio.sleep(max(0.0, self._started + self._frames * FRAME_S - self.loop.time()))

    def _tick(self, now: float) -> None:
        t = self._frames * FRAME_S
        self._frames += 1
        self._put(AudioFrame(self.media.pull_frame(now), t))
        for digit in self.media.events():
            self._put(DtmfDigit(digit.digit, t))
        source = self._source
        frame = fit_frame(source.read_frame(t) if source is not None else None)
        if not self.on_hold:
            self._send(self.media.send_frame(frame, now))
        timer = self.media.get_timer()
        if timer is not None and timer <= now:
            self.media.handle_timer(now)
        self._send(self.media.datagrams_to_send(now))
        # Silence on hold is normal (a held phone may send nothing): the clock for the media
        # timeout starts again when the hold ends.
        last = max(self.media.last_received or self._started, self._quiet_since)
        if not self.on_hold and now - last > self.media_timeout:
            self.remote_hangup("media_timeout")
            self.on_hangup("media_timeout")

    def _send(self, datagrams: list[Datagram]) -> None:
        if self._socket is None or self._socket.is_closing():
            return
        for data, addr in datagrams:
            if self.srtp is not None:
                protected = self.srtp.protect(data)
                if protected is None:
                    continue
                data = protected
            try:
                self._socket.sendto(data, addr)
            except (OSError, OverflowError, ValueError):  # e.g. a port the peer made up
                self.counters["send_errors"] = self.counters.get("send_errors", 0) + 1

    def _put(self, event: AudioFrame | DtmfDigit) -> None:
        if not self._inbound.put(event):
            self.counters["dropped_digits"] = self.counters.get("dropped_digits", 0) + 1

    # -- the SIP side -----------------------------------------------------------------------

    def remote_hangup(self, reason: str, sip_status: int | None = None) -> None:
        self._inbound.hang_up(LegHangup(reason, self._frames * FRAME_S, sip_status))

    def dtmf(self, digit: str) -> None:
        self._put(DtmfDigit(digit, self._frames * FRAME_S))

    def set_hold(self, on_hold: bool) -> None:
        if self.on_hold and not on_hold:
            self._quiet_since = self.loop.time()
        self.on_hold = on_hold

    @property
    def dropped_frames(self) -> int:
        return self._inbound.dropped_frames

    def close(self) -> None:
        if self._socket is not None:
            try:
                self._send(self.media.close(self.loop.time()))  # RTCP BYE
            except Exception:  # the socket goes regardless
                log.debug("rtcp bye not sent", exc_info=True)
            self._socket.close()
            self._socket = None
        if self._rtcp_socket is not None:
            self._rtcp_socket.close()
            self._rtcp_socket = None

    # -- CallLeg ----------------------------------------------------------------------------

    async def recv(self) -> LegEvent:
        return await self._inbound.get()

    def set_audio_source(self, source: AudioSource | None) -> None:
        self._source = source

    def flush_output(self) -> None:
        pass  # nothing is buffered: each tick pulls straight from the source

    async def hangup(self, reason: str) -> None:
        if self._inbound.hung_up is not None:
            return
        self._inbound.hang_up(LegHangup(reason, self._frames * FRAME_S))
        self.on_hangup(reason)
