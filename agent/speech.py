"""The small stream interfaces the pipeline talks to: VAD, STT and TTS.

The session sees only these protocols; the real models live in ``models/`` and fakes for fast
tests live in ``tests/fakes.py``. Every call that may take real time (STT, TTS synthesis) is
synchronous and is run by the session on the inference thread pool, because CTranslate2,
onnxruntime and torch release the GIL; audio I/O never waits on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np


class VoiceActivityDetector(Protocol):
    """Frame-by-frame speech detection on 20 ms, 16 kHz int16 frames. Cheap: runs inline."""

    def speech_probability(self, frame: np.ndarray) -> float: ...

    def reset(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Transcript:
    text: str
    confidence: float = 1.0  # 0..1, from the recogniser's own scores
    no_speech: float = 0.0  # probability the audio held no speech at all


class SpeechToText(Protocol):
    def transcribe(
        self, audio: np.ndarray, *, final: bool, context: str | None = None
    ) -> Transcript:
        """Transcribe 16 kHz int16 audio; ``final`` False asks for a quicker partial.

        ``context`` is what was said just before (the agent's last question): a recogniser
        that can condition on it hears a short "no" as "no" rather than "so".
        """


class TextToSpeech(Protocol):
    sample_rate: int  # always 16000 at this interface; engines resample internally

    def synthesize(self, text: str) -> Iterator[np.ndarray]:
        """Stream int16 audio chunks at 16 kHz for ``text`` (one sentence, usually)."""
