"""scripts/bench_red_flags.py runs and reports per-turn and long-turn times."""

from __future__ import annotations

import re

from scripts import bench_red_flags


def test_the_bench_reports_each_figure(capsys) -> None:
    assert bench_red_flags.main(["--rounds", "1"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\d+ descriptions, \d+\.\d+ ms per turn", out)
    assert len(re.findall(r"10,000-word turn, (?:no|with) pauses: \d+\.\d ms", out)) == 2
