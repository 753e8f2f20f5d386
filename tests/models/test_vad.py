"""Silero and WebRTC VADs on leg-sized frames: speech, silence and noise."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agent.errors import ConfigError, InputError
from models import load_vad
from models.vad import SileroVad, WebRtcVad
from tests.models.conftest import SpeakFn

FRAME = 320


def _frames(audio: np.ndarray) -> list[np.ndarray]:
    return [audio[i : i + FRAME] for i in range(0, audio.size - FRAME + 1, FRAME)]


def _probs(vad: SileroVad | WebRtcVad, audio: np.ndarray) -> np.ndarray:
    return np.array([vad.speech_probability(f) for f in _frames(audio)])


def _noise(level: float, seconds: float = 2.0, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, level, int(16000 * seconds)).astype(np.int16)


@pytest.mark.models
def test_silero_hears_speech(speak: SpeakFn) -> None:
    vad = load_vad("silero")
    speech = speak("Hello, I am calling to check on my test results from last week.", pad_s=0.0)
    probs = _probs(vad, speech)
    assert probs.max() > 0.9
    assert np.mean(probs > 0.5) > 0.6  # most of a continuous sentence is speech


@pytest.mark.models
@pytest.mark.parametrize("level", [0.0, 30.0, 300.0])
def test_silero_ignores_silence_and_noise(level: float) -> None:
    probs = _probs(SileroVad(), _noise(level))
    assert probs.max() < 0.5
    assert probs.mean() < 0.1


@pytest.mark.models
def test_silero_buffers_to_its_window_and_resets(speak: SpeakFn) -> None:
    vad = SileroVad()
    speech = speak("Good morning, this is Peter.", pad_s=0.0)
    # 20 ms frames, 512-sample windows: the first frame has no full window yet.
    assert vad.speech_probability(speech[:FRAME]) == 0.0
    probs = [vad.speech_probability(f) for f in _frames(speech[FRAME:])]
    assert max(probs) > 0.9
    vad.reset()
    assert vad.speech_probability(np.zeros(FRAME, np.int16)) == 0.0
    # Any frame size works (e.g. a 30 ms device buffer).
    odd = [vad.speech_probability(speech[i : i + 480]) for i in range(0, speech.size - 480, 480)]
    assert max(odd) > 0.9


def test_webrtc_decisions(speak: SpeakFn) -> None:
    vad = load_vad("webrtc", aggressiveness=3)
    assert isinstance(vad, WebRtcVad)
    speech = speak("Please put me through to the pharmacy.", pad_s=0.0)
    probs = _probs(vad, speech)
    assert set(np.unique(probs)) <= {0.0, 1.0}
    assert probs.mean() > 0.6
    vad.reset()
    assert _probs(vad, np.zeros(16000, np.int16)).max() == 0.0
    odd = [vad.speech_probability(speech[i : i + 200]) for i in range(0, speech.size - 200, 200)]
    assert np.mean(odd) > 0.5


def test_bad_configuration_and_input() -> None:
    with pytest.raises(ConfigError):
        load_vad("nope")
    with pytest.raises(ConfigError):
        WebRtcVad(aggressiveness=7)
    with pytest.raises(InputError):
        WebRtcVad().speech_probability(np.zeros(FRAME, np.float32))


@pytest.mark.models
def test_silero_calls_share_the_model_not_the_state(speak: SpeakFn) -> None:
    # One ONNX session serves every call; each call's recurrent state and context are its own,
    # so interleaving two calls' frames gives each the answer it would get alone.
    speech = speak("I need to book a flu shot for my mother.", pad_s=0.0)
    silence = np.zeros_like(speech)
    alone = _probs(SileroVad(), speech)
    a, b = SileroVad(), SileroVad()
    assert a._session is b._session
    mixed_a, mixed_b = [], []
    for fa, fb in zip(_frames(speech), _frames(silence), strict=True):
        mixed_a.append(a.speech_probability(fa))
        mixed_b.append(b.speech_probability(fb))
    np.testing.assert_allclose(mixed_a, alone, atol=1e-6)
    assert max(mixed_b) < 0.1


def test_silero_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    from agent.errors import ModelError

    with pytest.raises(ModelError, match="could not load"):
        SileroVad(model_path=str(tmp_path / "nope.onnx"))
