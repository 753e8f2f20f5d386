from __future__ import annotations

import ast
from pathlib import Path

import telephony.media as media

PACKAGE = Path(media.__file__).parent
FORBIDDEN = {"asyncio", "socket", "selectors", "threading", "time", "trio"}


def test_protocol_code_is_sans_io():
    """No module may import a loop, a socket or a clock: time comes in as ``now``."""
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                names = {(node.module or "").split(".")[0]}
            else:
                continue
            assert not names & FORBIDDEN, f"{path.name} imports {names & FORBIDDEN}"


def test_modules_stay_small():
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text().splitlines()) < 400, path.name


def test_public_names_resolve():
    assert sorted(media.__all__) == media.__all__
    for name in media.__all__:
        assert getattr(media, name) is not None
