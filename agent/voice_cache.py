"""Sentences the bot has already synthesised, so it never waits on the voice for them twice.

The dialogue's fixed sentences are synthesised at start-up and *pinned*; anything else said
(names, times, dynamic answers) is kept least-recently-used up to ``capacity`` sentences,
which bounds memory at roughly capacity x 3 s x 32 kB/s (about 50 MB at 512).
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np


class VoiceCache:
    def __init__(self, capacity: int = 512) -> None:
        self.capacity = capacity
        self._pinned: dict[str, np.ndarray] = {}
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, sentence: str) -> np.ndarray | None:
        audio = self._pinned.get(sentence)
        if audio is None:
            audio = self._recent.get(sentence)
            if audio is not None:
                self._recent.move_to_end(sentence)
        if audio is None:
            self.misses += 1
        else:
            self.hits += 1
        return audio

    def put(self, sentence: str, audio: np.ndarray, *, pin: bool = False) -> None:
        if pin:
            self._pinned[sentence] = audio
            self._recent.pop(sentence, None)
            return
        if sentence in self._pinned:
            return
        self._recent[sentence] = audio
        self._recent.move_to_end(sentence)
        while len(self._recent) > self.capacity:
            self._recent.popitem(last=False)

    def __contains__(self, sentence: str) -> bool:
        return sentence in self._pinned or sentence in self._recent

    def __len__(self) -> int:
        return len(self._pinned) + len(self._recent)
