"""Turn-taking rules, tested by feeding frames (no clocks, no sleeps)."""

from __future__ import annotations

import numpy as np

from agent.turns import (
    SpeechPaused,
    SpeechResumed,
    SpeechStarted,
    TurnConfig,
    TurnDetector,
    endpoint_ms_for,
)

F = np.full(320, 1000, dtype=np.int16)


def feed(det: TurnDetector, pattern: str, t0: float = 0.0):
    """'s' = a speech frame, '.' = a silent frame; returns (events, t_after)."""
    events, t = [], t0
    for ch in pattern:
        events += det.push(F, 1.0 if ch == "s" else 0.0, t)
        t += 0.02
    return events, t


def test_onset_needs_60_ms_of_speech_and_reports_its_start():
    det = TurnDetector()
    events, _ = feed(det, "..s.ss" + "s")
    assert events == [SpeechStarted(t=0.08)]


def test_pause_then_resume_bumps_revision():
    det = TurnDetector()
    events, t = feed(det, "ssssssssss" + "......")  # 200 ms speech, 120 ms silence
    paused = [e for e in events if isinstance(e, SpeechPaused)]
    assert len(paused) == 1 and paused[0].revision == 0
    assert abs(paused[0].t_end - 0.2) < 1e-9
    events, t = feed(det, "sss", t)
    assert any(isinstance(e, SpeechResumed) for e in events)
    assert det.revision == 1 and not det.paused


def test_blip_during_pause_does_not_resume_but_counts_as_silence():
    det = TurnDetector()
    _, t = feed(det, "ssssss" + "......")
    before = det.silence_ms
    events, t = feed(det, "s.", t)
    assert not any(isinstance(e, SpeechResumed) for e in events)
    assert det.silence_ms == before + 40


def test_turn_audio_has_preroll_and_a_short_tail():
    cfg = TurnConfig()
    det = TurnDetector(cfg)
    _, _ = feed(det, "." * 20 + "s" * 10 + "." * 30)
    audio = det.audio()
    preroll = cfg.preroll_ms // 20 + cfg.onset_ms // 20 - 3  # frames before onset kept
    assert len(audio) // 320 >= 10 + cfg.tail_ms // 20
    assert len(audio) // 320 <= preroll + 3 + 10 + cfg.tail_ms // 20 + 1


def test_endpoint_waits_longer_when_the_words_trail_off():
    cfg = TurnConfig()
    assert endpoint_ms_for("I need a refill.", cfg) == cfg.endpoint_ms
    assert endpoint_ms_for("I need a refill for my", cfg) == cfg.endpoint_max_ms
    assert endpoint_ms_for("It's about, um,", cfg) == cfg.endpoint_max_ms
    assert endpoint_ms_for("", cfg) == cfg.endpoint_max_ms
    # Whisper's full stop says the sentence ended, even on a preposition or pronoun...
    assert endpoint_ms_for("I need you to come in.", cfg) == cfg.endpoint_ms
    assert endpoint_ms_for("Could someone look at it?", cfg) == cfg.endpoint_ms
    # ...but without one, those words mean the caller is probably still going.
    assert endpoint_ms_for("I was wondering if it", cfg) == cfg.endpoint_max_ms
    assert endpoint_ms_for("It's about my.", cfg) == cfg.endpoint_max_ms
    # a whole answer to a yes/no question, not a trailing "so"
    assert endpoint_ms_for("No, I don't think so.", cfg) == cfg.endpoint_ms
    assert endpoint_ms_for("I guess so", cfg) == cfg.endpoint_ms
    assert endpoint_ms_for("My chest hurts, so", cfg) == cfg.endpoint_max_ms


def test_a_turn_too_long_is_cut_once_and_never_resumed():
    cfg = TurnConfig(max_turn_s=5.0)
    det = TurnDetector(cfg)
    events, _ = feed(det, "s" * 400)  # 8 s of non-stop speech
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["SpeechStarted", "TurnTooLong"]
    assert det.paused
