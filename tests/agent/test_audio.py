"""Bad audio files get a clear error naming the file and the problem, never a traceback."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from agent.audio import load_audio, save_wav
from agent.errors import AudioFormatError
from telephony.g711 import ulaw_encode


def _wav(path, rate=8000, channels=1, width=2, n=8000):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(b"\x01\x00" * n * channels * (width // 2 or 1))
    return path


@pytest.mark.parametrize("rate", [8000, 16000, 44100, 48000])
def test_common_rates_become_16k(tmp_path, rate):
    pcm = load_audio(_wav(tmp_path / "a.wav", rate=rate, n=rate))
    assert pcm.dtype == np.int16 and abs(len(pcm) - 16000) <= 16


def test_stereo_picks_a_channel(tmp_path):
    save_wav(tmp_path / "s.wav", np.stack([np.full(1600, 100), np.full(1600, -100)], axis=1))
    assert load_audio(tmp_path / "s.wav", channel=1).mean() < 0


def test_raw_g711(tmp_path):
    tone = (8000 * np.sin(np.arange(8000) / 5)).astype(np.int16)
    (tmp_path / "c.ulaw").write_bytes(ulaw_encode(tone))
    assert len(load_audio(tmp_path / "c.ulaw")) == 16000


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"RIFF\x00\x00garbage" * 3), "not a readable"),
        (lambda p: p.write_bytes(_wav(p.parent / "ok.wav").read_bytes()[:30]), "not a readable"),
        (lambda p: _wav(p, rate=4000), "outside"),
        (lambda p: _wav(p, rate=96000), "outside"),
        (lambda p: _wav(p, n=0), "no audio"),
    ],
)
def test_bad_files_are_clear_errors(tmp_path, make, message):
    path = tmp_path / "bad.wav"
    make(path)
    with pytest.raises(AudioFormatError, match=message):
        load_audio(path)


def test_truncated_wav_keeps_what_is_there(tmp_path):
    data = _wav(tmp_path / "ok.wav", n=8000).read_bytes()
    (tmp_path / "cut.wav").write_bytes(data[: len(data) // 2])
    pcm = load_audio(tmp_path / "cut.wav")
    assert 0 < len(pcm) < 16000


def test_missing_and_unsupported(tmp_path):
    with pytest.raises(AudioFormatError, match="no such file"):
        load_audio(tmp_path / "nope.wav")
    (tmp_path / "x.mp3").write_bytes(b"ID3")
    with pytest.raises(AudioFormatError, match="unsupported"):
        load_audio(tmp_path / "x.mp3")
