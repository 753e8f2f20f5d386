"""scripts/eval_rules_blind.py: the blind check set parses, and the report counts right."""

from __future__ import annotations

import json

import pytest

from models.data.check_data import RED_FLAGS
from scripts import eval_rules_blind as blind


def test_the_committed_check_set_is_well_formed():
    rows = blind.read_check_set(blind.CHECK_SET)
    assert len(rows) >= 200
    for r in rows:
        if r["level"] == "emergency":
            assert r["red_flags"], r["line"]
        else:
            assert not r["red_flags"], r["line"]
        assert set(r["red_flags"]) <= set(RED_FLAGS), r["line"]
    # every red flag in the vocabulary is measured
    assert {r["red_flags"][0] for r in rows if r["red_flags"]} == set(RED_FLAGS)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("X||what level is this", r"expected LEVEL\|flags\|text"),
        ("E||her face dropped", "an E line names its red flags"),
        ("S|stroke_signs|a cold", "an E line names its red flags"),
    ],
)
def test_a_malformed_line_names_the_file_and_line(tmp_path, line, says):
    bad = tmp_path / "set.txt"
    bad.write_text(f"# header\nE|stroke_signs|her face dropped\n{line}\n")
    with pytest.raises(SystemExit, match=f"set.txt:3: {says}"):
        blind.read_check_set(bad)


@pytest.mark.models
def test_the_report_counts_rules_and_careline_separately(tmp_path):
    check = tmp_path / "set.txt"
    check.write_text(
        "E|stroke_signs|my dad's face has dropped on one side and he can't lift his arm\n"
        "S||just a runny nose and a tickly throat, eating and drinking fine\n"
    )
    out = tmp_path / "report.json"
    assert blind.main(["--set", str(check), "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert (report["lines"], report["emergencies"]) == (2, 1)
    assert report["rules_alone"]["emergencies_caught"] == 1
    assert report["rules_alone"]["per_primary_flag"] == {"stroke_signs": {"lines": 1, "caught": 1}}
    assert report["careline"]["emergencies_under_triaged"] == 0
