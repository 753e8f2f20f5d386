"""Audio codecs for the RTP session: PCMU (0), PCMA (8) and G.722 (9).

Every codec speaks the call leg's format on its inner side - 20 ms frames of 16 kHz mono
int16 - whatever it samples at on the wire, so the session never resamples. Instances are
stateful (resampler and ADPCM history per direction): take a fresh one per call from
:func:`codec_for`.

``clock_rate`` is the *RTP* clock, which is what timestamps count: 8000 for all three.
For G.722 that is a historical error frozen into RFC 3551 (it samples at 16 kHz), so a
20 ms G.722 frame advances the timestamp by 160, like G.711.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal, Protocol, runtime_checkable

import av
import numpy as np

from telephony.g711 import alaw_decode, alaw_encode, ulaw_decode, ulaw_encode
from telephony.leg import FRAME_SAMPLES, SAMPLE_RATE, fit_frame
from telephony.media.resample import make_resampler

__all__ = ["Codec", "G711Codec", "G722Codec", "codec_for"]

_FADE = (0.7, 0.4, 0.15)  # gains for the first, second and third lost frame in a row


@runtime_checkable
class Codec(Protocol):
    """One direction pair of an audio codec, as the RTP session uses it."""

    name: str  # the SDP encoding name (RFC 3551): "PCMU", "PCMA", "G722"
    payload_type: int
    clock_rate: int  # RTP timestamp units per second

    def encode(self, pcm: np.ndarray) -> bytes:
        """One 20 ms frame of 16 kHz int16 in, one RTP payload out."""
        ...

    def decode(self, payload: bytes) -> np.ndarray:
        """One RTP payload in, its audio as 16 kHz int16 out (320 samples for 20 ms)."""
        ...

    def conceal(self) -> np.ndarray:
        """A 20 ms, 16 kHz frame to play in place of one that was lost."""
        ...


class _Concealer:
    """Repeat the last good frame, fading out over three frames, then silence.

    Deliberately simple and nearly free. G.711 Appendix I's pitch-synchronous repetition
    sounds better on long voiced losses and can replace this behind the same method.
    """

    def __init__(self) -> None:
        self._last = np.zeros(FRAME_SAMPLES, dtype=np.int16)
        self._run = 0

    def good(self, pcm: np.ndarray) -> np.ndarray:
        if len(pcm) >= FRAME_SAMPLES:
            self._last = pcm[-FRAME_SAMPLES:]
        self._run = 0
        return pcm

    def conceal(self) -> np.ndarray:
        gain = _FADE[self._run] if self._run < len(_FADE) else 0.0
        self._run += 1
        if gain == 0.0:
            return np.zeros(FRAME_SAMPLES, dtype=np.int16)
        return (self._last.astype(np.float32) * gain).astype(np.int16)


class G711Codec:
    """PCMU or PCMA through :mod:`telephony.g711`, resampled 8 <-> 16 kHz per direction."""

    clock_rate = 8000

    def __init__(
        self, law: Literal["PCMU", "PCMA"], resampler: Literal["fir", "soxr"] = "fir"
    ) -> None:
        self.name: str = law
        self.payload_type = 0 if law == "PCMU" else 8
        self._encode = ulaw_encode if law == "PCMU" else alaw_encode
        self._decode = ulaw_decode if law == "PCMU" else alaw_decode
        self._down = make_resampler(False, resampler)
        self._up = make_resampler(True, resampler)
        self._plc = _Concealer()

    def encode(self, pcm: np.ndarray) -> bytes:
        return self._encode(self._down.process(fit_frame(pcm)))

    def decode(self, payload: bytes) -> np.ndarray:
        return self._plc.good(self._up.process(self._decode(payload)))

    def conceal(self) -> np.ndarray:
        return self._plc.conceal()


class G722Codec:
    """G.722 (64 kbit/s SB-ADPCM) through PyAV's libavcodec encoder and decoder."""

    name = "G722"
    payload_type = 9
    clock_rate = 8000  # RFC 3551 section 4.5.2, although it samples at 16 kHz

    def __init__(self) -> None:
        self._encoder = self._context("w")
        self._decoder = self._context("r")
        self._pts = 0
        self._plc = _Concealer()

    @staticmethod
    def _context(mode: Literal["r", "w"]) -> av.AudioCodecContext:
        ctx = av.CodecContext.create("g722", mode)
        assert isinstance(ctx, av.AudioCodecContext)
        ctx.sample_rate = SAMPLE_RATE
        ctx.layout = "mono"
        ctx.format = "s16"
        if mode == "w":
            ctx.time_base = Fraction(1, SAMPLE_RATE)
        ctx.open()
        return ctx

    def encode(self, pcm: np.ndarray) -> bytes:
        frame = av.AudioFrame.from_ndarray(
            fit_frame(pcm).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._pts
        self._pts += FRAME_SAMPLES
        return b"".join(bytes(packet) for packet in self._encoder.encode(frame))

    def decode(self, payload: bytes) -> np.ndarray:
        if not payload:  # an empty packet would read as end-of-stream to libavcodec
            return np.zeros(0, dtype=np.int16)
        frames = self._decoder.decode(av.Packet(payload))
        pcm = [f.to_ndarray().reshape(-1) for f in frames]
        out = np.concatenate(pcm) if pcm else np.zeros(0, dtype=np.int16)
        return self._plc.good(out.astype(np.int16, copy=False))

    def conceal(self) -> np.ndarray:
        return self._plc.conceal()


def codec_for(name: str, payload_type: int | None = None) -> Codec:
    """A fresh codec for an SDP encoding name (case-insensitive); ValueError if unknown.

    ``payload_type`` overrides the static number, for peers that map these codecs to
    dynamic types.
    """
    key = name.upper().replace(".", "")
    codec: Codec
    if key in ("PCMU", "PCMA"):
        codec = G711Codec("PCMU" if key == "PCMU" else "PCMA")
    elif key == "G722":
        codec = G722Codec()
    else:
        raise ValueError(f"unsupported codec {name!r}")
    if payload_type is not None:
        codec.payload_type = payload_type
    return codec
