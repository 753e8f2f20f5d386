"""``careline triage --jsonl IN --out OUT`` with the committed model."""

from __future__ import annotations

import json

import pytest

from agent.cli import main

pytestmark = pytest.mark.models


def run(tmp_path, lines: list[str]) -> tuple[int, list[dict]]:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["triage", "--jsonl", str(src), "--out", str(out), "--quiet"])
    return code, [json.loads(x) for x in out.read_text().splitlines()]


def test_every_line_gets_the_documented_shape(tmp_path):
    code, rows = run(
        tmp_path,
        [
            json.dumps({"id": "a", "text": "crushing chest pain spreading to my left arm"}),
            json.dumps(
                {"id": 2, "text": "A 30-year-old with a runny nose for two days, eating well."}
            ),
            json.dumps({"id": "c", "text": ""}),
        ],
    )
    assert code == 0
    assert [r["id"] for r in rows] == ["a", 2, "c"]
    for r in rows:
        assert set(r) == {"id", "intent", "triage"}
        assert set(r["triage"]) == {"level", "complaint", "red_flags", "confidence"}
        assert r["triage"]["level"] in ("emergency", "urgent", "routine", "self_care")
        assert 0.0 <= r["triage"]["confidence"] <= 1.0
    assert rows[0]["triage"]["level"] == "emergency"
    assert rows[0]["triage"]["red_flags"]
    assert rows[2]["triage"]["level"] == "urgent"  # nothing to assess: a nurse, not a guess


def test_bad_lines_are_reported_in_place_and_the_rest_still_triaged(tmp_path, capsys):
    code, rows = run(
        tmp_path,
        [
            "{not json",
            json.dumps({"id": "x"}),
            json.dumps(["a list"]),
            json.dumps({"id": "ok", "text": "my throat is closing up"}),
        ],
    )
    assert code == 1
    assert [r.get("error") is not None for r in rows] == [True, True, True, False]
    assert rows[0]["line"] == 1 and rows[1]["id"] == "x"
    assert rows[3]["triage"]["level"] == "emergency"
    err = capsys.readouterr().err
    assert "3 input line(s)" in err
    assert "throat" not in err  # patient words never reach the log or the console


def test_missing_input_is_a_clear_error(tmp_path, capsys):
    code = main(["triage", "--jsonl", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o")])
    assert code == 2
    assert "no such input file" in capsys.readouterr().err


def test_absurd_json_and_a_byte_order_mark_do_not_crash(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    nested = "[" * 100_000 + "]" * 100_000
    good = json.dumps({"id": "g", "text": "I have a mild cough"})
    src.write_bytes(b"\xef\xbb\xbf" + (good + "\n" + nested + "\n" + "9" * 5000 + "\n").encode())
    assert main(["triage", "--jsonl", str(src), "--out", str(out), "--quiet"]) == 1
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert "triage" in rows[0] and rows[1]["error"] and rows[2]["error"]
