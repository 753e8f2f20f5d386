"""What :class:`DeviceLeg` and :class:`FileLeg` share, apart so neither leg module owns it.

:class:`_Inbox` hands inbound frames from the media side (PortAudio's thread, or the file
reader on the loop) to ``recv()``; :class:`_OwnedMediaLeg` is the CallLeg surface both legs
offer, with the media task they own and Ctrl-C as the caller's hang-up. ``FRAME_S`` is the
frame length both legs keep their media time in.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections import deque
from types import TracebackType
from typing import Any, Self

from telephony.leg import FRAME_MS, AudioFrame, AudioSource, CallerInfo, LegEvent, LegHangup

log = logging.getLogger("careline.leg")

FRAME_S = FRAME_MS / 1000


class _Inbox:
    """Inbound frames between the media side (any thread) and ``recv()`` (the loop).

    Bounded at ``maxsize`` frames. ``put_nowait`` (live media, safe from PortAudio's thread
    without locks: only it appends) drops the OLDEST frame when full and counts it;
    ``put`` (files, on the loop) waits for room instead. The hang-up is kept apart, never
    dropped, and returned after the queued audio, then forever.
    """

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("the inbound queue needs room for at least one frame")
        self.maxsize = maxsize
        self.dropped = 0
        self._frames: deque[AudioFrame] = deque()
        self._hangup: LegHangup | None = None
        self._ready = asyncio.Event()
        self._space = asyncio.Event()

    def __len__(self) -> int:
        return len(self._frames)

    def put_nowait(self, frame: AudioFrame) -> None:
        if len(self._frames) >= self.maxsize:
            try:
                self._frames.popleft()
                self.dropped += 1
            except IndexError:  # recv() emptied it meanwhile: there is room after all
                pass
        self._frames.append(frame)

    async def put(self, frame: AudioFrame) -> None:
        while len(self._frames) >= self.maxsize and self._hangup is None:
            self._space.clear()
            await self._space.wait()
        self._frames.append(frame)
        self._ready.set()

    def wake(self) -> None:
        """On the loop: frames were added from another thread."""
        self._ready.set()

    def set_hangup(self, event: LegHangup) -> None:
        if self._hangup is None:
            self._hangup = event
        self._ready.set()
        self._space.set()

    async def get(self) -> LegEvent:
        while True:
            try:
                frame = self._frames.popleft()
            except IndexError:
                if self._hangup is not None:
                    return self._hangup
                self._ready.clear()
                await self._ready.wait()
                continue
            self._space.set()
            return frame


class _OwnedMediaLeg:
    """What DeviceLeg and FileLeg share: the CallLeg surface, the owned media task, Ctrl-C."""

    kind = "leg"

    def __init__(
        self, *, caller: CallerInfo | None, inbound_frames: int, handle_sigint: bool
    ) -> None:
        self.caller = caller or CallerInfo()
        self._inbox = _Inbox(inbound_frames)
        self._source: AudioSource | None = None
        self._ended: LegHangup | None = None
        self.ended_by: str | None = None  # "caller" or "bot"
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self._handle_sigint = handle_sigint
        self._sigint_installed = False
        self._prev_sigint: Any = None

    # -- CallLeg ------------------------------------------------------------------------
    async def recv(self) -> LegEvent:
        return await self._inbox.get()

    def set_audio_source(self, source: AudioSource | None) -> None:
        self._source = source

    def flush_output(self) -> None:
        pass

    async def hangup(self, reason: str) -> None:
        self._end(LegHangup(reason, self._media_time()), by="bot")

    # -- lifecycle ----------------------------------------------------------------------
    @property
    def dropped_frames(self) -> int:
        """Inbound frames dropped (oldest first) because the call fell behind."""
        return self._inbox.dropped

    @property
    def ended(self) -> LegHangup | None:
        return self._ended

    async def start(self) -> None:
        if self._task is not None or self._closed:
            raise RuntimeError(f"{self.kind} leg: start() once, before close()")
        self._loop = asyncio.get_running_loop()
        self._install_sigint()
        try:
            await self._open()
        except BaseException:
            self._restore_sigint()
            raise
        self._task = asyncio.create_task(self._run_media(), name=f"{self.kind}-leg:media")

    async def close(self) -> None:
        """Stop the media task and release the device or write the files; idempotent."""
        if self._closed:
            return
        self._closed = True
        self._restore_sigint()
        self._end(LegHangup("leg_closed", self._media_time()), by="bot")
        task = self._task
        try:
            if task is not None:
                task.cancel()
                await asyncio.wait({task})
        finally:
            await self._close_media()
        if task is not None and not task.cancelled() and (exc := task.exception()) is not None:
            raise exc

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- for subclasses -----------------------------------------------------------------
    def _media_time(self) -> float:
        raise NotImplementedError

    async def _open(self) -> None:
        pass

    async def _media(self) -> None:
        raise NotImplementedError

    async def _close_media(self) -> None:
        pass

    def _end(self, event: LegHangup, *, by: str) -> None:
        """The call is over on this leg (first end wins): recv() returns ``event`` from now."""
        if self._ended is not None:
            return
        self._ended = event
        self.ended_by = by
        self._inbox.set_hangup(event)
        log.info("%s leg: %s hung up (%s) at %.2f s", self.kind, by, event.reason, event.t)

    async def _run_media(self) -> None:
        try:
            await self._media()
        except Exception:
            # Without media the call cannot go on: end it; close() re-raises the error.
            self._end(LegHangup("error", self._media_time()), by="bot")
            raise

    # -- Ctrl-C -------------------------------------------------------------------------
    def _install_sigint(self) -> None:
        if not self._handle_sigint or threading.current_thread() is not threading.main_thread():
            return
        assert self._loop is not None
        previous = signal.getsignal(signal.SIGINT)
        try:
            self._loop.add_signal_handler(signal.SIGINT, self._on_sigint)
        except NotImplementedError:  # a loop without signal support (Windows): Ctrl-C raises
            return
        self._prev_sigint, self._sigint_installed = previous, True

    def _restore_sigint(self) -> None:
        if not self._sigint_installed:
            return
        self._sigint_installed = False
        assert self._loop is not None
        self._loop.remove_signal_handler(signal.SIGINT)
        if self._prev_sigint is not None:
            signal.signal(signal.SIGINT, self._prev_sigint)

    def _on_sigint(self) -> None:
        # The first Ctrl-C is the caller putting the phone down; a second one interrupts.
        self._restore_sigint()
        self._end(LegHangup("caller_hangup", self._media_time()), by="caller")
