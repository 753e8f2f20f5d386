"""Reading and writing call audio: WAV at any common rate, or raw G.711, to 16 kHz int16.

Every failure becomes an :class:`AudioFormatError` that says what is wrong with which file,
because these files come from outside (recorded calls, test corpora, operators' prompts).
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import soxr

from agent.errors import AudioFormatError
from telephony.g711 import alaw_decode, ulaw_decode
from telephony.leg import SAMPLE_RATE

_ULAW_SUFFIXES = {".ul", ".ulaw", ".mulaw", ".pcmu", ".u8"}
_ALAW_SUFFIXES = {".al", ".alaw", ".pcma"}
SUPPORTED = ".wav, or raw 8 kHz G.711 (.ulaw/.pcmu/.ul, .alaw/.pcma/.al)"
MIN_RATE, MAX_RATE = 8000, 48000


def resample(pcm: np.ndarray, rate_in: int, rate_out: int = SAMPLE_RATE) -> np.ndarray:
    if rate_in == rate_out or pcm.size == 0:
        return pcm.astype(np.int16, copy=False)
    out: np.ndarray = soxr.resample(
        pcm.astype(np.int16, copy=False), rate_in, rate_out, quality="HQ"
    )
    return out


def load_audio(
    path: str | Path, *, channel: int = 0, max_seconds: float | None = None
) -> np.ndarray:
    """Load ``path`` as 16 kHz mono int16. ``channel`` picks one side of a stereo recording."""
    path = Path(path)
    if not path.exists():
        raise AudioFormatError(f"{path}: no such file")
    if path.is_dir():
        raise AudioFormatError(f"{path}: is a directory, expected an audio file ({SUPPORTED})")
    size = path.stat().st_size
    if size == 0:
        raise AudioFormatError(f"{path}: the file is empty")
    suffix = path.suffix.lower()
    if suffix in _ULAW_SUFFIXES or suffix in _ALAW_SUFFIXES:
        data = path.read_bytes()
        if max_seconds is not None:
            data = data[: int(max_seconds * 8000)]
        pcm = ulaw_decode(data) if suffix in _ULAW_SUFFIXES else alaw_decode(data)
        return resample(pcm, 8000)
    if suffix != ".wav":
        raise AudioFormatError(
            f"{path}: unsupported audio type {suffix or '(none)'}; use {SUPPORTED}"
        )
    return _load_wav(path, channel, max_seconds)


def _load_wav(path: Path, channel: int, max_seconds: float | None) -> np.ndarray:
    try:
        with wave.open(str(path), "rb") as w:
            rate, width, channels, nframes = (
                w.getframerate(),
                w.getsampwidth(),
                w.getnchannels(),
                w.getnframes(),
            )
            if not MIN_RATE <= rate <= MAX_RATE:
                raise AudioFormatError(
                    f"{path}: sample rate {rate} Hz is outside {MIN_RATE}-{MAX_RATE} Hz"
                )
            if width not in (1, 2):
                raise AudioFormatError(
                    f"{path}: {8 * width}-bit samples are not supported; use 16-bit PCM"
                )
            if max_seconds is not None:
                nframes = min(nframes, int(max_seconds * rate))
            raw = w.readframes(nframes)
    except AudioFormatError:
        raise
    except (wave.Error, EOFError, RuntimeError, ValueError, OSError) as exc:
        # wave raises RuntimeError/ValueError on some malformed chunk layouts, not wave.Error
        raise AudioFormatError(f"{path}: not a readable PCM WAV file ({exc})") from exc
    frame_bytes = width * channels
    usable = len(raw) - len(raw) % frame_bytes
    if usable == 0:
        raise AudioFormatError(f"{path}: the WAV file holds no audio")
    raw = raw[:usable]
    if width == 1:
        pcm = ((np.frombuffer(raw, dtype=np.uint8).astype(np.int16) - 128) << 8).astype(np.int16)
    else:
        pcm = np.frombuffer(raw, dtype="<i2")
    if channels > 1:
        if not 0 <= channel < channels:
            raise AudioFormatError(f"{path}: has {channels} channels; channel {channel} is absent")
        pcm = pcm.reshape(-1, channels)[:, channel]
    return resample(np.ascontiguousarray(pcm), rate)


def wav_duration(path: str | Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())


def save_wav(path: str | Path, pcm: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    """Write int16 mono (1-D) or multi-channel (N x C) PCM."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arr = np.asarray(pcm, dtype=np.int16)
    channels = 1 if arr.ndim == 1 else arr.shape[1]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(arr.astype("<i2").tobytes())
