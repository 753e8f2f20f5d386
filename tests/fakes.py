"""Fakes for the pipeline's model interfaces, so session logic is tested in milliseconds.

Fake speech is tone-coded: each utterance text gets its own frequency, the fake caller
"says" it as a tone burst of a plausible length, and :class:`FakeStt` recognises it by its
dominant frequency. The fake bot voice is a different, lower tone.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from agent.replay.script import CallerStep
from agent.speech import Transcript

RATE = 16000


class ToneBook:
    """Texts <-> tone frequencies (400 Hz apart, from 1000 Hz)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def freq(self, text: str) -> float:
        if text not in self.texts:
            self.texts.append(text)
        return 1000.0 + 100.0 * self.texts.index(text)

    def say(self, text: str, seconds: float | None = None, amplitude: float = 8000) -> np.ndarray:
        seconds = seconds if seconds is not None else max(0.4, 0.3 * len(text.split()))
        t = np.arange(int(seconds * RATE)) / RATE
        return (amplitude * np.sin(2 * np.pi * self.freq(text) * t)).astype(np.int16)

    def lookup(self, audio: np.ndarray) -> str:
        if audio.size < 320 or np.abs(audio).max() < 500:
            return ""
        spectrum = np.abs(np.fft.rfft(audio.astype(np.float32)))
        f = np.argmax(spectrum) * RATE / len(audio)
        if not self.texts:
            return ""
        i = round((f - 1000.0) / 100.0)
        return (
            self.texts[i]
            if 0 <= i < len(self.texts) and abs(f - self.freq(self.texts[i])) < 40
            else ""
        )


class FakeVad:
    def speech_probability(self, frame: np.ndarray) -> float:
        return 1.0 if np.sqrt(np.mean(frame.astype(np.float32) ** 2)) > 1000 else 0.0

    def reset(self) -> None:
        pass


class FakeStt:
    def __init__(self, book: ToneBook) -> None:
        self.book = book
        self.calls: list[bool] = []

    def transcribe(
        self, audio: np.ndarray, *, final: bool, context: str | None = None
    ) -> Transcript:
        self.calls.append(final)
        return Transcript(self.book.lookup(audio), confidence=0.9)


class FakeTts:
    """The bot's voice: a 300 Hz tone, 0.1 s per word, at 16 kHz."""

    sample_rate = 16000

    def __init__(self) -> None:
        self.spoken: list[str] = []

    def synthesize(self, text: str) -> Iterator[np.ndarray]:
        self.spoken.append(text)
        n = int(0.1 * max(1, len(text.split())) * RATE)
        t = np.arange(n) / RATE
        yield (6000 * np.sin(2 * np.pi * 300 * t)).astype(np.int16)


def tone_renderer(book: ToneBook):
    def render(step: CallerStep) -> np.ndarray:
        assert step.say is not None, "fake callers speak text"
        return book.say(step.say)

    return render
