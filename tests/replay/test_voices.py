"""Synthetic test-caller voices: rendering, telephone shaping, determinism, speech spans."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from agent.replay import voices
from agent.replay.voices import (
    LINE_RATE,
    SAMPLE_RATE,
    VoiceUnavailable,
    render,
    render_phone,
    speech_span,
    trim_silence,
)

TEXT = "Hi, I need a refill of my blood pressure pills, please."

# One voice per synthesiser family, and the Debian package it needs.
FAMILIES = {
    "flite:awb": "flite",
    "flite:kal16": "flite",
    "festival:slt_hts": "text2wave",
    "espeak:en-us": "espeak-ng",
    "espeak:en+f3": "espeak-ng",
}


def _need(binary: str) -> None:
    if shutil.which(binary) is None:
        pytest.skip(f"{binary} is not installed")


def _band_energy(pcm: np.ndarray, rate: int, lo: float, hi: float) -> float:
    x = pcm.astype(np.float64)
    power = np.abs(np.fft.rfft(x)) ** 2
    f = np.fft.rfftfreq(x.size, 1.0 / rate)
    return float(power[(f >= lo) & (f < hi)].sum() / power.sum())


@pytest.mark.parametrize("voice", sorted(FAMILIES))
def test_render_is_16k_int16_phone_band_speech(voice: str) -> None:
    _need(FAMILIES[voice])
    pcm = render(TEXT, voice, seed=1)
    assert pcm.dtype == np.int16 and pcm.ndim == 1
    seconds = pcm.size / SAMPLE_RATE
    assert 1.5 < seconds < 10.0
    assert np.sqrt(np.mean(pcm.astype(np.float64) ** 2)) > 300  # audible speech, not silence
    assert _band_energy(pcm, SAMPLE_RATE, 3600, 8000) < 0.01  # nothing above the phone band
    assert _band_energy(pcm, SAMPLE_RATE, 0, 200) < 0.01
    assert _band_energy(pcm, SAMPLE_RATE, 250, 3500) > 0.98


def test_render_phone_is_8k_g711_and_spans_the_speech() -> None:
    _need("flite")
    clip = render_phone(TEXT, "flite:rms", seed=5)
    assert clip.pcm.dtype == np.int16 and clip.rate == LINE_RATE
    # Every sample is a G.711 mu-law value: re-encoding changes nothing.
    from telephony.g711 import ulaw_decode, ulaw_encode

    assert np.array_equal(ulaw_decode(ulaw_encode(clip.pcm)), clip.pcm)
    start, end = clip.span
    lead, trail = voices.DEFAULT_PAD
    assert lead - 0.02 <= start <= lead + 0.1
    assert clip.duration - trail - 0.1 <= end <= clip.duration - trail + 0.02
    # The delivered (noisy) audio's span lies inside the clean one, give or take a frame.
    n_start, n_end = speech_span(clip.pcm, LINE_RATE)
    assert start - 0.01 <= n_start < n_end <= end + 0.01
    assert end - n_end < 0.35


def test_line_noise_is_present_and_low() -> None:
    _need("flite")
    clip = render_phone(TEXT, "flite:awb", seed=2)
    head = clip.pcm[: int(0.2 * LINE_RATE)].astype(np.float64) / 32768
    level = 20 * np.log10(np.sqrt(np.mean(head**2)))
    lo, hi = voices.NOISE_DBFS
    assert lo - 3 < level < hi + 3


def test_render_is_deterministic_for_a_seed() -> None:
    _need("flite")
    _need("espeak-ng")
    for voice in ("flite:awb", "espeak:en-us+m3"):
        a = render(TEXT, voice, seed=7)
        b = render(TEXT, voice, seed=7)
        c = render(TEXT, voice, seed=8)
        assert np.array_equal(a, b)
        assert a.shape != c.shape or not np.array_equal(a, c)


def test_speed_changes_duration() -> None:
    _need("flite")
    normal = render_phone(TEXT, "flite:kal16", seed=0)
    slow = render_phone(TEXT, "flite:kal16", seed=0, speed=0.7)
    assert slow.duration > normal.duration * 1.2


def test_cache_reuses_renders(tmp_path, monkeypatch) -> None:
    _need("flite")
    first = render_phone(TEXT, "flite:awb", seed=3, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.wav"))) == 1

    def boom(*_a, **_k):
        raise AssertionError("should have come from the cache")

    monkeypatch.setattr(voices, "synthesize", boom)
    again = render_phone(TEXT, "flite:awb", seed=3, cache_dir=tmp_path)
    assert np.array_equal(first.pcm, again.pcm) and first.span == again.span
    with pytest.raises(AssertionError):
        render_phone(TEXT, "flite:awb", seed=4, cache_dir=tmp_path)  # another key: renders


def test_unknown_and_bot_voices_are_refused() -> None:
    for bad in ("flite:slt", "piper:joe", "flite:nobody", "espeak:", "awb", "festival:kal"):
        with pytest.raises(ValueError):
            voices.parse_voice(bad)
    with pytest.raises(ValueError, match="empty"):
        voices.synthesize("   ", "flite:awb")


@pytest.mark.parametrize(
    ("voice", "package"),
    [
        ("flite:awb", "flite"),
        ("espeak:en-us", "espeak-ng"),
        ("festival:slt_hts", "festival"),
    ],
)
def test_missing_binary_names_the_debian_package(monkeypatch, voice: str, package: str) -> None:
    monkeypatch.setattr(voices.shutil, "which", lambda _name: None)
    with pytest.raises(VoiceUnavailable, match=f"apt-get install {package}") as info:
        voices.synthesize(TEXT, voice)
    assert info.value.package == package
    assert not voices.available(voice)


# ---------------------------------------------------------------------------- speech_span


def _burst(seconds: float, rate: int, f0: float = 180.0) -> np.ndarray:
    """A voiced-speech-like signal: harmonics of f0 with a syllable-rate envelope."""
    t = np.arange(round(seconds * rate)) / rate
    x = sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, 12))
    env = 0.6 + 0.4 * np.sin(2 * np.pi * 4.0 * t) ** 2
    return 0.1 * x * env


@pytest.mark.parametrize("rate", [8000, 16000])
def test_speech_span_finds_speech_around_a_known_pause(rate: int) -> None:
    rng = np.random.default_rng(0)
    parts = [
        np.zeros(round(0.5 * rate)),
        _burst(1.2, rate),
        np.zeros(round(0.7 * rate)),
        _burst(0.6, rate),
        np.zeros(round(0.9 * rate)),
    ]
    x = np.concatenate(parts)
    x += rng.standard_normal(x.size) * 10 ** (-50 / 20)
    pcm = np.round(x * 32768).astype(np.int16)
    start, end = speech_span(pcm, rate)
    assert start == pytest.approx(0.5, abs=0.015)
    assert end == pytest.approx(3.0, abs=0.015)
    # Only the first part: the span ends at the pause, not at the end of the clip.
    first = pcm[: round(2.0 * rate)]
    assert speech_span(first, rate)[1] == pytest.approx(1.7, abs=0.015)
    # trim_silence keeps just the speech (plus pad).
    trimmed = trim_silence(pcm, rate, pad=0.1)
    assert trimmed.size / rate == pytest.approx(2.7, abs=0.04)


def test_speech_span_of_silence_noise_and_clicks_is_empty() -> None:
    rate = 16000
    assert speech_span(np.zeros(rate, dtype=np.int16), rate) == (0.0, 0.0)
    assert speech_span(np.zeros(0, dtype=np.int16), rate) == (0.0, 0.0)
    noise = np.random.default_rng(1).standard_normal(2 * rate) * 10 ** (-40 / 20)
    assert speech_span(noise, rate) == (0.0, 0.0)
    clicky = noise.copy()
    clicky[rate : rate + 40] = 0.5  # a 2.5 ms click is not speech
    assert speech_span(clicky, rate) == (0.0, 0.0)


def test_speech_span_on_a_rendered_utterance_with_known_silence() -> None:
    _need("espeak-ng")
    clip = render_phone(TEXT, "espeak:en-us", seed=4, pad=(1.0, 0.5))
    assert clip.span[0] == pytest.approx(1.0, abs=0.05)
    assert clip.span[1] == pytest.approx(clip.duration - 0.5, abs=0.05)
    start, end = speech_span(render(TEXT, "espeak:en-us", seed=4, pad=(1.0, 0.5)), SAMPLE_RATE)
    assert 0.99 <= start <= 1.1
    assert clip.duration - 0.5 - 0.3 <= end <= clip.duration - 0.49
