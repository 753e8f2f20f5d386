"""WAV files for peers: what one holds (WavInfo), and a tone to play as a voice."""

from __future__ import annotations

import array
import math
import wave
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WavInfo:
    rate: int
    channels: int
    sample_width: int
    frames: int
    #: root mean square of the samples, 0..32767 (16-bit only; 0.0 otherwise)
    rms: float

    @property
    def seconds(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


def wav_info(path: Path | str) -> WavInfo:
    with wave.open(str(path), "rb") as wav:
        frames = wav.getnframes()
        raw = wav.readframes(frames)
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
    rms = 0.0
    if width == 2 and raw:
        samples = array.array("h", raw[: len(raw) - len(raw) % 2])
        rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    return WavInfo(rate, channels, width, frames, rms)


def write_tone_wav(
    path: Path | str,
    *,
    seconds: float = 5.0,
    frequency: float = 440.0,
    amplitude: float = 0.5,
    rate: int = 8000,
) -> Path:
    """A 16-bit mono sine WAV, the kind baresip's aufile plays as a caller's voice."""
    count = int(seconds * rate)
    peak = amplitude * 32767
    samples = array.array(
        "h", (round(peak * math.sin(2 * math.pi * frequency * i / rate)) for i in range(count))
    )
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return Path(path)
