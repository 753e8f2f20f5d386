"""The throwaway PostgreSQL helper itself."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest

from agent.store import testing
from agent.store.testing import PostgresMissing, PostgresServer, find_pg_bin, postgres_server


def test_missing_postgres_binaries_name_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(testing.PG_BIN_ENV, str(tmp_path / "nowhere"))
    monkeypatch.setattr(testing, "DEBIAN_PG_ROOT", tmp_path / "no-debian")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PostgresMissing, match="apt-get install postgresql"):
        find_pg_bin()
    with pytest.raises(PostgresMissing, match="apt-get install postgresql"), postgres_server():
        pass


def test_server_listens_on_loopback_only(pg_server: PostgresServer) -> None:
    with psycopg.connect(pg_server.url().replace("+psycopg", "")) as conn:
        row = conn.execute("SHOW listen_addresses").fetchone()
        assert row == ("127.0.0.1",)
        row = conn.execute("SHOW unix_socket_directories").fetchone()
        assert row == (str(pg_server.root),)


def test_server_is_stopped_by_pid_and_removed_even_when_the_body_fails() -> None:
    with pytest.raises(RuntimeError, match="boom"), postgres_server() as server:
        pid, root = server.process.pid, server.root
        assert (root / "data" / "postmaster.pid").read_text().split()[0] == str(pid)
        raise RuntimeError("boom")
    assert server.process.poll() is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not root.exists()
