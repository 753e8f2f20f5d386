"""WhisperStt: the fast encoder path, the ordinary path, silence and loop guards."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import numpy as np
import pytest

from agent.errors import ConfigError, InputError
from models.whisper import (
    SHORT_BEAM,
    SHORT_PIECE_S,
    WhisperStt,
    _split,
    collapse_repeats,
    compression_ratio,
    decode_beam,
    say_once,
)
from tests.models.conftest import SpeakFn, words

SENTENCE = "I would like to book an appointment with the doctor on Tuesday morning."
KEY_WORDS = {"book", "appointment", "doctor", "tuesday", "morning"}


# --- pure helpers (no model) ---------------------------------------------------------------


def test_collapse_repeats_keeps_one_copy_of_a_loop() -> None:
    assert collapse_repeats("thank you thank you thank you thank you") == "thank you"
    assert collapse_repeats("I need I need I need to book") == "I need to book"
    assert collapse_repeats("Yes. Yes. yes, fine") == "Yes. fine"


def test_collapse_repeats_leaves_ordinary_text_and_digits() -> None:
    assert collapse_repeats("no no I said") == "no no I said"
    assert collapse_repeats("my number is 1 1 1 2") == "my number is 1 1 1 2"


def test_compression_ratio_flags_loops() -> None:
    assert compression_ratio("I would like to book an appointment please.") < 2.4
    assert compression_ratio("thank you " * 20) > 2.4
    assert compression_ratio("") == 0.0


def _guard(text: str, logprob: float, no_speech: float, hit_cap: bool = False) -> str:
    fake = SimpleNamespace(
        no_speech_threshold=0.6, log_prob_threshold=-1.0, compression_ratio_threshold=2.4
    )
    out, _ = WhisperStt._guard(fake, text, logprob, no_speech, hit_cap)  # type: ignore[arg-type]
    return out


def test_guard_applies_whispers_silence_rule() -> None:
    assert _guard("you", -1.5, 0.9) == ""  # likely silence and unsure: dropped
    assert _guard("yes", -0.3, 0.9) == "yes"  # confident despite no-speech: kept
    assert _guard("yes", -1.5, 0.2) == "yes"  # unsure but clearly speech: kept
    assert _guard("...", -0.2, 0.1) == ""  # no words at all


def test_guard_truncates_or_drops_loops() -> None:
    assert _guard("I need a refill " + "thank you " * 30, -0.2, 0.1) == "I need a refill thank you"
    assert _guard("la " * 60, -0.2, 0.1, hit_cap=True) == "la"
    assert _guard("a b c d e f g h i j k " * 5, -0.2, 0.1) == ""  # repetitive, no short loop


def test_long_audio_is_split_at_quiet_points() -> None:
    rng = np.random.default_rng(0)
    loud = rng.normal(0, 0.3, 16000 * 70).astype(np.float32)
    loud[16000 * 26 : 16000 * 26 + 800] = 0.0  # a pause inside the search window
    pieces = _split(loud)
    assert sum(p.size for p in pieces) == loud.size
    assert all(p.size <= 28 * 16000 for p in pieces)
    assert 26 * 16000 <= pieces[0].size <= 26 * 16000 + 800


# --- the real model ------------------------------------------------------------------------


@pytest.mark.models
def test_transcribes_a_spoken_sentence(tiny_stt: WhisperStt, speak: SpeakFn) -> None:
    result = tiny_stt.transcribe(speak(SENTENCE), final=True)
    assert KEY_WORDS <= words(result.text), result
    assert result.confidence > 0.5
    assert result.no_speech < 0.3


@pytest.mark.models
@pytest.mark.parametrize("answer", ["Yes.", "No.", "Thank you."])
def test_one_word_answers(tiny_stt: WhisperStt, speak: SpeakFn, answer: str) -> None:
    # Short turns are where a too-short encoder window failed (see MIN_WINDOW_FRAMES).
    result = tiny_stt.transcribe(speak(answer, voice="slt"), final=True)
    assert words(result.text) == words(answer), result


@pytest.mark.models
@pytest.mark.parametrize("level", [0, 10, 100])
def test_silence_and_line_noise_give_empty_text(tiny_stt: WhisperStt, level: int) -> None:
    noise = np.random.default_rng(level).normal(0, level, 16000 * 2).astype(np.int16)
    result = tiny_stt.transcribe(noise, final=True)
    assert result.text == ""
    assert result.no_speech > 0.6


@pytest.mark.models
def test_empty_audio(tiny_stt: WhisperStt) -> None:
    assert tiny_stt.transcribe(np.zeros(0, np.int16), final=False).text == ""


@pytest.mark.models
def test_rejects_stereo_and_bad_types(tiny_stt: WhisperStt) -> None:
    with pytest.raises(InputError):
        tiny_stt.transcribe(np.zeros((100, 2), np.int16), final=True)
    with pytest.raises(InputError):
        tiny_stt.transcribe(np.zeros(100, np.int32), final=True)


@pytest.mark.models
def test_fast_and_ordinary_paths_agree(tiny_stt: WhisperStt, speak: SpeakFn) -> None:
    audio = speak("Can I speak to a nurse about my prescription please?", voice="rms")
    fast = tiny_stt.transcribe(audio, final=True)
    tiny_stt.fast_encoder = False
    try:
        ordinary = tiny_stt.transcribe(audio, final=True)
    finally:
        tiny_stt.fast_encoder = True
    assert words(fast.text) == words(ordinary.text), (fast, ordinary)
    assert abs(fast.confidence - ordinary.confidence) < 0.2


@pytest.mark.models
def test_ordinary_path_silence(tiny_stt: WhisperStt) -> None:
    tiny_stt.fast_encoder = False
    try:
        noise = np.random.default_rng(1).normal(0, 100, 16000 * 2).astype(np.int16)
        assert tiny_stt.transcribe(noise, final=True).text == ""
    finally:
        tiny_stt.fast_encoder = True


@pytest.mark.models
def test_long_audio_is_chunked(tiny_stt: WhisperStt, speak: SpeakFn) -> None:
    texts = [
        "My name is Margaret and I am calling about my mother.",
        "She was discharged from the hospital on Friday afternoon.",
        "The pharmacy did not receive her new prescription.",
        "She is taking blood pressure tablets twice a day.",
        "Could somebody from the ward call me back this evening?",
        "My telephone number is on her file.",
    ]
    audio = np.concatenate([speak(t, voice="slt", pad_s=0.6) for t in texts * 2])
    assert audio.size > 30 * 16000
    result = tiny_stt.transcribe(audio, final=True)
    got = words(result.text)
    for key in ("margaret", "hospital", "pharmacy", "prescription", "evening", "file"):
        assert key in got, result.text


@pytest.mark.models
def test_concurrent_calls_are_safe(tiny_stt: WhisperStt, speak: SpeakFn) -> None:
    audio = speak(SENTENCE)
    expected = tiny_stt.transcribe(audio, final=True).text
    results: list[str] = []

    def run() -> None:
        results.append(tiny_stt.transcribe(audio, final=True).text)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 3


@pytest.mark.models
def test_english_only_model_rejects_other_languages() -> None:
    with pytest.raises(ConfigError, match="English-only"):
        WhisperStt(language="es")


@pytest.mark.models
def test_base_model_transcribes(base_stt: WhisperStt, speak: SpeakFn) -> None:
    assert base_stt.multilingual
    result = base_stt.transcribe(speak(SENTENCE), final=True)
    assert KEY_WORDS <= words(result.text), result
    assert base_stt.transcribe(np.zeros(16000, np.int16), final=True).text == ""


@pytest.mark.models
def test_base_model_detects_language_when_unset(base_stt: WhisperStt, speak: SpeakFn) -> None:
    base_stt.language = None
    try:
        result = base_stt.transcribe(speak(SENTENCE, voice="slt"), final=False)
    finally:
        base_stt.language = "en"
    assert {"appointment", "doctor"} <= words(result.text), result


def test_only_a_short_final_piece_gets_the_wider_beam():
    # Partials stay greedy whatever the configuration: they must keep up with the caller.
    assert decode_beam(1.0, final=False, configured=5) == 1
    # A one- or two-word turn is where greedy decoding goes wrong on a phone line.
    assert decode_beam(1.2, final=True, configured=1) == SHORT_BEAM
    assert decode_beam(SHORT_PIECE_S - 0.01, final=True, configured=1) == SHORT_BEAM
    # A sentence keeps what the operator configured; its beam would cost most.
    assert decode_beam(SHORT_PIECE_S, final=True, configured=1) == 1
    assert decode_beam(6.0, final=True, configured=3) == 3
    # A configured beam wider than SHORT_BEAM is never narrowed.
    assert decode_beam(1.0, final=True, configured=SHORT_BEAM + 3) == SHORT_BEAM + 3


def test_a_turn_said_over_again_by_the_recogniser_is_kept_once():
    assert say_once("Front left. Front left.") == "Front left."
    assert say_once("Where do I park? Where do I park? Where do I park?") == "Where do I park?"
    assert say_once("I want my bill. I want my bill.") == "I want my bill."
    # Case and punctuation do not hide a repeat.
    assert say_once("Rear, left. rear left") == "Rear, left."


def test_anything_but_a_whole_repeat_is_left_as_heard():
    for text in (
        "No, no.",  # one word: a caller's emphasis, kept
        "Help. Help. Help.",
        "Front left. Front left. Front",  # not the whole transcript
        "I said the left one, the left one please",
        "",
        "Front left.",
    ):
        assert say_once(text) == text
