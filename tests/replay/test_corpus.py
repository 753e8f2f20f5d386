"""The scripted-call corpus: its definitions, and what scripts/make_corpus.py writes."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from agent.audio import load_audio
from agent.replay.script import EXPECTATION_KEYS, load_expectations, load_script
from agent.replay.voices import BOT_VOICES, parse_voice

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


corpus_calls = _load("corpus_calls")
make_corpus = _load("make_corpus")
fetch_real_speech = _load("fetch_real_speech")

CALLS = corpus_calls.CALLS
EXPECT_KEYS = EXPECTATION_KEYS
# A small subset that still covers every kind of step: speech, barge-in, DTMF, silence, hang-up.
SUBSET = ["refill-01", "bargein-reply-01", "dtmf-zero-02", "silent-01", "hangup-02"]


def _needs_synth() -> None:
    for binary in ("flite", "espeak-ng", "text2wave"):
        if shutil.which(binary) is None:
            pytest.skip(f"{binary} is not installed")


def _text(call) -> str:
    return " ".join(s["say"] for s in call.steps if "say" in s).lower()


# ---------------------------------------------------------------------------- definitions


def test_definitions_cover_every_required_tag() -> None:
    assert len(CALLS) >= 36
    ids = [c.id for c in CALLS]
    assert len(set(ids)) == len(ids)
    tags = {t for c in CALLS for t in c.tags}
    assert corpus_calls.REQUIRED_TAGS <= tags, sorted(corpus_calls.REQUIRED_TAGS - tags)
    spoken = {c.voice for c in CALLS if c.voice}
    assert len(spoken) >= 6
    assert {v.split(":")[0] for v in spoken} == {"flite", "festival", "espeak"}
    assert not spoken & BOT_VOICES


@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
def test_each_call_is_consistent(call) -> None:
    exp = call.expect
    assert set(exp) <= EXPECT_KEYS
    assert call.steps and call.description
    kinds = [next(k for k in ("say", "dtmf", "silence", "hangup") if k in s) for s in call.steps]
    if "say" in kinds:
        for s in call.steps:
            if "say" in s:
                parse_voice(s.get("voice") or call.voice)  # a valid, non-bot voice
    intents = exp.get("intent")
    if intents is not None:
        for label in [intents] if isinstance(intents, str) else intents:
            assert label in corpus_calls.INTENTS
    for word in exp.get("caller_says", []):
        assert word.lower() in _text(call), f"{call.id}: caller never says {word!r}"
    assert 1 <= len(exp.get("caller_says", ["x"])) <= 3

    levels = corpus_calls.TRIAGE_LEVELS & set(call.tags)
    if "symptoms" in call.tags:
        assert exp["triage"]["level"] in corpus_calls.TRIAGE_LEVELS
        assert levels == {exp["triage"]["level"]}
    if "emergency" in call.tags:
        assert exp["intent"] == "emergency" and exp["handoff"] is True
    if "speak_to_person" in call.tags:
        assert exp["handoff"] is True
    if "silent" in call.tags:
        assert kinds and set(kinds) == {"silence"}
        assert exp["end_reason"] == "caller_silent"
    if "hangup" in call.tags:
        assert "hangup" in kinds and exp["end_reason"] == "caller_hangup"
    if "barge_in" in call.tags:
        assert any("barge_in" in s for s in call.steps) and exp["barge_in"] is True
    if "dtmf" in call.tags:
        assert "dtmf" in kinds


# ---------------------------------------------------------------------------- generation


@pytest.fixture(scope="module")
def subset_corpus(tmp_path_factory) -> Path:
    _needs_synth()
    out = tmp_path_factory.mktemp("corpus")
    args = ["--out", str(out), "--no-real", "-q", "--no-cache"]
    for cid in SUBSET:
        args += ["--only", cid]
    assert make_corpus.main(args) == 0
    return out


def test_generated_calls_load(subset_corpus: Path) -> None:
    index = json.loads((subset_corpus / "index.json").read_text())
    assert [c["id"] for c in index["calls"]] == SUBSET
    assert index["sample_rate"] == 8000
    by_id = {c.id: c for c in CALLS}
    for entry in index["calls"]:
        call = by_id[entry["id"]]
        script = load_script(subset_corpus / entry["script"])
        assert script.id == call.id and script.scripted
        assert len(script.caller) == len(call.steps)
        for step, raw in zip(script.caller, call.steps, strict=True):
            assert (step.audio is not None) == ("say" in raw)
            assert step.barge_in == raw.get("barge_in")
            if step.audio is not None:
                assert step.audio.exists()
        assert load_expectations(subset_corpus / entry["expect"]) == call.expect
        assert entry["tags"] == list(call.tags)
        said = [s["say"] for s in call.steps if "say" in s]
        assert [u["text"] for u in entry["utterances"]] == said


def test_generated_wavs_are_8k_phone_audio_with_spans(subset_corpus: Path) -> None:
    index = json.loads((subset_corpus / "index.json").read_text())
    utterances = [u for c in index["calls"] for u in c["utterances"]]
    assert len(utterances) >= 4
    for u in utterances:
        path = subset_corpus / u["file"]
        with wave.open(str(path), "rb") as w:
            assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
            assert w.getnframes() / 8000 == pytest.approx(u["duration"], abs=1e-3)
        start, end = u["speech_span"]
        assert 0.1 < start < end < u["duration"] - 0.1
        ls, le = u["line_span"]
        assert start - 0.02 <= ls < le <= end + 0.02
        pcm16 = load_audio(path)  # the replay loader resamples to 16 kHz
        assert pcm16.dtype == np.int16
        assert pcm16.size == pytest.approx(2 * u["duration"] * 8000, abs=4)


def test_silent_call_has_no_audio(subset_corpus: Path) -> None:
    script = json.loads((subset_corpus / "silent-01" / "script.json").read_text())
    assert all(set(s) == {"silence"} for s in script["caller"])
    assert not list((subset_corpus / "silent-01").glob("*.wav"))


def test_generation_is_deterministic(tmp_path: Path) -> None:
    _needs_synth()
    dirs = []
    for name in ("a", "b"):
        out = tmp_path / name
        assert (
            make_corpus.main(
                [
                    "--out",
                    str(out),
                    "--only",
                    "appt-when-01",
                    "--only",
                    "sym-back-01",
                    "--no-real",
                    "-q",
                    "--no-cache",
                ]
            )
            == 0
        )
        dirs.append(out)
    files = sorted(p.relative_to(dirs[0]) for p in dirs[0].rglob("*") if p.is_file())
    assert len(files) >= 6
    for rel in files:
        assert (dirs[0] / rel).read_bytes() == (dirs[1] / rel).read_bytes(), rel


def test_existing_corpus_needs_force(tmp_path: Path, capsys) -> None:
    args = ["--out", str(tmp_path), "--only", "silent-01", "--no-real", "-q"]
    assert make_corpus.main(args) == 0
    assert make_corpus.main(args) == 2
    assert "--force" in capsys.readouterr().err
    assert make_corpus.main([*args, "--force"]) == 0


def test_help_and_bad_ids(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        make_corpus.main(["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for flag in ("--out", "--force", "--only", "--list", "--no-real"):
        assert flag in text
    with pytest.raises(SystemExit, match="unknown call id"):
        make_corpus.main(["--only", "no-such-call", "--out", "unused"])


def test_runs_as_a_script(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPTS / "make_corpus.py"),
            "--out",
            str(tmp_path),
            "--only",
            "dtmf-zero-01",
            "--no-real",
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    script = load_script(tmp_path / "dtmf-zero-01" / "script.json")
    assert script.caller[0].dtmf == "0"


def test_real_speech_from_installed_sources(tmp_path: Path) -> None:
    if not fetch_real_speech.ALSA_DIR.is_dir():
        pytest.skip("alsa-utils is not installed")
    entries = fetch_real_speech.fetch(tmp_path, download=False, log=lambda _m: None)
    index = json.loads((tmp_path / "real" / "index.json").read_text())
    assert index["clips"] == entries
    texts = {e["text"] for e in entries}
    assert "front center" in texts
    assert all(e["text"] and (tmp_path / "real" / e["file"]).is_file() for e in entries)
    assert not any("noise" in e["file"].lower() for e in entries)  # Noise.wav is not speech
    phone = [e for e in entries if e["phone_line"]]
    assert phone and len(phone) * 2 == len(entries)
    for e in entries:
        start, end = e["speech_span"]
        assert 0.0 <= start < end <= e["duration"] + 1e-6
