"""Shared by the browser tests: a real Chromium must be installed (scripts/setup.sh does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handoff.testing import CHROMIUM


@pytest.fixture
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: scripts/setup.sh installs Debian's chromium")
    return CHROMIUM
