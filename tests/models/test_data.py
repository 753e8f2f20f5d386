"""The labelled intent and triage data stays valid (schema, counts, split, red flags)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "models" / "data"


def test_labelled_data_passes_its_validator():
    run = subprocess.run(
        [sys.executable, str(DATA / "check_data.py"), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
