"""8 <-> 16 kHz streaming resamplers for the narrowband codecs.

The default is a 64-tap Kaiser-windowed FIR run as a 2x interpolator or decimator, which
keeps its state between 20 ms frames, returns exactly twice (or half) the samples it is
given, and delays the signal by 2 ms. ``soxr.ResampleStream`` was the first choice and is
kept behind ``kind="soxr"``, but in this use it does not fit: at its filtering qualities
(LQ and up) it releases output in blocks of 60-100 ms, which a per-frame pull must buffer,
so each direction would gain that much latency; its QQ setting is low-latency but does no
filtering, so 16 -> 8 kHz folds 4-8 kHz content back into the band at full level. The
measurements are in ``tests/telephony/media/test_codecs.py``.
"""

from __future__ import annotations

from typing import Literal, Protocol

import numpy as np
import soxr

__all__ = ["FirResampler", "Resampler", "SoxrResampler", "make_resampler"]


class Resampler(Protocol):
    def process(self, pcm: np.ndarray) -> np.ndarray:
        """Resample one chunk of int16 samples, continuing from the previous chunk."""
        ...


def _design(taps: int, cutoff_hz: float, rate_hz: float, beta: float) -> np.ndarray:
    n = np.arange(taps) - (taps - 1) / 2
    fc = cutoff_hz / rate_hz
    h = 2 * fc * np.sinc(2 * fc * n) * np.kaiser(taps, beta)
    taps_out: np.ndarray = (h / h.sum()).astype(np.float32)
    return taps_out


# Passband to ~3.4 kHz, 60 dB down by ~4.3 kHz: the whole G.711 voice band survives and
# what would alias across 4 kHz is removed. Designed at 16 kHz, used in both directions.
_TAPS = 64
_LOWPASS = _design(_TAPS, 3800.0, 16000.0, 6.0)


def _to_int16(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.clip(np.rint(x), -32768, 32767).astype(np.int16)
    return out


class FirResampler:
    """2x up (8 -> 16 kHz) or 2x down (16 -> 8 kHz) with one shared low-pass design."""

    def __init__(self, up: bool) -> None:
        self.up = up
        if up:
            # Polyphase: even and odd output samples each see every other tap; the gain of
            # 2 restores the level that zero-stuffing halves.
            self._phases = (2 * _LOWPASS[0::2], 2 * _LOWPASS[1::2])
            self._history = np.zeros(_TAPS // 2 - 1, dtype=np.float32)
        else:
            self._history = np.zeros(_TAPS - 1, dtype=np.float32)
            self._odd = False  # whether the next input sample has odd index overall

    def process(self, pcm: np.ndarray) -> np.ndarray:
        if len(pcm) == 0:
            return np.zeros(0, dtype=np.int16)
        buf = np.concatenate((self._history, pcm.astype(np.float32)))
        self._history = buf[len(buf) - len(self._history) :]
        if self.up:
            out = np.empty(2 * len(pcm), dtype=np.float32)
            out[0::2] = np.convolve(buf, self._phases[0], mode="valid")
            out[1::2] = np.convolve(buf, self._phases[1], mode="valid")
            return _to_int16(out)
        full = np.convolve(buf, _LOWPASS, mode="valid")
        start = 1 if self._odd else 0
        self._odd = (start + len(pcm)) % 2 == 1
        return _to_int16(full[start::2])


class SoxrResampler:
    """``soxr.ResampleStream`` behind a FIFO that returns exactly ``ratio`` times the input.

    Whenever soxr has not yet released enough, the FIFO is padded with silence; after the
    first blocks the FIFO holds one block of slack, which is the latency this class adds
    (about 60 ms at LQ, 100 ms at HQ).
    """

    def __init__(self, in_rate: int, out_rate: int, quality: str = "HQ") -> None:
        self._stream = soxr.ResampleStream(in_rate, out_rate, 1, dtype="int16", quality=quality)
        self._ratio = out_rate / in_rate
        self._fifo = np.zeros(0, dtype=np.int16)
        self._owed = 0.0

    def process(self, pcm: np.ndarray) -> np.ndarray:
        self._fifo = np.concatenate((self._fifo, self._stream.resample_chunk(pcm)))
        self._owed += len(pcm) * self._ratio
        want = int(self._owed)
        self._owed -= want
        if len(self._fifo) < want:  # not enough released yet: pad in front
            self._fifo = np.concatenate((np.zeros(want - len(self._fifo), np.int16), self._fifo))
        out, self._fifo = self._fifo[:want], self._fifo[want:]
        return out


def make_resampler(up: bool, kind: Literal["fir", "soxr"] = "fir") -> Resampler:
    """A resampler between 8 kHz (the G.711 clock) and 16 kHz (the call leg's rate)."""
    if kind == "soxr":
        return SoxrResampler(8000, 16000) if up else SoxrResampler(16000, 8000)
    return FirResampler(up)
