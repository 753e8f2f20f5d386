"""Batch 9's training lines, read for the red-flag tests (the rules were widened from them)."""

from __future__ import annotations

from pathlib import Path

from agent.triage.red_flags import find_red_flags

BATCH9 = Path(__file__).resolve().parents[2] / "models/data/pending/batch9/triage/h_more.txt"


def flags(text: str) -> list[str]:
    return [hit.flag for hit in find_red_flags(text)]


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
