"""The call owner's inbox, with an overflow policy for each kind of message."""

from __future__ import annotations

import asyncio
from collections import deque

from telephony.leg import AudioFrame


class Mailbox:
    """The owner's inbox. Audio frames are live media: when the owner falls behind by more
    than ``max_audio`` frames the oldest is dropped (and counted). Control messages are never
    dropped; there are only a handful per turn."""

    def __init__(self, max_audio: int) -> None:
        self._items: deque[object] = deque()
        self._audio = 0
        self._max_audio = max_audio
        self._ready = asyncio.Event()
        self.dropped_audio = 0

    def put_audio(self, frame: AudioFrame) -> None:
        if self._audio >= self._max_audio:
            for i, item in enumerate(self._items):
                if isinstance(item, AudioFrame):
                    del self._items[i]
                    self._audio -= 1
                    self.dropped_audio += 1
                    break
        self._items.append(frame)
        self._audio += 1
        self._ready.set()

    def put(self, msg: object) -> None:
        self._items.append(msg)
        self._ready.set()

    async def get(self) -> object:
        while not self._items:
            self._ready.clear()
            await self._ready.wait()
        item = self._items.popleft()
        if isinstance(item, AudioFrame):
            self._audio -= 1
        return item
