"""Cutting live audio into spoken turns for the transcript alone.

While a person talks with the caller, nothing the assistant says depends on where a turn
ends, so there is no speculation and no short endpoint: a turn ends after ``endpoint_ms`` of
silence (or at ``max_turn_s``), and its audio is handed back to be transcribed for the
record and the agent's console. Sans-I/O: frames and speech probabilities in, finished turns
out; the caller transcribes them on its own executor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from agent.turns import SpeechPaused, TurnConfig, TurnDetector, TurnTooLong

__all__ = ["SpokenTurn", "TurnCutter", "energy_probability"]


@dataclass(frozen=True, slots=True)
class SpokenTurn:
    audio: np.ndarray
    t_start: float
    t_end: float


class TurnCutter:
    def __init__(self, config: TurnConfig | None = None, *, endpoint_ms: int = 600) -> None:
        self.detector = TurnDetector(replace(config or TurnConfig(), pause_ms=endpoint_ms))

    def push(self, pcm: np.ndarray, probability: float, t: float) -> SpokenTurn | None:
        for event in self.detector.push(pcm, probability, t):
            if isinstance(event, SpeechPaused | TurnTooLong):
                turn = SpokenTurn(event.audio, self.detector.t_start, event.t_end)
                self.detector.end_turn()
                return turn
        return None


def energy_probability(pcm: np.ndarray, floor: float = 400.0) -> float:
    """A speech probability from loudness alone, for a clean headset microphone after the
    browser's noise suppression: 0 below ``floor`` RMS, rising to 1 at twice the floor."""
    if pcm.size == 0:
        return 0.0
    rms = float(np.sqrt(np.mean(pcm.astype(np.float32) ** 2)))
    return float(np.clip(rms / floor - 1.0, 0.0, 1.0))
