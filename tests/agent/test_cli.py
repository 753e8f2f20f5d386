"""The command line: bad input is a clear message and status 2, never a traceback."""

from __future__ import annotations

import json
import wave

import numpy as np
import pytest

from agent import cli
from agent.audio import save_wav


@pytest.fixture
def use_fakes(monkeypatch, fake_engine):
    # The engine is closed by its fixture; the CLI's own close must not break it first.
    monkeypatch.setattr(fake_engine, "close", lambda: None)
    monkeypatch.setattr(cli, "_load_engine", lambda args: fake_engine)
    return fake_engine


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_help_explains_formats_and_examples(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["replay", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert "G.711" in text and "examples:" in text and "--realtime" in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.wav", b"", "empty"),
        ("corrupt.wav", b"RIFF\x10\x00\x00\x00WAVEjunkjunkjunk", "not a readable"),
        ("song.mp3", b"ID3\x03", "expected a call script"),
        ("notes.txt", b"hello", "expected a call script"),
    ],
)
def test_bad_files(tmp_path, capsys, use_fakes, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, _out, err = run(capsys, "replay", str(path), "--out", str(tmp_path / "r.json"))
    assert code == 2 and message in err


def test_wrong_sample_rate_and_missing_file(tmp_path, capsys, use_fakes):
    with wave.open(str(tmp_path / "slow.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(4000)
        w.writeframes(b"\x00\x00" * 4000)
    code, _, err = run(capsys, "replay", str(tmp_path / "slow.wav"))
    assert code == 2 and "4000 Hz is outside" in err
    code, _, err = run(capsys, "replay", str(tmp_path / "gone.wav"))
    assert code == 2 and "no such file" in err


def test_script_with_a_bad_audio_step_fails_before_models_load(tmp_path, capsys, monkeypatch):
    (tmp_path / "s.json").write_text(json.dumps({"caller": [{"audio": "missing.wav"}]}))
    monkeypatch.setattr(cli, "_load_engine", lambda args: pytest.fail("models loaded"))
    code, _, err = run(capsys, "replay", str(tmp_path / "s.json"))
    assert code == 2 and "missing.wav: no such file" in err


def test_bad_script_and_expectations(tmp_path, capsys, use_fakes):
    (tmp_path / "s.json").write_text("{not json")
    code, _, err = run(capsys, "replay", str(tmp_path / "s.json"))
    assert code == 2 and "not valid JSON" in err
    (tmp_path / "ok.json").write_text(json.dumps({"caller": [{"hangup": True}]}))
    (tmp_path / "x.json").write_text(json.dumps({"intnet": "refill"}))
    code, _, err = run(
        capsys, "replay", str(tmp_path / "ok.json"), "--expect", str(tmp_path / "x.json")
    )
    assert code == 2 and "unknown expectation keys ['intnet']" in err


def test_silence_only_recording_is_a_clean_record(tmp_path, capsys, use_fakes):
    save_wav(tmp_path / "quiet.wav", np.zeros(8000 * 60, dtype=np.int16), rate=8000)
    out = tmp_path / "r.json"
    code, stdout, _ = run(capsys, "replay", str(tmp_path / "quiet.wav"), "--out", str(out))
    assert code == 0
    record = json.loads(out.read_text())
    assert record["end_reason"] == "caller_silent"
    assert "end=caller_silent" in stdout
    assert (tmp_path / "r.wav").exists() and (tmp_path / "r.jsonl").exists()


def test_thirty_minute_recording_ends_cleanly_at_the_call_limit(tmp_path, capsys, use_fakes, book):
    # A caller who asks about opening hours every 20 s for half an hour.
    ask = book.say("what are your opening hours")
    block = np.concatenate([ask, np.zeros(16000 * 20 - len(ask), dtype=np.int16)])
    save_wav(tmp_path / "long.wav", np.tile(block, 90))
    out = tmp_path / "r.json"
    code, _, _ = run(capsys, "replay", str(tmp_path / "long.wav"), "--out", str(out), "--quiet")
    assert code == 0
    record = json.loads(out.read_text())
    assert record["end_reason"] == "max_duration"
    # Told politely at the 20-minute limit, then hung up once the goodbye was heard.
    assert "time limit" in record["turns"][-1]["text"]
    assert 20 * 60 < record["duration_s"] < 20 * 60 + 30


def test_expectations_decide_the_exit_status(tmp_path, capsys, use_fakes):
    (tmp_path / "s.json").write_text(json.dumps({"caller": [{"dtmf": "0"}]}))
    (tmp_path / "good.json").write_text(json.dumps({"intent": "speak_to_person", "handoff": True}))
    (tmp_path / "bad.json").write_text(json.dumps({"intent": "billing"}))
    code, _, _ = run(
        capsys,
        "replay",
        str(tmp_path / "s.json"),
        "--expect",
        str(tmp_path / "good.json"),
        "--out",
        str(tmp_path / "r.json"),
    )
    assert code == 0
    code, _, err = run(
        capsys,
        "replay",
        str(tmp_path / "s.json"),
        "--expect",
        str(tmp_path / "bad.json"),
        "--out",
        str(tmp_path / "r.json"),
    )
    assert code == 1 and "expected billing, got speak_to_person" in err
