"""Small judgements about what was said and what will be said: backchannels, echo, sentences.

Kept apart from the call owner because they are pure functions of text and audio, tested on
their own, and shared by the session, the engine (prompt warm-up) and the benchmarks.
"""

from __future__ import annotations

import re

import numpy as np

BACKCHANNELS = frozenset(
    "mm mhm mm-hm mmhm uh-huh uh huh hmm hm okay ok right yeah yep sure alright "
    "i see got it uh um".split()
)


_WORD = re.compile(r"[a-z']+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def is_backchannel(text: str) -> bool:
    words = _words(text)
    return (
        0 < len(words) <= 3
        and " ".join(words)
        in BACKCHANNELS
        | {"okay okay", "yeah yeah", "mm hm", "uh huh", "i see", "got it", "all right"}
    ) or (0 < len(words) <= 2 and all(w in BACKCHANNELS for w in words))


def looks_like_echo(text: str, bot_text: str) -> bool:
    """Most of the caller's words are the bot's own last words: the line echoed them back."""
    words = _words(text)
    if len(words) < 3:
        return False
    bot = set(_words(bot_text))
    return sum(w in bot for w in words) / len(words) >= 0.8


def trim_leading_silence(audio: np.ndarray, level: int = 200, keep_ms: int = 5) -> np.ndarray:
    """Drop a voice's lead-in silence (Piper: 30-50 ms), keeping ``keep_ms`` before speech."""
    loud = np.flatnonzero(np.abs(audio) > level)
    if loud.size == 0:
        return audio
    return audio[max(0, int(loud[0]) - keep_ms * 16) :]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]
