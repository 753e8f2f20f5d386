"""What the red-flag test modules share: the data folder, the flags a turn raises, the
labelled triage rows, and batch 9's training lines (the rules were widened from them)."""

from __future__ import annotations

import json
from pathlib import Path

from agent.triage.red_flags import find_red_flags

DATA = Path(__file__).resolve().parents[2] / "models" / "data"


def flags(text: str) -> list[str]:
    return [hit.flag for hit in find_red_flags(text)]


def triage_rows() -> list[dict]:
    lines = (DATA / "triage.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


BATCH9 = DATA / "pending" / "batch9" / "triage" / "h_more.txt"


def batch9_lines(mental_health: bool) -> list[tuple[str, str, str]]:
    """(level, labelled flags, text) of every line in the mental-health section, or of every
    line outside it."""
    section, rows = "", []
    for line in BATCH9.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.strip() and not line.startswith("#"):
            if (section == "mental_health") == mental_health:
                level, labelled, text = line.split("|", 2)
                rows.append((level, labelled, text))
    return rows
