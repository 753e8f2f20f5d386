"""scripts/eval_intent_blind.py: the sealed intent set parses, and the report counts right."""

from __future__ import annotations

import json

import pytest

from agent.nlu import INTENTS
from scripts import eval_intent_blind as blind


def test_the_committed_intent_set_is_well_formed_and_covers_every_intent():
    rows = blind.read_intent_set(blind.CHECK_SET)
    assert len(rows) >= 300
    counts = {name: sum(r["intent"] == name for r in rows) for name in INTENTS}
    assert min(counts.values()) >= 25, counts
    assert len({r["text"] for r in rows}) == len(rows)


@pytest.mark.parametrize("line", ["schedul|book me in", "what is this", "billing|   "])
def test_a_malformed_line_names_the_file_and_line(tmp_path, line):
    bad = tmp_path / "set.txt"
    bad.write_text(f"# header\nbilling|how much do I owe\n{line}\n")
    with pytest.raises(SystemExit, match=r"set\.txt:3: expected INTENT"):
        blind.read_intent_set(bad)


@pytest.mark.models
def test_the_report_counts_right_and_wrong(tmp_path):
    check = tmp_path / "set.txt"
    check.write_text(
        "cancel|I need to cancel my appointment on Tuesday please\n"
        "emergency|cancel my appointment, my husband has collapsed and isn't breathing\n"
    )
    out = tmp_path / "report.json"
    assert blind.main(["--set", str(check), "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["lines"] == 2
    assert report["errors"] == 2 - sum(v["right"] for v in report["per_intent"].values())
    assert report["per_intent"]["cancel"]["lines"] == 1
    assert report["per_intent"]["emergency"] == {"lines": 1, "right": 1}
