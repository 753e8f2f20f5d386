"""The whole agent, real models, on the generated corpus of scripted calls (virtual time).

Two kinds of check. The call engine's own behaviour (turn-taking, barge-in, how calls end,
one reply per turn) must hold on every call. What depends on recognising and understanding
phone-quality speech (intent, triage, the caller's key words) is scored over the corpus
against a floor at today's measured level, so a change that makes it worse fails here; the
intent and triage models are what raise it.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from agent.audio import load_audio
from agent.replay import expect as expectations
from agent.replay.harness import ReplayResult, replay_call
from models.wer import word_error_rate

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "build" / "corpus"
sys.path.insert(0, str(ROOT / "scripts"))
import corpus_calls  # noqa: E402

pytestmark = [pytest.mark.models, pytest.mark.slow]

CALL_IDS = [c.id for c in corpus_calls.CALLS]
ENGINE_KEYS = ("end_reason", "barge_in", "min_bot_turns")
# Share of calls whose recognition/understanding expectations all hold, measured on
# 2026-11-23 with tiny.en + the clinic prompt and the trained NLU with its triage questions:
# 32 of 51. (The keyword stand-in scored 40 here, but it was written beside these very calls;
# the trained model never saw them, and it hands off all 8 emergencies where the stand-in
# managed 5.) Most misses are tiny.en on synthetic phone voices: a misheard "No, not at all"
# leaves a triage question unresolved and the call goes to a nurse (urgent), by design.
# The floor is one call lower because CTranslate2's int8 kernels may round differently.
UNDERSTANDING_FLOOR = 31 / 51
BARGE_IN_STOP_MS = 150


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "index.json").exists():
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--out", str(CORPUS)],
            check=True,
        )
    return CORPUS


@pytest.fixture(scope="session")
def results(careline_engine, corpus: Path) -> dict[str, ReplayResult]:
    out = {}
    for call_id in CALL_IDS:
        out[call_id] = replay_call(
            careline_engine,
            corpus / call_id / "script.json",
            expect=corpus / call_id / "expect.json",
        )
    return out


def _expect(corpus: Path, call_id: str) -> dict:
    return json.loads((corpus / call_id / "expect.json").read_text())


@pytest.mark.parametrize("call_id", CALL_IDS)
def test_engine_behaviour(call_id: str, results: dict[str, ReplayResult], corpus: Path) -> None:
    result = results[call_id]
    rec = result.record.data
    want = _expect(corpus, call_id)
    engine_expect = {k: v for k, v in want.items() if k in ENGINE_KEYS}
    assert expectations.check(rec, engine_expect) == []
    assert rec["end_reason"] is not None
    turns = rec["turns"]
    assert turns[0]["speaker"] == "bot" and "automated assistant" in turns[0]["text"]
    for a, b in itertools.pairwise(turns):
        assert a["t_start"] <= b["t_start"] + 1e-6, "turns out of order"
    for t in turns:
        assert 0 <= t["t_start"] <= t["t_end"] <= rec["duration_s"] + 0.05
    callers = [t for t in turns if t["speaker"] == "caller"]
    # One reply per caller turn at most (a hang-up can leave the last one unanswered).
    assert len(rec["turn_latency_ms"]) <= len(callers)
    for barge in rec["barge_ins"]:
        if barge["stop_latency_ms"] is not None:
            assert barge["stop_latency_ms"] <= BARGE_IN_STOP_MS


def test_understanding_over_the_corpus(results: dict[str, ReplayResult], corpus: Path) -> None:
    passed, misses = 0, {}
    for call_id, result in results.items():
        want = {k: v for k, v in _expect(corpus, call_id).items() if k not in ENGINE_KEYS}
        failures = expectations.check(result.record.data, want)
        if failures:
            misses[call_id] = failures
        else:
            passed += 1
    share = passed / len(results)
    assert share >= UNDERSTANDING_FLOOR, (share, misses)


def test_real_recorded_speech(careline_engine, corpus: Path) -> None:
    """The real human recordings that install offline, clean and over a phone line."""
    index = json.loads((corpus / "real" / "index.json").read_text())
    scores = {}
    for clip in index["clips"]:
        heard = careline_engine.stt.transcribe(
            load_audio(corpus / "real" / clip["file"]), final=True
        ).text
        scores[clip["file"]] = (word_error_rate(clip["text"], heard), heard)
    clean = [s for f, (s, _) in scores.items() if not f.startswith("phone/")]
    phone = [s for f, (s, _) in scores.items() if f.startswith("phone/")]
    assert len(clean) >= 8 and len(phone) >= 8
    assert sum(clean) / len(clean) <= 0.10, scores
    assert sum(phone) / len(phone) <= 0.25, scores


def test_replay_with_real_models_is_deterministic(careline_engine, corpus: Path) -> None:
    script = corpus / "bargein-reply-01" / "script.json"
    a = replay_call(careline_engine, script).record.data
    b = replay_call(careline_engine, script).record.data
    for rec in (a, b):
        rec.pop("started_at")
    assert a == b
