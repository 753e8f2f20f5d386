"""What the red-flag test modules share: the data folder, the flags a turn raises, and the
labelled triage rows."""

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
