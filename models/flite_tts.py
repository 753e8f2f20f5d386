"""flite (CMU, BSD-style licence) behind :class:`TextToSpeech`: the permissive fallback.

flite runs as a subprocess of Debian's ``flite`` binary. It can't stream within an
utterance, so text is split into sentences and each is synthesised and yielded on its own:
the first sentence plays while the rest are made (flite's RTF is ~0.01, so each sentence
takes a few tens of ms, mostly process start-up). It writes a WAV file (``-o -`` does not go
to stdout), read back here; the slt/awb/rms/kal16 voices are 16 kHz, kal is 8 kHz and is
resampled.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from agent.audio import load_audio
from agent.errors import AudioFormatError, ConfigError, ModelError, ModelNotInstalled
from telephony.leg import SAMPLE_RATE

TIMEOUT_S = 30.0  # per sentence; flite needs ~1 % of real time, so this only catches hangs

# A sentence ends at . ! ? (or ;) followed by whitespace, unless the word before the full
# stop is a common abbreviation ("Dr. Smith", "St. Mary's"), which would otherwise split a
# name from its title and put a pause in the middle of it.
_ABBREVIATIONS = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "prof",
        "jr",
        "sr",
        "vs",
        "approx",
        "dept",
        "e.g",
        "i.e",
        "etc",
        "mt",
        "ft",
    }
)
_BOUNDARY = re.compile(r"(?<=[.!?;])\s+")


class FliteNotInstalled(ModelNotInstalled):
    """The flite binary is missing: a Debian package, not a pip one."""

    def __init__(self, binary: str, alternative: str | None = None) -> None:
        # Skip ModelNotInstalled's "pip install" hint: this one comes from apt.
        hint = f" (or {alternative})" if alternative else ""
        ModelError.__init__(
            self, f"flite TTS ({binary}) is not installed: apt-get install flite{hint}"
        )
        self.package = "flite"


def split_sentences(text: str) -> list[str]:
    """Split text into sentences for per-sentence synthesis."""
    parts = [p.strip() for p in _BOUNDARY.split(text.strip()) if p.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and _ends_with_abbreviation(merged[-1]):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def _ends_with_abbreviation(sentence: str) -> bool:
    if not sentence.endswith("."):
        return False
    last = sentence.rsplit(maxsplit=1)[-1].rstrip(".").lower()
    return last in _ABBREVIATIONS


class FliteTts:
    """flite TTS producing 16 kHz int16 audio, one chunk per sentence."""

    sample_rate = SAMPLE_RATE

    def __init__(self, voice: str = "slt", *, binary: str = "flite") -> None:
        """``voice``: a built-in flite voice (slt, awb, rms, kal16, kal) or a .flitevox path."""
        found = shutil.which(binary)
        if found is None:
            raise FliteNotInstalled(binary)
        self.binary = found
        self.voice = voice
        if not voice.endswith(".flitevox") and voice not in self.voices():
            raise ConfigError(f"flite has no voice {voice!r}; available: {self.voices()}")

    def voices(self) -> list[str]:
        """Voices compiled into this flite build (``flite -lv``)."""
        out = self._run([self.binary, "-lv"]).stdout
        return out.split(":", 1)[-1].split()

    def synthesize(self, text: str) -> Iterator[np.ndarray]:
        for sentence in split_sentences(text):
            audio = self.synthesize_all(sentence)
            if audio.size:
                yield audio

    def synthesize_all(self, text: str) -> np.ndarray:
        """The whole of ``text`` as one 16 kHz int16 array (no sentence splitting)."""
        if not text.strip():
            return np.zeros(0, dtype=np.int16)
        with tempfile.TemporaryDirectory(prefix="careline-flite-") as tmp:
            # Text goes through a file, not argv: no length limits, and a text starting with
            # "-" can't be taken for an option.
            text_file, wav_file = Path(tmp) / "text.txt", Path(tmp) / "out.wav"
            text_file.write_text(text, encoding="utf-8")
            self._run(
                [self.binary, "-voice", self.voice, "-f", str(text_file), "-o", str(wav_file)]
            )
            try:
                return load_audio(wav_file)  # resamples to 16 kHz if the voice is 8 kHz
            except AudioFormatError as exc:
                raise ModelError(f"flite produced no usable audio: {exc}") from exc

    def _run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        try:
            proc = subprocess.run(
                argv, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ModelError(f"flite failed to run: {exc}") from exc
        if proc.returncode != 0:
            raise ModelError(f"flite exited with {proc.returncode}: {proc.stderr.strip()[:200]}")
        return proc
